#include "registry/resolve.hpp"

#include <string>
#include <vector>

#include "json/json_io.hpp"

namespace artifacts::detail {

void fail(Outcome& outcome, Status status, Issue issue) {
  outcome.status = status;
  outcome.errors.push_back(std::move(issue));
}

const ModelSpec* resolve_model(std::string_view type, Outcome& outcome, bool artifacts_only) {
  const ModelSpec* found = artifacts_only ? find_artifact_type(type) : find_model(type);
  if (found != nullptr) return found;
  std::vector<std::string_view> known;
  for (const auto* model : generation_order()) known.push_back(model->id);
  if (!artifacts_only) {
    for (const auto* model : record_models()) known.push_back(model->id);
  }
  std::string expected = quoted_choices(known);
  fail(outcome, Status::unknown_artifact_type,
       Issue{IssueType::unknown_artifact_type,
             {},
             "Unknown artifact type '" + printable_prefix(type, 64) + "'; expected " + expected,
             json_string(printable_prefix(type, 1024)),
             "{\"expected\":" + json_string(expected) + "}"});
  return nullptr;
}

std::optional<Tier> resolve_tier(std::string_view name, Outcome& outcome) {
  if (auto tier = parse_tier(name)) return tier;
  std::string expected = quoted_choices(tier_names());
  fail(outcome, Status::unknown_tier,
       Issue{IssueType::unknown_tier,
             {},
             "Unknown tier '" + printable_prefix(name, 64) + "'; expected " + expected,
             json_string(printable_prefix(name, 1024)),
             "{\"expected\":" + json_string(expected) + "}"});
  return std::nullopt;
}

}  // namespace artifacts::detail
