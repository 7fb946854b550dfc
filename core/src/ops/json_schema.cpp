// jsonSchema(): the registry as JSON Schema draft 2020-12, with the "we"-voice descriptions, for
// ajv and any validator, or as the structured-output subset an LLM provider accepts.
#include <array>
#include <cstdint>
#include <optional>
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

// Who reads the schema: a validator (the whole of draft 2020-12) or an LLM provider's
// structured-output decoder, which accepts a subset.
enum class Target : std::uint8_t { draft_2020_12, openai, anthropic };

// Target names, in Target's order.
constexpr std::array<std::string_view, 3> kTargetNames = {"draft-2020-12", "openai", "anthropic"};

std::optional<Target> parse_target(std::string_view name) {
  if (name.empty()) return Target::draft_2020_12;
  for (std::size_t i = 0; i < kTargetNames.size(); ++i) {
    if (kTargetNames[i] == name) return static_cast<Target>(i);
  }
  return std::nullopt;
}

// The schema of one model for one target. A provider's decoder wants no annotation it does not
// use (`title`, `default`) and no keyword outside its subset (`format`, numeric bounds: both
// providers refuse `minimum`); validate() still checks all of them on what comes back.
class SchemaWriter {
 public:
  SchemaWriter(Writer& out, Target target, Tier tier) : out_(out), target_(target), tier_(tier) {}

  void object(const ModelSpec& model) {
    if (full()) {
      out_.Key("title");
      detail::write_string(out_, model.title);
    }
    out_.Key("description");
    detail::write_string(out_, model.description);
    out_.Key("type");
    out_.String("object");
    out_.Key("properties");
    out_.StartObject();
    std::vector<std::string_view> required;
    for (const auto& field : model.fields) {
      if (!tier_allows(tier_, field.tier)) continue;
      // The version stamp is the library's to write, not the model's.
      if (!full() && !is_section(field)) continue;
      detail::write_string(out_, field.key);
      this->field(field);
      // OpenAI's strict mode requires every property (optional ones say so by being nullable).
      if (field.required || target_ == Target::openai) required.push_back(field.key);
    }
    out_.EndObject();
    detail::write_string_list(out_, "required", required);
    if (!full()) {
      out_.Key("additionalProperties");
      out_.Bool(false);
    }
  }

 private:
  bool full() const { return target_ == Target::draft_2020_12; }

  void field(const FieldSpec& field) {
    out_.StartObject();
    if (full()) {
      out_.Key("title");
      detail::write_string(out_, field_title(field.key));
    }
    out_.Key("description");
    detail::write_string(out_, field.description);
    if (field.nullable) {
      out_.Key("anyOf");
      out_.StartArray();
      type(*field.type);
      out_.StartObject();
      out_.Key("type");
      out_.String("null");
      out_.EndObject();
      out_.EndArray();
    } else {
      keywords(*field.type);
    }
    if (full() && !field.default_json.empty()) {
      out_.Key("default");
      out_.Raw(field.default_json, rapidjson::kNullType);
    }
    out_.EndObject();
  }

  void type(const TypeSpec& type) {
    out_.StartObject();
    keywords(type);
    out_.EndObject();
  }

  // The keywords describing `type`, without braces, so a field can add its own next to them.
  void keywords(const TypeSpec& type) {
    auto simple = [&](std::string_view json_type) {
      out_.Key("type");
      detail::write_string(out_, json_type);
    };
    auto format = [&](std::string_view name) {
      if (!full()) return;
      out_.Key("format");
      detail::write_string(out_, name);
    };
    switch (type.kind) {
      case Kind::string:
        simple("string");
        break;
      case Kind::integer:
        simple("integer");
        if (type.ge && full()) {
          out_.Key("minimum");
          out_.Int64(*type.ge);
        }
        break;
      case Kind::boolean:
        simple("boolean");
        break;
      case Kind::literal:
      case Kind::enumeration:
        simple("string");
        detail::write_string_list(out_, "enum", type.choices);
        break;
      case Kind::uuid:
        simple("string");
        format("uuid");
        break;
      case Kind::datetime:
        simple("string");
        format("date-time");
        break;
      case Kind::object:
        simple("object");
        break;
      case Kind::model:
        out_.Key("$ref");
        detail::write_string(out_, "#/$defs/" + std::string(type.model->class_name));
        break;
      case Kind::list:
        simple("array");
        out_.Key("items");
        this->type(*type.item);
        break;
    }
  }

  Writer& out_;
  Target target_;
  Tier tier_;
};

}  // namespace

SchemaResult json_schema(std::string_view type, std::string_view tier_text,
                         std::string_view target_text) {
  SchemaResult result;
  const auto target = parse_target(target_text);
  const ModelSpec* model =
      detail::resolve_model(type, result, target && *target != Target::draft_2020_12);
  if (model == nullptr) return result;
  Tier tier = Tier::cto_scale;
  if (!tier_text.empty()) {
    auto parsed = detail::resolve_tier(tier_text, result);
    if (!parsed) return result;
    tier = *parsed;
  }
  if (!target) {
    detail::fail(result, Status::invalid_input,
                 Issue{IssueType::unknown_target,
                       {},
                       "Unknown schema target '" + detail::printable_prefix(target_text, 64) +
                           "'; expected " + quoted_choices(kTargetNames),
                       detail::json_string(detail::printable_prefix(target_text, 1024)),
                       {}});
    return result;
  }
  std::vector<const ModelSpec*> nested;
  collect_models(*model, nested);

  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  SchemaWriter schema(out, *target, tier);
  out.StartObject();
  if (*target == Target::draft_2020_12) {
    out.Key("$schema");
    out.String("https://json-schema.org/draft/2020-12/schema");
    out.Key("$id");
    detail::write_string(out, "urn:cofounder-artifacts:" + std::string(model->id) + ":" +
                                  std::string(tier_name(tier)));
  }
  schema.object(*model);
  if (!nested.empty()) {
    out.Key("$defs");
    out.StartObject();
    for (const auto* item : nested) {
      detail::write_string(out, item->class_name);
      out.StartObject();
      schema.object(*item);
      out.EndObject();
    }
    out.EndObject();
  }
  out.EndObject();
  result.value.assign(buffer.GetString(), buffer.GetSize());
  return result;
}

}  // namespace artifacts
