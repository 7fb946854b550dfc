#include "mutation_catalogue.hpp"

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string_view>

#include "fixtures.hpp"
#include "json_reader.hpp"

namespace artifacts::testing {
namespace {

using Value = rapidjson::Value;

[[noreturn]] void bad_catalogue(const std::string& what) {
  throw std::runtime_error("tests/fixtures/mutations.json: " + what);
}

const Value& member(const Value& object, std::string_view key) {
  const Value* found = object.IsObject() ? find(object, key) : nullptr;
  if (found == nullptr) bad_catalogue("no " + std::string(key));
  return *found;
}

template <typename Edit>
Weighted<Edit> weights(const Value& table, std::string_view table_name,
                       std::initializer_list<std::pair<std::string_view, Edit>> known) {
  Weighted<Edit> out;
  if (!table.IsObject()) bad_catalogue(std::string(table_name) + " is not an object");
  for (const auto& entry : table.GetObject()) {
    const auto name = view(entry.name);
    auto edit = std::find_if(known.begin(), known.end(),
                             [&](const auto& pair) { return pair.first == name; });
    if (edit == known.end()) {
      bad_catalogue(std::string(table_name) + ": the C++ mutator has no edit \"" +
                    std::string(name) + "\"");
    }
    if (!entry.value.IsUint() || entry.value.GetUint() == 0) {
      bad_catalogue(std::string(table_name) + "." + std::string(name) + ": not a positive weight");
    }
    out.emplace_back(edit->second, entry.value.GetUint());
  }
  if (out.empty()) bad_catalogue(std::string(table_name) + " is empty");
  return out;
}

std::string text_of(const Value& value) {
  if (!value.IsString()) bad_catalogue("a string is expected");
  return std::string(view(value));
}

std::int64_t integer_of(const Value& value) {
  if (!value.IsInt64()) bad_catalogue("an integer is expected");
  return value.GetInt64();
}

MutationCatalogue read_catalogue() {
  const auto data = parse(fixture("mutations.json"));
  MutationCatalogue out;
  for (const auto& word : member(data, "words").GetArray()) out.words.push_back(text_of(word));
  if (out.words.empty()) bad_catalogue("words is empty");
  out.text_edits = weights<TextEdit>(member(data, "text_edits"), "text_edits",
                                     {{"clear", TextEdit::clear},
                                      {"append_word", TextEdit::append_word},
                                      {"drop_word", TextEdit::drop_word},
                                      {"insert_word", TextEdit::insert_word},
                                      {"prepend_word", TextEdit::prepend_word}});
  const auto& integers = member(data, "integer_values");
  out.integer_min = integer_of(member(integers, "min"));
  out.integer_max = integer_of(member(integers, "max"));
  if (out.integer_max < out.integer_min) bad_catalogue("integer_values: max < min");
  out.list_edits = weights<ListEdit>(member(data, "list_edits"), "list_edits",
                                     {{"remove_item", ListEdit::remove_item},
                                      {"copy_item", ListEdit::copy_item},
                                      {"move_item", ListEdit::move_item},
                                      {"edit_item", ListEdit::edit_item}});
  out.optional_section_edits =
      weights<SectionEdit>(member(data, "optional_section_edits"), "optional_section_edits",
                           {{"edit", SectionEdit::edit},
                            {"remove", SectionEdit::remove},
                            {"set_null", SectionEdit::set_null}});
  const auto& copied = member(data, "copied_items");
  out.text_identity = text_of(member(copied, "text_identity"));
  out.number_identity_after = integer_of(member(copied, "number_identity_after"));
  out.copied_text = text_of(member(copied, "text"));
  return out;
}

}  // namespace

const MutationCatalogue& mutation_catalogue() {
  static const MutationCatalogue loaded = read_catalogue();
  return loaded;
}

}  // namespace artifacts::testing
