// A recursive-descent reading of a JSON prefix that only tells where the text ran out. It runs
// after the parser has refused the text, never on the valid path.
#include "json/truncation.hpp"

#include "artifacts/result.hpp"

#include <algorithm>
#include <cstddef>

namespace artifacts::detail {
namespace {

// What the reader was in when the text ran out (Pydantic's words), or that it did not run out.
enum class Ran { complete, invalid, out_in_value, out_in_string, out_in_list, out_in_object };

class PrefixReader {
 public:
  explicit PrefixReader(std::string_view text) : text_(text) {}

  Ran document() {
    Ran ran = value();
    if (ran != Ran::complete) return ran;
    skip_space();
    return at_end() ? Ran::complete : Ran::invalid;
  }

 private:
  bool at_end() const { return i_ >= text_.size(); }
  char peek() const { return text_[i_]; }
  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++i_;
  }

  Ran value() {
    skip_space();
    if (at_end()) return Ran::out_in_value;
    switch (peek()) {
      case '"':
        return string();
      case '{':
        return object();
      case '[':
        return list();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }

  Ran literal(std::string_view word) {
    std::size_t matched = 0;
    while (matched < word.size() && !at_end()) {
      if (peek() != word[matched]) return Ran::invalid;
      ++matched;
      ++i_;
    }
    return matched == word.size() ? Ran::complete : Ran::out_in_value;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // A number ending at the end of the text is complete when it could end there.
  Ran number() {
    if (peek() == '-' && ++i_ >= text_.size()) return Ran::out_in_value;
    if (!digit(peek())) return Ran::invalid;
    const bool zero = peek() == '0';
    ++i_;
    if (!zero) {
      while (!at_end() && digit(peek())) ++i_;
    }
    if (!at_end() && peek() == '.') {
      if (++i_ >= text_.size()) return Ran::out_in_value;
      if (!digit(peek())) return Ran::invalid;
      while (!at_end() && digit(peek())) ++i_;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      if (++i_ >= text_.size()) return Ran::out_in_value;
      if ((peek() == '+' || peek() == '-') && ++i_ >= text_.size()) return Ran::out_in_value;
      if (!digit(peek())) return Ran::invalid;
      while (!at_end() && digit(peek())) ++i_;
    }
    return Ran::complete;
  }

  static bool hex(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

  Ran string() {
    ++i_;  // the opening quote
    while (!at_end()) {
      const auto c = static_cast<unsigned char>(peek());
      ++i_;
      if (c == '"') return Ran::complete;
      if (c < 0x20) return Ran::invalid;
      if (c != '\\') continue;
      if (at_end()) break;
      const char escape = peek();
      ++i_;
      if (escape == 'u') {
        for (int k = 0; k < 4; ++k, ++i_) {
          if (at_end()) return Ran::out_in_string;
          if (!hex(peek())) return Ran::invalid;
        }
      } else if (std::string_view("\"\\/bfnrt").find(escape) == std::string_view::npos) {
        return Ran::invalid;
      }
    }
    return Ran::out_in_string;
  }

  // Members or items until the closing bracket; `member` reads one.
  template <typename Member>
  Ran members(char close, Ran out_here, Member member) {
    // Deeper than the parser reads is not a truncation (and the reading must not recurse on).
    if (++depth_ > kMaxNestingDepth) return Ran::invalid;
    Ran ran = members_of(close, out_here, member);
    --depth_;
    return ran;
  }

  template <typename Member>
  Ran members_of(char close, Ran out_here, Member member) {
    ++i_;  // the opening bracket
    skip_space();
    if (at_end()) return out_here;
    if (peek() == close) {
      ++i_;
      return Ran::complete;
    }
    for (;;) {
      Ran ran = member();
      if (ran != Ran::complete) return ran;
      skip_space();
      if (at_end()) return out_here;
      if (peek() == close) {
        ++i_;
        return Ran::complete;
      }
      if (peek() != ',') return Ran::invalid;
      ++i_;
      skip_space();
      if (at_end()) return Ran::out_in_value;  // Pydantic: a value was due
    }
  }

  Ran list() {
    return members(']', Ran::out_in_list, [this] { return value(); });
  }

  Ran object() {
    return members('}', Ran::out_in_object, [this] {
      if (peek() != '"') return Ran::invalid;
      Ran key = string();
      if (key != Ran::complete) return key;
      skip_space();
      if (at_end()) return Ran::out_in_object;
      if (peek() != ':') return Ran::invalid;
      ++i_;
      return value();
    });
  }

  std::string_view text_;
  std::size_t i_ = 0;
  std::size_t depth_ = 0;
};

}  // namespace

std::optional<std::string> truncation_message(std::string_view text) {
  std::string_view what;
  switch (PrefixReader(text).document()) {
    case Ran::out_in_value:
      what = "a value";
      break;
    case Ran::out_in_string:
      what = "a string";
      break;
    case Ran::out_in_list:
      what = "a list";
      break;
    case Ran::out_in_object:
      what = "an object";
      break;
    default:
      return std::nullopt;
  }
  const auto line = 1 + std::count(text.begin(), text.end(), '\n');
  const auto last_break = text.rfind('\n');
  const auto column =
      last_break == std::string_view::npos ? text.size() : text.size() - last_break - 1;
  return "EOF while parsing " + std::string(what) + " at line " + std::to_string(line) +
         " column " + std::to_string(column);
}

}  // namespace artifacts::detail
