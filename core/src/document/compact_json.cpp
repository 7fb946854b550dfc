#include "document/compact_json.hpp"

#include "json/bytes.hpp"

namespace artifacts::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The offset just past the string that opens at `at` (a quote).
std::size_t string_end(std::string_view json, std::size_t at) {
  for (std::size_t i = at + 1;; i += 2) {  // past a backslash and the byte it escapes
    i = bytes::next_quote_or_backslash(json, i);
    if (i >= json.size()) return json.size();
    if (json[i] == '"') return i + 1;
  }
}

std::size_t skip_space(std::string_view json, std::size_t at) {
  while (at < json.size() && is_space(json[at])) ++at;
  return at;
}

// The offset just past the value that starts at `at`.
std::size_t value_end(std::string_view json, std::size_t at) {
  std::size_t depth = 0;
  std::size_t i = at;
  while (i < json.size()) {
    const char c = json[i];
    if (c == '"') {
      i = string_end(json, i);
      if (depth == 0) return i;
      continue;
    }
    if (depth == 0 && (c == ',' || c == '}' || c == ']' || is_space(c))) {
      return i;  // the end of a number or literal
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
    ++i;
  }
  return i;
}

}  // namespace

void append_compact(std::string_view json, std::string& out) {
  out.reserve(out.size() + json.size());
  std::size_t i = 0;
  while (i < json.size()) {
    const char c = json[i];
    if (c == '"') {
      const std::size_t end = string_end(json, i);
      out.append(json.substr(i, end - i));
      i = end;
    } else {
      if (!is_space(c)) out.push_back(c);
      ++i;
    }
  }
}

std::vector<MemberSpan> object_member_spans(std::string_view json) {
  std::vector<MemberSpan> members;
  std::size_t i = skip_space(json, 0) + 1;  // past '{'
  for (;;) {
    i = skip_space(json, i);
    if (i >= json.size() || json[i] != '"') break;  // '}': the end
    const std::size_t key_end = string_end(json, i);
    std::string_view raw_key = json.substr(i + 1, key_end - i - 2);
    i = skip_space(json, key_end) + 1;  // past ':'
    i = skip_space(json, i);
    const std::size_t end = value_end(json, i);
    members.push_back({raw_key, json.substr(i, end - i)});
    i = skip_space(json, end);
    if (i < json.size() && json[i] == ',') ++i;
  }
  return members;
}

std::vector<std::string_view> array_item_spans(std::string_view json) {
  std::vector<std::string_view> items;
  std::size_t i = skip_space(json, 0) + 1;  // past '['
  for (;;) {
    i = skip_space(json, i);
    if (i >= json.size() || json[i] == ']') break;
    const std::size_t end = value_end(json, i);
    items.push_back(json.substr(i, end - i));
    i = skip_space(json, end);
    if (i < json.size() && json[i] == ',') ++i;
  }
  return items;
}

}  // namespace artifacts::detail
