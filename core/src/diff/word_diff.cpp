// The word diff: tokenises both texts, numbers the tokens and diffs the numbers with Myers
// (diff/myers.hpp), then folds the edit runs into readable pieces.
#include "artifacts/word_diff.hpp"

#include "diff/myers.hpp"
#include "json/utf8.hpp"

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
