// The tests' and the fuzzers' own reading of JSON, independent of the core's (it is their
// oracle): simdjson's DOM copied into RapidJSON trees. Numbers are read exactly (an integer
// beyond 64 bits as a double, as the library reads it), keys may hold any bytes (NUL included)
// and repeated keys are kept until dedupe() collapses them.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <string_view>

namespace artifacts::testing {

// The tree of `text`; nullptr when it is not JSON in valid UTF-8.
std::unique_ptr<rapidjson::Document> tree(std::string_view text);
// The tree of `json`, which the caller knows is JSON: throws std::runtime_error when it is not.
rapidjson::Document parse(std::string_view json);
// Well-formed JSON in valid UTF-8 (a result's text: no depth or size limit but the parser's).
bool is_json(std::string_view text);

// Repeated keys collapsed as the library reads them: the last value wins, in the first's place.
void dedupe(rapidjson::Value& value, rapidjson::Document::AllocatorType& allocator);
// The tree of `text` as the library holds a document (see dedupe); nullptr when not JSON.
std::unique_ptr<rapidjson::Document> deduped_tree(std::string_view text);
// Equal as the library reads JSON. (RapidJSON's == alone is not even reflexive on objects with
// repeated keys: it looks each member up by name.)
bool same_json(std::string_view a, std::string_view b);

// How the library reads `text` under its own limits (input size, nesting depth): the root's
// kind, or none when it is not JSON to the library.
enum class Root { none, object, null, other };
Root library_reads(std::string_view text);

bool valid_utf8(std::string_view text);

// Compact JSON text of a value.
std::string to_json(const rapidjson::Value& value);
// The same indented, with whitespace between every token (as JSON.stringify(value, null, 2)).
std::string to_pretty_json(const rapidjson::Value& value);
// A string value's bytes (NUL bytes included).
std::string_view view(const rapidjson::Value& string);
// The member `key` of an object; with repeated keys the first (`last`: the last) one.
const rapidjson::Value* find(const rapidjson::Value& object, std::string_view key,
                             bool last = false);

}  // namespace artifacts::testing
