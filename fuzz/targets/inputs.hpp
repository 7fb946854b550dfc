// Decoding the fuzz targets' inputs: header bytes (missing ones read as 0) and a payload, the
// header's bytes picking models, tiers and modes (the encodings are documented in
// fuzz/targets.hpp, whose encoders live in inputs.cpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "artifacts/registry.hpp"

namespace artifacts::fuzz {

// One input: its first `header` bytes (missing ones read as 0), then the payload.
struct Input {
  std::string_view bytes;
  std::size_t header;

  std::uint8_t byte(std::size_t i) const {
    return i < header && i < bytes.size() ? static_cast<std::uint8_t>(bytes[i]) : 0;
  }
  // An empty payload is a view of no buffer at all, as a C++ caller may pass (string_view{}).
  std::string_view payload() const {
    return bytes.size() > header ? bytes.substr(header) : std::string_view();
  }
};

// The name a header byte gives for "none of the known ones".
inline constexpr std::string_view kUnknownName = "no_such_name";

// `text` cut at its first `count - 1` NUL bytes; missing parts are empty.
std::vector<std::string_view> split(std::string_view text, std::size_t count);

// A model validate() and gate() know (models()), or kUnknownName past the end.
std::string_view model_at(std::uint8_t index);
// An artifact type, or kUnknownName past the end.
std::string_view artifact_at(std::uint8_t index);
// Bits 0-2: 0 no tier, 1-3 a tier, 4 kUnknownName.
std::string_view validate_tier(std::uint8_t options);
// 0-2 a tier, 3 kUnknownName, 4 empty.
std::string_view gate_tier(std::uint8_t choice);

// A content model's sections: its fields but the schema version stamp.
std::vector<std::string_view> sections_of(const ModelSpec& model);

// The position of `name` in `list`; the list's size when it is not there.
template <typename List>
std::size_t index_of(const List& list, std::string_view name) {
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), name) - list.begin());
}

}  // namespace artifacts::fuzz
