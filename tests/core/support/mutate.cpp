#include "mutate.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "json_reader.hpp"
#include "mutation_catalogue.hpp"

namespace artifacts::testing {
namespace {

using Value = rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

std::size_t pick(std::mt19937& rng, std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

template <typename Edit>
Edit choose(const Weighted<Edit>& table, std::mt19937& rng) {
  std::size_t total = 0;
  for (const auto& entry : table) total += entry.second;
  std::size_t at = pick(rng, total);
  for (const auto& [edit, weight] : table) {
    if (at < weight) return edit;
    at -= weight;
  }
  return table.back().first;
}

// `pattern` with "{n}" replaced by `n`.
std::string numbered(std::string pattern, int n) {
  if (auto at = pattern.find("{n}"); at != std::string::npos) {
    pattern.replace(at, 3, std::to_string(n));
  }
  return pattern;
}

const std::string& word(std::mt19937& rng) {
  const auto& words = mutation_catalogue().words;
  return words[pick(rng, words.size())];
}

// The text split at spaces (as JavaScript's text.split(' '): "" is one empty piece).
std::vector<std::string> pieces(const std::string& text) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == ' ') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? " " : "") + parts[i];
  return out;
}

std::string edit_text(const std::string& text, std::mt19937& rng) {
  switch (choose(mutation_catalogue().text_edits, rng)) {
    case TextEdit::clear:
      return "";
    case TextEdit::append_word:
      return text + " " + word(rng);
    case TextEdit::drop_word: {
      auto parts = pieces(text);
      parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(pick(rng, parts.size())));
      return joined(parts);
    }
    case TextEdit::insert_word: {
      auto parts = pieces(text);
      const auto at = static_cast<std::ptrdiff_t>(pick(rng, parts.size() + 1));
      parts.insert(parts.begin() + at, word(rng));
      return joined(parts);
    }
    case TextEdit::prepend_word:
      return word(rng) + " " + text;
  }
  return text;
}

// The member `key` of an object, or nullptr.
Value* member_of(Value& object, std::string_view key) {
  auto found = object.FindMember(
      Value(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
  return found == object.MemberEnd() ? nullptr : &found->value;
}

// Moves the item at `from` to `to` (shifting the ones between).
void move_item(Value& list, std::size_t from, std::size_t to) {
  for (; from < to; ++from) {
    list[static_cast<rapidjson::SizeType>(from)].Swap(
        list[static_cast<rapidjson::SizeType>(from + 1)]);
  }
  for (; from > to; --from) {
    list[static_cast<rapidjson::SizeType>(from)].Swap(
        list[static_cast<rapidjson::SizeType>(from - 1)]);
  }
}

void edit_value(Value& value, const TypeSpec& type, Allocator& allocator, std::mt19937& rng,
                int& counter);

void edit_item(Value& item, const ModelSpec& model, Allocator& allocator, std::mt19937& rng,
               int& counter) {
  const FieldSpec& field = model.fields[pick(rng, model.fields.size())];
  if (field.key == model.identity || !item.IsObject()) return;  // keep the item's identity
  if (Value* found = member_of(item, field.key)) {
    edit_value(*found, *field.type, allocator, rng, counter);
  }
}

// A copy of a list item under a new identity.
void renamed(Value& copy, const TypeSpec& item, Allocator& allocator, int counter) {
  const auto& loaded = mutation_catalogue();
  if (item.kind != Kind::model) {
    copy.SetString(numbered(loaded.copied_text, counter).c_str(), allocator);
    return;
  }
  if (!copy.IsObject()) return;
  const auto& key = item.model->identity;
  Value* identity = member_of(copy, key);
  if (identity == nullptr) {
    copy.AddMember(Value(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator),
                   Value(), allocator);
    identity = &copy.MemberEnd()[-1].value;
  }
  if (identity->IsString()) {
    identity->SetString(numbered(loaded.text_identity, counter).c_str(), allocator);
  } else {
    identity->SetInt64(loaded.number_identity_after + counter);
  }
}

void edit_list(Value& list, const TypeSpec& item, Allocator& allocator, std::mt19937& rng,
               int& counter) {
  const std::size_t size = list.Size();
  switch (choose(mutation_catalogue().list_edits, rng)) {
    case ListEdit::remove_item:
      if (size > 0) list.Erase(list.Begin() + pick(rng, size));
      break;
    case ListEdit::copy_item:
      if (size > 0) {
        Value copy;
        copy.CopyFrom(list[static_cast<rapidjson::SizeType>(pick(rng, size))], allocator);
        renamed(copy, item, allocator, ++counter);
        list.PushBack(copy, allocator);
        move_item(list, size, pick(rng, size + 1));
      }
      break;
    case ListEdit::move_item:
      if (size > 1) {
        const std::size_t from = pick(rng, size);
        move_item(list, from, pick(rng, size));
      }
      break;
    case ListEdit::edit_item:
      if (size > 0) {
        auto& target = list[static_cast<rapidjson::SizeType>(pick(rng, size))];
        if (item.kind == Kind::model) {
          edit_item(target, *item.model, allocator, rng, counter);
        } else {
          edit_value(target, item, allocator, rng, counter);
        }
      }
      break;
  }
}

void edit_value(Value& value, const TypeSpec& type, Allocator& allocator, std::mt19937& rng,
                int& counter) {
  switch (type.kind) {
    case Kind::string:
      if (value.IsString()) {
        value.SetString(edit_text(std::string(view(value)), rng).c_str(), allocator);
      }
      break;
    case Kind::integer: {
      const auto& loaded = mutation_catalogue();
      const auto span = static_cast<std::size_t>(loaded.integer_max - loaded.integer_min + 1);
      const auto drawn = loaded.integer_min + static_cast<std::int64_t>(pick(rng, span));
      value.SetInt64(std::max<std::int64_t>(type.ge.value_or(0), drawn));
      break;
    }
    case Kind::literal: {
      const auto choice = type.choices[pick(rng, type.choices.size())];
      value.SetString(choice.data(), static_cast<rapidjson::SizeType>(choice.size()), allocator);
      break;
    }
    case Kind::list:
      if (value.IsArray()) edit_list(value, *type.item, allocator, rng, counter);
      break;
    default:
      break;
  }
}

}  // namespace

std::set<std::string> mutate(const ModelSpec& model, rapidjson::Document& document,
                             std::mt19937& rng, const std::set<std::string>& allowed, int edits) {
  static int counter = 0;  // copies get names no item has had
  auto& allocator = document.GetAllocator();
  std::set<std::string> changed;
  for (int e = 0; e < edits; ++e) {
    const FieldSpec& field = model.fields[pick(rng, model.fields.size())];
    const std::string key(field.key);
    if (field.key == kSchemaVersionKey) continue;
    if (!allowed.empty() && !allowed.contains(key)) continue;
    const std::string before = to_json(document);
    const auto edit = field.required ? SectionEdit::edit
                                     : choose(mutation_catalogue().optional_section_edits, rng);
    const auto found = document.FindMember(
        Value(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
    const bool present = found != document.MemberEnd();
    if (edit == SectionEdit::remove) {
      if (present) document.EraseMember(found);  // (keeps the other members' order)
    } else if (edit == SectionEdit::set_null) {
      if (present) found->value.SetNull();
    } else if (present && !found->value.IsNull()) {
      edit_value(found->value, *field.type, allocator, rng, counter);
    }
    if (to_json(document) != before) changed.insert(key);
  }
  return changed;
}

}  // namespace artifacts::testing
