// An RFC 6902 JSON Patch applier (add, remove, replace, move: what the library's diff emits),
// written independently of the library's diff code: the oracle its patches are checked against.
// Exact: values are copied as read (numbers included) and pointers may name any key, NUL bytes
// and "~0"/"~1" escapes included.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace artifacts::testing {

// The unescaped tokens of a JSON Pointer (RFC 6901); nothing when it is malformed.
std::optional<std::vector<std::string>> pointer_tokens(std::string_view pointer);

// Applies `patch` (an array of operations) to `document`, in order. False when the patch is
// malformed or an operation does not apply (`document` is then partly patched).
bool apply_patch(rapidjson::Document& document, const rapidjson::Value& patch);
// The same with the patch as JSON text (read by the tests' own reader).
bool apply_patch(rapidjson::Document& document, std::string_view patch_json);

}  // namespace artifacts::testing
