#include "document/member_texts.hpp"

#include <span>

#include "document/compact_json.hpp"
#include "json/stand_in.hpp"

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
                                                          std::string_view json, bool for_merge,
                                                          WrittenLayout& layout) {
  // One scan validates the text and finds its members, items and identities.
  if (!validates_as_written(model, json, std::nullopt, layout)) return std::nullopt;
  if (for_merge && !layout.compact) return std::nullopt;
  std::vector<MemberText> members;
  members.reserve(layout.members.size());
  for (const auto& member : layout.members) {
    members.push_back({member.key, member.value,
                       std::span(layout.items).subspan(member.first_item, member.item_count),
                       for_merge && writes_as_is(member.value)});
  }
  return members;
}

}  // namespace artifacts::detail
