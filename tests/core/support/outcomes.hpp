// Reading the errors of a result in the tests.
#pragma once

#include <string>
#include <string_view>

#include "artifacts/result.hpp"

namespace artifacts::testing {

// "milestones.2.estimated_weeks": a location for messages and comparisons.
std::string loc_text(const Path& loc);

// The first error of `result` at `loc`, or nullptr.
const Issue* error_at(const Outcome& result, std::string_view loc);

}  // namespace artifacts::testing
