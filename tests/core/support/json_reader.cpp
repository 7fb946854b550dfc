#include "json_reader.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "artifacts/result.hpp"
#include "simdjson.h"

namespace artifacts::testing {
namespace {

using Document = rapidjson::Document;
using Value = rapidjson::Value;

// Number literals simdjson refuses, rewritten to what the library reads them as (Pydantic's
// reading): an integer beyond 64 bits is a double ("...e0"), and beyond the double range the
// largest double of its sign; any other number beyond the double range is infinity, which the
// library holds as null (a number still when it is the whole document). Empty when there is none.
std::string numbers_as_the_library_reads(std::string_view text) {
  auto digit = [&](std::size_t at) {
    return at < text.size() && text[at] >= '0' && text[at] <= '9';
  };
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
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
    const std::size_t integer_end = i;
    // The literal by JSON's grammar, fraction and exponent; whatever follows it is not ours.
    // A fraction or exponent needs a digit ("3." and "1e+" are not numbers).
    bool well_formed = true;
    if (i < text.size() && text[i] == '.') {
      ++i;
      well_formed = digit(i);
      while (digit(i)) ++i;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
      ++i;
      if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
      well_formed = well_formed && digit(i);
      while (digit(i)) ++i;
    }
    const bool integer = i == integer_end;
    // No digits, or a leading zero ("01"): not a JSON number, and nothing to rewrite.
    if (!well_formed || integer_end == digits ||
        (text[digits] == '0' && integer_end - digits > 1)) {
      continue;
    }
    const char* first = text.data() + start;
    // strtod, not from_chars: only overflow counts (an underflow reads as zero, as in simdjson).
    const bool fits_double =
        !std::isinf(std::strtod(std::string(text.substr(start, i - start)).c_str(), nullptr));
    std::string replacement;
    if (integer) {
      std::int64_t signed_value = 0;
      std::uint64_t unsigned_value = 0;
      const char* last = text.data() + integer_end;
      const auto parsed = digits > start ? std::from_chars(first, last, signed_value).ec
                                         : std::from_chars(first, last, unsigned_value).ec;
      if (parsed != std::errc::result_out_of_range) continue;
      replacement = fits_double      ? std::string(text.substr(start, integer_end - start)) + "e0"
                    : digits > start ? "-1.7976931348623157e308"
                                     : "1.7976931348623157e308";
    } else {
      if (fits_double) continue;
      std::size_t before = start, after = i;
      while (before > 0 && blank(text[before - 1])) --before;
      while (after < text.size() && blank(text[after])) ++after;
      replacement = before == 0 && after == text.size() ? "0" : "null";
    }
    out.append(text.substr(copied, start - copied));
    out += replacement;
    copied = i;
  }
  if (copied == 0) return {};
  out.append(text.substr(copied));
  return out;
}

// Reads `text` as the library reads JSON: simdjson, numbers as above, and no byte-order mark
// (Pydantic's parser refuses one).
simdjson::error_code read_json(simdjson::dom::parser& parser, std::string_view text,
                               simdjson::dom::element& root) {
  if (text.empty()) return simdjson::EMPTY;  // (and simdjson must not copy from a null pointer)
  if (text.starts_with("\xEF\xBB\xBF")) return simdjson::TAPE_ERROR;
  auto code = parser.parse(text.data(), text.size(), true).get(root);
  if (code == simdjson::BIGINT_ERROR || code == simdjson::NUMBER_ERROR) {
    const std::string rewritten = numbers_as_the_library_reads(text);
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

// A parser for results and test documents (deeper than inputs: results echo input values).
simdjson::dom::parser& output_parser() {
  static simdjson::dom::parser parser;
  return parser;
}

// A scalar by the first of simdjson's typed reads that takes it: integers before doubles, since
// an integer also reads as a double. (Written apart from the library's to_value on purpose: an
// oracle that shared its code would share its bugs.)
void scalar_to_tree(simdjson::dom::element element, Value& out,
                    Document::AllocatorType& allocator) {
  std::string_view text;
  std::int64_t signed_number = 0;
  std::uint64_t unsigned_number = 0;
  double real = 0;
  bool flag = false;
  if (element.get(text) == simdjson::SUCCESS) {
    out.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
  } else if (element.get(signed_number) == simdjson::SUCCESS) {
    out.SetInt64(signed_number);
  } else if (element.get(unsigned_number) == simdjson::SUCCESS) {
    out.SetUint64(unsigned_number);
  } else if (element.get(real) == simdjson::SUCCESS) {
    out.SetDouble(real);
  } else if (element.get(flag) == simdjson::SUCCESS) {
    out.SetBool(flag);
  } else {
    out.SetNull();
  }
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
    default:
      scalar_to_tree(element, out, allocator);
      break;
  }
}

}  // namespace

std::unique_ptr<Document> tree(std::string_view text) {
  simdjson::dom::element root;
  if (read_json(output_parser(), text, root) != simdjson::SUCCESS) return nullptr;
  auto document = std::make_unique<Document>();
  to_tree(root, *document, document->GetAllocator());
  return document;
}

Document parse(std::string_view json) {
  simdjson::dom::element root;
  if (read_json(output_parser(), json, root) != simdjson::SUCCESS) {
    throw std::runtime_error("test JSON does not parse: " + std::string(json.substr(0, 200)));
  }
  Document document;
  to_tree(root, document, document.GetAllocator());
  return document;
}

bool is_json(std::string_view text) {
  simdjson::dom::element root;
  return read_json(output_parser(), text, root) == simdjson::SUCCESS;
}

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

std::unique_ptr<Document> deduped_tree(std::string_view text) {
  auto document = tree(text);
  if (document) dedupe(*document, document->GetAllocator());
  return document;
}

bool same_json(std::string_view a, std::string_view b) {
  auto left = deduped_tree(a), right = deduped_tree(b);
  return left && right && *left == *right;
}

Root library_reads(std::string_view text) {
  simdjson::dom::element root;
  if (read_json(library_parser(), text, root) != simdjson::SUCCESS) return Root::none;
  return root.is_object() ? Root::object : root.is_null() ? Root::null : Root::other;
}

bool valid_utf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

std::string to_json(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string to_pretty_json(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string_view view(const Value& string) {
  return {string.GetString(), string.GetStringLength()};
}

const Value* find(const Value& object, std::string_view key, bool last) {
  const Value* found = nullptr;
  for (const auto& member : object.GetObject()) {
    if (view(member.name) == key) {
      found = &member.value;
      if (!last) break;
    }
  }
  return found;
}

}  // namespace artifacts::testing
