// Helpers shared by the native tests: fixture loading and JSON surgery on documents.
#pragma once

#include <rapidjson/document.h>

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
