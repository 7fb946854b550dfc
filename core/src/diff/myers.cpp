// Myers' O(ND) difference algorithm in its linear-space form (the "middle snake" bisection),
// with a work budget.
#include "diff/myers.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace artifacts::detail {
namespace {

class Myers {
 public:
  Myers(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b,
        std::size_t budget)
      : a_(a), b_(b), budget_(budget) {
    // One pair of V arrays for the whole run, sized for the largest (first) bisection and only
    // initialised as far as each search reaches, so a diff with few edits stays cheap.
    const std::size_t length = a.size() + b.size() + 3;
    forward_.resize(length);
    backward_.resize(length);
  }

  std::vector<EditRun> run() {
    diff(0, a_.size(), 0, b_.size());
    return std::move(pieces_);
  }

 private:
  void emit(DiffOp op, std::size_t begin, std::size_t end) {
    if (begin == end) return;
    if (!pieces_.empty() && pieces_.back().op == op && pieces_.back().end == begin) {
      pieces_.back().end = end;
    } else {
      pieces_.push_back({op, begin, end});
    }
  }

  void diff(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    std::size_t prefix = 0;
    while (a0 + prefix < a1 && b0 + prefix < b1 && a_[a0 + prefix] == b_[b0 + prefix]) ++prefix;
    emit(DiffOp::equal, a0, a0 + prefix);
    a0 += prefix;
    b0 += prefix;
    std::size_t suffix = 0;
    while (a1 - suffix > a0 && b1 - suffix > b0 && a_[a1 - suffix - 1] == b_[b1 - suffix - 1]) {
      ++suffix;
    }
    a1 -= suffix;
    b1 -= suffix;
    std::int64_t x = 0, y = 0;
    if (a0 == a1 || b0 == b1 || spent_ >= budget_ || !bisect(a0, a1, b0, b1, x, y)) {
      // Nothing in common, or out of budget: a replacement.
      emit(DiffOp::remove, a0, a1);
      emit(DiffOp::insert, b0, b1);
    } else {
      diff(a0, a0 + static_cast<std::size_t>(x), b0, b0 + static_cast<std::size_t>(y));
      diff(a0 + static_cast<std::size_t>(x), a1, b0 + static_cast<std::size_t>(y), b1);
    }
    emit(DiffOp::equal, a1, a1 + suffix);
  }

  // Finds the middle snake of the shortest edit script of the range; false when the ranges have
  // nothing in common or the budget ran out.
  bool bisect(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1, std::int64_t& split_x,
              std::int64_t& split_y) {
    const auto n = static_cast<std::int64_t>(a1 - a0);
    const auto m = static_cast<std::int64_t>(b1 - b0);
    const std::int64_t max_d = (n + m + 1) / 2;
    const std::int64_t offset = max_d;
    const std::int64_t length = 2 * max_d + 2;
    const std::int64_t delta = n - m;
    const bool odd = (delta % 2) != 0;
    // Entries read in round d lie within d + |delta| + 2 of the offset; initialise lazily.
    std::int64_t filled = -1;
    auto fill_to = [&](std::int64_t radius) {
      radius = std::min(radius, offset);
      for (std::int64_t r = filled + 1; r <= radius; ++r) {
        for (std::int64_t i : {offset - r, offset + r, offset + r + 1}) {
          if (i >= 0 && i < length)
            forward_[static_cast<std::size_t>(i)] = backward_[static_cast<std::size_t>(i)] = -1;
        }
      }
      filled = std::max(filled, radius);
    };
    fill_to(std::abs(delta) + 2);
    forward_[static_cast<std::size_t>(offset + 1)] = 0;
    backward_[static_cast<std::size_t>(offset + 1)] = 0;
    std::int64_t k1_start = 0, k1_end = 0, k2_start = 0, k2_end = 0;
    auto fw = [&](std::int64_t i) -> std::int64_t& {
      return forward_[static_cast<std::size_t>(i)];
    };
    auto bw = [&](std::int64_t i) -> std::int64_t& {
      return backward_[static_cast<std::size_t>(i)];
    };
    const std::uint32_t* a = a_.data() + a0;
    const std::uint32_t* b = b_.data() + b0;

    for (std::int64_t d = 0; d < max_d && spent_ < budget_; ++d) {
      fill_to(d + std::abs(delta) + 2);
      for (std::int64_t k1 = -d + k1_start; k1 <= d - k1_end; k1 += 2) {
        const std::int64_t k1_offset = offset + k1;
        std::int64_t x1 = (k1 == -d || (k1 != d && fw(k1_offset - 1) < fw(k1_offset + 1)))
                              ? fw(k1_offset + 1)
                              : fw(k1_offset - 1) + 1;
        std::int64_t y1 = x1 - k1;
        while (x1 < n && y1 < m && a[x1] == b[y1]) ++x1, ++y1, ++spent_;
        ++spent_;
        fw(k1_offset) = x1;
        if (x1 > n) {
          k1_end += 2;
        } else if (y1 > m) {
          k1_start += 2;
        } else if (odd) {
          const std::int64_t k2_offset = offset + delta - k1;
          if (k2_offset >= 0 && k2_offset < length && bw(k2_offset) != -1 &&
              x1 >= n - bw(k2_offset)) {
            split_x = x1;
            split_y = y1;
            return true;
          }
        }
      }
      for (std::int64_t k2 = -d + k2_start; k2 <= d - k2_end; k2 += 2) {
        const std::int64_t k2_offset = offset + k2;
        std::int64_t x2 = (k2 == -d || (k2 != d && bw(k2_offset - 1) < bw(k2_offset + 1)))
                              ? bw(k2_offset + 1)
                              : bw(k2_offset - 1) + 1;
        std::int64_t y2 = x2 - k2;
        while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1]) ++x2, ++y2, ++spent_;
        ++spent_;
        bw(k2_offset) = x2;
        if (x2 > n) {
          k2_end += 2;
        } else if (y2 > m) {
          k2_start += 2;
        } else if (!odd) {
          const std::int64_t k1_offset = offset + delta - k2;
          if (k1_offset >= 0 && k1_offset < length && fw(k1_offset) != -1) {
            const std::int64_t x1 = fw(k1_offset);
            const std::int64_t y1 = offset + x1 - k1_offset;
            if (x1 >= n - x2) {
              split_x = x1;
              split_y = y1;
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  const std::vector<std::uint32_t>& a_;
  const std::vector<std::uint32_t>& b_;
  std::size_t budget_;
  std::size_t spent_ = 0;
  std::vector<std::int64_t> forward_, backward_;
  std::vector<EditRun> pieces_;
};

}  // namespace

std::vector<EditRun> myers_diff(const std::vector<std::uint32_t>& a,
                                const std::vector<std::uint32_t>& b, std::size_t budget) {
  return Myers(a, b, budget).run();
}

}  // namespace artifacts::detail
