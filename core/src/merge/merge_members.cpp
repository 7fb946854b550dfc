// merge() of documents held open: a section whose text is the same on all three sides, and an item
// whose text is the same on every side that holds it, is loaded as a stand-in and written back as
// its text; only what differs is parsed. The merged text is checked section by section: a section
// copied whole from an input is valid as it stands, the others are checked as validate() would.
#include <array>
#include <optional>

#include "json/stand_in.hpp"
#include "merge/merge_loaded.hpp"
#include "registry/resolve.hpp"
#include "validate/fast_path.hpp"

namespace artifacts::detail {
namespace {

using Value = rapidjson::Value;
constexpr std::size_t kSides = 3;  // base, ours, theirs
using Members = std::array<const MemberText*, kSides>;

bool is_list(const MemberText& member) {
  return !member.items.empty() || member.value == "[]";
}

class SideLoader {
 public:
  SideLoader(std::array<rapidjson::Document, kSides>& sides, std::vector<std::string_view>& texts)
      : sides_(sides), texts_(texts) {}

  void section(const ModelSpec& model, const FieldSpec& field, const Members& members) {
    std::array<Value, kSides> values;
    if (same_everywhere(members) && members[0]->value != "null") {
      const auto ordinal = add_text(members[0]->value);
      for (std::size_t s = 0; s < kSides; ++s) values[s] = stand_in(ordinal, allocator(s));
    } else if (const ModelSpec* items = identified_items(model, field.key);
               items == nullptr || !list_with_stand_ins(*items, members, values)) {
      for (std::size_t s = 0; s < kSides; ++s) {
        if (members[s] != nullptr) parse_value(members[s]->value, values[s], allocator(s));
      }
    }
    for (std::size_t s = 0; s < kSides; ++s) {
      if (members[s] == nullptr) continue;
      sides_[s].AddMember(
          Value(field.key.data(), static_cast<rapidjson::SizeType>(field.key.size()), allocator(s)),
          values[s], allocator(s));
    }
  }

 private:
  Allocator& allocator(std::size_t side) { return sides_[side].GetAllocator(); }

  std::uint32_t add_text(std::string_view text) {
    texts_.push_back(text);
    return static_cast<std::uint32_t>(texts_.size() - 1);
  }

  static bool same_everywhere(const Members& members) {
    for (const MemberText* member : members) {
      if (member == nullptr || member->value != members[0]->value || !member->writes_as_is) {
        return false;
      }
    }
    return true;
  }

  // The sides' lists with each item that is the same on every side holding it as a stand-in,
  // written back as its text. Only when every side that holds the section holds a list that
  // writes as it is.
  bool list_with_stand_ins(const ModelSpec& item_model, const Members& members,
                           std::array<Value, kSides>& values) {
    std::array<ListSide, kSides> sides;
    for (std::size_t s = 0; s < kSides; ++s) {
      if (members[s] == nullptr) continue;
      if (!is_list(*members[s]) || !members[s]->writes_as_is) return false;
      sides[s] = {true, members[s]->items, &values[s], &allocator(s)};
    }
    return load_lists_with_stand_ins(item_model, sides, /*on_every_side=*/false, texts_);
  }

  std::array<rapidjson::Document, kSides>& sides_;
  std::vector<std::string_view>& texts_;
};

}  // namespace

MergeResult merge_members(const ModelSpec& model, std::span<const MemberText> base,
                          std::span<const MemberText> ours, std::span<const MemberText> theirs,
                          const std::vector<std::string>& edited_sections) {
  MergeResult result;
  if (!known_sections(model, edited_sections, result)) return result;
  const std::array<std::span<const MemberText>, kSides> inputs{base, ours, theirs};
  std::array<rapidjson::Document, kSides> sides;
  for (auto& side : sides) side.SetObject();
  std::vector<std::string_view> texts;  // what each stand-in stands for, by ordinal
  SideLoader loader(sides, texts);
  for (const auto& field : model.fields) {
    Members members;
    for (std::size_t s = 0; s < kSides; ++s) members[s] = find_member(inputs[s], field.key);
    loader.section(model, field, members);
  }
  rapidjson::Document merged;
  merge_loaded(model, sides[0], sides[1], sides[2], edited_sections, texts, merged, result);

  // The merged text; valid as written when each section is (as its input's was, when copied whole)
  // and every required section is there, which is validate()'s answer without another read.
  std::string text = "{";
  bool as_written = model.fields.size() <= 64;
  std::vector<bool> present(model.fields.size(), false);
  for (const auto& entry : merged.GetObject()) {
    const std::string_view key(entry.name.GetString(), entry.name.GetStringLength());
    const FieldSpec* field = find_field(model, key);
    present[static_cast<std::size_t>(field - model.fields.data())] = true;
    std::string value = expanded_json(entry.value, texts);
    bool copied = false;
    for (const auto& input : inputs) {
      const MemberText* member = find_member(input, key);
      copied = copied || (member != nullptr && member->value == value);
    }
    as_written = as_written && (copied || field_validates_as_written(*field, value, std::nullopt));
    if (text.size() > 1) text += ',';
    text += json_string(key);
    text += ':';
    text += value;
  }
  text += '}';
  for (std::size_t i = 0; i < model.fields.size(); ++i) {
    as_written = as_written && (present[i] || !model.fields[i].required);
  }
  if (as_written) {
    result.value = std::move(text);
  } else {
    set_checked_value(model, text, result);
  }
  return result;
}

}  // namespace artifacts::detail
