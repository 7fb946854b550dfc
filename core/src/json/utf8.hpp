// Reading one UTF-8 sequence and writing one code point: shared by the tokenizer, the fast scan,
// the Markdown slugs and the error echoes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace artifacts::detail {

struct CodePoint {
  char32_t code;       // the byte itself when not valid
  std::size_t length;  // bytes consumed: 1 when not valid
  bool valid;          // a lead byte with its continuation bytes (shortest form not checked)
};

inline CodePoint decode_utf8(std::string_view text, std::size_t i) {
  auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) return {byte, 1, true};
  std::size_t length = (byte >> 5) == 0x6    ? 2
                       : (byte >> 4) == 0xE  ? 3
                       : (byte >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > text.size()) return {byte, 1, false};
  char32_t code = byte & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return {byte, 1, false};
    code = (code << 6) | (next & 0x3F);
  }
  return {code, length, true};
}

// A sequence valid UTF-8 allows: decoded, in its shortest form, not a surrogate, at most
// U+10FFFF. (`valid` alone lets overlong forms such as E0 92 9E through.)
inline bool well_formed(const CodePoint& point) {
  const char32_t code = point.code;
  return point.valid && !(point.length == 2 && code < 0x80) &&
         !(point.length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) &&
         !(point.length == 4 && (code < 0x10000 || code > 0x10FFFF));
}

// Appends `code` (at most U+10FFFF) encoded as UTF-8.
inline void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

}  // namespace artifacts::detail
