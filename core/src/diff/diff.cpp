// diff(): an RFC 6902 JSON Patch from one version of an artifact to the next, with list items
// matched by identity, and a per-section summary with word-level diffs of changed prose.
#include <algorithm>
#include <array>
#include <deque>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "artifacts/operations.hpp"
#include "diff/diff_members.hpp"
#include "diff/myers.hpp"
#include "document/member_texts.hpp"
#include "json/json_io.hpp"
#include "json/mutable_document.hpp"
#include "json/stand_in.hpp"
#include "registry/resolve.hpp"

namespace artifacts {
namespace {

using detail::Writer;
using Value = rapidjson::Value;

// Sequences of values compared whole; list diffs past this many steps become replacements.
constexpr std::size_t kListDiffBudget = std::size_t{1} << 20;

// The identities of a list's items, in order, as keys (detail::identity_key): equal keys are equal
// identities.
struct Identities {
  std::vector<std::string_view> list;
  std::deque<std::string> others;  // the keys of identities that are not strings

  // False when an item has no identity or one repeats.
  bool read(const Value& items, const ModelSpec& model) {
    std::unordered_set<std::string_view> seen;
    list.reserve(items.Size());
    for (const auto& element : items.GetArray()) {
      const Value* id = detail::member(element, model.identity);
      if (id == nullptr) return false;
      const std::string_view key = detail::identity_key(*id, others);
      if (!seen.insert(key).second) return false;
      list.push_back(key);
    }
    return true;
  }

  std::size_t size() const { return list.size(); }
  std::string_view operator[](std::size_t i) const { return list[i]; }

  // The JSON of the identity behind a key (what an item change names).
  static std::string json(std::string_view key) { return detail::identity_json(key); }
};

class PatchWriter {
 public:
  explicit PatchWriter(Writer& out) : out_(out) {}

  void op(const char* name, const std::string& path, const Value* value = nullptr,
          const std::string* from = nullptr) {
    out_.StartObject();
    out_.Key("op");
    out_.String(name);
    if (from != nullptr) {
      out_.Key("from");
      detail::write_string(out_, *from);
    }
    out_.Key("path");
    detail::write_string(out_, path);
    if (value != nullptr) {
      out_.Key("value");
      value->Accept(out_);
    }
    out_.EndObject();
  }

  void value(const std::string& path, const Value& before, const Value& after,
             const TypeSpec* type) {
    if (before == after) return;
    if (before.IsObject() && after.IsObject()) {
      object(path, before, after, type && type->kind == Kind::model ? type->model : nullptr);
    } else if (before.IsArray() && after.IsArray()) {
      const TypeSpec* item = type && type->kind == Kind::list ? type->item : nullptr;
      if (item && item->kind == Kind::model && !item->model->identity.empty() &&
          identified_list(path, before, after, *item)) {
        return;
      }
      sequence(path, before, after, item);
    } else {
      op("replace", path, &after);
    }
  }

  void object(const std::string& path, const Value& before, const Value& after,
              const ModelSpec* model) {
    for (const auto& entry : before.GetObject()) {
      const std::string_view key(entry.name.GetString(), entry.name.GetStringLength());
      const Value* next = detail::member(after, key);
      if (next != nullptr && *next == entry.value) continue;  // no path to build for it
      std::string child = path + "/" + detail::pointer_token(key);
      if (next == nullptr) {
        op("remove", child);
      } else {
        const FieldSpec* field = model ? find_field(*model, key) : nullptr;
        value(child, entry.value, *next, field ? field->type : nullptr);
      }
    }
    for (const auto& entry : after.GetObject()) {
      std::string_view key(entry.name.GetString(), entry.name.GetStringLength());
      if (detail::member(before, key) == nullptr) {
        op("add", path + "/" + detail::pointer_token(key), &entry.value);
      }
    }
  }

  // Items compared whole, aligned with Myers' algorithm: removals and insertions by index.
  void sequence(const std::string& path, const Value& before, const Value& after,
                const TypeSpec* item) {
    std::unordered_map<std::string, std::uint32_t> ids;
    auto number = [&](const Value& list) {
      std::vector<std::uint32_t> out;
      for (const auto& element : list.GetArray()) {
        auto text = detail::value_json(element);
        out.push_back(ids.try_emplace(text, static_cast<std::uint32_t>(ids.size())).first->second);
      }
      return out;
    };
    auto a = number(before);
    auto b = number(after);
    auto runs = detail::myers_diff(a, b, kListDiffBudget);
    std::size_t index = 0;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const auto& run = runs[r];
      const std::size_t count = run.end - run.begin;
      if (run.op == DiffOp::equal) {
        index += count;
      } else if (run.op == DiffOp::remove && r + 1 < runs.size() &&
                 runs[r + 1].op == DiffOp::insert && runs[r + 1].end - runs[r + 1].begin == count) {
        // An item changed in place: patch it rather than remove and add it.
        for (std::size_t k = 0; k < count; ++k, ++index) {
          value(path + "/" + std::to_string(index),
                before[static_cast<rapidjson::SizeType>(run.begin + k)],
                after[static_cast<rapidjson::SizeType>(runs[r + 1].begin + k)], item);
        }
        ++r;
      } else if (run.op == DiffOp::remove) {
        for (std::size_t k = 0; k < count; ++k) op("remove", path + "/" + std::to_string(index));
      } else {
        for (std::size_t k = run.begin; k < run.end; ++k, ++index) {
          op("add", path + "/" + std::to_string(index),
             &after[static_cast<rapidjson::SizeType>(k)]);
        }
      }
    }
  }

  // Items matched by identity: removals; then every item off the longest common order (and every
  // new item) is moved or added right after its predecessor in `after`, taken in `after`'s order,
  // which leaves the list in `after`'s order with the fewest moves; then matched items are patched.
  // False (nothing written) when identities are missing or repeated.
  bool identified_list(const std::string& path, const Value& before, const Value& after,
                       const TypeSpec& item) {
    Identities before_ids, after_ids;
    if (!before_ids.read(before, *item.model) || !after_ids.read(after, *item.model)) return false;
    if (before_ids.list == after_ids.list) {  // the same items in the same order: patch each
      for (std::size_t j = 0; j < after_ids.size(); ++j) {
        const auto at = static_cast<rapidjson::SizeType>(j);
        value(path + "/" + std::to_string(j), before[at], after[at], &item);
      }
      return true;
    }
    std::unordered_map<std::string_view, std::size_t> before_index;
    for (std::size_t i = 0; i < before_ids.size(); ++i) before_index.emplace(before_ids[i], i);
    std::unordered_set<std::string_view> wanted(after_ids.list.begin(), after_ids.list.end());
    for (std::size_t i = before_ids.size(); i-- > 0;) {
      if (!wanted.contains(before_ids[i])) op("remove", path + "/" + std::to_string(i));
    }
    std::vector<std::string_view> current;  // the list as the patch leaves it so far
    for (auto id : before_ids.list) {
      if (wanted.contains(id)) current.push_back(id);
    }
    const auto stable = in_common_order(current, after_ids.list);
    auto index_of = [&](std::string_view id) {
      return static_cast<std::size_t>(std::find(current.begin(), current.end(), id) -
                                      current.begin());
    };
    for (std::size_t j = 0; j < after_ids.size(); ++j) {
      const std::string_view id = after_ids[j];
      if (stable.contains(id)) continue;
      const std::size_t k = index_of(id);
      const bool present = k < current.size();
      if (present) current.erase(current.begin() + static_cast<std::ptrdiff_t>(k));
      const std::size_t target = j == 0 ? 0 : index_of(after_ids[j - 1]) + 1;
      current.insert(current.begin() + static_cast<std::ptrdiff_t>(target), id);
      const std::string to = path + "/" + std::to_string(target);
      if (!present) {
        op("add", to, &after[static_cast<rapidjson::SizeType>(j)]);
      } else if (target != k) {
        std::string from = path + "/" + std::to_string(k);
        op("move", to, nullptr, &from);
      }
    }
    for (std::size_t j = 0; j < after_ids.size(); ++j) {
      auto found = before_index.find(after_ids[j]);
      if (found == before_index.end()) continue;
      value(path + "/" + std::to_string(j), before[static_cast<rapidjson::SizeType>(found->second)],
            after[static_cast<rapidjson::SizeType>(j)], &item);
    }
    return true;
  }

  // The identities on the longest common order of two lists (Myers on identities).
  static std::unordered_set<std::string_view> in_common_order(
      const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    std::unordered_map<std::string_view, std::uint32_t> numbers;
    auto number = [&](const std::vector<std::string_view>& ids) {
      std::vector<std::uint32_t> out;
      out.reserve(ids.size());
      for (auto id : ids) {
        out.push_back(
            numbers.try_emplace(id, static_cast<std::uint32_t>(numbers.size())).first->second);
      }
      return out;
    };
    auto x = number(a);
    auto y = number(b);
    std::unordered_set<std::string_view> stable;
    for (const auto& run : detail::myers_diff(x, y, kListDiffBudget)) {
      if (run.op != DiffOp::equal) continue;
      for (std::size_t k = run.begin; k < run.end; ++k) stable.insert(a[k]);
    }
    return stable;
  }

 private:
  Writer& out_;
};

std::vector<ItemChange> item_changes(const Value* before, const Value* after,
                                     const ModelSpec& model) {
  std::vector<ItemChange> changes;
  Identities before_ids, after_ids;
  Value empty(rapidjson::kArrayType);
  const Value& b = before && before->IsArray() ? *before : empty;
  const Value& a = after && after->IsArray() ? *after : empty;
  if (!before_ids.read(b, model) || !after_ids.read(a, model)) return changes;
  if (before_ids.list == after_ids.list) {  // the same items in the same order
    for (std::size_t j = 0; j < after_ids.size(); ++j) {
      const auto at = static_cast<rapidjson::SizeType>(j);
      if (b[at] != a[at]) changes.push_back({Identities::json(after_ids[j]), "modified"});
    }
    return changes;
  }
  // Items present on both sides that are off the longest common order moved.
  std::unordered_map<std::string_view, std::size_t> before_index;
  for (std::size_t i = 0; i < before_ids.size(); ++i) before_index.emplace(before_ids[i], i);
  std::unordered_set<std::string_view> in_after(after_ids.list.begin(), after_ids.list.end());
  std::vector<std::string_view> common_before, common_after;
  for (auto id : before_ids.list) {
    if (in_after.contains(id)) common_before.push_back(id);
  }
  for (auto id : after_ids.list) {
    if (before_index.contains(id)) common_after.push_back(id);
  }
  const auto in_order = PatchWriter::in_common_order(common_before, common_after);
  for (auto id : before_ids.list) {
    if (!in_after.contains(id)) changes.push_back({Identities::json(id), "removed"});
  }
  for (std::size_t j = 0; j < after_ids.size(); ++j) {
    const std::string_view id = after_ids[j];
    if (!before_index.contains(id)) {
      changes.push_back({Identities::json(id), "added"});
      continue;
    }
    const std::size_t i = before_index.find(id)->second;
    if (b[static_cast<rapidjson::SizeType>(i)] != a[static_cast<rapidjson::SizeType>(j)]) {
      changes.push_back({Identities::json(id), "modified"});
    } else if (!in_order.contains(id)) {
      changes.push_back({Identities::json(id), "moved"});
    }
  }
  return changes;
}

// A section's change from `b` to `a` (nullptr: absent or null).
SectionChange section_change(const FieldSpec& field, const Value* b, const Value* a) {
  SectionChange change{field.key, "unchanged", {}, {}};
  if (b == nullptr && a == nullptr) return change;
  if (b == nullptr) {
    change.change = "added";
  } else if (a == nullptr) {
    change.change = "removed";
  } else if (*a != *b) {
    change.change = "modified";
    if (a->IsString() && b->IsString()) {
      change.words =
          word_diff({b->GetString(), b->GetStringLength()}, {a->GetString(), a->GetStringLength()});
    }
  }
  const TypeSpec& type = *field.type;
  if (change.change != "unchanged" && type.kind == Kind::list && type.item->kind == Kind::model &&
      !type.item->model->identity.empty()) {
    change.items = item_changes(b, a, *type.item->model);
  }
  return change;
}

// Nothing but JSON whitespace around `null`, or nothing at all: a side with no content yet.
// Loads one side: no content is an empty object; content must validate as the model (its issues
// are reported under `name`, as merge reports its inputs'), and is then compared as written.
bool load_side(const ModelSpec& model, std::string_view name, std::string_view text, int slot,
               rapidjson::Document& out, DiffResult& result) {
  if (detail::is_no_content(text)) {
    out.SetObject();
    return true;
  }
  return detail::load_validated(model, name, text, slot, out, result, detail::LoadAs::written);
}

// The patch and the sections of two loaded contents (one copy of the walk, for both entries).
[[gnu::noinline]] void diff_loaded(const ModelSpec& model, const Value& before, const Value& after,
                                   DiffResult& result) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartArray();
  PatchWriter patch(out);
  patch.object("", before, after, &model);
  out.EndArray();
  result.patch.assign(buffer.GetString(), buffer.GetSize());
  for (const auto& field : model.fields) {
    if (field.key == kSchemaVersionKey) continue;
    result.sections.push_back(
        section_change(field, detail::member(before, field.key, /*null_is_absent=*/true),
                       detail::member(after, field.key, /*null_is_absent=*/true)));
  }
}

// diff() by the full path: both sides validated and parsed whole.
DiffResult diff_in_full(const ModelSpec& model, std::string_view before_json,
                        std::string_view after_json) {
  DiffResult result;
  rapidjson::Document before, after;
  if (!load_side(model, "before", before_json, 0, before, result) ||
      !load_side(model, "after", after_json, 1, after, result)) {
    return result;
  }
  diff_loaded(model, before, after, result);
  return result;
}

}  // namespace

DiffResult diff(std::string_view type, std::string_view before_json, std::string_view after_json,
                bool by_members) {
  DiffResult result;
  const ModelSpec* model = detail::resolve_model(type, result);
  if (model == nullptr) return result;
  // Text valid exactly as written on both sides (JSON.stringify of valid content): compared member
  // by member and item by item, reading only what differs, as documents held open are.
  if (by_members && !detail::is_no_content(before_json) && !detail::is_no_content(after_json)) {
    detail::WrittenLayout before_layout, after_layout;
    auto before_members = detail::members_as_written(*model, before_json, false, before_layout);
    auto after_members = before_members
                             ? detail::members_as_written(*model, after_json, false, after_layout)
                             : std::nullopt;
    if (after_members) return detail::diff_members(*model, *before_members, *after_members);
  }
  return diff_in_full(*model, before_json, after_json);
}

namespace detail {

const ModelSpec* identified_items(const ModelSpec& model, std::string_view key) {
  const FieldSpec* field = find_field(model, key);
  if (field == nullptr) return nullptr;
  const TypeSpec& type = *field->type;
  if (type.kind != Kind::list || type.item->kind != Kind::model) return nullptr;
  return type.item->model->identity.empty() ? nullptr : type.item->model;
}

DiffResult diff_members(const ModelSpec& model, std::span<const MemberText> before,
                        std::span<const MemberText> after) {
  // Both contents as objects in which a member whose text is the same on both sides stands as the
  // same placeholder: equal, so the walk neither patches nor reports it, and nothing reads it. In
  // a list of identified items that differs, items the same on both sides stand in by identity.
  rapidjson::Document before_object, after_object;
  before_object.SetObject();
  after_object.SetObject();
  auto& before_alloc = before_object.GetAllocator();
  auto& after_alloc = after_object.GetAllocator();
  // The after side's values already loaded with their before twins, by key.
  std::vector<std::pair<std::string_view, Value>> loaded_after;
  auto add = [](rapidjson::Document& object, std::string_view key, Value& value) {
    auto& allocator = object.GetAllocator();
    object.AddMember(Value(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator),
                     value, allocator);
  };
  for (const auto& member : before) {
    Value value(false);
    const MemberText* twin = find_member(after, member.key);
    if (twin == nullptr || twin->value != member.value) {
      // In lists of identified items on both sides, items the same on both stand in for
      // themselves (never written out: diff writes only what changed, so no texts are kept).
      const ModelSpec* items = twin ? identified_items(model, member.key) : nullptr;
      Value twin_value;
      std::vector<std::string_view> unused_texts;
      if (items != nullptr && !member.items.empty() && !twin->items.empty() &&
          load_lists_with_stand_ins(
              *items,
              std::array{ListSide{true, member.items, &value, &before_alloc},
                         ListSide{true, twin->items, &twin_value, &after_alloc}},
              /*on_every_side=*/true, unused_texts)) {
        loaded_after.emplace_back(member.key, std::move(twin_value));
      } else {
        value.SetNull();
        parse_value(member.value, value, before_alloc);
      }
    }
    add(before_object, member.key, value);
  }
  for (const auto& member : after) {
    Value value(false);
    auto loaded = std::find_if(loaded_after.begin(), loaded_after.end(),
                               [&](const auto& entry) { return entry.first == member.key; });
    const MemberText* twin = find_member(before, member.key);
    if (loaded != loaded_after.end()) {
      value = std::move(loaded->second);
    } else if (twin == nullptr || twin->value != member.value) {
      value.SetNull();
      parse_value(member.value, value, after_alloc);
    }
    add(after_object, member.key, value);
  }
  DiffResult result;
  diff_loaded(model, before_object, after_object, result);
  return result;
}

}  // namespace detail

}  // namespace artifacts
