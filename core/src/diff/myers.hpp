// Myers' O(ND) difference of two sequences of numbers, linear space, with a work budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "artifacts/word_diff.hpp"

namespace artifacts::detail {

struct EditRun {
  DiffOp op;
  std::size_t begin, end;  // range in `a` (equal, remove) or in `b` (insert)
};

// The edit script from `a` to `b` as runs in order; past `budget` steps of search the rest is
// one removal and one insertion.
std::vector<EditRun> myers_diff(const std::vector<std::uint32_t>& a,
                                const std::vector<std::uint32_t>& b, std::size_t budget);

}  // namespace artifacts::detail
