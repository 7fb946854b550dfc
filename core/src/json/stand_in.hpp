// Stand-ins: when diff or merge loads documents held open, a value whose text is the same wherever
// the operation compares it is loaded as a small marker object instead of its parse. Markers
// compare equal exactly when their texts do, so the walk treats them as the values; merge writes
// the text back in their place.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <vector>

#include "artifacts/document.hpp"
#include "artifacts/registry.hpp"
#include "json/json_io.hpp"

namespace artifacts::detail {

// A byte that never occurs in UTF-8: content is validated as UTF-8, so a key or a text that starts
// with it cannot be the user's (the mark of stand-ins, and of identities that are not strings).
inline constexpr char kNotUtf8 = '\xff';

// A list item's identity as a key: a string's own bytes (a view into `value`: content is UTF-8, so
// no string starts with 0xFF), any other value as 0xFF and its JSON, kept in `others` (a deque, so
// earlier keys stay put). Equal keys are equal identities.
std::string_view identity_key(const rapidjson::Value& value, std::deque<std::string>& others);
// The JSON of the identity behind a key (what an item change or a conflict names).
std::string identity_json(std::string_view key);

// {kNotUtf8: ordinal}: the value whose text is entry `ordinal` of the operation's texts.
rapidjson::Value stand_in(std::uint32_t ordinal, Allocator& allocator);
// The same for a list item, which keeps its identity so the walk can match it: {identity_key:
// identity, kNotUtf8: ordinal}. `identity` is the JSON of a plain string (see plain_string).
rapidjson::Value item_stand_in(std::string_view identity_key, std::string_view identity,
                               std::uint32_t ordinal, Allocator& allocator);

// One side of a list of identified items, as a document holds it: its items (already read) and
// where to load the list. `present` false: the side has no such list.
struct ListSide {
  bool present = false;
  std::span<const Document::ListItem> items;
  rapidjson::Value* out = nullptr;
  Allocator* allocator = nullptr;
};

// Loads the sides' lists with each item that may stand in for itself as item_stand_in(): its
// text the same on every side that holds it and, with `on_every_side`, held by every side present.
// Its text is added to `texts` (the stand-in's ordinal indexes it); the other items are parsed.
// Only when every identity is a plain string, once per side, so that the walk sees exactly the
// identities the parsed lists would show (it compares lists with a missing or repeated identity
// whole, and would write a stand-in out). False otherwise: parse the lists whole.
bool load_lists_with_stand_ins(const ModelSpec& item_model, std::span<const ListSide> sides,
                               bool on_every_side, std::vector<std::string_view>& texts);

// The JSON of a string without escapes: its bytes between the quotes are its value.
bool plain_string(std::string_view json);

// Parses well-formed JSON text into `out` (allocated from `allocator`).
void parse_value(std::string_view json, rapidjson::Value& out, Allocator& allocator);

// Compact JSON text that writing its parsed value gives back byte for byte: strings hold no
// escape but \" \\ \b \f \n \r \t, numbers are integers of at most 15 digits other than -0, and
// (as in valid content) no object repeats a key. Such text may stand in the output for its value.
bool writes_as_is(std::string_view compact_json);

// The JSON of `value` with each stand-in written as texts[its ordinal].
std::string expanded_json(const rapidjson::Value& value, std::span<const std::string_view> texts);
void write_expanded(Writer& out, const rapidjson::Value& value,
                    std::span<const std::string_view> texts);

}  // namespace artifacts::detail
