// Pieces of an operation, for the benchmarks that split a call's time into its steps (boundary,
// parse, work, result). Not part of any operation's answer.
#pragma once

#include <string_view>

namespace artifacts {

// Parses `json` as every operation parses its input (simdjson into its DOM, the same limits) and
// nothing else: true when it is JSON.
bool parses_as_json(std::string_view json);

}  // namespace artifacts
