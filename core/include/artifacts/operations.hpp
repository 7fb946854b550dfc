// The core's operations. All take JSON text and return data; none throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/result.hpp"
#include "artifacts/word_diff.hpp"

namespace artifacts {

struct ValidateOptions {
  std::string_view tier = {};  // empty: no tier check; otherwise sections above it are warnings
  bool strict = false;         // Pydantic strict mode: no lax conversions
  // When the input needs no normalisation, copy it into `value` (true) or only say so through
  // `value_is_input` (false: the caller already holds the input, e.g. across the wasm boundary).
  bool want_value = true;
  // The single-pass scan that accepts documents valid as written. Off only to test it against
  // the full path, which decides everything on its own.
  bool fast_path = true;
};

struct ValidationResult : Outcome {
  std::vector<Issue> warnings;  // unknown keys (dropped) and sections above the tier
  std::string value;            // the normalised content as JSON text; empty unless ok
  // The input is its own normalised value (same keys and values, maybe another key order or
  // spacing): nothing was converted, dropped or canonicalised.
  bool value_is_input = false;
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

// The JSON Schema of `type` at `tier` (empty tier: all sections), for `target`:
//  - "draft-2020-12" (also when empty): the full schema, for ajv and any validator;
//  - "openai": the strict structured-output subset of OpenAI's APIs: the root an object, every
//    object `additionalProperties: false` with every property required, the tier's optional
//    sections nullable, no `$schema`, `title`, `default`, `format` or numeric bounds;
//  - "anthropic": the structured-output subset of Anthropic's Messages API: every object
//    `additionalProperties: false`, optional sections optional and nullable, no numeric bounds.
// Provider targets describe what an LLM writes: an artifact type's sections only (the version
// stamp is the library's to add); anything else is an unknown_artifact_type error there. Their
// output is still validated by validate(): the bounds they leave out are checked there.
SchemaResult json_schema(std::string_view type, std::string_view tier = {},
                         std::string_view target = {});

struct MigrateResult : Outcome {
  std::string value;  // the content at kCurrentSchemaVersion
  std::int64_t from_version = 0;
  std::int64_t to_version = 0;
  std::string to_json() const;
};

// Brings content written at an older `_schema_version` up to the current one.
MigrateResult migrate(std::string_view type, std::string_view json);

// ---- merge --------------------------------------------------------------------------------

struct MergeRequest {
  std::string_view type;
  std::string_view base;    // content as last generated (JSON; empty or "null": none)
  std::string_view ours;    // current content, with the founder's edits
  std::string_view theirs;  // the new generation
  std::vector<std::string> edited_sections;
  bool force = false;  // the new generation everywhere
  // Inputs valid exactly as written are merged member by member, reading only what differs. Off
  // only to test that against the full path, which validates and parses every input whole.
  bool by_members = true;
};

// Where the founder and the new generation both changed the same thing; the founder's value was
// kept. `path` is a JSON Pointer into the merged value (for an item the founder deleted, the
// section's list; `identity` then names the item). Values are JSON text; empty when absent.
struct MergeConflict {
  std::string section_id;
  std::string path;
  std::string identity;  // {"name": "..."} for a list item, empty for a whole section
  std::string base, ours, theirs;
};

struct MergeResult : Outcome {
  std::string value;              // the merged content (always valid against the schema)
  std::vector<std::string> kept;  // edited sections where the founder's value was kept
  std::vector<MergeConflict> conflicts;
  std::vector<std::string> edited_sections;  // sections whose merged value differs from theirs
  std::string to_json() const;
};

// Three-way merge of a founder's edits into a new generation. List items are matched
// by their model's identity (name / title / step_number).
MergeResult merge(const MergeRequest& request);
// The same, from one JSON request {type, base, ours, theirs, edited_sections, force} whose
// documents are JSON values: the form the wasm boundary uses.
MergeResult merge_request(std::string_view request_json);

// ---- diff ---------------------------------------------------------------------------------

struct ItemChange {
  std::string key;     // JSON of the item's identity value
  std::string change;  // added | removed | modified | moved
};

struct SectionChange {
  std::string_view id;
  std::string_view change;        // added | removed | modified | unchanged
  std::vector<TextPiece> words;   // prose sections that changed: the word diff
  std::vector<ItemChange> items;  // list sections of identified items: the items that changed
};

struct DiffResult : Outcome {
  std::string patch;  // RFC 6902 JSON Patch (JSON array text) turning before into after
  std::vector<SectionChange> sections;  // every section of the type, in schema order
  std::string to_json() const;
};

// What changed from `before` to `after` (either may be empty or "null": no content). Each side
// with content must validate as `type` (lax, as validate() by default); otherwise the result is
// validate()'s failure (validation_failed, or invalid_input for text that is not JSON) with each
// error's loc starting with "before" or "after", as merge() reports its inputs. Valid content
// is compared as written: unknown keys and values Pydantic would convert are diffed as they are.
// Sides valid exactly as written are compared member by member, reading only what differs;
// `by_members` off (only to test that) takes the full path, which parses both whole.
DiffResult diff(std::string_view type, std::string_view before, std::string_view after,
                bool by_members = true);
// The same from {type, before, after} with the documents as JSON values.
DiffResult diff_request(std::string_view request_json);

// word_diff()'s pieces as a result, for callers that want JSON.
struct WordDiffResult : Outcome {
  std::vector<TextPiece> pieces;
  std::string to_json() const;  // {"ok":..,"errors":..,"value":[{"op","text"}]}
};

}  // namespace artifacts
