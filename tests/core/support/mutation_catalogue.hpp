// The edit catalogue tests/fixtures/mutations.json, shared by the C++ mutator (mutate.cpp) and
// the JS one (tests/js/support/mutate.js): the words prose edits use, the weighted text, list and
// optional-section edits, the integer range and the names given to copied list items.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace artifacts::testing {

enum class TextEdit { clear, append_word, drop_word, insert_word, prepend_word };
enum class ListEdit { remove_item, copy_item, move_item, edit_item };
enum class SectionEdit { edit, remove, set_null };

// Edits with their weights: one is picked with probability weight / sum of weights.
template <typename Edit>
using Weighted = std::vector<std::pair<Edit, unsigned>>;

struct MutationCatalogue {
  std::vector<std::string> words;
  Weighted<TextEdit> text_edits;
  std::int64_t integer_min = 0, integer_max = 0;
  Weighted<ListEdit> list_edits;
  Weighted<SectionEdit> optional_section_edits;
  std::string text_identity;  // "{n}" is the copy's number
  std::int64_t number_identity_after = 0;
  std::string copied_text;  // a copied plain item; "{n}" as above
};

// The catalogue, read once. Throws std::runtime_error when it is malformed or names an edit
// this mutator does not implement.
const MutationCatalogue& mutation_catalogue();

}  // namespace artifacts::testing
