#include "markdown/text.hpp"

#include <array>

#include "json/utf8.hpp"

namespace artifacts::detail::markdown {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD, for a NUL byte

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view trim(std::string_view line) {
  while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
  while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
  return line;
}

// `&name;` or `&#123;` starting at `at`: an entity reference Markdown would decode.
bool starts_entity(std::string_view line, std::size_t at) {
  std::size_t end = at + 1;
  while (end < line.size() && end - at <= 32 && (is_ascii_alnum(line[end]) || line[end] == '#')) {
    ++end;
  }
  return end > at + 1 && end < line.size() && line[end] == ';';
}

// Where a line of text would start a block (heading, quote, list, thematic break, setext
// underline, ordered list): the byte to escape, or npos.
std::size_t line_start_escape(std::string_view line) {
  if (line.empty()) return std::string_view::npos;
  switch (line.front()) {
    case '#':
    case '>':
    case '-':
    case '+':
    case '=':
      return 0;
    default:
      break;
  }
  std::size_t digits = 0;
  while (digits < line.size() && digits < 10 && is_digit(line[digits])) ++digits;
  if (digits == 0 || digits > 9 || digits == line.size()) return std::string_view::npos;
  if (line[digits] != '.' && line[digits] != ')') return std::string_view::npos;
  if (digits + 1 < line.size() && !is_blank(line[digits + 1])) return std::string_view::npos;
  return digits;
}

// The bytes that may need a backslash (or, NUL, a replacement): every other byte is copied.
constexpr auto kSpecial = [] {
  std::array<bool, 256> special{};
  for (unsigned char c : std::string_view("\\`*[]<|~$#&_")) special[c] = true;
  special[0] = true;
  return special;
}();

// Whether the byte at `i` needs a backslash wherever it stands. `label_begin`/`label_end`: the
// bounds of a link label around it, which count as word edges.
bool needs_escape(std::string_view line, std::size_t i, bool heading, std::size_t label_begin,
                  std::size_t label_end) {
  switch (line[i]) {
    case '\\':
    case '`':
    case '*':
    case '[':
    case ']':
    case '<':
    case '|':
    case '~':
    case '$':
      return true;
    case '#':
      return heading;
    case '&':
      return starts_entity(line, i);
    case '_':  // only between two ASCII letters or digits can it never be emphasis
      return i == label_begin || i + 1 >= label_end || !is_ascii_alnum(line[i - 1]) ||
             !is_ascii_alnum(line[i + 1]);
    default:
      return false;
  }
}

// Non-ASCII code points github-slugger drops: punctuation, symbols, spaces, emoji (the common
// ranges; letters, marks and numbers stay).
bool slug_drops(char32_t c) {
  return (c <= 0xBF && c != 0xAA && c != 0xB5 && c != 0xBA) || c == 0xD7 || c == 0xF7 ||
         (c >= 0x2000 && c <= 0x206F && c != 0x203F && c != 0x2040 && c != 0x2054) ||
         (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2190 && c <= 0x23FF) ||
         (c >= 0x2500 && c <= 0x27BF) || (c >= 0x2900 && c <= 0x2BFF) ||
         (c >= 0x3000 && c <= 0x3003) || (c >= 0x3008 && c <= 0x301F) ||
         (c >= 0xFE10 && c <= 0xFE19) ||
         (c >= 0xFE30 && c <= 0xFE4F && c != 0xFE33 && c != 0xFE34 && (c < 0xFE4D || c > 0xFE4F)) ||
         (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
         (c >= 0xFF3B && c <= 0xFF40 && c != 0xFF3F) || (c >= 0xFF5B && c <= 0xFF65) ||
         c == 0xFEFF || (c >= 0x1F000 && c <= 0x1FAFF);
}

// Lower case as JavaScript's toLowerCase, for Latin-1, Latin Extended-A, Greek and Cyrillic.
char32_t slug_lower(char32_t c) {
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

}  // namespace

std::vector<std::string_view> trimmed_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(trim(text.substr(start, i - start)));
    if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  return lines;
}

std::string single_line(std::string_view text) {
  if (text.find_first_of("\r\n") == std::string_view::npos) return std::string(trim(text));
  std::string joined;
  for (auto line : trimmed_lines(text)) {
    if (line.empty()) continue;
    if (!joined.empty()) joined += ' ';
    joined += line;
  }
  return joined;
}

void append_line(std::string& out, std::string_view line, std::span<const Link> links,
                 bool heading) {
  const std::size_t lead = heading ? std::string_view::npos : line_start_escape(line);
  // Bytes between two special ones are copied as a run.
  auto copy = [&](std::size_t from, std::size_t to, std::size_t label_begin,
                  std::size_t label_end) {
    for (std::size_t i = from; i < to;) {
      std::size_t run = i;
      while (run < to && !kSpecial[static_cast<unsigned char>(line[run])] && run != lead) ++run;
      out.append(line.data() + i, run - i);
      if (run == to) break;
      if (line[run] == '\0') {
        out += kReplacement;
      } else {
        if (run == lead || needs_escape(line, run, heading, label_begin, label_end)) out += '\\';
        out += line[run];
      }
      i = run + 1;
    }
  };
  std::size_t at = 0;
  for (const Link& link : links) {
    copy(at, link.begin, 0, line.size());
    out += '[';
    copy(link.begin, link.end, link.begin, link.end);
    out += "](";
    out += link.href;
    out += ')';
    at = link.end;
  }
  copy(at, line.size(), 0, line.size());
}

bool append_block(std::string& out, std::string_view text, std::string_view indent,
                  const LinkFinder* find_links) {
  std::vector<Link> links;
  bool written = false;
  bool blank_before = false;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(start, end - start));
    start = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    if (line.empty()) {
      blank_before = written;
      continue;
    }
    if (written) {
      out += blank_before ? "\n\n" : "\\\n";
      out += indent;
    }
    links.clear();
    if (find_links != nullptr) (*find_links)(line, links);
    append_line(out, line, links);
    written = true;
    blank_before = false;
  }
  return written;
}

std::string slug(std::string_view text) {
  std::string result;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        result += static_cast<char>(c - 'A' + 'a');
      } else if (is_ascii_alnum(static_cast<char>(c)) || c == '-' || c == '_') {
        result += static_cast<char>(c);
      } else if (c == ' ') {
        result += '-';
      }
      ++i;
      continue;
    }
    auto point = detail::decode_utf8(text, i);
    i += point.length;
    if (!point.valid || slug_drops(point.code)) continue;
    if (point.code == 0x130) {  // İ: "i" and a combining dot above, as JavaScript lowers it
      result += "i\xCC\x87";
      continue;
    }
    append_utf8(result, slug_lower(point.code));
  }
  return result;
}

std::string Slugger::unique(std::string_view text) {
  std::string base = slug(text);
  std::string result = base;
  while (occurrences_.contains(result)) {
    result = base + "-" + std::to_string(++occurrences_[base]);
  }
  occurrences_.emplace(result, 0);
  return result;
}

void append_mermaid_label(std::string& out, std::string_view text) {
  for (char c : single_line(text)) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case ':':
        out += "#58;";
        break;
      case ';':
        out += "#59;";
        break;
      case '`':
        out += "#96;";
        break;
      case '\0':
        out += kReplacement;
        break;
      default:
        out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
}

void append_yaml_string(std::string& out, std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else if (text.substr(i, 2) == "\xC2\x85") {  // YAML 1.1 line breaks: NEL, LS, PS
      out += "\\N";
      ++i;
    } else if (text.substr(i, 3) == "\xE2\x80\xA8" || text.substr(i, 3) == "\xE2\x80\xA9") {
      out += text[i + 2] == '\xA8' ? "\\L" : "\\P";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace artifacts::detail::markdown
