// Every result's to_json(): its own fields inside the envelope (wire/envelope.hpp).
#include "artifacts/html.hpp"
#include "artifacts/markdown.hpp"
#include "artifacts/operations.hpp"
#include "wire/envelope.hpp"

namespace artifacts {

using detail::envelope_json;
using detail::write_raw_if_any;
using detail::write_raw_or_null;
using detail::write_string;
using detail::Writer;

namespace {

void write_conflict(Writer& out, const MergeConflict& conflict) {
  out.StartObject();
  out.Key("section_id");
  write_string(out, conflict.section_id);
  out.Key("path");
  write_string(out, conflict.path);
  write_raw_if_any(out, "identity", conflict.identity);
  write_raw_if_any(out, "base", conflict.base);
  write_raw_if_any(out, "ours", conflict.ours);
  write_raw_if_any(out, "theirs", conflict.theirs);
  out.EndObject();
}

void write_section_change(Writer& out, const SectionChange& section) {
  out.StartObject();
  out.Key("id");
  write_string(out, section.id);
  out.Key("change");
  write_string(out, section.change);
  if (!section.words.empty()) {
    out.Key("words");
    detail::write_pieces(out, section.words);
  }
  if (!section.items.empty()) {
    out.Key("items");
    out.StartArray();
    for (const auto& item : section.items) {
      out.StartObject();
      out.Key("key");  // the identity value, already JSON
      out.Raw(item.key, rapidjson::kStringType);
      out.Key("change");
      write_string(out, item.change);
      out.EndObject();
    }
    out.EndArray();
  }
  out.EndObject();
}

}  // namespace

std::string ValidationResult::to_json() const {
  return envelope_json(*this, &warnings, [&](Writer& out) {
    write_raw_or_null(out, "value", value);
    if (value_is_input) {
      out.Key("value_is_input");
      out.Bool(true);
    }
  });
}

std::string GateResult::to_json() const {
  return envelope_json(*this, [&](Writer& out) {
    write_raw_or_null(out, "value", value);
    detail::write_string_list(out, "locked", locked);
  });
}

std::string SchemaResult::to_json() const {
  return envelope_json(*this, [&](Writer& out) { write_raw_or_null(out, "value", value); });
}

std::string MigrateResult::to_json() const {
  return envelope_json(*this, [&](Writer& out) {
    write_raw_or_null(out, "value", value);
    if (!ok()) return;
    out.Key("from_version");
    out.Int64(from_version);
    out.Key("to_version");
    out.Int64(to_version);
  });
}

std::string MergeResult::to_json() const {
  return envelope_json(*this, [&](Writer& out) {
    write_raw_or_null(out, "value", value);
    detail::write_string_list(out, "kept", kept);
    out.Key("conflicts");
    out.StartArray();
    for (const auto& conflict : conflicts) write_conflict(out, conflict);
    out.EndArray();
    detail::write_string_list(out, "edited_sections", edited_sections);
  });
}

std::string DiffResult::to_json() const {
  return envelope_json(*this, [&](Writer& out) {
    write_raw_or_null(out, "patch", patch);
    out.Key("sections");
    out.StartArray();
    for (const auto& section : sections) write_section_change(out, section);
    out.EndArray();
  });
}

std::string WordDiffResult::to_json() const {
  return envelope_json(*this, [&](Writer& out) {
    out.Key("value");
    detail::write_pieces(out, pieces);
  });
}

namespace {

// An export's envelope: the text as `value`, null unless ok.
std::string export_json(const Outcome& outcome, const std::string& value) {
  return envelope_json(outcome, [&](Writer& out) {
    out.Key("value");
    if (outcome.ok()) {
      write_string(out, value);
    } else {
      out.Null();
    }
  });
}

}  // namespace

std::string MarkdownResult::to_json() const {
  return export_json(*this, value);
}

std::string HtmlResult::to_json() const {
  return export_json(*this, value);
}

}  // namespace artifacts
