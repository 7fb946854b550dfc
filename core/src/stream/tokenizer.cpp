#include "stream/tokenizer.hpp"

#include <utility>

#include "artifacts/result.hpp"
#include "json/utf8.hpp"

namespace artifacts::detail {
namespace {

bool is_space(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool ends_number(unsigned char c) {
  return is_space(c) || c == ',' || c == ']' || c == '}';
}

int hex_digit(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The byte length of a UTF-8 sequence from its lead byte; 0 when it cannot lead one.
std::uint8_t sequence_length(unsigned char lead) {
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

// Number states: after '-', after a leading 0, in the integer's digits, after '.', in the
// fraction, after 'e', after the exponent's sign, in the exponent.
enum NumberState : std::uint8_t { kSign, kZero, kWhole, kDot, kFraction, kE, kExpSign, kExp };

bool number_may_end(std::uint8_t state) {
  return state == kZero || state == kWhole || state == kFraction || state == kExp;
}

}  // namespace

void Tokenizer::feed(std::string_view text, std::size_t from) {
  std::size_t i = from;
  const std::size_t n = text.size();
  while (i < n && !failed_) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (mode_) {
      case Mode::string:
        i = string_bytes(text, i);
        break;
      case Mode::number:
        if (!number(c, i)) return;
        // A number ends at the byte after it, which the structure then reads.
        if (mode_ == Mode::number) ++i;
        break;
      case Mode::literal:
        if (c != static_cast<unsigned char>(literal_[literal_at_])) {
          fail("expected value", i);
          return;
        }
        ++i;
        if (++literal_at_ == literal_.size()) end_value(value_start_, i);
        break;
      default:
        if (!structure(text, i)) return;
        ++i;
    }
  }
}

bool Tokenizer::structure(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (is_space(c)) return true;
  switch (mode_) {
    case Mode::value:
      return begin_value(text, i);
    case Mode::value_or_close:
      if (c == ']') {
        close(i);
        return true;
      }
      return begin_value(text, i);
    case Mode::key_or_close:
      if (c == '}') {
        close(i);
        return true;
      }
      [[fallthrough]];
    case Mode::key:
      if (c != '"') return fail("key must be a string", i);
      mode_ = Mode::string;
      in_key_ = true;
      key_.clear();
      return true;
    case Mode::colon:
      if (c != ':') return fail("expected `:`", i);
      mode_ = Mode::value;
      return true;
    case Mode::after_value:
      if (stack_.empty()) return fail("trailing characters", i);
      if (c == ',') {
        mode_ = stack_.back().object ? Mode::key : Mode::value;
        return true;
      }
      if (c == (stack_.back().object ? '}' : ']')) {
        close(i);
        return true;
      }
      return fail("expected `,` or the container's close", i);
    default:
      return true;  // the other modes never get here
  }
}

bool Tokenizer::begin_value(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == '{' || c == '[') {
    // One more container than the limit is refused, as validate() refuses it.
    if (stack_.size() >= kMaxNestingDepth) return fail("recursion limit exceeded", i);
    began_ = true;
    listener_.on_value_start(i, c, stack_.size());
    stack_.push_back({c == '{', i});
    mode_ = c == '{' ? Mode::key_or_close : Mode::value_or_close;
    clean_ = i + 1;
    return true;
  }
  value_start_ = i;
  if (c == '"') {
    mode_ = Mode::string;
    in_key_ = false;
    string_clean_ = i + 1;
  } else if (c == '-' || (c >= '0' && c <= '9')) {
    mode_ = Mode::number;
    number_ = c == '-' ? kSign : c == '0' ? kZero : kWhole;
  } else if (c == 't' || c == 'f' || c == 'n') {
    mode_ = Mode::literal;
    literal_ = c == 't' ? "true" : c == 'f' ? "false" : "null";
    literal_at_ = 1;
  } else {
    return fail("expected value", i);
  }
  began_ = true;
  listener_.on_value_start(i, c, stack_.size());
  return true;
}

void Tokenizer::close(std::size_t i) {
  const Frame frame = stack_.back();
  stack_.pop_back();
  end_value(frame.start, i + 1);
}

void Tokenizer::end_value(std::size_t start, std::size_t end) {
  mode_ = Mode::after_value;
  clean_ = end;
  listener_.on_value_end(start, end, stack_.size());
}

bool Tokenizer::fail(std::string_view detail, std::size_t at) {
  failed_ = true;
  listener_.on_error(detail, at);
  return false;
}

void Tokenizer::append(char32_t code) {
  append_utf8(in_key_ ? key_ : text_, code);
}

// Reads string bytes from `i`; returns where it stopped (the end, or after the closing quote).
std::size_t Tokenizer::string_bytes(std::string_view text, std::size_t i) {
  const std::size_t n = text.size();
  std::string& out = in_key_ ? key_ : text_;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (escape_ != 0) {
      if (!escape(c, i)) return n;
      ++i;
      continue;
    }
    if (utf8_need_ != 0) {
      if ((c & 0xC0) != 0x80) {
        fail("invalid unicode code point", i);
        return n;
      }
      utf8_[utf8_have_++] = c;
      ++i;
      if (utf8_have_ < utf8_need_) continue;
      std::string_view sequence(reinterpret_cast<const char*>(utf8_), utf8_need_);
      if (!well_formed(decode_utf8(sequence, 0))) {
        fail("invalid unicode code point", i - 1);  // the sequence's last byte
        return n;
      }
      out.append(sequence);
      utf8_need_ = 0;
      string_clean_ = i;
      continue;
    }
    // A run of plain ASCII at once: most of any document.
    std::size_t run = i;
    while (run < n) {
      const auto b = static_cast<unsigned char>(text[run]);
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
      ++run;
    }
    if (run > i) {
      out.append(text.substr(i, run - i));
      i = run;
      string_clean_ = i;
      continue;
    }
    if (c == '"') {
      ++i;
      if (in_key_) {
        mode_ = Mode::colon;
        listener_.on_key(key_);
      } else {
        end_value(value_start_, i);
      }
      return i;
    }
    if (c == '\\') {
      escape_ = 1;
    } else if (c < 0x20) {
      fail("invalid string: bad escape or unescaped control character", i);
      return n;
    } else {
      utf8_need_ = sequence_length(c);
      if (utf8_need_ == 0) {
        fail("invalid unicode code point", i);
        return n;
      }
      utf8_[0] = c;
      utf8_have_ = 1;
    }
    ++i;
  }
  return i;
}

bool Tokenizer::escape(unsigned char c, std::size_t i) {
  auto done = [&](char32_t code) {
    append(code);
    escape_ = 0;
    string_clean_ = i + 1;
    return true;
  };
  auto bad = [&] { return fail("invalid string: bad escape or unescaped control character", i); };
  switch (escape_) {
    case 1:
      switch (c) {
        case '"':
        case '\\':
        case '/':
          return done(c);
        case 'b':
          return done('\b');
        case 'f':
          return done('\f');
        case 'n':
          return done('\n');
        case 'r':
          return done('\r');
        case 't':
          return done('\t');
        case 'u':
          escape_ = 2;
          code_ = 0;
          return true;
        default:
          return bad();
      }
    case 6:
      if (c != '\\') return bad();
      escape_ = 7;
      return true;
    case 7:
      if (c != 'u') return bad();
      escape_ = 8;
      code_ = 0;
      return true;
    default: {  // a hex digit of \uXXXX
      const int digit = hex_digit(c);
      if (digit < 0) return bad();
      code_ = code_ * 16 + static_cast<char32_t>(digit);
      if (++escape_ != 6 && escape_ != 12) return true;
      if (escape_ == 6) {
        if (code_ >= 0xD800 && code_ <= 0xDBFF) {
          high_ = code_;  // a pair's first half: held until the second
          return true;
        }
        if (code_ >= 0xDC00 && code_ <= 0xDFFF) return bad();
        return done(code_);
      }
      if (code_ < 0xDC00 || code_ > 0xDFFF) return bad();
      return done(0x10000 + ((high_ - 0xD800) << 10) + (code_ - 0xDC00));
    }
  }
}

bool Tokenizer::number(unsigned char c, std::size_t i) {
  const bool digit = c >= '0' && c <= '9';
  switch (number_) {
    case kSign:
      if (!digit) return fail("invalid number", i);
      number_ = c == '0' ? kZero : kWhole;
      return true;
    case kZero:
    case kWhole:
      if (digit && number_ == kWhole) return true;
      if (c == '.') {
        number_ = kDot;
        return true;
      }
      break;
    case kDot:
      if (!digit) return fail("invalid number", i);
      number_ = kFraction;
      return true;
    case kFraction:
      if (digit) return true;
      break;
    case kE:
      if (c == '+' || c == '-') {
        number_ = kExpSign;
        return true;
      }
      [[fallthrough]];
    case kExpSign:
      if (!digit) return fail("invalid number", i);
      number_ = kExp;
      return true;
    case kExp:
      if (digit) return true;
      break;
  }
  // In a whole number, a fraction or an exponent: what ends it, or an exponent's `e`.
  if ((c == 'e' || c == 'E') && number_ != kExp) {
    number_ = kE;
    return true;
  }
  if (!number_may_end(number_) || !ends_number(c)) return fail("invalid number", i);
  end_value(value_start_, i);
  return true;
}

std::string Tokenizer::snapshot(std::string_view text) const {
  if (!began_) return "null";
  std::string out;
  if (mode_ == Mode::string && !in_key_) {
    out.assign(text.substr(0, string_clean_));
    out += '"';
  } else if (clean_ == 0) {
    return "null";  // the root is an unfinished number or literal
  } else {
    out.assign(text.substr(0, clean_));
  }
  for (auto frame = stack_.rbegin(); frame != stack_.rend(); ++frame) {
    out += frame->object ? '}' : ']';
  }
  return out;
}

}  // namespace artifacts::detail
