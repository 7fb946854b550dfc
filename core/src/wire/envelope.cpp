#include "wire/envelope.hpp"

namespace artifacts::detail {
namespace {

void write_raw(Writer& out, std::string_view json) {
  out.Raw(json, rapidjson::kObjectType);
}

}  // namespace

void write_path(Writer& out, const Path& path) {
  out.StartArray();
  for (const auto& item : path) {
    if (const auto* key = std::get_if<std::string>(&item)) {
      write_string(out, *key);
    } else {
      out.Uint64(std::get<std::size_t>(item));
    }
  }
  out.EndArray();
}

void write_issue(Writer& out, const Issue& issue) {
  out.StartObject();
  out.Key("type");
  write_string(out, issue_type_name(issue.type));
  out.Key("loc");
  write_path(out, issue.loc);
  out.Key("msg");
  write_string(out, issue.msg);
  write_raw_if_any(out, "input", issue.input);
  write_raw_if_any(out, "ctx", issue.ctx);
  out.EndObject();
}

void write_issues(Writer& out, std::string_view key, const std::vector<Issue>& issues) {
  write_string(out, key);
  out.StartArray();
  for (const auto& issue : issues) write_issue(out, issue);
  out.EndArray();
}

void write_envelope_head(Writer& out, const Outcome& outcome, const std::vector<Issue>* warnings) {
  out.StartObject();
  out.Key("ok");
  out.Bool(outcome.ok());
  if (!outcome.ok()) {
    out.Key("code");
    write_string(out, status_code(outcome.status));
  }
  write_issues(out, "errors", outcome.errors);
  if (warnings != nullptr) write_issues(out, "warnings", *warnings);
}

void write_raw_or_null(Writer& out, std::string_view key, std::string_view json) {
  write_string(out, key);
  if (json.empty()) {
    out.Null();
  } else {
    write_raw(out, json);
  }
}

void write_raw_if_any(Writer& out, std::string_view key, std::string_view json) {
  if (json.empty()) return;
  write_string(out, key);
  write_raw(out, json);
}

void write_pieces(Writer& out, const std::vector<TextPiece>& pieces) {
  out.StartArray();
  for (const auto& piece : pieces) {
    out.StartObject();
    out.Key("op");
    write_string(out, diff_op_name(piece.op));
    out.Key("text");
    write_string(out, piece.text);
    out.EndObject();
  }
  out.EndArray();
}

}  // namespace artifacts::detail
