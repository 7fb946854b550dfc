// The catalogue of issue types: every `type` an error or warning of the core can carry. Most are
// Pydantic v2's error types (the names its JSON mode writes); the rest are the core's own.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace artifacts {

enum class IssueType : std::uint8_t {
  // Pydantic's, from validation.
  missing,
  string_type,
  string_unicode,
  int_type,
  int_parsing,
  int_parsing_size,
  int_from_float,
  finite_number,
  greater_than_equal,
  bool_type,
  bool_parsing,
  literal_error,
  enumeration,  // written "enum" (a C++ keyword)
  uuid_type,
  uuid_parsing,
  datetime_type,
  datetime_parsing,
  datetime_from_date_parsing,
  dict_type,
  list_type,
  model_type,
  json_invalid,
  // The core's own.
  unknown_key,                 // warning: a key the model does not have (dropped)
  tier_locked,                 // warning: a section above the tier (gating removes it)
  input_too_large,             // more than kMaxInputBytes
  invalid_request,             // a merge or diff request of the wrong shape
  unknown_artifact_type,       // the type argument names no model
  unknown_tier,                // the tier argument names no tier
  unknown_section,             // merge: an edited section the type does not have
  unknown_variant,             // markdown: a variant other than readable or technical
  unknown_target,              // json_schema: a target other than the three it writes
  duplicate_artifact_type,     // markdown: a plan gives one artifact type twice
  schema_version_unsupported,  // migrate: content written by a newer library
};

// The name an issue's `type` carries across the boundary ("missing", "enum", ...).
std::string_view issue_type_name(IssueType type);
// Every issue type, in declaration order.
std::span<const IssueType> issue_types();

}  // namespace artifacts
