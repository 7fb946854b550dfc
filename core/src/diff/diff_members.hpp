// diff() of two contents given as their top-level members' texts (documents held open): members
// whose text is the same on both sides are equal without being read, and so are the items of a
// list whose text is the same on both sides when the lists' items come already read.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "artifacts/document.hpp"
#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"

namespace artifacts::detail {

// An item of a list of identified items: its text and its identity's value as written.
using ItemText = Document::ListItem;

struct MemberText {
  std::string_view key;             // decoded
  std::string_view value;           // compact JSON text
  std::span<const ItemText> items;  // a list of identified items: its items, when already read
  bool writes_as_is = false;        // the text is what writing its value gives (merge copies it)
};

// The member `key` of `members`, or nullptr (contents here never repeat a key).
inline const MemberText* find_member(std::span<const MemberText> members, std::string_view key) {
  for (const auto& member : members) {
    if (member.key == key) return &member;
  }
  return nullptr;
}

// The model of the items of the field `key` when that field is a list of identified items.
const ModelSpec* identified_items(const ModelSpec& model, std::string_view key);

// diff() of two contents that validate as `model`, no key repeated on either side; the same
// patch and sections diff() gives for their texts.
DiffResult diff_members(const ModelSpec& model, std::span<const MemberText> before,
                        std::span<const MemberText> after);

}  // namespace artifacts::detail
