#include "inputs.hpp"

#include <array>
#include <initializer_list>
#include <string>

#include "targets.hpp"

namespace artifacts::fuzz {

std::vector<std::string_view> split(std::string_view text, std::size_t count) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    auto nul = text.find('\0');
    if (nul == std::string_view::npos) break;
    parts.push_back(text.substr(0, nul));
    text.remove_prefix(nul + 1);
  }
  parts.push_back(text);
  parts.resize(count);
  return parts;
}

std::string_view model_at(std::uint8_t index) {
  auto all = models();
  index %= static_cast<std::uint8_t>(all.size() + 1);
  return index < all.size() ? all[index] : kUnknownName;
}

std::string_view artifact_at(std::uint8_t index) {
  auto types = artifact_type_ids();
  index %= static_cast<std::uint8_t>(types.size() + 1);
  return index < types.size() ? types[index] : kUnknownName;
}

std::string_view validate_tier(std::uint8_t options) {
  unsigned choice = options & 7u;
  if (choice >= 1 && choice <= tier_names().size()) return tier_names()[choice - 1];
  return choice == 4 ? kUnknownName : std::string_view();
}

std::string_view gate_tier(std::uint8_t choice) {
  choice %= 5;
  if (choice < tier_names().size()) return tier_names()[choice];
  return choice == 3 ? kUnknownName : std::string_view();
}

std::vector<std::string_view> sections_of(const ModelSpec& model) {
  std::vector<std::string_view> sections;
  for (const auto& field : model.fields) {
    if (field.key != kSchemaVersionKey) sections.push_back(field.key);
  }
  return sections;
}

// ---- encoders -----------------------------------------------------------------------------

namespace {

std::string header(std::initializer_list<std::size_t> bytes) {
  std::string out;
  for (auto byte : bytes) out.push_back(static_cast<char>(static_cast<unsigned char>(byte)));
  return out;
}

std::string joined(std::initializer_list<std::string_view> parts) {
  std::string out;
  bool first = true;
  for (auto part : parts) {
    if (!first) out.push_back('\0');
    first = false;
    out += part;
  }
  return out;
}

}  // namespace

std::span<const std::string_view> models() {
  static const auto all = [] {
    std::vector<std::string_view> ids;
    for (const auto* model : generation_order()) ids.push_back(model->id);
    for (const auto* model : record_models()) ids.push_back(model->id);
    return ids;
  }();
  return all;
}

std::string validate_input(std::string_view model, std::string_view tier, bool strict,
                           std::string_view json) {
  std::size_t tier_bits = 0;  // none
  if (!tier.empty()) {
    const auto index = index_of(tier_names(), tier);
    tier_bits = index < tier_names().size() ? index + 1 : 4;
  }
  return header({index_of(models(), model), tier_bits | (strict ? 8u : 0u)}) + std::string(json);
}

std::string stream_input(std::string_view model, std::string_view tier, bool strict,
                         std::uint8_t cuts, std::string_view json) {
  std::string input = validate_input(model, tier, strict, {});
  input += static_cast<char>(cuts);
  return input + std::string(json);
}

std::string document_input(std::string_view type, std::string_view tier, std::string_view content,
                           std::span<const std::pair<std::uint8_t, std::string>> operations) {
  std::size_t tier_bits = 0;  // none
  if (!tier.empty()) tier_bits = std::min<std::size_t>(index_of(tier_names(), tier) + 1, 4);
  std::string input =
      header({index_of(artifact_type_ids(), type), tier_bits}) + std::string(content);
  for (const auto& [code, value] : operations) {
    input += '\0';
    input += static_cast<char>(code);
    input += value;
  }
  return input;
}

std::string gate_input(std::string_view model, std::string_view tier, std::string_view json) {
  std::size_t tier_choice = 4;  // empty
  if (!tier.empty()) tier_choice = std::min<std::size_t>(index_of(tier_names(), tier), 3);
  return header({index_of(models(), model), tier_choice}) + std::string(json);
}

std::string migrate_input(std::string_view type, std::string_view json) {
  return header({index_of(models(), type)}) + std::string(json);
}

std::string merge_request_input(std::string_view request_json) {
  return header({0x80, 0, 0, 0}) + std::string(request_json);
}

std::string merge_input(std::string_view type, std::uint16_t edited_mask, bool force,
                        std::string_view base, std::string_view ours, std::string_view theirs) {
  return header({index_of(artifact_type_ids(), type), force ? 1u : 0u, edited_mask & 0xFFu,
                 static_cast<std::size_t>(edited_mask >> 8)}) +
         joined({base, ours, theirs});
}

std::string diff_request_input(std::string_view request_json) {
  return header({0, 0}) + std::string(request_json);
}

std::string diff_input(std::string_view type, std::string_view before, std::string_view after) {
  return header({1, index_of(models(), type)}) + joined({before, after});
}

std::string word_diff_input(std::string_view before, std::string_view after,
                            std::uint8_t budget_eighths) {
  return header({2, budget_eighths}) + joined({before, after});
}

std::string markdown_input(std::string_view type, std::string_view variant, std::string_view tier,
                           std::string_view json, std::string_view startup_name,
                           std::string_view generated_at) {
  constexpr std::array<std::string_view, 3> kVariants = {"", "readable", "technical"};
  std::size_t tier_bits = 0;
  if (!tier.empty()) {
    const auto index = index_of(tier_names(), tier);
    tier_bits = index < tier_names().size() ? index + 1 : 4;
  }
  const std::size_t mode = type.empty() ? 1 : index_of(artifact_type_ids(), type) << 1;
  return header({mode, std::min<std::size_t>(index_of(kVariants, variant), 3) | tier_bits << 2}) +
         joined({json, startup_name, generated_at});
}

}  // namespace artifacts::fuzz
