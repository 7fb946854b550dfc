#include "json/stand_in.hpp"

#include <unordered_map>
#include <unordered_set>

namespace artifacts::detail {
namespace {

constexpr std::string_view kStandInKey{&kNotUtf8, 1};

rapidjson::Value marker_key() {
  return rapidjson::Value(rapidjson::StringRef(kStandInKey.data(), kStandInKey.size()));
}

// The ordinal of a stand-in; nullopt for any other value.
std::optional<std::uint32_t> ordinal_of(const rapidjson::Value& value) {
  if (!value.IsObject() || value.MemberCount() == 0) return std::nullopt;
  const auto& last = *(value.MemberEnd() - 1);
  if (std::string_view(last.name.GetString(), last.name.GetStringLength()) != kStandInKey) {
    return std::nullopt;
  }
  return last.value.GetUint();
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string_view identity_key(const rapidjson::Value& value, std::deque<std::string>& others) {
  if (value.IsString()) return {value.GetString(), value.GetStringLength()};
  return others.emplace_back(kNotUtf8 + value_json(value));
}

std::string identity_json(std::string_view key) {
  return key.starts_with(kNotUtf8) ? std::string(key.substr(1)) : json_string(key);
}

rapidjson::Value stand_in(std::uint32_t ordinal, Allocator& allocator) {
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember(marker_key(), rapidjson::Value(ordinal), allocator);
  return out;
}

rapidjson::Value item_stand_in(std::string_view identity_key, std::string_view identity,
                               std::uint32_t ordinal, Allocator& allocator) {
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember(rapidjson::Value(identity_key.data(),
                                 static_cast<rapidjson::SizeType>(identity_key.size()), allocator),
                rapidjson::Value(identity.data() + 1,
                                 static_cast<rapidjson::SizeType>(identity.size() - 2), allocator),
                allocator);
  out.AddMember(marker_key(), rapidjson::Value(ordinal), allocator);
  return out;
}

bool plain_string(std::string_view json) {
  return json.size() >= 2 && json.front() == '"' && json.find('\\') == std::string_view::npos;
}

namespace {

// Per identity: its text where first seen, whether every side holding it has that text, how many
// sides hold it, and its stand-in's ordinal.
struct Seen {
  std::string_view text;
  bool stands_in;
  std::size_t holders;
  std::uint32_t ordinal;
};

// The first side present, when every side present holds the same identities in the same order
// (what edits that add, drop and move nothing leave); nullptr otherwise.
const ListSide* aligned_sides(std::span<const ListSide> sides) {
  const ListSide* first = nullptr;
  for (const auto& side : sides) {
    if (!side.present) continue;
    if (first == nullptr) {
      first = &side;
      continue;
    }
    if (side.items.size() != first->items.size()) return nullptr;
    for (std::size_t i = 0; i < side.items.size(); ++i) {
      if (side.items[i].identity != first->items[i].identity) return nullptr;
    }
  }
  return first;
}

// Whether each identity is a plain string, once in `items`.
bool plain_and_once(std::span<const Document::ListItem> items) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(items.size());
  for (const auto& item : items) {
    if (!plain_string(item.identity) || !seen.insert(item.identity).second) return false;
  }
  return true;
}

// The same entries as the general case below gives, by position: the sides are aligned, so an
// item's holders are every side present and the first side's order is the order first seen.
bool seen_by_position(std::span<const ListSide> sides, const ListSide& first,
                      std::vector<Seen>& seen) {
  if (!plain_and_once(first.items)) return false;
  seen.reserve(first.items.size());
  for (std::size_t i = 0; i < first.items.size(); ++i) {
    bool same = true;
    for (const auto& side : sides) {
      same = same && (!side.present || side.items[i].text == first.items[i].text);
    }
    seen.push_back({first.items[i].text, same, 0, 0});
  }
  return true;
}

// Any sides: entries by identity, and each side's items' entries in `entry_of` (side by side).
bool seen_by_identity(std::span<const ListSide> sides, bool on_every_side, std::vector<Seen>& seen,
                      std::vector<std::size_t>& entry_of) {
  std::unordered_map<std::string_view, std::size_t> by_identity;
  std::size_t present = 0;
  for (const auto& side : sides) {
    if (!side.present) continue;
    ++present;
    if (!plain_and_once(side.items)) return false;
    for (const auto& item : side.items) {
      auto [found, added] = by_identity.try_emplace(item.identity, seen.size());
      if (added) {
        seen.push_back({item.text, true, 1, 0});
      } else {
        Seen& entry = seen[found->second];
        entry.stands_in = entry.stands_in && entry.text == item.text;
        ++entry.holders;
      }
      entry_of.push_back(found->second);
    }
  }
  for (auto& entry : seen) {
    entry.stands_in = entry.stands_in && (!on_every_side || entry.holders == present);
  }
  return true;
}

}  // namespace

bool load_lists_with_stand_ins(const ModelSpec& item_model, std::span<const ListSide> sides,
                               bool on_every_side, std::vector<std::string_view>& texts) {
  std::vector<Seen> seen;
  std::vector<std::size_t> entry_of;  // by identity only: by position, item i's entry is entry i
  const ListSide* first = aligned_sides(sides);
  const bool by_position = first != nullptr;
  if (by_position ? !seen_by_position(sides, *first, seen)
                  : !seen_by_identity(sides, on_every_side, seen, entry_of)) {
    return false;
  }
  for (auto& entry : seen) {
    if (entry.stands_in) {
      entry.ordinal = static_cast<std::uint32_t>(texts.size());
      texts.push_back(entry.text);
    }
  }
  std::size_t next = 0;
  for (const auto& side : sides) {
    if (!side.present) continue;
    auto& allocator = *side.allocator;
    side.out->SetArray();
    side.out->Reserve(static_cast<rapidjson::SizeType>(side.items.size()), allocator);
    for (std::size_t i = 0; i < side.items.size(); ++i) {
      const auto& item = side.items[i];
      const Seen& entry = seen[by_position ? i : entry_of[next++]];
      rapidjson::Value value;
      if (entry.stands_in) {
        value = item_stand_in(item_model.identity, item.identity, entry.ordinal, allocator);
      } else {
        parse_value(item.text, value, allocator);
      }
      side.out->PushBack(value, allocator);
    }
  }
  return true;
}

void parse_value(std::string_view json, rapidjson::Value& out, Allocator& allocator) {
  JsonDocument document(json);
  if (document.root()) to_value(*document.root(), out, allocator);
}

bool writes_as_is(std::string_view json) {
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      for (++i; i < json.size() && json[i] != '"'; ++i) {
        if (json[i] != '\\') continue;
        const char escaped = ++i < json.size() ? json[i] : 'u';
        if (escaped == 'u' || escaped == '/') return false;  // the writer spells these otherwise
      }
    } else if (c == '-' || is_digit(c)) {
      const std::size_t start = i;
      if (c == '-') ++i;
      if (i < json.size() && json[i] == '0' && c == '-') return false;  // -0 is written 0
      while (i < json.size() && is_digit(json[i])) ++i;
      if (i - start > 15 ||
          (i < json.size() && (json[i] == '.' || json[i] == 'e' || json[i] == 'E'))) {
        return false;  // a fraction or an exponent is written as the double it reads as
      }
      --i;
    }
  }
  return true;
}

void write_expanded(Writer& out, const rapidjson::Value& value,
                    std::span<const std::string_view> texts) {
  if (value.IsObject()) {
    if (auto ordinal = ordinal_of(value)) {
      const auto text = texts[*ordinal];
      out.Raw(text, rapidjson::kObjectType);
      return;
    }
    out.StartObject();
    for (const auto& member : value.GetObject()) {
      out.Key(member.name.GetString(), member.name.GetStringLength());
      write_expanded(out, member.value, texts);
    }
    out.EndObject();
  } else if (value.IsArray()) {
    out.StartArray();
    for (const auto& item : value.GetArray()) write_expanded(out, item, texts);
    out.EndArray();
  } else {
    value.Accept(out);
  }
}

std::string expanded_json(const rapidjson::Value& value, std::span<const std::string_view> texts) {
  if (texts.empty()) return value_json(value);
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  write_expanded(out, value, texts);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace artifacts::detail
