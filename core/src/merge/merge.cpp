// merge(): a founder's edits carried into a new generation. Sections the founder edited keep
// their value; inside lists of identified items (features, milestones, risks, journey steps)
// the merge goes item by item, so an added or edited item survives and untouched items follow
// the new generation. Conflicts are where both sides changed the same thing.
#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "artifacts/operations.hpp"
#include "document/compact_json.hpp"
#include "document/member_texts.hpp"
#include "json/json_io.hpp"
#include "json/mutable_document.hpp"
#include "json/stand_in.hpp"
#include "merge/merge_loaded.hpp"
#include "registry/resolve.hpp"

namespace artifacts {
namespace {

using Value = rapidjson::Value;
using detail::Allocator;

// Validates one input and loads its normalised value; issues are reported under `name`.
bool load_valid(const ModelSpec& model, std::string_view name, std::string_view text, int slot,
                rapidjson::Document& out, MergeResult& result) {
  if (text.empty() || text == "null") {
    out.SetObject();
    return true;
  }
  return detail::load_validated(model, name, text, slot, out, result, detail::LoadAs::normalised);
}

// merge() of texts that each validate exactly as written (JSON.stringify of valid content):
// merged member by member and item by item, reading only what differs, as documents held open
// are. Nothing when one does not: take the full path.
std::optional<MergeResult> merge_as_written(const ModelSpec& model, const MergeRequest& request) {
  const std::array<std::string_view, 3> inputs{request.base, request.ours, request.theirs};
  std::array<std::string, 3> compact;
  std::array<std::vector<detail::MemberText>, 3> members;
  std::array<detail::WrittenLayout, 3> layouts;
  for (std::size_t side = 0; side < inputs.size(); ++side) {
    if (inputs[side].empty() || inputs[side] == "null") continue;  // no content: no members
    auto read = detail::members_as_written(model, inputs[side], /*for_merge=*/true, layouts[side]);
    if (!read && !layouts[side].compact) {  // valid, only not compact: again, compacted
      detail::append_compact(inputs[side], compact[side]);
      read = detail::members_as_written(model, compact[side], /*for_merge=*/true, layouts[side]);
    }
    if (!read) return std::nullopt;
    members[side] = std::move(*read);
  }
  return detail::merge_members(model, members[0], members[1], members[2], request.edited_sections);
}

struct Item {
  std::string_view id;  // the identity as a key (detail::identity_key)
  const Value* value;
};

// A list's items in order, and by identity.
struct Items {
  std::vector<Item> list;
  std::unordered_map<std::string_view, const Value*> by_id;
  std::deque<std::string> others;  // the keys of identities that are not strings

  const Value* find(std::string_view id) const {
    auto found = by_id.find(id);
    return found == by_id.end() ? nullptr : found->second;
  }
};

// The items of a list by identity; false if an item has no identity or one repeats.
bool index_items(const Value* list, const ModelSpec& model, Items& out) {
  if (list == nullptr) return true;
  if (!list->IsArray()) return false;
  for (const auto& element : list->GetArray()) {
    const Value* id = detail::member(element, model.identity);
    if (id == nullptr) return false;
    const std::string_view key = detail::identity_key(*id, out.others);
    if (!out.by_id.emplace(key, &element).second) return false;
    out.list.push_back({key, &element});
  }
  return true;
}

// True when the relative order of the items both lists share differs.
bool reordered(const Items& from, const Items& to) {
  std::vector<std::string_view> a, b;
  for (const auto& item : from.list) {
    if (to.find(item.id)) a.push_back(item.id);
  }
  for (const auto& item : to.list) {
    if (from.find(item.id)) b.push_back(item.id);
  }
  return a != b;
}

class Merger {
 public:
  Merger(MergeResult& result, Allocator& allocator, std::span<const std::string_view> texts)
      : result_(result), allocator_(allocator), texts_(texts) {}

  // The merged value of a section the founder edited. `base` and `theirs` are null when absent
  // or `null` (not generated); `ours` is the founder's value as it stands (possibly `null`).
  void edited_section(const FieldSpec& field, const Value* base, const Value* ours_value,
                      const Value* theirs, Value& merged, bool& present) {
    const TypeSpec& type = *field.type;
    const Value* ours = ours_value != nullptr && ours_value->IsNull() ? nullptr : ours_value;
    if (type.kind == Kind::list && type.item->kind == Kind::model &&
        !type.item->model->identity.empty() && ours != nullptr && ours->IsArray() &&
        theirs != nullptr && theirs->IsArray() && (base == nullptr || base->IsArray()) &&
        merge_items(field, *type.item->model, base, *ours, *theirs, merged)) {
      present = true;
      return;
    }
    // A whole section: the founder's value (or its absence) stands.
    if (!detail::same(theirs, base) && !detail::same(theirs, ours)) {
      conflict(field.key, "/" + detail::pointer_token(field.key), {}, base, ours, theirs);
    }
    present = ours_value != nullptr;
    if (present) merged.CopyFrom(*ours_value, allocator_);
  }

 private:
  bool merge_items(const FieldSpec& field, const ModelSpec& item_model, const Value* base,
                   const Value& ours, const Value& theirs, Value& merged) {
    Items b, o, t;
    if (!index_items(base, item_model, b) || !index_items(&ours, item_model, o) ||
        !index_items(&theirs, item_model, t)) {
      return false;  // no reliable identities: merge the section as a whole
    }
    // Decide each item: which side's value it takes, or whether it is gone.
    std::unordered_map<std::string_view, const Value*> chosen;
    struct Pending {
      std::string_view id;
      const Value *base, *ours, *theirs;
    };
    std::vector<Pending> clashes;
    auto consider = [&](std::string_view id) {
      if (chosen.contains(id)) return;
      const Value* bv = b.find(id);
      const Value* ov = o.find(id);
      const Value* tv = t.find(id);
      const bool founder_changed = !detail::same(ov, bv);
      const bool generation_changed = !detail::same(tv, bv);
      const Value* pick = founder_changed ? ov : tv;
      chosen.emplace(id, pick);
      if (founder_changed && generation_changed && !detail::same(ov, tv)) {
        clashes.push_back({id, bv, ov, tv});
      }
    };
    for (const auto& item : t.list) consider(item.id);
    for (const auto& item : o.list) consider(item.id);
    for (const auto& item : b.list) consider(item.id);

    // Order: the founder's if they reordered the shared items, the new generation's otherwise;
    // items only the other side has go after their predecessor there.
    const bool founder_order = reordered(b, o);
    const auto& primary = founder_order ? o.list : t.list;
    const auto& secondary = founder_order ? t.list : o.list;
    std::vector<std::string_view> order;
    std::unordered_set<std::string_view> placed;
    for (const auto& item : primary) {
      if (chosen.at(item.id) != nullptr) {
        order.push_back(item.id);
        placed.insert(item.id);
      }
    }
    for (std::size_t i = 0; i < secondary.size(); ++i) {
      const auto& id = secondary[i].id;
      if (chosen.at(id) == nullptr || placed.contains(id)) continue;
      placed.insert(id);
      auto at = order.begin();
      for (std::size_t k = i; k-- > 0;) {
        if (!placed.contains(secondary[k].id)) continue;
        auto previous = std::find(order.begin(), order.end(), secondary[k].id);
        if (previous != order.end()) {
          at = previous + 1;
          break;
        }
      }
      order.insert(at, id);
    }

    merged.SetArray();
    for (const auto& id : order) {
      Value copy;
      copy.CopyFrom(*chosen.at(id), allocator_);
      merged.PushBack(copy, allocator_);
    }
    const std::string section = "/" + detail::pointer_token(field.key);
    std::unordered_map<std::string_view, std::size_t> position;
    for (std::size_t i = 0; i < order.size(); ++i) position.emplace(order[i], i);
    for (const auto& clash : clashes) {
      auto at = position.find(clash.id);
      std::string path =
          at == position.end() ? section : section + "/" + std::to_string(at->second);
      conflict(field.key, path,
               "{" + detail::json_string(item_model.identity) + ":" +
                   detail::identity_json(clash.id) + "}",
               clash.base, clash.ours, clash.theirs);
    }
    return true;
  }

  void conflict(std::string_view section, std::string path, std::string identity, const Value* base,
                const Value* ours, const Value* theirs) {
    result_.conflicts.push_back({std::string(section), std::move(path), std::move(identity),
                                 json_or_empty(base), json_or_empty(ours), json_or_empty(theirs)});
  }

  std::string json_or_empty(const Value* value) const {
    return value == nullptr ? std::string() : detail::expanded_json(*value, texts_);
  }

  MergeResult& result_;
  Allocator& allocator_;
  std::span<const std::string_view> texts_;  // what the inputs' stand-ins stand for
};

}  // namespace

namespace detail {

// Merge never hands back invalid content: a last check of what it built.
void set_checked_value(const ModelSpec& model, const std::string& value, MergeResult& result) {
  auto checked = validate(model.id, value);
  if (!checked.ok()) {
    result.status = Status::validation_failed;
    result.errors = std::move(checked.errors);
    return;
  }
  result.value = std::move(checked.value);
}

bool known_sections(const ModelSpec& model, const std::vector<std::string>& edited_sections,
                    MergeResult& result) {
  for (const auto& id : edited_sections) {
    const FieldSpec* field = find_field(model, id);
    if (field == nullptr || field->key == kSchemaVersionKey) {
      fail(result, Status::invalid_input,
           Issue{IssueType::unknown_section,
                 {"edited_sections"},
                 "Unknown section '" + printable_prefix(id, 64) + "' for " + std::string(model.id),
                 json_string(printable_prefix(id, 1024)),
                 {}});
      return false;
    }
  }
  return true;
}

void merge_loaded(const ModelSpec& model, const Value& base, const Value& ours, const Value& theirs,
                  const std::vector<std::string>& edited_sections,
                  std::span<const std::string_view> texts, rapidjson::Document& merged,
                  MergeResult& result) {
  merged.SetObject();
  auto& allocator = merged.GetAllocator();
  Merger merger(result, allocator, texts);
  // Sections are compared with `null` and absent alike (both: not generated).
  auto section = [&](const Value& document, std::string_view key) {
    return member(document, key, /*null_is_absent=*/true);
  };
  for (const auto& field : model.fields) {
    const Value* b = section(base, field.key);
    const Value* t = section(theirs, field.key);
    const bool edited = std::find(edited_sections.begin(), edited_sections.end(), field.key) !=
                        edited_sections.end();
    Value value;
    bool present = false;
    // A section whose value is still the base loses nothing by following the new generation.
    if (edited && !same(section(ours, field.key), b)) {
      merger.edited_section(field, b, member(ours, field.key), t, value, present);
      result.kept.emplace_back(field.key);
    } else if (const Value* generated = member(theirs, field.key)) {
      value.CopyFrom(*generated, allocator);
      present = true;
    }
    if (present) {
      merged.AddMember(
          Value(field.key.data(), static_cast<rapidjson::SizeType>(field.key.size()), allocator),
          value, allocator);
    }
  }
  for (const auto& field : model.fields) {
    if (field.key == kSchemaVersionKey) continue;
    if (!same(section(merged, field.key), section(theirs, field.key))) {
      result.edited_sections.emplace_back(field.key);
    }
  }
}

}  // namespace detail

namespace {

// merge() by the full path: every input validated and parsed whole.
MergeResult merge_in_full(const ModelSpec& model, const MergeRequest& request) {
  MergeResult result;
  rapidjson::Document base, ours, theirs;
  if (!load_valid(model, "theirs", request.theirs, 0, theirs, result)) return result;
  if (request.force) {
    // Theirs as it is, checked like every merged value (no content is no valid content).
    detail::set_checked_value(model, detail::value_json(theirs), result);
    return result;
  }
  if (!load_valid(model, "ours", request.ours, 1, ours, result) ||
      !load_valid(model, "base", request.base, 2, base, result)) {
    return result;
  }
  rapidjson::Document merged;
  detail::merge_loaded(model, base, ours, theirs, request.edited_sections, {}, merged, result);
  detail::set_checked_value(model, detail::value_json(merged), result);
  return result;
}

}  // namespace

MergeResult merge(const MergeRequest& request) {
  MergeResult result;
  const ModelSpec* model = detail::resolve_model(request.type, result, /*artifacts_only=*/true);
  if (model == nullptr || !detail::known_sections(*model, request.edited_sections, result)) {
    return result;
  }
  if (!request.force && request.by_members) {
    if (auto merged = merge_as_written(*model, request)) return std::move(*merged);
  }
  return merge_in_full(*model, request);
}

}  // namespace artifacts
