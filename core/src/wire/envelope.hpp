// The envelope every result crosses the boundary in:
//   {"ok": bool, "code"?: status (when not ok), "errors": [issue...], "warnings"?: [issue...],
//    ...the result's own fields}
// with each issue in Pydantic v2's JSON-mode shape {"type","loc","msg","input"?,"ctx"?}.
// Every key is snake_case; the JS package maps them to its casing once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "artifacts/result.hpp"
#include "artifacts/word_diff.hpp"
#include "json/json_io.hpp"

namespace artifacts::detail {

// A location as a JSON array of keys and indexes.
void write_path(Writer& out, const Path& path);
// An issue in Pydantic v2's JSON-mode shape {"type","loc","msg","input"?,"ctx"?}.
void write_issue(Writer& out, const Issue& issue);
// `"key": [issue...]`.
void write_issues(Writer& out, std::string_view key, const std::vector<Issue>& issues);

// Opens the envelope and writes ok, code, errors and, when given, warnings.
void write_envelope_head(Writer& out, const Outcome& outcome, const std::vector<Issue>* warnings);

// The envelope of `outcome` as JSON text; `fields(out)` writes the result's own members.
template <typename Fields>
std::string envelope_json(const Outcome& outcome, const std::vector<Issue>* warnings,
                          const Fields& fields) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  write_envelope_head(out, outcome, warnings);
  fields(out);
  out.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}
template <typename Fields>
std::string envelope_json(const Outcome& outcome, const Fields& fields) {
  return envelope_json(outcome, nullptr, fields);
}

// `"key": <json>`, or `"key": null` when `json` is empty.
void write_raw_or_null(Writer& out, std::string_view key, std::string_view json);
// `"key": <json>` only when `json` is not empty.
void write_raw_if_any(Writer& out, std::string_view key, std::string_view json);
// [{"op": "equal"|"insert"|"delete", "text": ...}, ...]
void write_pieces(Writer& out, const std::vector<TextPiece>& pieces);

}  // namespace artifacts::detail
