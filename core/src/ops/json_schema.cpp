// jsonSchema(): the registry as JSON Schema draft 2020-12, with the "we"-voice descriptions,
// usable as an LLM's structured-output schema and by ajv.
#include <vector>

#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"
#include "json/json_io.hpp"
#include "registry/resolve.hpp"

namespace artifacts {
namespace {

using detail::Writer;

void collect_models(const ModelSpec& model, std::vector<const ModelSpec*>& seen);

void collect_type(const TypeSpec& type, std::vector<const ModelSpec*>& seen) {
  if (type.item) collect_type(*type.item, seen);
  if (type.model) {
    for (const auto* known : seen) {
      if (known == type.model) return;
    }
    seen.push_back(type.model);
    collect_models(*type.model, seen);
  }
}

void collect_models(const ModelSpec& model, std::vector<const ModelSpec*>& seen) {
  for (const auto& field : model.fields) collect_type(*field.type, seen);
}

void write_type(Writer& out, const TypeSpec& type);

// The keywords describing `type`, without braces, so a field can add its own next to them.
void write_type_keywords(Writer& out, const TypeSpec& type) {
  auto simple = [&](std::string_view json_type) {
    out.Key("type");
    detail::write_string(out, json_type);
  };
  switch (type.kind) {
    case Kind::string:
      simple("string");
      break;
    case Kind::integer:
      simple("integer");
      if (type.ge) {
        out.Key("minimum");
        out.Int64(*type.ge);
      }
      break;
    case Kind::boolean:
      simple("boolean");
      break;
    case Kind::literal:
    case Kind::enumeration:
      simple("string");
      detail::write_string_list(out, "enum", type.choices);
      break;
    case Kind::uuid:
      simple("string");
      out.Key("format");
      out.String("uuid");
      break;
    case Kind::datetime:
      simple("string");
      out.Key("format");
      out.String("date-time");
      break;
    case Kind::object:
      simple("object");
      break;
    case Kind::model:
      out.Key("$ref");
      detail::write_string(out, "#/$defs/" + std::string(type.model->class_name));
      break;
    case Kind::list:
      simple("array");
      out.Key("items");
      write_type(out, *type.item);
      break;
  }
}

void write_type(Writer& out, const TypeSpec& type) {
  out.StartObject();
  write_type_keywords(out, type);
  out.EndObject();
}

void write_field(Writer& out, const FieldSpec& field) {
  out.StartObject();
  out.Key("title");
  detail::write_string(out, field_title(field.key));
  out.Key("description");
  detail::write_string(out, field.description);
  if (field.nullable) {
    out.Key("anyOf");
    out.StartArray();
    write_type(out, *field.type);
    out.StartObject();
    out.Key("type");
    out.String("null");
    out.EndObject();
    out.EndArray();
  } else {
    write_type_keywords(out, *field.type);
  }
  if (!field.default_json.empty()) {
    out.Key("default");
    out.RawValue(field.default_json.data(), field.default_json.size(), rapidjson::kNullType);
  }
  out.EndObject();
}

void write_object_schema(Writer& out, const ModelSpec& model, Tier tier) {
  out.Key("title");
  detail::write_string(out, model.title);
  out.Key("description");
  detail::write_string(out, model.description);
  out.Key("type");
  out.String("object");
  out.Key("properties");
  out.StartObject();
  std::vector<std::string_view> required;
  for (const auto& field : model.fields) {
    if (!tier_allows(tier, field.tier)) continue;
    detail::write_string(out, field.key);
    write_field(out, field);
    if (field.required) required.push_back(field.key);
  }
  out.EndObject();
  detail::write_string_list(out, "required", required);
}

}  // namespace

SchemaResult json_schema(std::string_view type, std::string_view tier_text) {
  SchemaResult result;
  const ModelSpec* model = detail::resolve_model(type, result);
  if (model == nullptr) return result;
  Tier tier = Tier::cto_scale;
  if (!tier_text.empty()) {
    auto parsed = detail::resolve_tier(tier_text, result);
    if (!parsed) return result;
    tier = *parsed;
  }
  std::vector<const ModelSpec*> nested;
  collect_models(*model, nested);

  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  out.Key("$schema");
  out.String("https://json-schema.org/draft/2020-12/schema");
  out.Key("$id");
  detail::write_string(out, "urn:cofounder-artifacts:" + std::string(model->id) + ":" +
                                std::string(tier_name(tier)));
  write_object_schema(out, *model, tier);
  if (!nested.empty()) {
    out.Key("$defs");
    out.StartObject();
    for (const auto* item : nested) {
      detail::write_string(out, item->class_name);
      out.StartObject();
      write_object_schema(out, *item, tier);
      out.EndObject();
    }
    out.EndObject();
  }
  out.EndObject();
  result.value.assign(buffer.GetString(), buffer.GetSize());
  return result;
}

}  // namespace artifacts
