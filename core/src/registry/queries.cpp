// Look-ups over the registry table, and its export as JSON for tools that derive from it.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>

#include "artifacts/registry.hpp"
#include "artifacts/result.hpp"
#include "json/json_io.hpp"

namespace artifacts {
namespace {

constexpr std::array<std::string_view, 10> kKindNames = {
    "string", "integer",  "boolean", "literal", "enumeration",
    "uuid",   "datetime", "object",  "model",   "list"};

void write_type(detail::Writer& out, const TypeSpec& type) {
  out.StartObject();
  out.Key("kind");
  detail::write_string(out, kKindNames[static_cast<std::size_t>(type.kind)]);
  if (type.item) {
    out.Key("item");
    write_type(out, *type.item);
  }
  if (type.model) {
    out.Key("model");
    detail::write_string(out, type.model->id);
  }
  if (!type.choices.empty()) {
    detail::write_string_list(out, "choices", type.choices);
  }
  if (type.ge) {
    out.Key("ge");
    out.Int64(*type.ge);
  }
  if (type.refers != Refers::nothing) {
    out.Key("refers");
    detail::write_string(out, refers_name(type.refers));
  }
  out.EndObject();
}

void write_model(detail::Writer& out, const ModelSpec& model, bool artifact) {
  out.StartObject();
  out.Key("id");
  detail::write_string(out, model.id);
  out.Key("class_name");
  detail::write_string(out, model.class_name);
  out.Key("title");
  detail::write_string(out, model.title);
  out.Key("description");
  detail::write_string(out, model.description);
  if (!model.identity.empty()) {
    out.Key("identity");
    detail::write_string(out, model.identity);
  }
  if (artifact) {
    out.Key("on_failure");
    detail::write_string(out, cascade_rule_name(model.on_failure));
  }
  out.Key("fields");
  out.StartArray();
  for (const auto& field : model.fields) {
    out.StartObject();
    out.Key("key");
    detail::write_string(out, field.key);
    out.Key("type");
    write_type(out, *field.type);
    out.Key("required");
    out.Bool(field.required);
    out.Key("nullable");
    out.Bool(field.nullable);
    out.Key("tier");
    detail::write_string(out, section_tier_name(field.tier));
    out.Key("min_tier");
    detail::write_string(out, tier_name(minimum_tier(field.tier)));
    if (artifact) {
      out.Key("section");
      out.Bool(is_section(field));
    }
    out.Key("title");
    detail::write_string(out, field_title(field.key));
    out.Key("description");
    detail::write_string(out, field.description);
    if (!field.default_json.empty()) {
      out.Key("default");
      out.Raw(field.default_json, rapidjson::kNullType);
    }
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
}

void write_models(detail::Writer& out, std::string_view key,
                  std::span<const ModelSpec* const> models, bool artifacts = false) {
  detail::write_string(out, key);
  out.StartArray();
  for (const auto* model : models) write_model(out, *model, artifacts);
  out.EndArray();
}

}  // namespace

const ModelSpec* find_artifact_type(std::string_view id) {
  for (const auto* model : generation_order()) {
    if (model->id == id) return model;
  }
  return nullptr;
}

std::size_t model_count() {
  return generation_order().size() + record_models().size();
}

const ModelSpec* model_at(std::size_t index) {
  const auto artifacts = generation_order();
  if (index < artifacts.size()) return artifacts[index];
  index -= artifacts.size();
  const auto records = record_models();
  return index < records.size() ? records[index] : nullptr;
}

const ModelSpec* find_model(std::string_view id) {
  if (const auto* model = find_artifact_type(id)) return model;
  for (const auto* model : record_models()) {
    if (model->id == id) return model;
  }
  return nullptr;
}

std::optional<Tier> parse_tier(std::string_view name) {
  const auto names = tier_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Tier>(i);
  }
  return std::nullopt;
}

std::string_view tier_name(Tier tier) {
  return tier_names()[static_cast<std::size_t>(tier)];
}

std::string_view section_tier_name(SectionTier tier) {
  constexpr std::array<std::string_view, 3> kNames = {"core", "business", "strategic"};
  return kNames[static_cast<std::size_t>(tier)];
}

// Section tiers and subscription tiers line up one to one: core/bootstrapper, ...
Tier minimum_tier(SectionTier tier) {
  return static_cast<Tier>(tier);
}

bool tier_allows(Tier tier, SectionTier section) {
  return static_cast<int>(tier) >= static_cast<int>(minimum_tier(section));
}

const FieldSpec* find_field(const ModelSpec& model, std::string_view key) {
  for (const auto& field : model.fields) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

bool is_section(const FieldSpec& field) {
  return !field.key.starts_with('_');
}

std::string_view cascade_rule_name(CascadeRule rule) {
  constexpr std::array<std::string_view, 3> kNames = {"continue", "fail_rest", "skip_rest"};
  return kNames[static_cast<std::size_t>(rule)];
}

std::string_view refers_name(Refers refers) {
  constexpr std::array<std::string_view, 4> kNames = {"nothing", "artifact_content", "section_id",
                                                      "artifact_type"};
  return kNames[static_cast<std::size_t>(refers)];
}

std::string field_title(std::string_view key) {
  std::string title;
  bool start = true;
  for (char c : key) {
    if (c == '_') {
      if (!title.empty()) start = true;
      continue;
    }
    if (start && !title.empty()) title += ' ';
    title += start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    start = false;
  }
  return title;
}

std::string quoted_choices(std::span<const std::string_view> choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += i + 1 == choices.size() ? " or " : ", ";
    out += '\'';
    out += choices[i];
    out += '\'';
  }
  return out;
}

std::string registry_json() {
  rapidjson::StringBuffer buffer;
  detail::Writer out(buffer);
  out.StartObject();
  out.Key("schema_version");
  out.Int64(kCurrentSchemaVersion);
  detail::write_string_list(out, "tiers", tier_names());
  out.Key("tier_titles");
  out.StartObject();
  for (auto name : tier_names()) {
    detail::write_string(out, name);
    detail::write_string(out, tier_title(*parse_tier(name)));
  }
  out.EndObject();
  out.Key("section_tiers");  // which tier first sees each kind of section
  out.StartObject();
  for (auto section : {SectionTier::core, SectionTier::business, SectionTier::strategic}) {
    detail::write_string(out, section_tier_name(section));
    detail::write_string(out, tier_name(minimum_tier(section)));
  }
  out.EndObject();
  detail::write_string_list(out, "generation_statuses", generation_statuses());
  out.Key("cascade_rules");
  out.StartArray();
  for (auto rule : {CascadeRule::continue_rest, CascadeRule::fail_rest, CascadeRule::skip_rest}) {
    detail::write_string(out, cascade_rule_name(rule));
  }
  out.EndArray();
  out.Key("stored_record");
  detail::write_string(out, stored_record_model().id);
  out.Key("model_ids");  // model_at()'s order: the index a known model crosses the boundary as
  out.StartArray();
  for (std::size_t i = 0; i < model_count(); ++i) detail::write_string(out, model_at(i)->id);
  out.EndArray();
  out.Key("max_input_bytes");  // so the JS side refuses oversized input before it crosses
  out.Uint64(kMaxInputBytes);
  write_models(out, "generation_order", generation_order(), true);
  write_models(out, "records", record_models());
  write_models(out, "items", item_models());
  // The catalogues of the result envelope: the codes a caller branches on, and every issue type.
  out.Key("statuses");
  out.StartArray();
  for (Status status : statuses()) detail::write_string(out, status_code(status));
  out.EndArray();
  out.Key("issue_types");
  out.StartArray();
  for (IssueType type : issue_types()) detail::write_string(out, issue_type_name(type));
  out.EndArray();
  out.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace artifacts
