// The fuzz targets' entry functions and the invariants they check. The oracles read JSON as the
// library does (simdjson under its limits, big integers as doubles) and compare values as
// RapidJSON trees built from that reading.
#include "targets.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <optional>
#include <vector>

#include "artifacts/markdown.hpp"
#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"
#include "simdjson.h"

namespace artifacts::fuzz {
namespace {

using Document = rapidjson::Document;
using Value = rapidjson::Value;

std::string broken(std::string_view what, int line) {
  return std::string(what) + " (fuzz/targets.cpp:" + std::to_string(line) + ")";
}

// A broken invariant ends the check with what broke.
#define FUZZ_EXPECT(condition, what)                   \
  do {                                                 \
    if (!(condition)) return broken((what), __LINE__); \
  } while (false)
// A nested check's failure ends the caller's check too.
#define FUZZ_PROPAGATE(call)                                            \
  do {                                                                  \
    if (std::string failure = (call); !failure.empty()) return failure; \
  } while (false)

// ---- decoding -----------------------------------------------------------------------------

struct Input {
  std::string_view bytes;
  std::size_t header;

  std::uint8_t byte(std::size_t i) const {
    return i < header && i < bytes.size() ? static_cast<std::uint8_t>(bytes[i]) : 0;
  }
  // An empty payload is a view of no buffer at all, as a C++ caller may pass (string_view{}).
  std::string_view payload() const {
    return bytes.size() > header ? bytes.substr(header) : std::string_view();
  }
};

constexpr std::string_view kUnknownName = "no_such_name";

// `text` cut at its first `count - 1` NUL bytes; missing parts are empty.
std::vector<std::string_view> split(std::string_view text, std::size_t count) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    auto nul = text.find('\0');
    if (nul == std::string_view::npos) break;
    parts.push_back(text.substr(0, nul));
    text.remove_prefix(nul + 1);
  }
  parts.push_back(text);
  parts.resize(count);
  return parts;
}

std::string_view model_at(std::uint8_t index) {
  auto all = models();
  index %= static_cast<std::uint8_t>(all.size() + 1);
  return index < all.size() ? all[index] : kUnknownName;
}

std::string_view artifact_at(std::uint8_t index) {
  auto types = artifact_type_ids();
  index %= static_cast<std::uint8_t>(types.size() + 1);
  return index < types.size() ? types[index] : kUnknownName;
}

std::string_view validate_tier(std::uint8_t options) {
  unsigned choice = options & 7u;
  if (choice >= 1 && choice <= tier_names().size()) return tier_names()[choice - 1];
  return choice == 4 ? kUnknownName : std::string_view();
}

std::string_view gate_tier(std::uint8_t choice) {
  choice %= 5;
  if (choice < tier_names().size()) return tier_names()[choice];
  return choice == 3 ? kUnknownName : std::string_view();
}

// A content model's sections: its fields but the schema version stamp.
std::vector<std::string_view> sections_of(const ModelSpec& model) {
  std::vector<std::string_view> sections;
  for (const auto& field : model.fields) {
    if (field.key != kSchemaVersionKey) sections.push_back(field.key);
  }
  return sections;
}

template <typename List>
std::size_t index_of(const List& list, std::string_view name) {
  return static_cast<std::size_t>(std::find(list.begin(), list.end(), name) - list.begin());
}

// ---- reading JSON -------------------------------------------------------------------------

// Integer literals beyond 64 bits given an exponent ("...e0") so that simdjson reads them as
// doubles, as the library does (Pydantic reads a Python int); empty when there is none.
std::string big_integers_as_doubles(std::string_view text) {
  auto digit = [&](std::size_t at) {
    return at < text.size() && text[at] >= '0' && text[at] <= '9';
  };
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '"') {  // a string: skip to its closing quote
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
      continue;
    }
    if (text[i] != '-' && !digit(i)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (text[i] == '-') ++i;
    const std::size_t digits = i;
    while (digit(i)) ++i;
    const std::size_t end = i;
    const bool integer = !(i < text.size() && (text[i] == '.' || text[i] == 'e' || text[i] == 'E'));
    while (i < text.size() &&
           (digit(i) || std::string_view(".eE+-").find(text[i]) != std::string_view::npos))
      ++i;
    if (!integer || end == digits) continue;
    std::int64_t signed_value = 0;
    std::uint64_t unsigned_value = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + end;
    const auto parsed = digits > start ? std::from_chars(first, last, signed_value).ec
                                       : std::from_chars(first, last, unsigned_value).ec;
    if (parsed != std::errc::result_out_of_range) continue;
    out.append(text.substr(copied, end - copied));
    out += "e0";
    copied = end;
  }
  if (copied == 0) return {};
  out.append(text.substr(copied));
  return out;
}

// Reads `text` as the library reads JSON: simdjson, an integer beyond 64 bits as a double.
simdjson::error_code read_json(simdjson::dom::parser& parser, std::string_view text,
                               simdjson::dom::element& root) {
  if (text.empty()) return simdjson::EMPTY;  // (and simdjson must not copy from a null pointer)
  auto code = parser.parse(text.data(), text.size(), true).get(root);
  if (code == simdjson::BIGINT_ERROR || code == simdjson::NUMBER_ERROR) {
    const std::string rewritten = big_integers_as_doubles(text);
    if (!rewritten.empty()) code = parser.parse(rewritten.data(), rewritten.size(), true).get(root);
  }
  return code;
}

// The library's parser under the library's limits (its depth and size).
simdjson::dom::parser& library_parser() {
  static auto parser = [] {
    auto made = std::make_unique<simdjson::dom::parser>(kMaxInputBytes);
    if (made->allocate(4096, kMaxNestingDepth) != simdjson::SUCCESS) __builtin_trap();
    return made;
  }();
  return *parser;
}

// A parser for results (deeper than inputs: they wrap echoed input values).
simdjson::dom::parser& output_parser() {
  static simdjson::dom::parser parser;
  return parser;
}

enum class Root { none, object, null, other };

// How the library reads `text`: the root's kind, or none when it is not JSON to the library.
Root library_reads(std::string_view text) {
  simdjson::dom::element root;
  if (read_json(library_parser(), text, root) != simdjson::SUCCESS) return Root::none;
  return root.is_object() ? Root::object : root.is_null() ? Root::null : Root::other;
}

bool library_reads_object(std::string_view text) {
  return library_reads(text) == Root::object;
}

// Output validity: well-formed JSON in valid UTF-8.
bool is_json(std::string_view text) {
  simdjson::dom::element root;
  return read_json(output_parser(), text, root) == simdjson::SUCCESS;
}

void to_tree(simdjson::dom::element element, Value& out, Document::AllocatorType& allocator) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::ARRAY: {
      simdjson::dom::array array;
      if (element.get_array().get(array) != simdjson::SUCCESS) __builtin_trap();
      out.SetArray();
      for (auto item : array) {
        Value value;
        to_tree(item, value, allocator);
        out.PushBack(value, allocator);
      }
      break;
    }
    case element_type::OBJECT: {
      simdjson::dom::object object;
      if (element.get_object().get(object) != simdjson::SUCCESS) __builtin_trap();
      out.SetObject();
      for (auto field : object) {
        Value value;
        to_tree(field.value, value, allocator);
        out.AddMember(
            Value(field.key.data(), static_cast<rapidjson::SizeType>(field.key.size()), allocator),
            value, allocator);
      }
      break;
    }
    case element_type::STRING: {
      std::string_view text = element.get_string().value_unsafe();
      out.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
      break;
    }
    case element_type::INT64:
      out.SetInt64(element.get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      out.SetUint64(element.get_uint64().value_unsafe());
      break;
    case element_type::DOUBLE:
      out.SetDouble(element.get_double().value_unsafe());
      break;
    case element_type::BOOL:
      out.SetBool(element.get_bool().value_unsafe());
      break;
    case element_type::NULL_VALUE:
      out.SetNull();
      break;
  }
}

// A tree for comparisons, its numbers read as the library reads them (repeated keys kept);
// nullptr when `text` is not JSON.
std::unique_ptr<Document> tree(std::string_view text) {
  simdjson::dom::element root;
  if (read_json(output_parser(), text, root) != simdjson::SUCCESS) return nullptr;
  auto document = std::make_unique<Document>();
  to_tree(root, *document, document->GetAllocator());
  return document;
}

// Empty text and `null` mean "no content": an empty object.
std::unique_ptr<Document> content_tree(std::string_view text) {
  auto document = tree(text.empty() ? std::string_view("{}") : text);
  if (document && document->IsNull()) document->SetObject();
  return document;
}

std::unique_ptr<Document> deduped_tree(std::string_view text);

// Equal as the library reads JSON. (RapidJSON's == alone is not even reflexive on objects
// with repeated keys: it looks each member up by name.)
bool same_json(std::string_view a, std::string_view b) {
  auto left = deduped_tree(a), right = deduped_tree(b);
  return left && right && *left == *right;
}

std::string write(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string_view view(const Value& string) {
  return {string.GetString(), string.GetStringLength()};
}

// The member `key` of an object; with repeated keys the first (`last`: the last) one.
const Value* find(const Value& object, std::string_view key, bool last = false) {
  const Value* found = nullptr;
  for (const auto& member : object.GetObject()) {
    if (view(member.name) == key) {
      found = &member.value;
      if (!last) break;
    }
  }
  return found;
}

// A section's value, `null` counting as absent (both mean: not generated).
const Value* section(const Value& document, std::string_view key, bool last = false) {
  const Value* found = find(document, key, last);
  return found == nullptr || found->IsNull() ? nullptr : found;
}

bool same(const Value* a, const Value* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return *a == *b;
}

// An object with a key more than once (at its top level).
bool has_repeated_key(const Value& object) {
  std::vector<std::string_view> keys;
  for (const auto& member : object.GetObject()) keys.push_back(view(member.name));
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

// Repeated keys collapsed as the library reads them: the last value wins, in the first's place.
void dedupe(Value& value, Document::AllocatorType& allocator) {
  if (value.IsArray()) {
    for (auto& item : value.GetArray()) dedupe(item, allocator);
    return;
  }
  if (!value.IsObject()) return;
  Value unique(rapidjson::kObjectType);
  for (auto& member : value.GetObject()) {
    dedupe(member.value, allocator);
    if (auto existing = unique.FindMember(member.name); existing != unique.MemberEnd()) {
      existing->value = member.value;
    } else {
      unique.AddMember(member.name, member.value, allocator);
    }
  }
  value = unique;
}

// A tree of `text` as the library holds a document (see dedupe).
std::unique_ptr<Document> deduped_tree(std::string_view text) {
  auto document = tree(text);
  if (document) dedupe(*document, document->GetAllocator());
  return document;
}

// ---- JSON Patch (RFC 6902), applied independently of the library's diff ---------------------

// The unescaped tokens of a JSON Pointer (RFC 6901); nothing when it is malformed.
std::optional<std::vector<std::string>> pointer_tokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') return std::nullopt;
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
    } else if (pointer[i] != '~') {
      token += pointer[i];
    } else if (i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
      token += pointer[++i] == '0' ? '~' : '/';
    } else {
      return std::nullopt;
    }
  }
  return tokens;
}

// An array index token (digits, no leading zero) below `limit`.
std::optional<std::size_t> array_index(std::string_view token, std::size_t limit) {
  std::size_t index = 0;
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return {};
  for (char c : token) {
    if (c < '0' || c > '9') return {};
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  if (index >= limit) return {};
  return index;
}

Value* child(Value& parent, std::string_view token) {
  if (parent.IsObject()) {
    auto found = parent.FindMember(
        Value(rapidjson::StringRef(token.data(), static_cast<rapidjson::SizeType>(token.size()))));
    return found == parent.MemberEnd() ? nullptr : &found->value;
  }
  if (!parent.IsArray()) return nullptr;
  auto index = array_index(token, parent.Size());
  return index ? &parent[static_cast<rapidjson::SizeType>(*index)] : nullptr;
}

Value* resolve(Value& root, std::span<const std::string> tokens) {
  Value* at = &root;
  for (const auto& token : tokens) {
    if (at = child(*at, token); at == nullptr) return nullptr;
  }
  return at;
}

bool remove_at(Value& root, std::span<const std::string> tokens, Value* taken) {
  if (tokens.empty()) return false;
  Value* parent = resolve(root, tokens.first(tokens.size() - 1));
  if (parent == nullptr) return false;
  const std::string& last = tokens.back();
  if (parent->IsObject()) {
    auto found = parent->FindMember(
        Value(rapidjson::StringRef(last.data(), static_cast<rapidjson::SizeType>(last.size()))));
    if (found == parent->MemberEnd()) return false;
    if (taken != nullptr) *taken = found->value;  // (a move)
    parent->EraseMember(found);
    return true;
  }
  if (!parent->IsArray()) return false;
  auto index = array_index(last, parent->Size());
  if (!index) return false;
  if (taken != nullptr) *taken = (*parent)[static_cast<rapidjson::SizeType>(*index)];
  parent->Erase(parent->Begin() + *index);
  return true;
}

bool add_at(Value& root, std::span<const std::string> tokens, Value& value,
            Document::AllocatorType& allocator) {
  if (tokens.empty()) {
    root = value;
    return true;
  }
  Value* parent = resolve(root, tokens.first(tokens.size() - 1));
  if (parent == nullptr) return false;
  const std::string& last = tokens.back();
  if (parent->IsObject()) {
    if (Value* existing = child(*parent, last)) {
      *existing = value;
    } else {
      parent->AddMember(
          Value(last.data(), static_cast<rapidjson::SizeType>(last.size()), allocator), value,
          allocator);
    }
    return true;
  }
  if (!parent->IsArray()) return false;
  const std::size_t size = parent->Size();
  auto index = last == "-" ? std::optional<std::size_t>(size) : array_index(last, size + 1);
  if (!index) return false;
  parent->PushBack(value, allocator);
  for (std::size_t i = size; i > *index; --i) {
    (*parent)[static_cast<rapidjson::SizeType>(i)].Swap(
        (*parent)[static_cast<rapidjson::SizeType>(i - 1)]);
  }
  return true;
}

// Applies a patch whose operations are well-formed (checked by the caller); false when one does
// not apply.
bool apply_patch(Document& document, const Value& patch) {
  auto& allocator = document.GetAllocator();
  for (const auto& op : patch.GetArray()) {
    const std::string_view verb = view(*find(op, "op"));
    auto path = pointer_tokens(view(*find(op, "path")));
    if (!path) return false;
    Value value;
    if (const Value* given = find(op, "value")) value.CopyFrom(*given, allocator);
    if (verb == "add") {
      if (!add_at(document, *path, value, allocator)) return false;
    } else if (verb == "remove") {
      if (!remove_at(document, *path, nullptr)) return false;
    } else if (verb == "replace") {
      Value* target = resolve(document, *path);
      if (target == nullptr) return false;
      *target = value;
    } else if (verb == "move") {
      auto from = pointer_tokens(view(*find(op, "from")));
      if (!from || !remove_at(document, *from, &value) ||
          !add_at(document, *path, value, allocator)) {
        return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

bool valid_utf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

// ---- shared checks ------------------------------------------------------------------------

// Every result: to_json() is valid JSON whose `ok` and `code` say what the result says, and a
// result is ok exactly when it has no errors.
std::string check_envelope(const Outcome& outcome, const std::string& json) {
  FUZZ_EXPECT(outcome.ok() == outcome.errors.empty(), "ok() and an empty error list disagree");
  FUZZ_EXPECT(is_json(json), "to_json() is not valid JSON: " + json.substr(0, 300));
  auto document = tree(json);
  FUZZ_EXPECT(document && document->IsObject(), "to_json() is not a JSON object");
  const Value* ok = find(*document, "ok");
  FUZZ_EXPECT(ok && ok->IsBool() && ok->GetBool() == outcome.ok(), "to_json()'s ok is wrong");
  const Value* code = find(*document, "code");
  if (outcome.ok()) {
    FUZZ_EXPECT(code == nullptr, "an ok result has a code");
  } else {
    FUZZ_EXPECT(code && code->IsString() && view(*code) == status_code(outcome.status),
                "to_json()'s code is not the status");
  }
  const Value* errors = find(*document, "errors");
  FUZZ_EXPECT(errors && errors->IsArray() && errors->Size() == outcome.errors.size(),
              "to_json()'s errors are not the result's");
  return {};
}

// A content document as validate() leaves it, for merge's oracle: "{}" for no content, nothing
// for invalid content.
std::optional<std::string> normalised(std::string_view type, std::string_view text) {
  if (text.empty() || text == "null") return std::string("{}");
  auto checked = validate(type, text);
  if (!checked.ok()) return std::nullopt;
  return checked.value;
}

// Word diff pieces: non-empty, no two neighbours with the same op, and they give back both texts
// (never splitting a UTF-8 sequence of valid text).
std::string check_pieces(std::string_view before, std::string_view after,
                         const std::vector<TextPiece>& pieces) {
  std::string old_text, new_text;
  const bool utf8 = valid_utf8(before) && valid_utf8(after);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto& piece = pieces[i];
    FUZZ_EXPECT(!piece.text.empty(), "a word diff piece is empty");
    FUZZ_EXPECT(i == 0 || pieces[i - 1].op != piece.op, "two neighbouring pieces share an op");
    FUZZ_EXPECT(!utf8 || valid_utf8(piece.text), "a word diff piece splits a UTF-8 sequence");
    if (piece.op != DiffOp::insert) old_text += piece.text;
    if (piece.op != DiffOp::remove) new_text += piece.text;
  }
  FUZZ_EXPECT(old_text == before, "the equal and delete pieces do not give the before text");
  FUZZ_EXPECT(new_text == after, "the equal and insert pieces do not give the after text");
  return {};
}

// ---- validate -----------------------------------------------------------------------------

std::string run_validate(std::string_view bytes) {
  const Input input{bytes, 2};
  const std::string_view model = model_at(input.byte(0));
  const std::uint8_t flags = input.byte(1);
  const ValidateOptions options{.tier = validate_tier(flags), .strict = (flags & 8u) != 0};
  const std::string_view json = input.payload();

  auto result = validate(model, json, options);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));

  // The fast path only ever saves work: the full path alone comes to the same result.
  ValidateOptions full_options = options;
  full_options.fast_path = false;
  auto full = validate(model, json, full_options);
  FUZZ_PROPAGATE(check_envelope(full, full.to_json()));
  FUZZ_EXPECT(!full.value_is_input, "the full path says the input is its own value");
  if (result.value_is_input) {
    FUZZ_EXPECT(result.ok() && result.warnings.empty() && result.value == json,
                "a value_is_input result is not the input, ok and without warnings");
    FUZZ_EXPECT(full.ok(), "the fast path accepted what the full path refuses");
    FUZZ_EXPECT(full.warnings.empty(), "the fast path accepted a document with warnings");
    FUZZ_EXPECT(same_json(result.value, full.value),
                "the fast and the full path give different values");
  } else {
    FUZZ_EXPECT(result.to_json() == full.to_json(), "the fast and the full path disagree");
  }

  // Without a copy of the value, the same verdict.
  ValidateOptions borrowing = options;
  borrowing.want_value = false;
  auto without_copy = validate(model, json, borrowing);
  FUZZ_EXPECT(without_copy.status == result.status &&
                  without_copy.value_is_input == result.value_is_input &&
                  without_copy.value == (result.value_is_input ? "" : result.value),
              "want_value = false changes the result");

  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed validation has a value");
    return {};
  }
  for (const auto& warning : result.warnings) {
    FUZZ_EXPECT(warning.type == IssueType::unknown_key ||
                    (warning.type == IssueType::tier_locked && !options.tier.empty()),
                "an unexpected warning: " + std::string(issue_type_name(warning.type)));
  }
  FUZZ_EXPECT(library_reads_object(result.value), "the value is not a JSON object");

  // Idempotence: the value validates again, unchanged, with no unknown key left.
  auto again = validate(model, result.value, options);
  FUZZ_EXPECT(again.ok(), "a validated value does not validate again: " + again.to_json());
  FUZZ_EXPECT(same_json(again.value, result.value), "validating a value again changes it");
  for (const auto& warning : again.warnings) {
    FUZZ_EXPECT(warning.type == IssueType::tier_locked,
                "a validated value still has an unknown key");
  }
  // Lax conversions leave values strict mode accepts.
  auto strict = validate(model, result.value, {.tier = options.tier, .strict = true});
  FUZZ_EXPECT(strict.ok(), "a normalised value fails strict validation: " + strict.to_json());
  return {};
}

// ---- gate ---------------------------------------------------------------------------------

std::string run_gate(std::string_view bytes) {
  const Input input{bytes, 2};
  const std::string_view model_name = model_at(input.byte(0));
  const std::string_view tier_text = gate_tier(input.byte(1));
  const std::string_view json = input.payload();

  auto result = gate(model_name, json, tier_text);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  const ModelSpec* model = find_model(model_name);
  const auto tier = parse_tier(tier_text);
  if (model == nullptr || !tier) {
    FUZZ_EXPECT(!result.ok(), "gate accepted an unknown model or tier");
    return {};
  }
  FUZZ_EXPECT(result.ok() == library_reads_object(json),
              "gate's verdict is not whether the input is a JSON object");
  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed gate has a value");
    return {};
  }

  std::vector<std::string_view> locked;
  for (const auto& field : model->fields) {
    if (!tier_allows(*tier, field.tier)) locked.push_back(field.key);
  }
  FUZZ_EXPECT(result.locked == locked, "locked is not every section above the tier");

  // The value is the input's visible fields, each the last of its name.
  auto source = deduped_tree(json);
  auto value = tree(result.value);
  FUZZ_EXPECT(source && value, "the oracle does not read gate's input or value");
  FUZZ_EXPECT(value->IsObject() && !has_repeated_key(*value), "gate's value has repeated keys");
  dedupe(*value, value->GetAllocator());
  for (const auto& member : value->GetObject()) {
    const FieldSpec* field = find_field(*model, view(member.name));
    FUZZ_EXPECT(field != nullptr && tier_allows(*tier, field->tier),
                "gate's value has a field the tier may not see");
  }
  for (const auto& field : model->fields) {
    if (!tier_allows(*tier, field.tier)) continue;
    FUZZ_EXPECT(same(find(*value, field.key), find(*source, field.key)),
                "gate changed or lost the field " + std::string(field.key));
  }

  auto again = gate(model_name, result.value, tier_text);
  FUZZ_EXPECT(again.ok() && same_json(again.value, result.value), "gate is not idempotent");

  // Valid content gates to valid content with nothing above the tier and no unknown section
  // (gate picks sections: unknown keys inside them stay).
  if (validate(model_name, json, {.want_value = false}).ok()) {
    auto gated = validate(model_name, result.value, {.tier = tier_text, .want_value = false});
    FUZZ_EXPECT(gated.ok(), "gating valid content makes it invalid: " + gated.to_json());
    for (const auto& warning : gated.warnings) {
      FUZZ_EXPECT(warning.type == IssueType::unknown_key && warning.loc.size() > 1,
                  "gated content has a section above the tier or an unknown one");
    }
  }
  return {};
}

// ---- migrate ------------------------------------------------------------------------------

std::string run_migrate(std::string_view bytes) {
  const Input input{bytes, 1};
  const std::string_view type = model_at(input.byte(0));
  const std::string_view json = input.payload();

  auto result = migrate(type, json);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  if (find_artifact_type(type) == nullptr || !library_reads_object(json)) {
    FUZZ_EXPECT(!result.ok(), "migrate accepted an unknown type or a non-object");
    return {};
  }
  // Repeated keys: the last one wins, as everywhere (the stamp too).
  auto source = deduped_tree(json);
  FUZZ_EXPECT(source != nullptr, "the oracle does not read migrate's input");
  const Value* stamp = find(*source, kSchemaVersionKey);
  Status expected = Status::ok;
  std::int64_t version = 0;
  if (stamp != nullptr) {
    if (!stamp->IsInt64()) {
      expected = Status::invalid_input;
    } else {
      version = stamp->GetInt64();
      if (version < 0 || version > kCurrentSchemaVersion) {
        expected = Status::schema_version_unsupported;
      }
    }
  }
  FUZZ_EXPECT(result.status == expected,
              "migrate's status is not the stamp's: " + result.to_json());
  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed migration has a value");
    return {};
  }
  FUZZ_EXPECT(result.from_version == version && result.to_version == kCurrentSchemaVersion,
              "migrate reports the wrong versions");

  // The value: the stamp first and only once, then the input's other members in their order.
  auto value = tree(result.value);
  FUZZ_EXPECT(value && value->IsObject() && value->MemberCount() > 0, "migrate's value is empty");
  auto members = value->MemberBegin();
  FUZZ_EXPECT(view(members->name) == kSchemaVersionKey && members->value.IsInt64() &&
                  members->value.GetInt64() == kCurrentSchemaVersion,
              "the migrated value does not start with the current stamp");
  ++members;
  for (const auto& member : source->GetObject()) {
    if (view(member.name) == kSchemaVersionKey) continue;
    FUZZ_EXPECT(members != value->MemberEnd() && members->name == member.name &&
                    members->value == member.value,
                "migrate changed or lost a member");
    ++members;
  }
  FUZZ_EXPECT(members == value->MemberEnd(), "the migrated value has an extra member");

  auto again = migrate(type, result.value);
  FUZZ_EXPECT(
      again.ok() && again.from_version == kCurrentSchemaVersion && again.value == result.value,
      "migrating a migrated value changes it");
  if (validate(type, json, {.want_value = false}).ok()) {
    FUZZ_EXPECT(validate(type, result.value, {.want_value = false}).ok(),
                "migrating valid content makes it invalid");
  }
  return {};
}

// ---- merge --------------------------------------------------------------------------------

std::string check_merge(const MergeRequest& request, const MergeResult& result) {
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  const ModelSpec* model = find_artifact_type(request.type);
  if (model == nullptr) {
    FUZZ_EXPECT(!result.ok(), "merge accepted an unknown type");
    return {};
  }
  const auto sections = sections_of(*model);
  for (const auto& id : request.edited_sections) {
    if (index_of(sections, id) == sections.size()) {
      FUZZ_EXPECT(result.status == Status::invalid_input, "merge accepted an unknown section");
      return {};
    }
  }
  auto requested = [&](std::string_view id) {
    return index_of(request.edited_sections, id) != request.edited_sections.size();
  };

  // Merge never hands back invalid content.
  if (result.ok()) {
    auto checked = validate(request.type, result.value);
    FUZZ_EXPECT(checked.ok() && checked.warnings.empty() && same_json(checked.value, result.value),
                "the merged value is not valid normalised content: " + checked.to_json());
  }
  const auto theirs = normalised(request.type, request.theirs);
  const bool generated = !(request.theirs.empty() || request.theirs == "null");
  if (request.force) {
    FUZZ_EXPECT(!generated || result.ok() == theirs.has_value(),
                "force merge: ok is not whether theirs is valid");
    if (result.ok()) {
      FUZZ_EXPECT(same_json(result.value, *theirs), "force merge is not theirs");
      FUZZ_EXPECT(result.kept.empty() && result.conflicts.empty() && result.edited_sections.empty(),
                  "force merge keeps edits");
    }
    return {};
  }
  const auto ours = normalised(request.type, request.ours);
  const auto base = normalised(request.type, request.base);
  const bool valid_inputs = theirs && ours && base;
  FUZZ_EXPECT(!result.ok() || valid_inputs, "merge accepted invalid input");
  // (With no founder content, a section marked edited is a founder's deletion: it may leave a
  // required section missing, which merge refuses.)
  const bool founder_content = !(request.ours.empty() || request.ours == "null");
  FUZZ_EXPECT(result.ok() || !valid_inputs || !generated || !founder_content,
              "merge refused valid input: " + result.to_json());
  if (!result.ok()) return {};

  auto merged = tree(result.value), theirs_tree = tree(*theirs), ours_tree = tree(*ours),
       base_tree = tree(*base);
  FUZZ_EXPECT(merged && theirs_tree && ours_tree && base_tree, "the oracle does not read a value");
  bool all_requested = true;
  for (auto id : sections) {
    const bool differs = !same(section(*merged, id), section(*theirs_tree, id));
    FUZZ_EXPECT(differs == (index_of(result.edited_sections, id) != result.edited_sections.size()),
                "editedSections is not the sections that differ from theirs: " + std::string(id));
    FUZZ_EXPECT(!differs || requested(id), "a section nobody edited differs from theirs");
    all_requested = all_requested && requested(id);
  }
  for (const auto& id : result.kept) {
    FUZZ_EXPECT(requested(id), "kept lists a section that was not edited");
  }
  for (const auto& conflict : result.conflicts) {
    FUZZ_EXPECT(index_of(result.kept, conflict.section_id) != result.kept.size(),
                "a conflict in a section that was not kept");
    FUZZ_EXPECT(conflict.path.starts_with("/" + conflict.section_id),
                "a conflict's path is not in its section");
    for (const std::string* json :
         {&conflict.identity, &conflict.base, &conflict.ours, &conflict.theirs}) {
      FUZZ_EXPECT(json->empty() || is_json(*json), "a conflict holds a value that is not JSON");
    }
  }
  // Merge laws: no founder edits follow the new generation; a generation that changed nothing
  // leaves the founder's content where every section is marked edited.
  if (*ours_tree == *base_tree) {
    FUZZ_EXPECT(*merged == *theirs_tree, "merge without founder edits is not theirs");
  }
  if (*theirs_tree == *base_tree && all_requested) {
    for (auto id : sections) {
      FUZZ_EXPECT(same(section(*merged, id), section(*ours_tree, id)),
                  "merge against an unchanged generation lost the founder's " + std::string(id));
    }
  }
  return {};
}

// The reading of a {type, <documents>, editedSections, force} request the operations document,
// done independently: the last of repeated keys wins; a document is a JSON value or a string of
// JSON text. False when the request is malformed.
struct ParsedRequest {
  std::string type;
  std::array<std::string, 3> documents;
  std::vector<std::string> edited_sections;
  bool force = false;
};

bool read_request(const Value& request, std::initializer_list<std::string_view> names,
                  ParsedRequest& out) {
  if (!request.IsObject()) return false;
  const Value* type = find(request, "type", true);
  if (type == nullptr || !type->IsString()) return false;
  out.type = view(*type);
  std::size_t index = 0;
  for (auto name : names) {
    if (const Value* document = find(request, name, true)) {
      out.documents[index] = document->IsString() ? std::string(view(*document)) : write(*document);
    }
    ++index;
  }
  if (const Value* edited = find(request, "editedSections", true); edited && !edited->IsNull()) {
    if (!edited->IsArray()) return false;
    for (const auto& id : edited->GetArray()) {
      if (!id.IsString()) return false;
      out.edited_sections.emplace_back(view(id));
    }
  }
  if (const Value* force = find(request, "force", true); force && !force->IsNull()) {
    if (!force->IsBool()) return false;
    out.force = force->GetBool();
  }
  return true;
}

std::string run_merge_request(std::string_view request_json) {
  auto result = merge_request(request_json);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  if (!library_reads_object(request_json)) {
    FUZZ_EXPECT(result.status == Status::invalid_input, "merge_request accepted a non-object");
    return {};
  }
  auto request = tree(request_json);
  FUZZ_EXPECT(request != nullptr, "the oracle does not read the request");
  ParsedRequest fields;
  if (!read_request(*request, {"base", "ours", "theirs"}, fields)) {
    FUZZ_EXPECT(result.status == Status::invalid_input, "merge_request accepted a bad request");
    return {};
  }
  MergeRequest call{fields.type,
                    fields.documents[0],
                    fields.documents[1],
                    fields.documents[2],
                    std::move(fields.edited_sections),
                    fields.force};
  auto expected = merge(call);
  FUZZ_EXPECT(same_json(result.to_json(), expected.to_json()),
              "merge_request reads the request differently: " + result.to_json().substr(0, 300) +
                  " vs " + expected.to_json().substr(0, 300));
  return check_merge(call, result);
}

std::string run_merge(std::string_view bytes) {
  const Input input{bytes, 4};
  const std::uint8_t mode = input.byte(0);
  if ((mode & 0x80u) != 0) return run_merge_request(input.payload());
  const std::string_view type = artifact_at(mode);
  const auto mask = static_cast<std::uint16_t>(input.byte(2) | (input.byte(3) << 8));
  std::vector<std::string> edited;
  if (const ModelSpec* model = find_artifact_type(type)) {
    const auto sections = sections_of(*model);
    for (std::size_t i = 0; i < sections.size() && i < 15; ++i) {
      if ((mask >> i) & 1u) edited.emplace_back(sections[i]);
    }
  }
  if ((mask & 0x8000u) != 0) edited.emplace_back(kUnknownName);
  const auto parts = split(input.payload(), 3);
  const MergeRequest request{type,     parts[0],          parts[1],
                             parts[2], std::move(edited), (input.byte(1) & 1u) != 0};
  return check_merge(request, merge(request));
}

// ---- diff ---------------------------------------------------------------------------------

bool content_document(std::string_view text) {
  if (text.empty()) return true;
  auto root = library_reads(text);
  return root == Root::object || root == Root::null;
}

std::string check_diff(std::string_view type, std::string_view before, std::string_view after,
                       const DiffResult& result) {
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  const ModelSpec* model = find_model(type);
  FUZZ_EXPECT(result.ok() == (model && content_document(before) && content_document(after)),
              "diff's verdict is not whether it was given two content objects");
  if (!result.ok()) return {};

  // Documents as the library holds them: repeated keys collapsed, the last one winning.
  auto before_tree = content_tree(before), after_tree = content_tree(after);
  FUZZ_EXPECT(before_tree && after_tree, "the oracle does not read diff's documents");
  dedupe(*before_tree, before_tree->GetAllocator());
  dedupe(*after_tree, after_tree->GetAllocator());

  const auto sections = sections_of(*model);
  FUZZ_EXPECT(result.sections.size() == sections.size(), "diff does not list every section");
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& change = result.sections[i];
    FUZZ_EXPECT(change.id == sections[i], "diff's sections are not in schema order");
    const Value* b = section(*before_tree, change.id);
    const Value* a = section(*after_tree, change.id);
    std::string_view expected = same(b, a)     ? "unchanged"
                                : b == nullptr ? "added"
                                : a == nullptr ? "removed"
                                               : "modified";
    FUZZ_EXPECT(change.change == expected, "section " + std::string(change.id) + " is " +
                                               std::string(change.change) + ", not " +
                                               std::string(expected));
    if (!change.words.empty()) {
      FUZZ_EXPECT(b && a && b->IsString() && a->IsString(), "a word diff of a non-string section");
      FUZZ_PROPAGATE(check_pieces(view(*b), view(*a), change.words));
    }
  }

  // The patch: well-formed operations that turn before into after.
  auto patch = tree(result.patch);
  FUZZ_EXPECT(patch && patch->IsArray(), "the patch is not a JSON array");
  for (const auto& op : patch->GetArray()) {
    FUZZ_EXPECT(op.IsObject(), "a patch operation is not an object");
    const Value* name = find(op, "op");
    const Value* path = find(op, "path");
    FUZZ_EXPECT(name && name->IsString() && path && path->IsString(),
                "a patch operation lacks op or path");
    const std::string_view verb = view(*name);
    FUZZ_EXPECT(verb == "add" || verb == "remove" || verb == "replace" || verb == "move",
                "an unexpected patch operation");
    const Value* from = find(op, "from");
    FUZZ_EXPECT((verb == "move") == (from != nullptr && from->IsString()),
                "a move without from, or a from without move");
    FUZZ_EXPECT((verb == "add" || verb == "replace") == (find(op, "value") != nullptr),
                "a patch operation's value is missing or extra");
  }
  FUZZ_EXPECT(apply_patch(*before_tree, *patch),
              "the patch does not apply to before: " + result.patch.substr(0, 300));
  FUZZ_EXPECT(*before_tree == *after_tree,
              "the patch does not turn before into after: " + result.patch.substr(0, 300));

  auto identical = diff(type, before, before);
  FUZZ_EXPECT(identical.ok() && identical.patch == "[]", "a document differs from itself");
  for (const auto& change : identical.sections) {
    FUZZ_EXPECT(change.change == "unchanged", "a section differs from itself");
  }
  return {};
}

std::string run_diff_request(std::string_view request_json) {
  auto result = diff_request(request_json);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  if (!library_reads_object(request_json)) {
    FUZZ_EXPECT(result.status == Status::invalid_input, "diff_request accepted a non-object");
    return {};
  }
  auto request = tree(request_json);
  FUZZ_EXPECT(request != nullptr, "the oracle does not read the request");
  ParsedRequest fields;
  if (!read_request(*request, {"before", "after"}, fields)) {
    FUZZ_EXPECT(result.status == Status::invalid_input, "diff_request accepted a bad request");
    return {};
  }
  auto expected = diff(fields.type, fields.documents[0], fields.documents[1]);
  FUZZ_EXPECT(same_json(result.to_json(), expected.to_json()),
              "diff_request reads the request differently: " + result.to_json().substr(0, 300) +
                  " vs " + expected.to_json().substr(0, 300));
  return check_diff(fields.type, fields.documents[0], fields.documents[1], result);
}

std::string run_word_diff(std::string_view payload, std::uint8_t budget_eighths) {
  const auto parts = split(payload, 2);
  WordDiffResult result;
  result.pieces = word_diff(parts[0], parts[1]);
  FUZZ_PROPAGATE(check_pieces(parts[0], parts[1], result.pieces));
  if (valid_utf8(parts[0]) && valid_utf8(parts[1])) {
    FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  }
  if (budget_eighths != 0) {
    // A small budget gives up on a minimal diff early, never on a correct one.
    FUZZ_PROPAGATE(check_pieces(parts[0], parts[1],
                                word_diff(parts[0], parts[1], std::size_t{budget_eighths} * 8)));
  }
  for (auto text : parts) {
    std::string joined;
    for (auto token : word_tokens(text)) {
      FUZZ_EXPECT(!token.empty(), "an empty token");
      FUZZ_EXPECT(!valid_utf8(text) || valid_utf8(token), "a token splits a UTF-8 sequence");
      joined += token;
    }
    FUZZ_EXPECT(joined == text, "the tokens do not give back the text");
  }
  return {};
}

std::string run_diff(std::string_view bytes) {
  const Input input{bytes, 2};
  switch (input.byte(0) % 3) {
    case 0:
      return run_diff_request(input.payload());
    case 1: {
      const std::string_view type = model_at(input.byte(1));
      const auto parts = split(input.payload(), 2);
      return check_diff(type, parts[0], parts[1], diff(type, parts[0], parts[1]));
    }
    default:
      return run_word_diff(input.payload(), input.byte(1));
  }
}

// ---- markdown -----------------------------------------------------------------------------

std::string_view markdown_variant(std::uint8_t options) {
  constexpr std::array<std::string_view, 4> kVariants = {"", "readable", "technical", "fancy"};
  return kVariants[options & 3u];
}

std::string_view markdown_tier(std::uint8_t options) {
  return validate_tier(static_cast<std::uint8_t>(options >> 2));
}

// Every non-empty prose string of a document (by the registry: string fields, in items too)
// replaced with "x": the same document structure with no user text in it.
void blank_prose(Value& value, const TypeSpec& type);

void blank_prose(Value& object, const ModelSpec& model) {
  if (!object.IsObject()) return;
  for (auto& member : object.GetObject()) {
    if (const FieldSpec* field = find_field(model, view(member.name))) {
      blank_prose(member.value, *field->type);
    }
  }
}

void blank_prose(Value& value, const TypeSpec& type) {
  if (type.kind == Kind::string && value.IsString() && value.GetStringLength() > 0) {
    value.SetString(rapidjson::StringRef("x"));
  } else if (type.kind == Kind::list && value.IsArray()) {
    for (auto& item : value.GetArray()) blank_prose(item, *type.item);
  } else if (type.kind == Kind::model) {
    blank_prose(value, *type.model);
  }
}

// The lines that make a Markdown document's structure: headings (by level), code fences and
// thematic breaks / front matter delimiters. User text must never add or remove one.
std::vector<std::string> structure(std::string_view markdown) {
  std::vector<std::string> lines;
  while (!markdown.empty()) {
    auto end = markdown.find('\n');
    std::string_view line = markdown.substr(0, end);
    markdown.remove_prefix(end == std::string_view::npos ? markdown.size() : end + 1);
    std::size_t level = 0;
    while (level < line.size() && line[level] == '#') ++level;
    if (level > 0 && (level == line.size() || line[level] == ' ')) {
      lines.push_back("h" + std::to_string(level));
    } else if (line.starts_with("```")) {
      lines.emplace_back("fence");
    } else if (line == "---") {
      lines.emplace_back("rule");
    }
  }
  return lines;
}

std::string run_markdown_plan(std::string_view plan_json, const MarkdownOptions& options) {
  auto result = plan_to_markdown_json(plan_json, options);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  FUZZ_EXPECT(!result.ok() || library_reads_object(plan_json),
              "plan_to_markdown_json accepted a plan that is not a JSON object");
  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed export has a value");
    return {};
  }
  FUZZ_EXPECT(valid_utf8(result.value), "the Markdown is not valid UTF-8");
  auto again = plan_to_markdown_json(plan_json, options);
  FUZZ_EXPECT(again.value == result.value, "the plan's export is not deterministic");
  // Every artifact it exported is valid content.
  auto plan = deduped_tree(plan_json);
  FUZZ_EXPECT(plan && plan->IsObject(), "the oracle does not read the plan");
  for (const auto& member : plan->GetObject()) {
    const std::string type(view(member.name));
    const std::string content =
        member.value.IsString() ? std::string(view(member.value)) : write(member.value);
    FUZZ_EXPECT(find_artifact_type(type) != nullptr, "the plan exported an unknown type");
    if (member.value.IsNull()) continue;
    FUZZ_EXPECT(normalised(type, content).has_value(), "the plan exported invalid content");
  }
  return {};
}

std::string run_markdown(std::string_view bytes) {
  const Input input{bytes, 2};
  const std::uint8_t mode = input.byte(0);
  const std::uint8_t flags = input.byte(1);
  const auto parts = split(input.payload(), 3);
  const MarkdownOptions options{.variant = markdown_variant(flags),
                                .tier = markdown_tier(flags),
                                .startup_name = parts[1],
                                .generated_at = parts[2]};
  if ((mode & 1u) != 0) return run_markdown_plan(parts[0], options);

  const std::string_view type = artifact_at(static_cast<std::uint8_t>(mode >> 1));
  const std::string_view json = parts[0];
  auto result = to_markdown(type, json, options);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  const ModelSpec* model = find_artifact_type(type);
  const auto tier = parse_tier(options.tier);
  const bool good_options = model != nullptr && (options.tier.empty() || tier) &&
                            options.variant != "fancy" && valid_utf8(options.startup_name) &&
                            valid_utf8(options.generated_at);
  const auto checked = good_options ? validate(type, json) : ValidationResult{};
  FUZZ_EXPECT(result.ok() == (good_options && checked.ok()),
              "to_markdown's verdict is not the options' and validate's: " + result.to_json());
  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed export has a value");
    return {};
  }
  FUZZ_EXPECT(valid_utf8(result.value), "the Markdown is not valid UTF-8");
  FUZZ_EXPECT(to_markdown(type, json, options).value == result.value,
              "the export is not deterministic");

  // The export reads the normalised content, and only the sections the tier may see.
  FUZZ_EXPECT(to_markdown(type, checked.value, options).value == result.value,
              "normalising the content first changes the Markdown");
  if (tier) {
    auto gated = gate(type, checked.value, options.tier);
    FUZZ_EXPECT(gated.ok(), "gate refused validated content");
    FUZZ_EXPECT(to_markdown(type, gated.value, options).value == result.value,
                "gating the content first changes the Markdown (a section above the tier shows)");
  }
  auto content = tree(checked.value);
  FUZZ_EXPECT(content && content->IsObject(), "the oracle does not read validate's value");
  for (const auto& field : model->fields) {
    if (field.key == kSchemaVersionKey || (tier && !tier_allows(*tier, field.tier))) continue;
    if (section(*content, field.key) == nullptr) continue;
    FUZZ_EXPECT(result.value.find(field_title(field.key)) != std::string::npos,
                "a visible section's title is missing: " + std::string(field.key));
  }

  // User text never makes structure: with every prose string replaced by "x", the headings,
  // fences and rules are the same.
  blank_prose(*content, *model);
  auto blank = to_markdown(type, write(*content), options);
  FUZZ_EXPECT(blank.ok(), "the export refused blanked content");
  FUZZ_EXPECT(structure(blank.value) == structure(result.value),
              "user text changed the Markdown's structure (headings, fences or rules)");
  return {};
}

constexpr std::array kTargets = {
    Target{"validate", &run_validate}, Target{"gate", &run_gate}, Target{"migrate", &run_migrate},
    Target{"merge", &run_merge},       Target{"diff", &run_diff}, Target{"markdown", &run_markdown},
};

// ---- encoders -----------------------------------------------------------------------------

std::string header(std::initializer_list<std::size_t> bytes) {
  std::string out;
  for (auto byte : bytes) out.push_back(static_cast<char>(static_cast<unsigned char>(byte)));
  return out;
}

std::string joined(std::initializer_list<std::string_view> parts) {
  std::string out;
  bool first = true;
  for (auto part : parts) {
    if (!first) out.push_back('\0');
    first = false;
    out += part;
  }
  return out;
}

}  // namespace

std::span<const Target> targets() {
  return kTargets;
}

const Target* find_target(std::string_view name) {
  for (const auto& target : kTargets) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

std::span<const std::string_view> models() {
  static const auto all = [] {
    std::vector<std::string_view> ids;
    for (const auto* model : generation_order()) ids.push_back(model->id);
    for (const auto* model : record_models()) ids.push_back(model->id);
    return ids;
  }();
  return all;
}

std::string validate_input(std::string_view model, std::string_view tier, bool strict,
                           std::string_view json) {
  std::size_t tier_bits = 0;  // none
  if (!tier.empty()) {
    const auto index = index_of(tier_names(), tier);
    tier_bits = index < tier_names().size() ? index + 1 : 4;
  }
  return header({index_of(models(), model), tier_bits | (strict ? 8u : 0u)}) + std::string(json);
}

std::string gate_input(std::string_view model, std::string_view tier, std::string_view json) {
  std::size_t tier_choice = 4;  // empty
  if (!tier.empty()) tier_choice = std::min<std::size_t>(index_of(tier_names(), tier), 3);
  return header({index_of(models(), model), tier_choice}) + std::string(json);
}

std::string migrate_input(std::string_view type, std::string_view json) {
  return header({index_of(models(), type)}) + std::string(json);
}

std::string merge_request_input(std::string_view request_json) {
  return header({0x80, 0, 0, 0}) + std::string(request_json);
}

std::string merge_input(std::string_view type, std::uint16_t edited_mask, bool force,
                        std::string_view base, std::string_view ours, std::string_view theirs) {
  return header({index_of(artifact_type_ids(), type), force ? 1u : 0u, edited_mask & 0xFFu,
                 static_cast<std::size_t>(edited_mask >> 8)}) +
         joined({base, ours, theirs});
}

std::string diff_request_input(std::string_view request_json) {
  return header({0, 0}) + std::string(request_json);
}

std::string diff_input(std::string_view type, std::string_view before, std::string_view after) {
  return header({1, index_of(models(), type)}) + joined({before, after});
}

std::string word_diff_input(std::string_view before, std::string_view after,
                            std::uint8_t budget_eighths) {
  return header({2, budget_eighths}) + joined({before, after});
}

std::string markdown_input(std::string_view type, std::string_view variant, std::string_view tier,
                           std::string_view json, std::string_view startup_name,
                           std::string_view generated_at) {
  constexpr std::array<std::string_view, 3> kVariants = {"", "readable", "technical"};
  std::size_t tier_bits = 0;
  if (!tier.empty()) {
    const auto index = index_of(tier_names(), tier);
    tier_bits = index < tier_names().size() ? index + 1 : 4;
  }
  const std::size_t mode = type.empty() ? 1 : index_of(artifact_type_ids(), type) << 1;
  return header({mode, std::min<std::size_t>(index_of(kVariants, variant), 3) | tier_bits << 2}) +
         joined({json, startup_name, generated_at});
}

}  // namespace artifacts::fuzz
