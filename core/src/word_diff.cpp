// Myers' O(ND) difference algorithm in its linear-space form (the "middle snake" bisection),
// over word tokens, with a work budget.
#include "artifacts/word_diff.hpp"

#include "myers.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace artifacts {
namespace {

enum class TokenClass { space, word, single, joiner };

constexpr auto kAsciiClasses = [] {
  std::array<TokenClass, 128> classes{};
  for (int c = 0; c < 128; ++c) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    bool word =
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    classes[static_cast<std::size_t>(c)] = space  ? TokenClass::space
                                           : word ? TokenClass::word
                                                  : TokenClass::single;
  }
  return classes;
}();

TokenClass classify(char32_t c) {
  if (c < 128) return kAsciiClasses[c];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0) {
    return TokenClass::space;
  }
  if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_') {
    return TokenClass::word;
  }
  // Marks that belong to the character before them: combining marks, zero-width joiner,
  // variation selectors, emoji skin tones.
  if ((c >= 0x300 && c <= 0x36F) || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
      (c >= 0x1F3FB && c <= 0x1F3FF)) {
    return TokenClass::joiner;
  }
  // Scripts written without spaces (CJK, kana, hangul) and symbols/emoji: one token each.
  if (c >= 0x2E80) return TokenClass::single;
  // Other letters (accented Latin, Greek, Cyrillic, ...) are word characters.
  if (c >= 0x80 && c != 0x2014 && c != 0x2013 && !(c >= 0x2000 && c <= 0x206F)) {
    return TokenClass::word;
  }
  return TokenClass::single;  // ASCII punctuation, dashes, quotes
}

using detail::EditRun;

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

// Token text -> small integer, by open addressing on an FNV-1a hash (tokens are short). The
// slot keeps the text, so a hit is settled without another memory access.
class TokenIds {
 public:
  explicit TokenIds(std::size_t capacity) {
    std::size_t size = 64;
    while (size < 2 * capacity) size <<= 1;
    slots_.assign(size, Slot{});
  }

  std::vector<std::uint32_t> number(const std::vector<std::string_view>& tokens) {
    std::vector<std::uint32_t> out;
    out.reserve(tokens.size());
    for (auto token : tokens) out.push_back(id(token));
    return out;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::string_view text;
    std::uint32_t id = kEmpty;
  };
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;

  std::uint32_t id(std::string_view token) {
    std::uint64_t hash = 14695981039346656037ull;
    for (char c : token) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = (hash ^ (hash >> 29)) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id == kEmpty) {
        slot = {hash, token, next_++};
        return slot.id;
      }
      if (slot.hash == hash && slot.text == token) return slot.id;
    }
  }

  std::vector<Slot> slots_;
  std::uint32_t next_ = 0;
};

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// Whitespace that happens to match between two rewritten stretches ("old words" -> "new text")
// is folded into the edit around it, and each run of edits becomes one deletion then one
// insertion: what a reader expects, and still exact (both texts reconstruct).
std::vector<TextPiece> readable(std::vector<TextPiece> pieces) {
  std::vector<TextPiece> out;
  std::string removed, inserted;
  auto flush = [&] {
    if (!removed.empty()) out.push_back({DiffOp::remove, std::move(removed)});
    if (!inserted.empty()) out.push_back({DiffOp::insert, std::move(inserted)});
    removed.clear();
    inserted.clear();
  };
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    auto& piece = pieces[i];
    const bool inner_blank = piece.op == DiffOp::equal && blank(piece.text) && i > 0 &&
                             i + 1 < pieces.size() && pieces[i - 1].op != DiffOp::equal &&
                             pieces[i + 1].op != DiffOp::equal;
    if (piece.op == DiffOp::equal && !inner_blank) {
      flush();
      out.push_back(std::move(piece));
    } else if (inner_blank) {
      removed += piece.text;
      inserted += piece.text;
    } else {
      (piece.op == DiffOp::remove ? removed : inserted) += piece.text;
    }
  }
  flush();
  return out;
}

}  // namespace

namespace detail {
std::vector<EditRun> myers_diff(const std::vector<std::uint32_t>& a,
                                const std::vector<std::uint32_t>& b, std::size_t budget) {
  return Myers(a, b, budget).run();
}
}  // namespace detail

std::string_view diff_op_name(DiffOp op) {
  switch (op) {
    case DiffOp::equal:
      return "equal";
    case DiffOp::insert:
      return "insert";
    case DiffOp::remove:
      return "delete";
  }
  return "equal";
}

std::vector<std::string_view> word_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  tokens.reserve(text.size() / 3 + 1);
  std::size_t i = 0;
  TokenClass previous = TokenClass::single;
  std::size_t start = 0;  // start of the token being built
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    char32_t code = byte;
    std::size_t length = 1;
    if (byte >= 0x80) {
      auto point = detail::decode_utf8(text, i);
      code = point.code;
      length = point.length;
    }
    TokenClass kind = classify(code);
    bool extends = !tokens.empty() &&
                   (kind == TokenClass::joiner ||
                    (kind == previous && (kind == TokenClass::word || kind == TokenClass::space)) ||
                    // A zero-width joiner glues the next emoji to the sequence before it.
                    (previous == TokenClass::joiner && kind == TokenClass::single));
    if (!extends) {
      if (!tokens.empty()) tokens.back() = text.substr(start, i - start);
      start = i;
      tokens.emplace_back();
    }
    previous = (kind == TokenClass::joiner && code != 0x200D) ? TokenClass::single : kind;
    i += length;
    // The common case: more ASCII characters of the same word or space run.
    if (previous == TokenClass::word || previous == TokenClass::space) {
      while (i < text.size()) {
        auto next = static_cast<unsigned char>(text[i]);
        if (next >= 0x80 || kAsciiClasses[next] != previous) break;
        ++i;
      }
    }
  }
  if (!tokens.empty()) tokens.back() = text.substr(start, i - start);
  return tokens;
}

std::vector<TextPiece> word_diff(std::string_view before, std::string_view after,
                                 std::size_t budget) {
  auto old_tokens = word_tokens(before);
  auto new_tokens = word_tokens(after);
  // An edit usually touches a stretch of a long text: the common head and tail are equal as they
  // stand and never enter the hash table or the search.
  const std::size_t shorter = std::min(old_tokens.size(), new_tokens.size());
  std::size_t head = 0;
  while (head < shorter && old_tokens[head] == new_tokens[head]) ++head;
  std::size_t tail = 0;
  while (tail < shorter - head &&
         old_tokens[old_tokens.size() - 1 - tail] == new_tokens[new_tokens.size() - 1 - tail]) {
    ++tail;
  }
  const std::vector<std::string_view> old_middle(old_tokens.begin() + head,
                                                 old_tokens.end() - tail);
  const std::vector<std::string_view> new_middle(new_tokens.begin() + head,
                                                 new_tokens.end() - tail);
  // Compare tokens as numbers: one id per distinct token text.
  TokenIds ids(old_middle.size() + new_middle.size());
  auto a = ids.number(old_middle);
  auto b = ids.number(new_middle);
  std::vector<TextPiece> pieces;
  auto add = [&](DiffOp op, const std::vector<std::string_view>& tokens, std::size_t begin,
                 std::size_t end) {
    if (begin == end) return;
    const char* start = tokens[begin].data();
    const auto& last = tokens[end - 1];
    std::string_view text(start, static_cast<std::size_t>(last.data() + last.size() - start));
    if (!pieces.empty() && pieces.back().op == op) {
      pieces.back().text += text;
    } else {
      pieces.push_back({op, std::string(text)});
    }
  };
  add(DiffOp::equal, old_tokens, 0, head);
  for (const auto& piece : detail::myers_diff(a, b, budget)) {
    add(piece.op, piece.op == DiffOp::insert ? new_middle : old_middle, piece.begin, piece.end);
  }
  add(DiffOp::equal, old_tokens, old_tokens.size() - tail, old_tokens.size());
  return readable(std::move(pieces));
}

}  // namespace artifacts
