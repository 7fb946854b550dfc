// Checks of the arguments every operation shares: the model id and the tier name.
#pragma once

#include <optional>
#include <string_view>

#include "artifacts/registry.hpp"
#include "artifacts/result.hpp"

namespace artifacts::detail {

// The model for `type` (an artifact type, or also a record model unless `artifacts_only`), or
// nullptr with an unknown_artifact_type error added to `outcome`.
const ModelSpec* resolve_model(std::string_view type, Outcome& outcome,
                               bool artifacts_only = false);
// The tier for `name`, or nullopt with an unknown_tier error added to `outcome`.
std::optional<Tier> resolve_tier(std::string_view name, Outcome& outcome);
// Records `issue` as the outcome's failure.
void fail(Outcome& outcome, Status status, Issue issue);

}  // namespace artifacts::detail
