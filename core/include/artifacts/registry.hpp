// The schema registry: one declarative description of every model the library knows.
// Validation, gating, JSON Schema, Markdown and the TypeScript types all derive from it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace artifacts {

// The subscription tiers, in increasing order of what they unlock.
enum class Tier : std::uint8_t { bootstrapper, partner, cto_scale };

// The tier a section needs: core sections are for every tier.
enum class SectionTier : std::uint8_t { core, business, strategic };

enum class Kind : std::uint8_t {
  string,
  integer,
  boolean,
  literal,      // one of a fixed list of strings (Pydantic `Literal[...]`)
  enumeration,  // a string enum (Pydantic `StrEnum`); differs from literal only in its error code
  uuid,
  datetime,
  object,  // any JSON object (Pydantic `dict`)
  model,   // a nested registry model
  list,    // a JSON array of `item`
};

struct ModelSpec;

// What a record's value stands for beyond its JSON kind, so derived types can be exact: a record
// of one artifact type holds that type's content and names that type's sections.
enum class Refers : std::uint8_t {
  nothing,
  artifact_content,  // an object: the content of the record's artifact type
  section_id,        // a string: a section id of the record's artifact type
  artifact_type,     // the record's artifact type itself (the discriminant)
};

struct TypeSpec {
  Kind kind;
  const TypeSpec* item = nullptr;               // list: the item type
  const ModelSpec* model = nullptr;             // model: the nested model
  std::span<const std::string_view> choices{};  // literal / enumeration: allowed values
  std::optional<std::int64_t> ge{};             // integer: inclusive lower bound
  Refers refers = Refers::nothing;
};

struct FieldSpec {
  std::string_view key;
  const TypeSpec* type;
  bool required;  // false: has a default (absent is fine)
  bool nullable;  // `null` is accepted (Pydantic `X | None`)
  SectionTier tier;
  std::string_view description;        // the co-founder "we" voice
  std::string_view default_json = {};  // JSON text of the default, for the JSON Schema export
};

// What a failed generation of an artifact does to the artifacts after it in GENERATION_ORDER
// (the original product's cascade): the brief is everyone's context, so without it every later
// artifact fails; without the MVP scope the rest have nothing to plan and are skipped (recorded
// as failed so a retry picks them up); any later failure lets the cascade go on.
enum class CascadeRule : std::uint8_t { continue_rest, fail_rest, skip_rest };

struct ModelSpec {
  std::string_view id;          // the name callers use: "brief", "artifact_response", ...
  std::string_view class_name;  // the original plan's class name, used in error contexts
  std::string_view title;
  std::string_view description;
  std::span<const FieldSpec> fields;
  std::string_view identity = {};  // list items: the field that identifies an item (merge/diff)
  CascadeRule on_failure = CascadeRule::continue_rest;  // artifact types: see CascadeRule
};

// The version of content this library writes; `_schema_version` absent means version 0.
inline constexpr std::int64_t kCurrentSchemaVersion = 1;
inline constexpr std::string_view kSchemaVersionKey = "_schema_version";

// The five artifact types, in GENERATION_ORDER (a linear chain: later ones cite earlier ones).
std::span<const ModelSpec* const> generation_order();
// The record models of the original plan's API (ArtifactResponse, ...) and the stored record
// (ArtifactResponse plus the merge base, the generation lease and the last error).
std::span<const ModelSpec* const> record_models();
// The record the JS package stores (one of record_models()).
const ModelSpec& stored_record_model();
// Every list item model (FeatureItem, Milestone, ...), for schema `$defs` and type generation.
std::span<const ModelSpec* const> item_models();
// The generation statuses of a record, in lifecycle order: idle, generating, failed.
std::span<const std::string_view> generation_statuses();
std::span<const std::string_view> tier_names();
std::span<const std::string_view> artifact_type_ids();

// Looks up an artifact type or record model by id; nullptr when unknown.
const ModelSpec* find_model(std::string_view id);
// The models callers may name (artifact types in GENERATION_ORDER, then record models), by
// position: the wasm boundary passes a known model as this index instead of its name.
const ModelSpec* model_at(std::size_t index);
std::size_t model_count();
// Only the five artifact types; nullptr otherwise.
const ModelSpec* find_artifact_type(std::string_view id);
std::optional<Tier> parse_tier(std::string_view name);
std::string_view tier_name(Tier tier);
// How a tier is named to a founder ("CTO Scale").
std::string_view tier_title(Tier tier);
std::string_view section_tier_name(SectionTier tier);
// The lowest tier that may see a section of this tier.
Tier minimum_tier(SectionTier tier);
bool tier_allows(Tier tier, SectionTier section);
const FieldSpec* find_field(const ModelSpec& model, std::string_view key);
// Whether a field of an artifact is a section (edited, annotated, diffed and shown by id):
// metadata such as `_schema_version` starts with an underscore and is not.
bool is_section(const FieldSpec& field);
std::string_view cascade_rule_name(CascadeRule rule);
std::string_view refers_name(Refers refers);

// A key in Title Case (key_constraint -> Key Constraint), as Pydantic titles fields.
std::string field_title(std::string_view key);

// "'a', 'b' or 'c'": Pydantic's rendering of a list of choices, shared by messages and contexts.
std::string quoted_choices(std::span<const std::string_view> choices);

// The registry as JSON text, for tools that derive from it (TypeScript types, the Pydantic
// reference models in tools/), with the catalogues of statuses and issue types.
std::string registry_json();

}  // namespace artifacts
