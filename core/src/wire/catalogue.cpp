// The names statuses and issue types carry across the boundary, and the lists of every one
// (exported with the registry so the JS constants and TypeScript types derive from them).
#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "artifacts/result.hpp"

namespace artifacts {
namespace {

// Each switch names every enumerator (-Wswitch), and an unknown value has no name: so the count
// of values with a name is the enum's size, and the lists below need no second listing.
constexpr std::string_view status_name(Status status) {
  switch (status) {
    case Status::ok:
      return "ok";
    case Status::invalid_input:
      return "invalid_input";
    case Status::unknown_artifact_type:
      return "unknown_artifact_type";
    case Status::unknown_tier:
      return "unknown_tier";
    case Status::validation_failed:
      return "validation_failed";
    case Status::schema_version_unsupported:
      return "schema_version_unsupported";
  }
  return {};
}

constexpr std::string_view type_name(IssueType type) {
  switch (type) {
    case IssueType::missing:
      return "missing";
    case IssueType::string_type:
      return "string_type";
    case IssueType::string_unicode:
      return "string_unicode";
    case IssueType::int_type:
      return "int_type";
    case IssueType::int_parsing:
      return "int_parsing";
    case IssueType::int_parsing_size:
      return "int_parsing_size";
    case IssueType::finite_number:
      return "finite_number";
    case IssueType::int_from_float:
      return "int_from_float";
    case IssueType::greater_than_equal:
      return "greater_than_equal";
    case IssueType::bool_type:
      return "bool_type";
    case IssueType::bool_parsing:
      return "bool_parsing";
    case IssueType::literal_error:
      return "literal_error";
    case IssueType::enumeration:
      return "enum";
    case IssueType::uuid_type:
      return "uuid_type";
    case IssueType::uuid_parsing:
      return "uuid_parsing";
    case IssueType::datetime_type:
      return "datetime_type";
    case IssueType::datetime_parsing:
      return "datetime_parsing";
    case IssueType::datetime_from_date_parsing:
      return "datetime_from_date_parsing";
    case IssueType::dict_type:
      return "dict_type";
    case IssueType::list_type:
      return "list_type";
    case IssueType::model_type:
      return "model_type";
    case IssueType::json_invalid:
      return "json_invalid";
    case IssueType::unknown_key:
      return "unknown_key";
    case IssueType::tier_locked:
      return "tier_locked";
    case IssueType::input_too_large:
      return "input_too_large";
    case IssueType::invalid_request:
      return "invalid_request";
    case IssueType::unknown_artifact_type:
      return "unknown_artifact_type";
    case IssueType::unknown_tier:
      return "unknown_tier";
    case IssueType::unknown_section:
      return "unknown_section";
    case IssueType::unknown_target:
      return "unknown_target";
    case IssueType::unknown_variant:
      return "unknown_variant";
    case IssueType::duplicate_artifact_type:
      return "duplicate_artifact_type";
    case IssueType::schema_version_unsupported:
      return "schema_version_unsupported";
  }
  return {};
}

// Every value of an enum whose values are 0, 1, ... and `name` names exactly those.
template <typename Enum, std::string_view (*name)(Enum)>
constexpr auto every_value() {
  constexpr std::size_t count = [] {
    std::size_t n = 0;
    while (!name(static_cast<Enum>(n)).empty()) ++n;
    return n;
  }();
  std::array<Enum, count> values{};
  for (std::size_t i = 0; i < count; ++i) values[i] = static_cast<Enum>(i);
  return values;
}

constexpr auto kStatuses = every_value<Status, status_name>();
constexpr auto kIssueTypes = every_value<IssueType, type_name>();

}  // namespace

std::string_view status_code(Status status) {
  return status_name(status);
}

std::span<const Status> statuses() {
  return kStatuses;
}

std::string_view issue_type_name(IssueType type) {
  return type_name(type);
}

std::span<const IssueType> issue_types() {
  return kIssueTypes;
}

}  // namespace artifacts
