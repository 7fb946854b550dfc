// Byte-level work on JSON text already known to be well-formed: whitespace between tokens removed
// (tokens kept byte for byte, so every parser reads the same values), an object's members and an
// array's items cut out as spans.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace artifacts::detail {

// `json` without the whitespace between its tokens, appended to `out`.
void append_compact(std::string_view json, std::string& out);

struct MemberSpan {
  std::string_view raw_key;  // between the quotes, as written
  std::string_view value;    // the value's text as written (whitespace inside kept)
};

// The members of the well-formed JSON object `json`, in order (repeats included).
std::vector<MemberSpan> object_member_spans(std::string_view json);

// The items of the well-formed JSON array `json`, in order, each as written.
std::vector<std::string_view> array_item_spans(std::string_view json);

}  // namespace artifacts::detail
