// The core's operations. All take JSON text and return data; none throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/result.hpp"

namespace artifacts {

struct ValidateOptions {
  std::string_view tier = {};  // empty: no tier check; otherwise sections above it are warnings
  bool strict = false;         // Pydantic strict mode: no lax conversions
};

struct ValidationResult : Outcome {
  std::vector<Issue> warnings;  // unknown keys (dropped) and sections above the tier
  std::string value;            // the normalised content as JSON text; empty unless ok
  std::string to_json() const;
};

// Validates `json` as the model `type` (an artifact type or a record model id).
ValidationResult validate(std::string_view type, std::string_view json,
                          const ValidateOptions& options = {});

struct GateResult : Outcome {
  std::string value;                     // only the sections the tier may see
  std::vector<std::string_view> locked;  // every section id above the tier, in registry order
  std::string to_json() const;
};

GateResult gate(std::string_view type, std::string_view json, std::string_view tier);

struct SchemaResult : Outcome {
  std::string value;  // a JSON Schema (draft 2020-12)
  std::string to_json() const;
};

// The JSON Schema of `type` at `tier` (empty tier: all sections).
SchemaResult json_schema(std::string_view type, std::string_view tier = {});

struct MigrateResult : Outcome {
  std::string value;  // the content at kCurrentSchemaVersion
  std::int64_t from_version = 0;
  std::int64_t to_version = 0;
  std::string to_json() const;
};

// Brings content written at an older `_schema_version` up to the current one.
MigrateResult migrate(std::string_view type, std::string_view json);

}  // namespace artifacts
