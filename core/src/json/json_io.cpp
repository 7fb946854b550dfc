#include "json/json_io.hpp"

#include "json/bytes.hpp"
#include "json/truncation.hpp"
#include "json/utf8.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <unordered_map>
#include <vector>

namespace artifacts::detail {
namespace {

// Parsers keep their buffers between calls; ones that grew past this are dropped after use.
constexpr std::size_t kRetainedCapacity = std::size_t{1} << 20;

std::unique_ptr<simdjson::dom::parser>& parser_slot(int slot) {
  static std::array<std::unique_ptr<simdjson::dom::parser>, JsonDocument::kParserSlots> slots;
  return slots.at(static_cast<std::size_t>(slot));
}

// simdjson's error codes in the words of Pydantic's JSON parser where there is a counterpart.
std::string_view describe(simdjson::error_code code) {
  switch (code) {
    case simdjson::EMPTY:
      return "EOF while parsing a value";
    case simdjson::UTF8_ERROR:
      return "invalid unicode code point";
    case simdjson::DEPTH_ERROR:
      return "recursion limit exceeded";
    case simdjson::UNCLOSED_STRING:
      return "EOF while parsing a string";
    case simdjson::STRING_ERROR:
      return "invalid string: bad escape or unescaped control character";
    case simdjson::NUMBER_ERROR:
    case simdjson::BIGINT_ERROR:
      return "invalid number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "expected value";
    case simdjson::TRAILING_CONTENT:
      return "trailing characters";
    case simdjson::TAPE_ERROR:
      return "expected value, `,`, `]` or `}` (malformed structure or unexpected end)";
    default:
      return simdjson::error_message(code);
  }
}

// Whether an integer literal (optional '-', then digits) fits simdjson's 64-bit integers:
// int64 when negative, uint64 otherwise.
bool fits_64_bits(std::string_view literal) {
  bool negative = !literal.empty() && literal.front() == '-';
  std::string_view digits = negative ? literal.substr(1) : literal;
  std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
  if (digits.size() != limit.size()) return digits.size() < limit.size();
  return digits <= limit;
}

// Whether `token` is a JSON number; `integer` says whether it has neither fraction nor exponent.
bool is_json_number(std::string_view token, bool& integer) {
  std::size_t i = 0;
  const std::size_t n = token.size();
  auto digits = [&] {
    std::size_t start = i;
    while (i < n && token[i] >= '0' && token[i] <= '9') ++i;
    return i - start;
  };
  if (i < n && token[i] == '-') ++i;
  std::size_t whole = i;
  if (digits() == 0 || (i - whole > 1 && token[whole] == '0')) return false;
  integer = true;
  if (i < n && token[i] == '.') {
    ++i;
    if (digits() == 0) return false;
    integer = false;
  }
  if (i < n && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < n && (token[i] == '+' || token[i] == '-')) ++i;
    if (digits() == 0) return false;
    integer = false;
  }
  return i == n;
}

// A number literal simdjson refuses, and the value the document holds in its place.
struct NumberPatch {
  std::size_t ordinal;  // which number of the document, counting from 0
  double value;
};

// simdjson fails a whole document on one number it cannot hold: an integer beyond 64 bits or a
// number beyond the double range. Pydantic's parser reads the first as a Python int and the
// second as infinity, so such a number is an error only where a value is checked, and none in an
// unknown key. Collects each of them as a double in `patches`: a float beyond the range is
// ±infinity (an integer field says finite_number, a string field string_type); an integer is
// its nearest double, at most ±DBL_MAX, so an integer field says int_parsing_size as for every
// integer beyond 64 bits. Returns the text with each replaced by `0e0` and spaces (same length,
// so offsets hold), to parse and then patch; empty when there is none.
std::string refused_numbers_replaced(std::string_view text, std::vector<NumberPatch>& patches) {
  std::string out;
  std::size_t ordinal = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto number_char = [&](std::size_t at) {
    char c = text[at];
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  };
  while (i < n) {
    char c = text[i];
    if (c == '"') {  // strings hold no numbers: skip to the closing quote
      for (++i; i < n && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < n && number_char(i)) ++i;
    std::string_view token = text.substr(start, i - start);
    bool integer = false;
    if (!is_json_number(token, integer)) continue;  // the parse fails on it anyway
    const std::size_t this_number = ordinal++;
    if (integer && fits_64_bits(token)) continue;
    double value = decimal_number_value(token);
    if (!integer && std::isfinite(value)) continue;  // simdjson reads it
    if (integer && std::isinf(value)) {
      value = std::copysign(std::numeric_limits<double>::max(), value);
    }
    if (out.empty()) out.assign(text);
    out.replace(start, token.size(), "0e0");
    out.insert(start + 3, token.size() - 3, ' ');
    patches.push_back({this_number, value});
  }
  return out;
}

// Puts the patched numbers into a parsed document. simdjson's DOM keeps every number on its tape
// as a type word followed by the 64-bit value, in document order (simdjson 3's layout; the
// native reader tests would catch a change).
void apply_number_patches(simdjson::dom::document& document,
                          const std::vector<NumberPatch>& patches) {
  constexpr std::uint64_t kPayloadMask = (std::uint64_t{1} << 56) - 1;
  std::uint64_t* tape = document.tape.get();
  const std::size_t end = static_cast<std::size_t>(tape[0] & kPayloadMask);
  std::size_t ordinal = 0;
  auto patch = patches.begin();
  for (std::size_t i = 1; i < end && patch != patches.end(); ++i) {
    const auto type = static_cast<char>(tape[i] >> 56);
    if (type != 'd' && type != 'l' && type != 'u') continue;
    ++i;  // the value
    if (ordinal++ != patch->ordinal) continue;
    tape[i - 1] = std::uint64_t{'d'} << 56;
    std::memcpy(&tape[i], &patch->value, sizeof(double));
    ++patch;
  }
}

}  // namespace

Issue json_invalid(std::string_view text, std::string_view detail) {
  std::string message = "Invalid JSON: ";
  message += detail;
  std::string ctx = "{\"error\":" + json_string(detail) + "}";
  return Issue{IssueType::json_invalid,
               {},
               std::move(message),
               json_string(printable_prefix(text, 1024)),
               std::move(ctx)};
}

Issue input_too_large(std::size_t bytes) {
  return Issue{IssueType::input_too_large,
               {},
               "Input is " + std::to_string(bytes) + " bytes; the limit is " +
                   std::to_string(kMaxInputBytes) + " bytes",
               {},
               "{\"limit\":" + std::to_string(kMaxInputBytes) + "}"};
}

JsonDocument::JsonDocument(std::string_view text, int slot) : slot_(slot) {
  // An empty view may point nowhere (string_view{}): simdjson copies from it with memcpy, whose
  // source must not be null even for zero bytes.
  if (text.data() == nullptr) text = std::string_view("", 0);
  if (text.size() > kMaxInputBytes) {
    error_ = input_too_large(text.size());
    return;
  }
  // simdjson skips a UTF-8 byte-order mark; Pydantic's parser refuses it, as JSON does.
  if (text.starts_with("\xEF\xBB\xBF")) {
    error_ = json_invalid(text, "expected value at line 1 column 1");
    return;
  }
  auto& parser = parser_slot(slot_);
  if (!parser) {
    parser = std::make_unique<simdjson::dom::parser>(kMaxInputBytes);
    if (parser->allocate(4096, kMaxNestingDepth) != simdjson::SUCCESS) {
      parser.reset();
      error_ = json_invalid(text, "out of memory");
      return;
    }
  }
  Element element;
  auto code = parser->parse(text.data(), text.size(), true).get(element);
  // (A 20-digit integer overflow is NUMBER_ERROR, longer ones BIGINT_ERROR.)
  if (code == simdjson::BIGINT_ERROR || code == simdjson::NUMBER_ERROR) {
    std::vector<NumberPatch> patches;
    std::string replaced = refused_numbers_replaced(text, patches);
    // The DOM copies what it keeps (strings, numbers): the replaced text may go after parsing.
    if (!replaced.empty()) {
      code = parser->parse(replaced.data(), replaced.size(), true).get(element);
      if (code == simdjson::SUCCESS) apply_number_patches(parser->doc, patches);
    }
  }
  if (code != simdjson::SUCCESS) {
    // Text that stops before its document ends says so, as Pydantic does (a cut-off stream).
    std::optional<std::string> truncated;
    if (code != simdjson::DEPTH_ERROR && code != simdjson::UTF8_ERROR) {
      truncated = truncation_message(text);
    }
    error_ = json_invalid(text, truncated ? std::string_view(*truncated) : describe(code));
    return;
  }
  root_ = element;
}

JsonDocument::~JsonDocument() {
  auto& parser = parser_slot(slot_);
  if (parser && parser->capacity() > kRetainedCapacity) parser.reset();
}

namespace {

// The length of the run at the start of `text` with nothing to escape (no control character, quote
// or backslash), eight bytes at a time.
std::size_t plain_run(const char* text, std::size_t length) {
  std::size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    const std::uint64_t word = bytes::load(text + i);
    if (bytes::has_below(word, 0x20) | bytes::has(word, '"') | bytes::has(word, '\\')) break;
  }
  for (; i < length; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\') break;
  }
  return i;
}

}  // namespace

void Writer::write_quoted(const char* text, std::size_t length) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  os_->Put('"');
  std::size_t i = 0;
  while (i < length) {
    const std::size_t run = plain_run(text + i, length - i);
    if (run > 0) std::memcpy(os_->Push(run), text + i, run);
    i += run;
    if (i == length) break;
    const auto c = static_cast<unsigned char>(text[i++]);
    const char* escape = nullptr;
    switch (c) {
      case '"':
        escape = "\\\"";
        break;
      case '\\':
        escape = "\\\\";
        break;
      case '\b':
        escape = "\\b";
        break;
      case '\f':
        escape = "\\f";
        break;
      case '\n':
        escape = "\\n";
        break;
      case '\r':
        escape = "\\r";
        break;
      case '\t':
        escape = "\\t";
        break;
      default:
        break;
    }
    if (escape != nullptr) {
      std::memcpy(os_->Push(2), escape, 2);
    } else {
      char* out = os_->Push(6);
      std::memcpy(out, "\\u00", 4);
      out[4] = kHex[c >> 4];
      out[5] = kHex[c & 0xF];
    }
  }
  os_->Put('"');
}

void write_string(Writer& out, std::string_view text) {
  out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_double(Writer& out, double number) {
  if (std::isfinite(number)) {
    out.Double(number);
  } else {
    out.Null();
  }
}

void write_element(Writer& out, Element element) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::ARRAY:
      out.StartArray();
      for (Element item : as_array(element)) write_element(out, item);
      out.EndArray();
      break;
    case element_type::OBJECT:
      out.StartObject();
      for (auto field : as_object(element)) {
        write_string(out, field.key);
        write_element(out, field.value);
      }
      out.EndObject();
      break;
    case element_type::STRING:
      write_string(out, element.get_string().value_unsafe());
      break;
    case element_type::INT64:
      out.Int64(element.get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      out.Uint64(element.get_uint64().value_unsafe());
      break;
    case element_type::DOUBLE:
      write_double(out, element.get_double().value_unsafe());
      break;
    case element_type::BOOL:
      out.Bool(element.get_bool().value_unsafe());
      break;
    case element_type::NULL_VALUE:
      out.Null();
      break;
  }
}

void to_value(Element element, rapidjson::Value& out, Allocator& allocator) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::ARRAY:
      out.SetArray();
      for (auto item : as_array(element)) {
        rapidjson::Value value;
        to_value(item, value, allocator);
        out.PushBack(value, allocator);
      }
      break;
    case element_type::OBJECT: {
      out.SetObject();
      auto object = as_object(element);
      // Past a few members, duplicates are found by hash: a linear FindMember per member made an
      // object of 100 000 keys take most of a minute (found by tests/js/hostile.test.js).
      constexpr std::size_t kLinearMembers = 16;
      std::unordered_map<std::string_view, rapidjson::SizeType> index;
      const bool hashed = object.size() > kLinearMembers;
      if (hashed) index.reserve(object.size());
      for (auto entry : object) {
        rapidjson::Value value;
        to_value(entry.value, value, allocator);
        // A key may hold NUL bytes: never through RapidJSON's `const char*` overloads (strlen).
        const rapidjson::Value key(rapidjson::StringRef(entry.key.data(), entry.key.size()));
        if (hashed) {
          auto [slot, added] = index.try_emplace(entry.key, out.MemberCount());
          if (!added) {
            (out.MemberBegin() + slot->second)->value = value;
            continue;
          }
        } else if (auto existing = out.FindMember(key); existing != out.MemberEnd()) {
          existing->value = value;
          continue;
        }
        // Copied (pointer and length): `key` only refers to the parser's buffer, which the next
        // document reuses, and Value(const Value&, allocator) would keep that reference.
        out.AddMember(
            rapidjson::Value(entry.key.data(), static_cast<rapidjson::SizeType>(entry.key.size()),
                             allocator),
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
    case element_type::DOUBLE: {
      // ±infinity (a number beyond the double range) is null in JSON, as in write_double.
      double number = element.get_double().value_unsafe();
      if (std::isfinite(number)) {
        out.SetDouble(number);
      } else {
        out.SetNull();
      }
      break;
    }
    case element_type::BOOL:
      out.SetBool(element.get_bool().value_unsafe());
      break;
    case element_type::NULL_VALUE:
      out.SetNull();
      break;
  }
}

std::string value_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  value.Accept(out);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string pointer_token(std::string_view key) {
  std::string token;
  token.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

std::string element_json(Element element) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  write_element(out, element);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string json_string(std::string_view text) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  write_string(out, text);
  return {buffer.GetString(), buffer.GetSize()};
}

double decimal_number_value(std::string_view number) {
  if (!number.empty() && number.back() == '.') number.remove_suffix(1);
  const std::string terminated(number);
  return simdjson::internal::from_chars(terminated.c_str(), terminated.c_str() + terminated.size());
}

std::string printable_prefix(std::string_view bytes, std::size_t limit) {
  std::string out;
  out.reserve(std::min(bytes.size(), limit) + 8);
  std::size_t i = 0;
  while (i < bytes.size() && out.size() < limit) {
    auto point = decode_utf8(bytes, i);
    if (well_formed(point)) {
      out.append(bytes.substr(i, point.length));
      i += point.length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  if (i < bytes.size()) out += "\xE2\x80\xA6";  // an ellipsis marks the cut
  return out;
}

}  // namespace artifacts::detail
