// A document held open: its members' texts, and per member what validate() found in it, kept until
// the member changes. validate() of the document composes those answers as validate() of the
// whole text would: unknown keys first, then each field in declaration order; the fast path's
// answer ("valid as written") when every member is valid as written where it stands.
#include "artifacts/document.hpp"

#include <array>
#include <optional>

#include "document/compact_json.hpp"
#include "document/member_texts.hpp"
#include "json/json_io.hpp"
#include "json/object_members.hpp"
#include "json/stand_in.hpp"
#include "registry/resolve.hpp"
#include "validate/fast_path.hpp"
#include "validate/validate_value.hpp"

namespace artifacts {
namespace {

// The items of a list member, as views into the member's value, and where that value was when
// they were read: a short string moves with the members' vector (so do views into it).
struct ItemViews {
  const char* read_at;
  std::vector<Document::ListItem> items;
};

// What is known of one member's value (for the field it names, at the document's tier).
struct MemberChecks {
  std::optional<bool> as_written;
  std::array<std::optional<detail::FieldResult>, 2> checked;  // lax, strict
  std::optional<ItemViews> items;                             // when it is a list
  std::optional<bool> writes_as_is;
};

// The deepest nesting of containers in compact, well-formed JSON text.
std::size_t nesting_depth(std::string_view json) {
  std::size_t depth = 0, deepest = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      for (++i; i < json.size() && json[i] != '"'; ++i) {
        if (json[i] == '\\') ++i;
      }
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

Issue unknown_section(const ModelSpec& model, std::string_view id) {
  return Issue{
      IssueType::unknown_section,
      {},
      "Unknown section '" + detail::printable_prefix(id, 64) + "' for " + std::string(model.id),
      detail::json_string(detail::printable_prefix(id, 1024)),
      {}};
}

}  // namespace

struct Document::State {
  const ModelSpec* model = nullptr;
  std::optional<Tier> tier;
  std::vector<Member> members;
  mutable std::vector<MemberChecks> checks;  // one per member
  mutable std::string text;
  mutable bool text_current = false;
  mutable std::optional<std::string> root_json;  // the whole content as validate() echoes it
  // validate(false, false) in brief: {valid, valid as written}.
  mutable std::optional<std::pair<bool, bool>> lax_answer;

  void changed() {
    text_current = false;
    root_json.reset();
    lax_answer.reset();
  }

  bool as_written(std::size_t index, const FieldSpec& field) const {
    auto& known = checks[index].as_written;
    if (!known) known = detail::field_validates_as_written(field, members[index].value, tier);
    return *known;
  }

  const detail::FieldResult& checked(std::size_t index, const FieldSpec& field, bool strict) const {
    auto& known = checks[index].checked[strict ? 1 : 0];
    if (!known) known = detail::validate_field(field, members[index].value, tier, strict);
    return *known;
  }

  // The error validate() gives for a required field that is absent: the whole object is its input.
  Issue missing(const FieldSpec& field) const {
    if (!root_json) {
      detail::JsonDocument document(whole_text());
      root_json = document.root() ? detail::element_json(*document.root()) : std::string();
    }
    return Issue{IssueType::missing, {std::string(field.key)}, "Field required", *root_json, {}};
  }

  const std::string& whole_text() const {
    if (text_current) return text;
    text.clear();
    text.reserve(text_size());
    text.push_back('{');
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i > 0) text.push_back(',');
      text.push_back('"');
      text.append(members[i].raw_key);
      text.append("\":");
      text.append(members[i].value);
    }
    text.push_back('}');
    text_current = true;
    return text;
  }

  std::size_t text_size() const {
    std::size_t size = 2 + (members.empty() ? 0 : members.size() - 1);
    for (const auto& member : members) size += member.raw_key.size() + 3 + member.value.size();
    return size;
  }

  // Per field of the model, the index of the member that gives its value (a repeated key's last
  // one, as validate() reads it), or -1.
  std::vector<std::ptrdiff_t> field_members() const {
    std::vector<std::ptrdiff_t> found(model->fields.size(), -1);
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (const FieldSpec* field = find_field(*model, members[i].key)) {
        found[static_cast<std::size_t>(field - model->fields.data())] =
            static_cast<std::ptrdiff_t>(i);
      }
    }
    return found;
  }
};

Document::Document() : state_(std::make_unique<State>()) {}
Document::~Document() = default;

std::unique_ptr<Document> Document::open(std::string_view type, std::string_view json,
                                         std::string_view tier, Outcome& outcome) {
  const ModelSpec* model = detail::resolve_model(type, outcome);
  if (model == nullptr) return nullptr;
  std::optional<Tier> tier_value;
  if (!tier.empty()) {
    tier_value = detail::resolve_tier(tier, outcome);
    if (!tier_value) return nullptr;
  }
  detail::JsonDocument parsed(json);
  auto root = detail::object_root(parsed, *model, outcome);
  if (!root) return nullptr;
  std::unique_ptr<Document> document(new Document());
  State& state = *document->state_;
  state.model = model;
  state.tier = tier_value;
  // The parser decodes the keys; the text gives each value's bytes as written.
  auto spans = detail::object_member_spans(json);
  std::size_t index = 0;
  for (auto entry : detail::as_object(*root)) {
    if (index >= spans.size()) break;
    Member member{std::string(spans[index].raw_key), std::string(entry.key), {}};
    detail::append_compact(spans[index].value, member.value);
    state.members.push_back(std::move(member));
    ++index;
  }
  state.checks.resize(state.members.size());
  return document;
}

const ModelSpec& Document::model() const {
  return *state_->model;
}

std::span<const Document::Member> Document::members() const {
  return state_->members;
}

std::span<const Document::ListItem> Document::list_items(std::size_t index,
                                                         std::string_view identity) const {
  const std::string_view value = state_->members[index].value;
  auto& known = state_->checks[index].items;
  if (!known || known->read_at != value.data()) {
    known = ItemViews{value.data(), detail::identified_item_texts(value, identity)};
  }
  return known->items;
}

bool Document::valid() const {
  return lax_answer().first;
}

bool Document::valid_as_written() const {
  return lax_answer().second;
}

const std::pair<bool, bool>& Document::lax_answer() const {
  auto& known = state_->lax_answer;
  if (!known) {
    auto checked = validate(false, false);
    known = {checked.ok(), checked.value_is_input};
  }
  return *known;
}

bool Document::writes_as_is(std::size_t index) const {
  auto& known = state_->checks[index].writes_as_is;
  if (!known) known = detail::writes_as_is(state_->members[index].value);
  return *known;
}

const std::string& Document::text() const {
  return state_->whole_text();
}

ValidationResult Document::validate(bool strict, bool want_value) const {
  const State& state = *state_;
  const ModelSpec& model = *state.model;
  ValidationResult result;
  // The conditions of validate()'s fast path, member by member.
  bool as_written = model.fields.size() <= 64;
  std::vector<bool> seen(model.fields.size(), false);
  for (const auto& member : state.members) {
    if (member.raw_key.find('\\') != std::string::npos) as_written = false;  // an escaped key
    const FieldSpec* field = find_field(model, member.key);
    if (field == nullptr) {
      result.warnings.push_back(
          Issue{IssueType::unknown_key, {member.key}, "Unknown key is ignored", {}, {}});
      as_written = false;
      continue;
    }
    const auto slot = static_cast<std::size_t>(field - model.fields.data());
    if (seen[slot]) as_written = false;  // a repeated key
    seen[slot] = true;
  }
  const auto found = state.field_members();
  for (std::size_t i = 0; i < model.fields.size(); ++i) {
    const FieldSpec& field = model.fields[i];
    if (found[i] < 0) {
      if (field.required) {
        result.errors.push_back(state.missing(field));
        as_written = false;
      }
      continue;
    }
    const auto index = static_cast<std::size_t>(found[i]);
    if (state.as_written(index, field)) continue;
    as_written = false;
    const auto& checked = state.checked(index, field, strict);
    result.errors.insert(result.errors.end(), checked.errors.begin(), checked.errors.end());
    result.warnings.insert(result.warnings.end(), checked.warnings.begin(), checked.warnings.end());
  }
  if (as_written) {
    result.value_is_input = true;
    if (want_value) result.value = state.whole_text();
    return result;
  }
  if (!result.errors.empty()) {
    result.status = Status::validation_failed;
    return result;
  }
  rapidjson::StringBuffer buffer;
  detail::Writer out(buffer);
  out.StartObject();
  for (std::size_t i = 0; i < model.fields.size(); ++i) {
    if (found[i] < 0) continue;
    const FieldSpec& field = model.fields[i];
    detail::write_string(out, field.key);
    const auto& value = state.checked(static_cast<std::size_t>(found[i]), field, strict).value;
    out.Raw(value, rapidjson::kObjectType);
  }
  out.EndObject();
  result.value.assign(buffer.GetString(), buffer.GetSize());
  return result;
}

ValidationResult Document::set_section(std::string_view id, std::string_view json, bool strict) {
  State& state = *state_;
  ValidationResult result;
  const FieldSpec* field = find_field(*state.model, id);
  if (field == nullptr) {
    detail::fail(result, Status::invalid_input, unknown_section(*state.model, id));
    return result;
  }
  std::string value;
  std::optional<bool> as_written;
  if (!json.empty()) {
    // Only JSON that validate() would read the same way inside the document goes in: the fast
    // scan accepts most values at once; anything else must parse, and nest, within the limits.
    as_written = detail::field_validates_as_written(*field, json, state.tier);
    if (!*as_written) {
      detail::JsonDocument parsed(json);
      if (!parsed.root()) {
        Issue issue = parsed.error();
        issue.loc.insert(issue.loc.begin(), std::string(field->key));
        detail::fail(result, Status::invalid_input, std::move(issue));
        return result;
      }
    }
    detail::append_compact(json, value);
    // One level deeper inside the document: a value at the limit must parse there too.
    if (!*as_written && nesting_depth(value) + 1 >= kMaxNestingDepth) {
      detail::JsonDocument nested("[" + value + "]");
      if (!nested.root()) {
        Issue issue = nested.error();
        issue.loc = {std::string(field->key)};
        detail::fail(result, Status::invalid_input, std::move(issue));
        return result;
      }
    }
  }
  // The document's size with the new value in place of the old.
  std::size_t first = state.members.size();
  std::size_t count = json.empty() ? 0 : 1;
  std::size_t size = 0;
  for (std::size_t i = 0; i < state.members.size(); ++i) {
    const Member& member = state.members[i];
    if (member.key == field->key) {
      if (first == state.members.size()) first = i;
      continue;
    }
    size += member.raw_key.size() + 3 + member.value.size();
    ++count;
  }
  if (!json.empty()) {
    const bool kept = first < state.members.size();
    size += (kept ? state.members[first].raw_key.size() : field->key.size()) + 3 + value.size();
  }
  size += 2 + (count == 0 ? 0 : count - 1);
  if (size > kMaxInputBytes) {
    detail::fail(result, Status::invalid_input, detail::input_too_large(size));
    return result;
  }

  // Every member with the key goes but the first, which takes the new value.
  for (std::size_t i = state.members.size(); i-- > first + 1;) {
    if (state.members[i].key != field->key) continue;
    state.members.erase(state.members.begin() + static_cast<std::ptrdiff_t>(i));
    state.checks.erase(state.checks.begin() + static_cast<std::ptrdiff_t>(i));
  }
  std::size_t index = first;
  if (json.empty()) {
    if (first < state.members.size()) {
      state.members.erase(state.members.begin() + static_cast<std::ptrdiff_t>(first));
      state.checks.erase(state.checks.begin() + static_cast<std::ptrdiff_t>(first));
    }
  } else if (first < state.members.size()) {
    state.members[first].value = std::move(value);
    state.checks[first] = MemberChecks{as_written, {}, {}, {}};
  } else {
    state.members.push_back(Member{std::string(field->key), std::string(field->key), value});
    state.checks.push_back(MemberChecks{as_written, {}, {}, {}});
    index = state.members.size() - 1;
  }
  state.changed();

  if (json.empty()) {
    if (field->required) {
      result.status = Status::validation_failed;
      result.errors.push_back(state.missing(*field));
    }
    return result;
  }
  if (state.as_written(index, *field)) {
    result.value = state.members[index].value;
    result.value_is_input = true;
    return result;
  }
  const auto& checked = state.checked(index, *field, strict);
  result.errors = checked.errors;
  result.warnings = checked.warnings;
  result.value = checked.value;
  if (!result.errors.empty()) result.status = Status::validation_failed;
  return result;
}

}  // namespace artifacts
