// The export's outline: its options checked, its content validated, and what the document shows
// of it, derived from the registry.
#include "markdown/outline.hpp"

#include <algorithm>
#include <iterator>

#include "artifacts/operations.hpp"
#include "json/json_io.hpp"
#include "json/mutable_document.hpp"
#include "markdown/text.hpp"
#include "registry/resolve.hpp"
#include "simdjson.h"

namespace artifacts::detail::markdown {
namespace {

using Json = rapidjson::Value;

constexpr std::string_view kPlanTitle = "Founder Plan";
constexpr std::string_view kContentsTitle = "Contents";
constexpr std::string_view kTitleSeparator = " — ";

// ---- arguments and content ----------------------------------------------------------------

bool check_utf8(std::string_view text, std::string_view name, Outcome& outcome) {
  if (simdjson::validate_utf8(text.data(), text.size())) return true;
  fail(outcome, Status::invalid_input,
       Issue{IssueType::string_unicode,
             {std::string(name)},
             "Input should be a valid string, unable to parse raw data as a unicode string",
             json_string(printable_prefix(text, 1024)),
             {}});
  return false;
}

// Validates `json` as `model` and parses the normalised value; on failure adds the errors to
// `outcome` (their loc prefixed with `prefix` when given) and returns null.
std::unique_ptr<LoadedArtifact> load(const ModelSpec& model, std::string_view json,
                                     Outcome& outcome, std::string_view prefix = {}) {
  auto checked = validate(model.id, json);
  if (!checked.ok()) {
    if (outcome.ok()) outcome.status = checked.status;
    for (auto& issue : checked.errors) {
      if (!prefix.empty()) {
        Path loc{PathItem(std::in_place_index<0>, prefix)};
        std::move(issue.loc.begin(), issue.loc.end(), std::back_inserter(loc));
        issue.loc = std::move(loc);
      }
      outcome.errors.push_back(std::move(issue));
    }
    return nullptr;
  }
  auto loaded = std::make_unique<LoadedArtifact>();
  loaded->model = &model;
  loaded->text = std::move(checked.value);
  loaded->document.ParseInsitu(loaded->text.data());
  if (loaded->document.HasParseError() || !loaded->document.IsObject()) {
    // Unreachable: validate's value is a JSON object.
    fail(outcome, Status::invalid_input,
         Issue{IssueType::json_invalid, {}, "Invalid JSON", {}, {}});
    return nullptr;
  }
  return loaded;
}

// ---- layout -------------------------------------------------------------------------------

// How the export arranges an item model, derived from the kinds of its fields.
struct ItemLayout {
  const FieldSpec* identity = nullptr;  // names the item for merge and diff
  const FieldSpec* heading = nullptr;   // the string the item's heading shows
  bool numbered = false;                // an integer identity: ordered steps, "N. heading"
  const FieldSpec* body = nullptr;      // the next string field: the item's plain paragraph
};

ItemLayout layout_of(const ModelSpec& model) {
  ItemLayout layout;
  if (!model.identity.empty()) layout.identity = find_field(model, model.identity);
  if (layout.identity != nullptr && layout.identity->type->kind == Kind::string) {
    layout.heading = layout.identity;
  }
  layout.numbered = layout.identity != nullptr && layout.identity->type->kind == Kind::integer;
  for (const auto& field : model.fields) {
    if (field.type->kind != Kind::string || &field == layout.heading) continue;
    if (layout.heading == nullptr) {
      layout.heading = &field;
    } else if (layout.body == nullptr) {
      layout.body = &field;
    }
  }
  return layout;
}

std::string_view text_of(const Json& value) {
  return {value.GetString(), value.GetStringLength()};
}

bool is_level(Kind kind) {
  return kind == Kind::literal || kind == Kind::enumeration;
}

// A section or item field that is shown as a short value next to its label.
bool is_scalar(Kind kind) {
  return kind == Kind::integer || is_level(kind) || kind == Kind::boolean;
}

// A value other than a level in words: a string as it is, numbers in decimal.
std::string words_of(const Json& value) {
  if (value.IsString()) return std::string(text_of(value));
  if (value.IsBool()) return value.GetBool() ? "Yes" : "No";
  if (value.IsNull()) return {};
  return value_json(value);
}

Value value_of(const TypeSpec& type, const Json& json) {
  Value value;
  if (json.IsString()) {
    value.kind = is_level(type.kind) ? Value::Kind::level : Value::Kind::text;
    value.text = text_of(json);
    for (std::size_t i = 0; value.kind == Value::Kind::level && i < type.choices.size(); ++i) {
      if (type.choices[i] == value.text) value.rank = i + 1;
    }
  } else {
    value.plain = words_of(json);
  }
  return value;
}

std::vector<Value> values_of(const TypeSpec& item_type, const Json& list) {
  std::vector<Value> values;
  for (const auto& item : list.GetArray()) values.push_back(value_of(item_type, item));
  return values;
}

// An integer-identified item's number and name ("3. Checkout"); empty when it has neither.
std::string step_label(const ItemLayout& layout, const Json& item) {
  std::string label;
  if (const Json* number = member(item, layout.identity->key)) label = words_of(*number) + ". ";
  const Json* name = layout.heading ? member(item, layout.heading->key) : nullptr;
  if (name != nullptr && name->IsString()) label += text_of(*name);
  return label;
}

// The item's fields below its heading: short values, its plain paragraph, then the others.
void add_fields(const ModelSpec& model, const ItemLayout& layout, const Json& json, Item& item) {
  for (const auto& field : model.fields) {
    if (&field == layout.identity || !is_scalar(field.type->kind)) continue;
    const Json* value = member(json, field.key, /*null_is_absent=*/true);
    if (value == nullptr) continue;
    item.facts.push_back({field_title(field.key), Form::value, value_of(*field.type, *value), {}});
  }
  if (layout.body != nullptr) {
    if (const Json* body = member(json, layout.body->key, /*null_is_absent=*/true)) {
      item.body = value_of(*layout.body->type, *body);
    }
  }
  for (const auto& field : model.fields) {
    if (&field == layout.identity || &field == layout.heading || &field == layout.body ||
        is_scalar(field.type->kind)) {
      continue;
    }
    const Json* value = member(json, field.key, /*null_is_absent=*/true);
    if (value == nullptr) continue;
    Field shown{field_title(field.key), Form::value, {}, {}};
    if (field.type->kind == Kind::list && value->IsArray() && !value->Empty()) {
      shown.form = Form::list;
      shown.list = values_of(*field.type->item, *value);
    } else if (field.type->kind == Kind::list) {
      shown.form = Form::none;
    } else {
      shown.value = value_of(*field.type, *value);
    }
    item.fields.push_back(std::move(shown));
  }
}

Item item_of(const ModelSpec& model, const ItemLayout& layout, const Json& json) {
  Item item;
  const Json* name = layout.heading ? member(json, layout.heading->key) : nullptr;
  const bool named = name != nullptr && name->IsString();
  if (layout.numbered) {
    item.title = step_label(layout, json);
  } else if (named) {
    item.title = text_of(*name);
  }
  if (!named && item.title.empty()) item.title = model.title;
  if (named && layout.heading == layout.identity) item.name = text_of(*name);
  add_fields(model, layout, json, item);
  return item;
}

Section section_of(const FieldSpec& field, const Json& value) {
  const TypeSpec& type = *field.type;
  Section section;
  section.title = field_title(field.key);
  section.description = field.description;
  section.prose =
      type.kind == Kind::string || (type.kind == Kind::list && type.item->kind == Kind::string);
  if (type.kind == Kind::list && value.IsArray()) {
    if (value.Empty()) {
      section.form = Form::none;
    } else if (type.item->kind == Kind::model) {
      const ModelSpec& model = *type.item->model;
      ItemLayout layout = layout_of(model);
      section.form = Form::items;
      for (const auto& item : value.GetArray()) {
        section.items.push_back(item_of(model, layout, item));
        if (layout.numbered) section.steps.push_back(step_label(layout, item));
      }
    } else {
      section.form = Form::list;
      section.list = values_of(*type.item, value);
    }
  } else if (type.kind == Kind::model && value.IsObject()) {
    section.form = Form::record;
    section.items.emplace_back();
    add_fields(*type.model, layout_of(*type.model), value, section.items.back());
  } else {
    section.form = Form::value;
    section.value = value_of(type, value);
  }
  return section;
}

Artifact artifact_of(const LoadedArtifact& loaded, Tier tier) {
  const ModelSpec& model = *loaded.model;
  Artifact artifact{model.id, model.title, model.description, {}, {}};
  for (const auto& field : model.fields) {
    if (!is_section(field) || !tier_allows(tier, field.tier)) continue;
    const Json* value = member(loaded.document, field.key, /*null_is_absent=*/true);
    if (value == nullptr) continue;  // an optional section not generated
    artifact.sections.push_back(section_of(field, *value));
  }
  return artifact;
}

Outline outline_of(std::vector<std::unique_ptr<LoadedArtifact>> content, const Settings& settings,
                   bool plan) {
  Outline outline;
  outline.plan = plan;
  if (!settings.startup.empty()) outline.title = settings.startup + std::string(kTitleSeparator);
  outline.title += plan ? kPlanTitle : content.front()->model->title;
  if (plan && !content.empty()) outline.contents = kContentsTitle;
  for (std::size_t i = 0; i < content.size(); ++i) {
    Artifact artifact = artifact_of(*content[i], settings.tier);
    if (plan) {  // the earlier artifacts of this plan
      for (std::size_t e = 0; e < i; ++e) {
        artifact.builds_on.push_back({content[e]->model->id, content[e]->model->title, e});
      }
    } else {  // every earlier type, written to its own document
      for (const ModelSpec* model : generation_order()) {
        if (model == content[i]->model) break;
        artifact.builds_on.push_back({model->id, model->title, std::nullopt});
      }
    }
    outline.artifacts.push_back(std::move(artifact));
  }
  outline.content = std::move(content);
  return outline;
}

}  // namespace

std::optional<Settings> resolve_settings(const MarkdownOptions& options, Outcome& outcome) {
  Settings settings;
  if (!options.tier.empty()) {
    auto tier = resolve_tier(options.tier, outcome);
    if (!tier) return std::nullopt;
    settings.tier = *tier;
  }
  if (options.variant == "technical") {
    settings.variant = Variant::technical;
  } else if (!options.variant.empty() && options.variant != "readable") {
    constexpr std::string_view kExpected = "'readable' or 'technical'";
    fail(outcome, Status::invalid_input,
         Issue{IssueType::unknown_variant,
               {std::string("variant")},
               "Unknown variant '" + printable_prefix(options.variant, 64) + "'; expected " +
                   std::string(kExpected),
               json_string(printable_prefix(options.variant, 1024)),
               "{\"expected\":" + json_string(kExpected) + "}"});
    return std::nullopt;
  }
  if (!check_utf8(options.startup_name, "startup_name", outcome) ||
      !check_utf8(options.generated_at, "generated_at", outcome)) {
    return std::nullopt;
  }
  settings.startup = single_line(options.startup_name);
  settings.generated = single_line(options.generated_at);
  return settings;
}

std::optional<Outline> artifact_outline(const ModelSpec& model, std::string_view json,
                                        const Settings& settings, Outcome& outcome) {
  std::vector<std::unique_ptr<LoadedArtifact>> content;
  content.push_back(load(model, json, outcome));
  if (!outcome.ok()) return std::nullopt;
  return outline_of(std::move(content), settings, /*plan=*/false);
}

std::optional<Outline> plan_outline(std::span<const PlanArtifact> parts, const Settings& settings,
                                    Outcome& outcome) {
  const auto order = generation_order();
  std::vector<const PlanArtifact*> by_type(order.size(), nullptr);
  for (const auto& part : parts) {
    const ModelSpec* model = resolve_model(part.type, outcome, /*artifacts_only=*/true);
    if (model == nullptr) {
      outcome.errors.back().loc.emplace_back(std::string(part.type));
      return std::nullopt;
    }
    auto index =
        static_cast<std::size_t>(std::find(order.begin(), order.end(), model) - order.begin());
    if (by_type[index] != nullptr) {
      fail(outcome, Status::invalid_input,
           Issue{IssueType::duplicate_artifact_type,
                 {std::string(part.type)},
                 "The plan gives " + std::string(part.type) + " more than once",
                 {},
                 {}});
      return std::nullopt;
    }
    by_type[index] = &part;
  }
  std::vector<std::unique_ptr<LoadedArtifact>> content;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (by_type[i] == nullptr || detail::is_no_content(by_type[i]->json)) continue;
    auto loaded = load(*order[i], by_type[i]->json, outcome, order[i]->id);
    if (loaded) content.push_back(std::move(loaded));
  }
  if (!outcome.ok()) return std::nullopt;
  return outline_of(std::move(content), settings, /*plan=*/true);
}

std::vector<std::pair<std::string, std::string>> plan_members(std::string_view plan_json,
                                                              Outcome& outcome) {
  std::vector<std::pair<std::string, std::string>> members;  // type, content JSON text
  JsonDocument plan(plan_json, 1);
  if (!plan.root()) {
    fail(outcome, Status::invalid_input, plan.error());
    return members;
  }
  if (!plan.root()->is_object()) {
    fail(outcome, Status::invalid_input,
         Issue{IssueType::model_type,
               {},
               "Input should be an object",
               element_json(*plan.root()),
               "{\"class_name\":\"Plan\"}"});
    return members;
  }
  for (auto entry : as_object(*plan.root())) {
    std::string_view key = entry.key;  // (clang 14 lambdas cannot capture a binding)
    Element value = entry.value;
    std::string text = value.is_string() ? std::string(value.get_string().value_unsafe())
                       : value.is_null() ? std::string()
                                         : element_json(value);
    // A repeated key: the last one wins, as everywhere.
    auto same = std::find_if(members.begin(), members.end(),
                             [&](const auto& known) { return known.first == key; });
    if (same != members.end()) {
      same->second = std::move(text);
    } else {
      members.emplace_back(std::string(key), std::move(text));
    }
  }
  return members;
}

}  // namespace artifacts::detail::markdown
