// One value validated against a type on its own (a streamed section or list item as it closes),
// by the same walk validate() makes of a whole document.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/registry.hpp"
#include "artifacts/result.hpp"

namespace artifacts::detail {

struct ValueResult {
  std::string value;  // the normalised value as JSON text; empty unless no errors
  std::vector<Issue> errors;
  std::vector<Issue> warnings;
};

// Validates the JSON text `json` as `type`; issues are located at `prefix` (the value's path
// from the document's root), as validate() locates them in the whole document.
ValueResult validate_value(const TypeSpec& type, Path prefix, std::string_view json,
                           std::optional<Tier> tier, bool strict);

}  // namespace artifacts::detail
