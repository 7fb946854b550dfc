// gate(): the sections a tier may see, and the ones it may not (for an upsell view).
#include "artifacts/operations.hpp"
#include "json/object_members.hpp"
#include "registry/resolve.hpp"
#include "validate/fast_path.hpp"

#include <algorithm>

namespace artifacts {

GateResult gate(std::string_view type, std::string_view json, std::string_view tier_text) {
  GateResult result;
  const ModelSpec* model = detail::resolve_model(type, result);
  if (model == nullptr) return result;
  auto tier = detail::resolve_tier(tier_text, result);
  if (!tier) return result;
  rapidjson::StringBuffer buffer;
  detail::Writer out(buffer);

  // Most input is plain JSON: copy the visible sections' bytes as they are, nothing parsed.
  std::vector<detail::RawMember> members;
  if (detail::raw_members(json, members)) {
    out.StartObject();
    for (const auto& field : model->fields) {
      if (!tier_allows(*tier, field.tier)) {
        result.locked.push_back(field.key);
        continue;
      }
      // A repeated key: the last one wins, as everywhere.
      auto last = std::find_if(members.rbegin(), members.rend(),
                               [&](const detail::RawMember& m) { return m.key == field.key; });
      if (last == members.rend()) continue;
      detail::write_string(out, field.key);
      out.Raw(last->value, rapidjson::kObjectType);
    }
    out.EndObject();
    result.value.assign(buffer.GetString(), buffer.GetSize());
    return result;
  }

  detail::JsonDocument document(json);
  auto root = detail::object_root(document, *model, result);
  if (!root) return result;

  auto found = detail::pick_fields(*model, *root);
  out.StartObject();
  for (std::size_t i = 0; i < model->fields.size(); ++i) {
    const FieldSpec& field = model->fields[i];
    if (!tier_allows(*tier, field.tier)) {
      result.locked.push_back(field.key);
    } else if (found[i]) {
      detail::write_string(out, field.key);
      detail::write_element(out, *found[i]);
    }
  }
  out.EndObject();
  result.value.assign(buffer.GetString(), buffer.GetSize());
  return result;
}

}  // namespace artifacts
