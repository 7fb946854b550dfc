// A word-level diff of two texts with Myers' O(ND) algorithm in linear space.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace artifacts {

enum class DiffOp : unsigned char { equal, insert, remove };
std::string_view diff_op_name(DiffOp op);  // "equal", "insert", "delete"

struct TextPiece {
  DiffOp op;
  std::string text;
};

// The work one word diff may do, counted in steps of the search. Past it, the part of the texts
// still unmatched is reported as one deletion and one insertion: a correct diff, no longer
// minimal, so a pathological pair (two unrelated long texts) costs bounded time. Memory is
// linear in the number of tokens.
inline constexpr std::size_t kWordDiffBudget = std::size_t{1} << 25;

// Splits both texts into tokens (words, whitespace runs, punctuation; each CJK character or
// emoji on its own; never inside a UTF-8 sequence) and diffs the token sequences. Joining the
// equal and insert pieces gives `after`; the equal and delete pieces give `before`. Adjacent
// pieces with the same op are merged.
std::vector<TextPiece> word_diff(std::string_view before, std::string_view after,
                                 std::size_t budget = kWordDiffBudget);

// The token boundaries word_diff uses, exposed for tests: each token as a view into `text`.
std::vector<std::string_view> word_tokens(std::string_view text);

}  // namespace artifacts
