#include "mutate.hpp"

#include <algorithm>
#include <array>

#include "json_reader.hpp"

namespace artifacts::testing {
namespace {

using Value = rapidjson::Value;

constexpr std::array<const char*, 8> kWords = {"we",       "ship", "faster", "café",
                                               "在庫管理", "📦",    "—",      "shops"};

std::size_t pick(std::mt19937& rng, std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

std::string edit_text(std::string text, std::mt19937& rng) {
  switch (pick(rng, 5)) {
    case 0:
      return "";
    case 1:
      return text + " " + kWords[pick(rng, kWords.size())];
    case 2: {  // drop a word
      auto space = text.find(' ', pick(rng, text.size() + 1));
      if (space == std::string::npos) return text + " we";
      auto next = text.find(' ', space + 1);
      return text.substr(0, space) + (next == std::string::npos ? "" : text.substr(next));
    }
    case 3: {  // insert a word at a word boundary
      auto space = text.find(' ', pick(rng, text.size() + 1));
      if (space == std::string::npos) space = text.size();
      return text.substr(0, space) + " " + kWords[pick(rng, kWords.size())] + text.substr(space);
    }
    default:
      return std::string(kWords[pick(rng, kWords.size())]) + " " + text;
  }
}

void edit_value(Value& value, const TypeSpec& type, rapidjson::Document::AllocatorType& allocator,
                std::mt19937& rng, int& counter);

void edit_item(Value& item, const ModelSpec& model, rapidjson::Document::AllocatorType& allocator,
               std::mt19937& rng, int& counter) {
  const FieldSpec& field = model.fields[pick(rng, model.fields.size())];
  if (field.key == model.identity) return;  // keep the item's identity
  if (!item.HasMember(field.key.data())) return;
  edit_value(item[field.key.data()], *field.type, allocator, rng, counter);
}

void edit_value(Value& value, const TypeSpec& type, rapidjson::Document::AllocatorType& allocator,
                std::mt19937& rng, int& counter) {
  switch (type.kind) {
    case Kind::string:
      if (value.IsString()) value.SetString(edit_text(value.GetString(), rng).c_str(), allocator);
      break;
    case Kind::integer:
      value.SetInt64(
          std::max<std::int64_t>(type.ge.value_or(0), 1 + static_cast<std::int64_t>(pick(rng, 9))));
      break;
    case Kind::literal:
      value.SetString(type.choices[pick(rng, type.choices.size())].data(), allocator);
      break;
    case Kind::list: {
      if (!value.IsArray()) break;
      const TypeSpec& item = *type.item;
      const std::size_t size = value.Size();
      const auto action = pick(rng, 4);
      if (action == 0 && size > 0) {  // remove
        value.Erase(value.Begin() + pick(rng, size));
      } else if (action == 1 && size > 0) {  // add a copy under a new identity
        Value copy;
        copy.CopyFrom(value[static_cast<rapidjson::SizeType>(pick(rng, size))], allocator);
        if (item.kind == Kind::model) {
          const auto& key = item.model->identity;
          if (copy[key.data()].IsString()) {
            copy[key.data()].SetString(("New item " + std::to_string(++counter)).c_str(),
                                       allocator);
          } else {
            copy[key.data()].SetInt64(100 + ++counter);
          }
        } else {
          copy.SetString(("new point " + std::to_string(++counter)).c_str(), allocator);
        }
        value.PushBack(copy, allocator);
        // ...at a random position
        for (std::size_t i = value.Size() - 1, to = pick(rng, value.Size()); i > to; --i) {
          std::swap(value[static_cast<rapidjson::SizeType>(i)],
                    value[static_cast<rapidjson::SizeType>(i - 1)]);
        }
      } else if (action == 2 && size > 1) {  // move
        std::size_t from = pick(rng, size), to = pick(rng, size);
        while (from < to) {
          std::swap(value[static_cast<rapidjson::SizeType>(from)],
                    value[static_cast<rapidjson::SizeType>(from + 1)]);
          ++from;
        }
        while (from > to) {
          std::swap(value[static_cast<rapidjson::SizeType>(from)],
                    value[static_cast<rapidjson::SizeType>(from - 1)]);
          --from;
        }
      } else if (size > 0) {  // edit one
        auto& target = value[static_cast<rapidjson::SizeType>(pick(rng, size))];
        if (item.kind == Kind::model) {
          edit_item(target, *item.model, allocator, rng, counter);
        } else {
          edit_value(target, item, allocator, rng, counter);
        }
      }
      break;
    }
    default:
      break;
  }
}

}  // namespace

std::set<std::string> mutate(const ModelSpec& model, rapidjson::Document& document,
                             std::mt19937& rng, const std::set<std::string>& allowed, int edits) {
  static int counter = 0;
  auto& allocator = document.GetAllocator();
  std::set<std::string> changed;
  for (int e = 0; e < edits; ++e) {
    const FieldSpec& field = model.fields[pick(rng, model.fields.size())];
    std::string key(field.key);
    if (field.key == kSchemaVersionKey) continue;
    if (!allowed.empty() && !allowed.contains(key)) continue;
    std::string before = to_json(document);
    if (!field.required && pick(rng, 4) == 0) {  // drop or null an optional section
      if (pick(rng, 2) == 0) {
        document.RemoveMember(key.c_str());
      } else if (document.HasMember(key.c_str())) {
        document[key.c_str()].SetNull();
      }
    } else if (document.HasMember(key.c_str()) && !document[key.c_str()].IsNull()) {
      edit_value(document[key.c_str()], *field.type, allocator, rng, counter);
    }
    if (to_json(document) != before) changed.insert(key);
  }
  return changed;
}

}  // namespace artifacts::testing
