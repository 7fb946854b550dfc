// Helpers shared by the native tests: fixture loading and JSON surgery on documents.
#pragma once

#include <rapidjson/document.h>

#include <ostream>
#include <string>
#include <string_view>

#include "artifacts/operations.hpp"
#include "artifacts/result.hpp"

namespace artifacts::testing {

std::string read_file(const std::string& path);
// A file under tests/fixtures/.
std::string fixture(std::string_view relative_path);
// The sample plan's content for one artifact type (tests/fixtures/plan/TYPE.json).
std::string plan(std::string_view type);

rapidjson::Document parse(std::string_view json);
std::string to_json(const rapidjson::Value& value);

// `json` (an object) with the member at the JSON Pointer `pointer` set to `raw_json`.
std::string with_value(std::string_view json, std::string_view pointer, std::string_view raw_json);
// `json` without the member at `pointer`.
std::string without(std::string_view json, std::string_view pointer);

// "milestones.2.estimated_weeks": a location for messages and comparisons.
std::string loc_text(const Path& loc);

// The first error of `result` at `loc`, or nullptr.
const Issue* error_at(const Outcome& result, std::string_view loc);

}  // namespace artifacts::testing

namespace artifacts {

// Issue types and statuses by name in test failures.
inline void PrintTo(IssueType type, std::ostream* out) {
  *out << issue_type_name(type);
}
inline void PrintTo(Status status, std::ostream* out) {
  *out << status_code(status);
}

}  // namespace artifacts

namespace artifacts::testing {

// Applies an RFC 6902 patch (JSON text) to `document`, written for the tests independently of
// the library's diff. False if an operation does not apply.
bool apply_patch(rapidjson::Document& document, std::string_view patch_json);

}  // namespace artifacts::testing

#include <random>
#include <set>

#include "artifacts/registry.hpp"

namespace artifacts::testing {

// Random, schema-respecting edits to a content document, driven by the registry: prose rewrites
// (words, emoji, CJK, empty strings), list items added, removed, moved and edited, optional
// sections dropped or added. Only sections in `allowed` are touched (all when empty). Returns
// the sections it changed.
std::set<std::string> mutate(const ModelSpec& model, rapidjson::Document& document,
                             std::mt19937& rng, const std::set<std::string>& allowed = {},
                             int edits = 3);

}  // namespace artifacts::testing
