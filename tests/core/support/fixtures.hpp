// The shared fixtures (tests/fixtures, the same files the JS suite reads) and small edits of
// fixture documents.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "artifacts/markdown.hpp"

namespace artifacts::testing {

std::string read_file(const std::string& path);
// A file under tests/fixtures/.
std::string fixture(std::string_view relative_path);
// The sample plan's content for one artifact type (tests/fixtures/plan/TYPE.json).
std::string plan(std::string_view type);
// The whole sample plan in generation order, as the plan exports take it; `storage` holds the
// texts the parts point into.
std::vector<PlanArtifact> sample_plan(std::vector<std::string>& storage);

// `json` (an object) with the member at the JSON Pointer `pointer` set to `raw_json`.
std::string with_value(std::string_view json, std::string_view pointer, std::string_view raw_json);
// `json` without the member at `pointer`.
std::string without(std::string_view json, std::string_view pointer);

}  // namespace artifacts::testing
