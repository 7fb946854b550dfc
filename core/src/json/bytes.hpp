// Byte tests on eight bytes at once (SWAR), for the scans that skip over string contents: plain
// C++ that compilers keep as 64-bit operations natively and in wasm.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace artifacts::detail::bytes {

inline constexpr std::uint64_t kOnes = 0x0101010101010101ull;
inline constexpr std::uint64_t kHighs = 0x8080808080808080ull;

inline std::uint64_t load(const char* at) {
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

// Nonzero when some byte of `word` is `byte`.
inline std::uint64_t has(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (kOnes * byte);
  return (x - kOnes) & ~x & kHighs;
}

// Nonzero when some byte of `word` is below `limit` (at most 0x80).
inline std::uint64_t has_below(std::uint64_t word, unsigned char limit) {
  return (word - kOnes * limit) & ~word & kHighs;
}

// The offset of the first quote or backslash in `text` at or after `at`; text.size() if none.
inline std::size_t next_quote_or_backslash(std::string_view text, std::size_t at) {
  for (; at + 8 <= text.size(); at += 8) {
    const std::uint64_t word = load(text.data() + at);
    if (has(word, '"') | has(word, '\\')) break;
  }
  for (; at < text.size(); ++at) {
    if (text[at] == '"' || text[at] == '\\') return at;
  }
  return text.size();
}

}  // namespace artifacts::detail::bytes
