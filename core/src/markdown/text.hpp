// Writing user text into Markdown so it stays literal: escapes, line handling, GitHub heading
// anchors, Mermaid labels and YAML strings (the rules are summed up in artifacts/markdown.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace artifacts::detail::markdown {

// Letters, digits, `_` and every non-ASCII byte: what counts as inside a word for name matching
// and for `_` emphasis.
inline bool is_word_byte(unsigned char c) {
  return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

// A link laid over the bytes [begin, end) of a line.
struct Link {
  std::size_t begin;
  std::size_t end;
  std::string_view href;
};

// Finds the links to lay over one line of a text (sorted, not overlapping).
using LinkFinder = std::function<void(std::string_view line, std::vector<Link>& links)>;

// The text's lines (split at \r\n, \r or \n), each trimmed of spaces and tabs.
std::vector<std::string_view> trimmed_lines(std::string_view text);

// The text on one line: its trimmed non-empty lines joined by a space.
std::string single_line(std::string_view text);

// One line of user text (no line break in it) with its escapes and `links`. `heading`: for a
// heading or a label, where `#` is escaped everywhere and line starts need nothing.
void append_line(std::string& out, std::string_view line, std::span<const Link> links = {},
                 bool heading = false);

// A block of user text where the caller has already written the first line's prefix: lines
// joined by hard breaks, runs of blank lines as one paragraph break, every continuation line
// indented by `indent` (a list item's content column). Returns false (nothing written) when the
// text is blank.
bool append_block(std::string& out, std::string_view text, std::string_view indent,
                  const LinkFinder* find_links = nullptr);

// The heading id GitHub gives a heading with this text (github-slugger, without repeats).
std::string slug(std::string_view text);

// Heading ids for one document, numbering repeats as GitHub does (x, x-1, x-2, ...).
class Slugger {
 public:
  std::string unique(std::string_view text);

 private:
  std::unordered_map<std::string, int> occurrences_;
};

// A Mermaid node label's text, to sit between double quotes: entity codes for what Mermaid or
// HTML would read, on one line.
void append_mermaid_label(std::string& out, std::string_view text);

// A YAML double-quoted scalar, quotes included.
void append_yaml_string(std::string& out, std::string_view text);

}  // namespace artifacts::detail::markdown
