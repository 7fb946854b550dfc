#include "document/member_texts.hpp"

#include <span>

#include "document/compact_json.hpp"
#include "json/stand_in.hpp"
#include "validate/fast_path.hpp"

namespace artifacts::detail {
namespace {

bool has_escape(std::string_view raw_key) {
  return raw_key.find('\\') != std::string_view::npos;
}

}  // namespace

std::vector<ItemText> identified_item_texts(std::string_view value, std::string_view identity) {
  std::vector<ItemText> items;
  if (!value.starts_with('[')) return items;
  for (auto item : array_item_spans(value)) {
    ItemText text{item, {}};
    if (!identity.empty() && item.starts_with('{')) {
      for (const auto& member : object_member_spans(item)) {
        if (has_escape(member.raw_key)) {
          text.identity = {};
          break;
        }
        if (member.raw_key == identity) text.identity = member.value;  // a repeat's last, as read
      }
    }
    items.push_back(text);
  }
  return items;
}

std::optional<std::vector<MemberText>> members_as_written(const ModelSpec& model,
                                                          std::string_view json, bool for_merge) {
  // One scan validates the text and finds its members, items and identities.
  WrittenLayout layout;
  if (!validates_as_written(model, json, std::nullopt, layout)) return std::nullopt;
  if (for_merge && !layout.compact) return std::nullopt;
  std::vector<MemberText> members;
  members.reserve(layout.members.size());
  for (const auto& member : layout.members) {
    MemberText text{member.key, member.value, {}, for_merge && writes_as_is(member.value)};
    const auto items = std::span(layout.items).subspan(member.first_item, member.item_count);
    text.items.reserve(items.size());
    for (const auto& item : items) text.items.push_back({item.text, item.identity});
    members.push_back(std::move(text));
  }
  return members;
}

}  // namespace artifacts::detail
