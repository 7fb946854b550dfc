// The fast path of validate(): one pass over the bytes, directed by the schema, building nothing.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "artifacts/document.hpp"
#include "artifacts/registry.hpp"

namespace artifacts::detail {

// True when `json` is well-formed JSON that satisfies `model` exactly as written: every required
// field present, every value of its type with no lax conversion, no unknown or repeated key,
// nothing to canonicalise and, with a tier, no section above it. Its normalised value is then
// the input itself. False means "take the full path", which finds the errors or the conversions;
// it never means the input is invalid. Only what is certainly valid is accepted here; text with
// U+FFFD (the replacement character) always takes the full path.
bool validates_as_written(const ModelSpec& model, std::string_view json, std::optional<Tier> tier);

// Where validates_as_written() found the parts of a document it accepted, recorded in the same
// pass: each top-level member, and in each list of identified items each item with the text of
// its identity's value (empty when the item has none). Views into the scanned text.
struct WrittenLayout {
  using Item = Document::ListItem;
  struct Member {
    std::string_view key;  // between the quotes (keys with escapes take the full path)
    std::string_view value;
    std::size_t first_item = 0;  // its items: items[first_item, first_item + item_count)
    std::size_t item_count = 0;
  };
  std::vector<Member> members;
  std::vector<Item> items;
  bool compact = true;  // no whitespace between tokens
};
bool validates_as_written(const ModelSpec& model, std::string_view json, std::optional<Tier> tier,
                          WrittenLayout& layout);

// The same for one value of `type` on its own (a streamed section or list item as it closes).
bool value_validates_as_written(const TypeSpec& type, std::string_view json,
                                std::optional<Tier> tier);

// The same for the value of `field` as a member of a document's top-level object (one level
// deep, as the whole document's scan meets it): `null` where the field is nullable, or a value of
// its type in a section the tier allows.
bool field_validates_as_written(const FieldSpec& field, std::string_view json,
                                std::optional<Tier> tier);

// A member of a top-level object as the bytes of the input.
struct RawMember {
  std::string_view key;    // without quotes (no escapes: keys with escapes take the full path)
  std::string_view value;  // the value's JSON text
};

// The members of `json`, a top-level object, as byte spans, when the text is certainly JSON that
// the full parser reads the same way; false means "take the full path".
bool raw_members(std::string_view json, std::vector<RawMember>& members);

}  // namespace artifacts::detail
