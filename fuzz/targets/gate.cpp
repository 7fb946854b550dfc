// The gate target: the value is the input's sections the tier may see, each the last of its name;
// gate is idempotent and keeps valid content valid.
#include "entries.hpp"

#include <string>
#include <vector>

#include "inputs.hpp"
#include "oracles.hpp"

namespace artifacts::fuzz {

std::string run_gate(std::string_view bytes) {
  const Input input{bytes, 2};
  const std::string_view model_name = model_at(input.byte(0));
  const std::string_view tier_text = gate_tier(input.byte(1));
  const std::string_view json = input.payload();

  auto result = gate(model_name, json, tier_text);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  const ModelSpec* model = find_model(model_name);
  const auto tier = parse_tier(tier_text);
  if (model == nullptr || !tier) {
    FUZZ_EXPECT(!result.ok(), "gate accepted an unknown model or tier");
    return {};
  }
  FUZZ_EXPECT(result.ok() == library_reads_object(json),
              "gate's verdict is not whether the input is a JSON object");
  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed gate has a value");
    return {};
  }

  std::vector<std::string_view> locked;
  for (const auto& field : model->fields) {
    if (!tier_allows(*tier, field.tier)) locked.push_back(field.key);
  }
  FUZZ_EXPECT(result.locked == locked, "locked is not every section above the tier");

  // The value is the input's visible fields, each the last of its name.
  auto source = deduped_tree(json);
  auto value = tree(result.value);
  FUZZ_EXPECT(source && value, "the oracle does not read gate's input or value");
  FUZZ_EXPECT(value->IsObject() && !has_repeated_key(*value), "gate's value has repeated keys");
  dedupe(*value, value->GetAllocator());
  for (const auto& member : value->GetObject()) {
    const FieldSpec* field = find_field(*model, view(member.name));
    FUZZ_EXPECT(field != nullptr && tier_allows(*tier, field->tier),
                "gate's value has a field the tier may not see");
  }
  for (const auto& field : model->fields) {
    if (!tier_allows(*tier, field.tier)) continue;
    FUZZ_EXPECT(same(find(*value, field.key), find(*source, field.key)),
                "gate changed or lost the field " + std::string(field.key));
  }

  auto again = gate(model_name, result.value, tier_text);
  FUZZ_EXPECT(again.ok() && same_json(again.value, result.value), "gate is not idempotent");

  // Valid content gates to valid content with nothing above the tier and no unknown section
  // (gate picks sections: unknown keys inside them stay).
  if (validate(model_name, json, {.want_value = false}).ok()) {
    auto gated = validate(model_name, result.value, {.tier = tier_text, .want_value = false});
    FUZZ_EXPECT(gated.ok(), "gating valid content makes it invalid: " + gated.to_json());
    for (const auto& warning : gated.warnings) {
      FUZZ_EXPECT(warning.type == IssueType::unknown_key && warning.loc.size() > 1,
                  "gated content has a section above the tier or an unknown one");
    }
  }
  return {};
}

}  // namespace artifacts::fuzz
