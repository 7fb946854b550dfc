// The markdown target (to_markdown(), plan_to_markdown_json()): exports are deterministic, read
// only normalised content the tier may see, and user text never makes Markdown structure.
#include "entries.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>
#include "artifacts/markdown.hpp"

#include "inputs.hpp"
#include "oracles.hpp"

namespace artifacts::fuzz {
namespace {

std::string_view markdown_variant(std::uint8_t options) {
  constexpr std::array<std::string_view, 4> kVariants = {"", "readable", "technical", "fancy"};
  return kVariants[options & 3u];
}

std::string_view markdown_tier(std::uint8_t options) {
  return validate_tier(static_cast<std::uint8_t>(options >> 2));
}

// Every non-empty prose string of a document (by the registry: string fields, in items too)
// replaced with "x": the same document structure with no user text in it.
void blank_prose(Value& value, const TypeSpec& type);

void blank_prose(Value& object, const ModelSpec& model) {
  if (!object.IsObject()) return;
  for (auto& member : object.GetObject()) {
    if (const FieldSpec* field = find_field(model, view(member.name))) {
      blank_prose(member.value, *field->type);
    }
  }
}

void blank_prose(Value& value, const TypeSpec& type) {
  if (type.kind == Kind::string && value.IsString() && value.GetStringLength() > 0) {
    value.SetString(rapidjson::StringRef("x"));
  } else if (type.kind == Kind::list && value.IsArray()) {
    for (auto& item : value.GetArray()) blank_prose(item, *type.item);
  } else if (type.kind == Kind::model) {
    blank_prose(value, *type.model);
  }
}

// The lines that make a Markdown document's structure: headings (by level), code fences and
// thematic breaks / front matter delimiters. User text must never add or remove one.
std::vector<std::string> structure(std::string_view markdown) {
  std::vector<std::string> lines;
  while (!markdown.empty()) {
    auto end = markdown.find('\n');
    std::string_view line = markdown.substr(0, end);
    markdown.remove_prefix(end == std::string_view::npos ? markdown.size() : end + 1);
    std::size_t level = 0;
    while (level < line.size() && line[level] == '#') ++level;
    if (level > 0 && (level == line.size() || line[level] == ' ')) {
      lines.push_back("h" + std::to_string(level));
    } else if (line.starts_with("```")) {
      lines.emplace_back("fence");
    } else if (line == "---") {
      lines.emplace_back("rule");
    }
  }
  return lines;
}

std::string run_markdown_plan(std::string_view plan_json, const MarkdownOptions& options) {
  auto result = plan_to_markdown_json(plan_json, options);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  FUZZ_EXPECT(!result.ok() || library_reads_object(plan_json),
              "plan_to_markdown_json accepted a plan that is not a JSON object");
  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed export has a value");
    return {};
  }
  FUZZ_EXPECT(valid_utf8(result.value), "the Markdown is not valid UTF-8");
  auto again = plan_to_markdown_json(plan_json, options);
  FUZZ_EXPECT(again.value == result.value, "the plan's export is not deterministic");
  // Every artifact it exported is valid content.
  auto plan = deduped_tree(plan_json);
  FUZZ_EXPECT(plan && plan->IsObject(), "the oracle does not read the plan");
  for (const auto& member : plan->GetObject()) {
    const std::string type(view(member.name));
    const std::string content =
        member.value.IsString() ? std::string(view(member.value)) : to_json(member.value);
    FUZZ_EXPECT(find_artifact_type(type) != nullptr, "the plan exported an unknown type");
    if (member.value.IsNull()) continue;
    FUZZ_EXPECT(normalised(type, content).has_value(), "the plan exported invalid content");
  }
  return {};
}

}  // namespace

std::string run_markdown(std::string_view bytes) {
  const Input input{bytes, 2};
  const std::uint8_t mode = input.byte(0);
  const std::uint8_t flags = input.byte(1);
  const auto parts = split(input.payload(), 3);
  const MarkdownOptions options{.variant = markdown_variant(flags),
                                .tier = markdown_tier(flags),
                                .startup_name = parts[1],
                                .generated_at = parts[2]};
  if ((mode & 1u) != 0) return run_markdown_plan(parts[0], options);

  const std::string_view type = artifact_at(static_cast<std::uint8_t>(mode >> 1));
  const std::string_view json = parts[0];
  auto result = to_markdown(type, json, options);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  const ModelSpec* model = find_artifact_type(type);
  const auto tier = parse_tier(options.tier);
  const bool good_options = model != nullptr && (options.tier.empty() || tier) &&
                            options.variant != "fancy" && valid_utf8(options.startup_name) &&
                            valid_utf8(options.generated_at);
  const auto checked = good_options ? validate(type, json) : ValidationResult{};
  FUZZ_EXPECT(result.ok() == (good_options && checked.ok()),
              "to_markdown's verdict is not the options' and validate's: " + result.to_json());
  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed export has a value");
    return {};
  }
  FUZZ_EXPECT(valid_utf8(result.value), "the Markdown is not valid UTF-8");
  FUZZ_EXPECT(to_markdown(type, json, options).value == result.value,
              "the export is not deterministic");

  // The export reads the normalised content, and only the sections the tier may see.
  FUZZ_EXPECT(to_markdown(type, checked.value, options).value == result.value,
              "normalising the content first changes the Markdown");
  if (tier) {
    auto gated = gate(type, checked.value, options.tier);
    FUZZ_EXPECT(gated.ok(), "gate refused validated content");
    FUZZ_EXPECT(to_markdown(type, gated.value, options).value == result.value,
                "gating the content first changes the Markdown (a section above the tier shows)");
  }
  auto content = tree(checked.value);
  FUZZ_EXPECT(content && content->IsObject(), "the oracle does not read validate's value");
  for (const auto& field : model->fields) {
    if (field.key == kSchemaVersionKey || (tier && !tier_allows(*tier, field.tier))) continue;
    if (section(*content, field.key) == nullptr) continue;
    FUZZ_EXPECT(result.value.find(field_title(field.key)) != std::string::npos,
                "a visible section's title is missing: " + std::string(field.key));
  }

  // User text never makes structure: with every prose string replaced by "x", the headings,
  // fences and rules are the same.
  blank_prose(*content, *model);
  auto blank = to_markdown(type, to_json(*content), options);
  FUZZ_EXPECT(blank.ok(), "the export refused blanked content");
  FUZZ_EXPECT(structure(blank.value) == structure(result.value),
              "user text changed the Markdown's structure (headings, fences or rules)");
  return {};
}

}  // namespace artifacts::fuzz
