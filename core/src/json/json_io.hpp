// Reading JSON (simdjson, with the library's limits) and writing it (RapidJSON).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "artifacts/result.hpp"
#include "simdjson.h"

namespace artifacts::detail {

// RapidJSON's writer, with strings and raw values copied in runs (its own copy byte by byte: a
// string's write cost more than the diff that found it, a 16 KB section's copy as much as the
// merge that chose it). The output is byte for byte RapidJSON's.
class Writer : public rapidjson::Writer<rapidjson::StringBuffer> {
  using Base = rapidjson::Writer<rapidjson::StringBuffer>;

 public:
  using Base::Base;

  bool String(const char* text, rapidjson::SizeType length, bool copy = false) {
    (void)copy;
    Prefix(rapidjson::kStringType);
    write_quoted(text, length);
    return EndValue(true);
  }
  bool String(const char* text) {
    return String(text, static_cast<rapidjson::SizeType>(std::strlen(text)));
  }
  bool Key(const char* text, rapidjson::SizeType length, bool copy = false) {
    return String(text, length, copy);
  }
  bool Key(const char* text) { return String(text); }

  // A complete JSON value's text, written as it stands; `type` is the value's kind.
  void Raw(std::string_view json, rapidjson::Type type) {
    Prefix(type);
    if (!json.empty()) std::memcpy(os_->Push(json.size()), json.data(), json.size());
    EndValue(true);
  }

 private:
  // The string in quotes, escaped as RapidJSON escapes: \" \\ \b \f \n \r \t, other control
  // characters as \u00XX; runs with nothing to escape are copied whole.
  void write_quoted(const char* text, std::size_t length);
};
using Element = simdjson::dom::element;

// A parsed document. It borrows one of a few reusable parsers, so an operation may hold up to
// kParserSlots documents at once; a slot that grew for a large input is released afterwards so
// one burst of big input does not pin its memory.
class JsonDocument {
 public:
  static constexpr int kParserSlots = 3;

  // Parses `text` into `slot`. On failure `root()` is empty and `error()` says why.
  JsonDocument(std::string_view text, int slot = 0);
  ~JsonDocument();
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  const std::optional<Element>& root() const { return root_; }
  const Issue& error() const { return error_; }

 private:
  int slot_;
  std::optional<Element> root_;
  Issue error_;
};

// The error for `text` that is not JSON: Pydantic's json_invalid, `detail` saying why.
Issue json_invalid(std::string_view text, std::string_view detail);
// The error for input of `bytes` bytes, over kMaxInputBytes.
Issue input_too_large(std::size_t bytes);

// The object or array behind an element already known to be one. (A copy: iterating straight
// over `get_object().value_unsafe()` would walk a destroyed temporary.)
inline simdjson::dom::object as_object(Element element) {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) return {};
  return object;
}
inline simdjson::dom::array as_array(Element element) {
  simdjson::dom::array array;
  if (element.get_array().get(array) != simdjson::SUCCESS) return {};
  return array;
}

// A number beyond the double range reads as ±infinity, as in Pydantic. JSON has none: it is
// written as null, as Pydantic's JSON serialisation writes it (here and in to_value).
void write_double(Writer& out, double number);
void write_element(Writer& out, Element element);

using Allocator = rapidjson::Document::AllocatorType;
// A simdjson element as a RapidJSON value (for operations that rearrange documents); a
// duplicated key's last value wins.
void to_value(Element element, rapidjson::Value& out, Allocator& allocator);
// JSON text of a RapidJSON value.
std::string value_json(const rapidjson::Value& value);
// A JSON Pointer reference token: "~" -> "~0", "/" -> "~1".
std::string pointer_token(std::string_view key);
std::string element_json(Element element);
void write_string(Writer& out, std::string_view text);
// `"key": ["a", "b", ...]` from any range of strings.
template <typename Strings>
void write_string_list(Writer& out, std::string_view key, const Strings& list) {
  write_string(out, key);
  out.StartArray();
  for (const auto& item : list) write_string(out, item);
  out.EndArray();
}

// The double nearest a decimal number ("-12", "1.5", "1.", "2e-3"; the caller checks the grammar),
// ±infinity beyond the range: simdjson's exact decimal reader, so the module needs no strtod. It
// reads a terminated copy without a bare trailing ".", which that reader does not expect.
double decimal_number_value(std::string_view number);

// A JSON string literal for `text` (with escapes), e.g. for an issue's input.
std::string json_string(std::string_view text);
// A prefix of at most `limit` bytes with invalid UTF-8 replaced, safe to echo back in JSON.
std::string printable_prefix(std::string_view bytes, std::size_t limit);

}  // namespace artifacts::detail
