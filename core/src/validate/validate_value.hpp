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

// A top-level field's value (the JSON text `json`) validated as validate() validates it inside a
// whole document: `null` where nullable, the tier's warning, the walk of its type; issues located
// from the root. Its value is the normalised text validate() writes for it (no shortcut for text
// valid as written: a document that is not valid as written is written out whole).
using FieldResult = ValueResult;
FieldResult validate_field(const FieldSpec& field, std::string_view json, std::optional<Tier> tier,
                           bool strict);

}  // namespace artifacts::detail
