// The invariant checks the fuzz targets share. Results are read with the test support's JSON
// reader and JSON Patch applier (tests/core/support), independent of the core's own JSON code:
// simdjson under the library's limits, big integers as doubles, values compared as RapidJSON
// trees.
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/operations.hpp"
#include "artifacts/word_diff.hpp"
#include "test_support.hpp"

namespace artifacts::fuzz {

using Document = rapidjson::Document;
using Value = rapidjson::Value;
using testing::apply_patch;
using testing::dedupe;
using testing::deduped_tree;
using testing::find;
using testing::is_json;
using testing::library_reads;
using testing::Root;
using testing::same_json;
using testing::to_json;
using testing::tree;
using testing::valid_utf8;
using testing::view;

// `what` broke, at `file`:`line` (a path from fuzz/ on).
std::string broken(std::string_view what, std::string_view file, int line);

// A broken invariant ends the check with what broke.
#define FUZZ_EXPECT(condition, what)                             \
  do {                                                           \
    if (!(condition)) return broken((what), __FILE__, __LINE__); \
  } while (false)
// A nested check's failure ends the caller's check too.
#define FUZZ_PROPAGATE(call)                                            \
  do {                                                                  \
    if (std::string failure = (call); !failure.empty()) return failure; \
  } while (false)

// The library reads `text` as a JSON object.
bool library_reads_object(std::string_view text);

// A section's value, `null` counting as absent (both mean: not generated).
const Value* section(const Value& document, std::string_view key, bool last = false);
// Both absent, or equal.
bool same(const Value* a, const Value* b);
// An object with a key more than once (at its top level).
bool has_repeated_key(const Value& object);

// Every result: to_json() is valid JSON whose `ok` and `code` say what the result says, and a
// result is ok exactly when it has no errors.
std::string check_envelope(const Outcome& outcome, const std::string& json);

// The stream validator on `text` pushed in pieces cut at `cuts` (ascending offsets): end() is
// validate(), the events are those of any other cutting, each section and list item agrees with
// validate()'s value and errors, text deltas give the document's strings, snapshots only grow.
std::string check_stream(std::string_view type, std::string_view text,
                         const ValidateOptions& options, std::span<const std::size_t> cuts);

// A content document as validate() leaves it, for merge's oracle: "{}" for no content, nothing
// for invalid content.
std::optional<std::string> normalised(std::string_view type, std::string_view text);

// Word diff pieces: non-empty, no two neighbours with the same op, and they give back both texts
// (never splitting a UTF-8 sequence of valid text).
std::string check_pieces(std::string_view before, std::string_view after,
                         const std::vector<TextPiece>& pieces);

// The reading of a {type, <documents>, edited_sections, force} request the operations document,
// done independently: the last of repeated keys wins; a document is a JSON value or a string of
// JSON text. False when the request is malformed.
struct ParsedRequest {
  std::string type;
  std::array<std::string, 3> documents;
  std::vector<std::string> edited_sections;
  bool force = false;
};

bool read_request(const Value& request, std::initializer_list<std::string_view> names,
                  ParsedRequest& out);

}  // namespace artifacts::fuzz
