// Cross-references over an outline: heading anchors, mentions of named items, quoted passages.
#include "markdown/linker.hpp"

#include <algorithm>

namespace artifacts::detail::markdown {
namespace {

constexpr std::size_t kMinLinkedName = 3;      // shorter item names are never linked
constexpr std::size_t kMinQuotedPassage = 12;  // shorter quotes are not looked up
// The work cross-reference links may do in one export, in bytes compared: past it the rest is
// written without links, so hostile content (thousands of items named alike, mentioned
// everywhere) costs bounded time, as kWordDiffBudget bounds a word diff.
constexpr std::size_t kLinkBudget = std::size_t{1} << 26;
constexpr std::size_t kKeyGap = 8;  // at most this many bytes between a key's two words

// What a name is looked up by, from `at`: its first two words ("Low-Stock Alerts": "Low" and
// "Stock", whatever stands between them, up to kKeyGap bytes), or only the first; a name that
// does not start with a word byte, by that byte. A text matching a name has the same key
// with one or two words, so a text position needs two look-ups.
void entity_key(std::string_view text, std::size_t at, bool two_words, std::string& key) {
  auto word_end = [&](std::size_t from) {
    while (from < text.size() && is_word_byte(static_cast<unsigned char>(text[from]))) ++from;
    return from;
  };
  std::size_t first = word_end(at);
  key.assign(text.substr(at, first == at ? 1 : first - at));
  if (first == at || !two_words) return;
  std::size_t gap = first;
  while (gap < text.size() && gap - first < kKeyGap &&
         !is_word_byte(static_cast<unsigned char>(text[gap]))) {
    ++gap;
  }
  std::size_t second = word_end(gap);
  if (gap == first || second == gap) return;
  key += '\x01';
  key.append(text.substr(gap, second - gap));
}

}  // namespace

Linker::Linker(const Outline& outline) : budget_(kLinkBudget) {
  // Every heading in the document's order, so that repeated ids are numbered as GitHub does.
  Slugger slugger;
  // The href it returns stays valid until the next call.
  auto anchor = [&](std::string_view heading) -> const std::string& {
    return heading_hrefs_.emplace_back("#" + slugger.unique(single_line(heading)));
  };
  anchor(outline.title);
  if (!outline.contents.empty()) anchor(outline.contents);
  for (std::size_t a = 0; a < outline.artifacts.size(); ++a) {
    const Artifact& artifact = outline.artifacts[a];
    if (outline.plan) artifact_hrefs_.push_back(anchor(artifact.title));
    for (const Section& section : artifact.sections) {
      const std::string& href = anchor(section.title);
      if (outline.plan) add_quote_sources(a, section, href);
      if (section.form != Form::items) continue;
      for (const Item& item : section.items) {
        const std::string& item_href = anchor(item.title);
        std::string name = single_line(item.name);
        if (name.size() >= kMinLinkedName && item_href.size() > 1) {
          entities_.push_back({std::move(name), a, &item, item_href});
        }
      }
    }
  }
  index_entities();
}

void Linker::add_quote_sources(std::size_t artifact, const Section& section,
                               const std::string& href) {
  if (!section.prose) return;
  if (section.form == Form::value && section.value.kind == Value::Kind::text) {
    quote_sources_.push_back({artifact, section.value.text, href});
  } else if (section.form == Form::list) {
    for (const Value& item : section.list) {
      if (item.kind == Value::Kind::text) quote_sources_.push_back({artifact, item.text, href});
    }
  }
}

// Entities by the key of their name, longest names first.
void Linker::index_entities() {
  linked_in_.assign(entities_.size(), 0);
  std::string key;
  for (std::size_t i = 0; i < entities_.size(); ++i) {
    entity_key(entities_[i].name, 0, true, key);
    entity_index_[key].push_back(i);
    entity_starts_[static_cast<unsigned char>(entities_[i].name.front())] = true;
  }
  for (auto& [name_key, list] : entity_index_) {
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return entities_[a].name.size() > entities_[b].name.size();
    });
  }
}

void Linker::Text::find(std::string_view line, std::vector<Link>& links) {
  if (linker_.budget_ == 0) return;
  quotes(line, links);
  std::vector<Link> quoted = links;
  std::size_t q = 0;
  for (std::size_t i = 0; i < line.size();) {
    while (q < quoted.size() && quoted[q].end <= i) ++q;
    if (q < quoted.size() && quoted[q].begin <= i) {
      i = quoted[q].end;
      continue;
    }
    auto c = static_cast<unsigned char>(line[i]);
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    std::size_t next = i + 1;
    if (is_word_byte(c)) {
      while (next < line.size() && is_word_byte(static_cast<unsigned char>(line[next]))) ++next;
    }
    if (!linker_.entity_starts_[c]) {  // no name starts with this byte
      i = next;
      continue;
    }
    std::size_t limit = q < quoted.size() ? quoted[q].begin : line.size();
    entity_key(line, i, true, two_);
    std::size_t end = mention(line, i, two_, limit, links);
    if (entity_key(line, i, false, one_); end == 0 && one_ != two_) {
      end = mention(line, i, one_, limit, links);
    }
    i = end != 0 ? end : next;
  }
  std::sort(links.begin(), links.end(),
            [](const Link& a, const Link& b) { return a.begin < b.begin; });
}

// The longest entity named at `at` (ending by `limit`, on a word edge): links it unless this
// text already did, and returns where it ends; 0 when none is named there.
std::size_t Linker::Text::mention(std::string_view line, std::size_t at, const std::string& key,
                                  std::size_t limit, std::vector<Link>& links) {
  auto bucket = linker_.entity_index_.find(key);
  if (bucket == linker_.entity_index_.end()) return 0;
  for (std::size_t index : bucket->second) {
    const Entity& entity = linker_.entities_[index];
    if (entity.artifact > artifact_ || entity.item == item_) continue;
    std::size_t end = at + entity.name.size();
    if (end > limit) continue;
    std::size_t same = 0;
    while (same < entity.name.size() && line[at + same] == entity.name[same]) ++same;
    if (!spend(same + 1)) return 0;
    if (same < entity.name.size()) continue;
    if (is_word_byte(static_cast<unsigned char>(entity.name.back())) && end < line.size() &&
        is_word_byte(static_cast<unsigned char>(line[end]))) {
      continue;
    }
    if (linker_.linked_in_[index] != text_) {
      linker_.linked_in_[index] = text_;
      links.push_back({at, end, entity.href});
    }
    return end;
  }
  return 0;
}

// Quoted passages found in an earlier artifact's section link to that section.
void Linker::Text::quotes(std::string_view line, std::vector<Link>& links) {
  if (linker_.quote_sources_.empty()) return;
  constexpr std::string_view kOpen = "\xE2\x80\x9C";   // “
  constexpr std::string_view kClose = "\xE2\x80\x9D";  // ”
  for (std::size_t i = 0; i < line.size(); ++i) {
    std::size_t begin = 0;
    std::size_t end = std::string_view::npos;
    if (line[i] == '"') {
      begin = i + 1;
      end = line.find('"', begin);
    } else if (line.compare(i, kOpen.size(), kOpen) == 0) {
      begin = i + kOpen.size();
      end = line.find(kClose, begin);
    } else {
      continue;
    }
    if (end == std::string_view::npos) return;
    std::string_view passage = line.substr(begin, end - begin);
    if (passage.size() >= kMinQuotedPassage) {
      for (const auto& source : linker_.quote_sources_) {
        if (source.artifact >= artifact_ || !spend(source.text.size())) break;
        if (source.text.find(passage) != std::string_view::npos) {
          links.push_back({begin, end, source.href});
          break;
        }
      }
    }
    i = line[end] == '"' ? end : end + kClose.size() - 1;
  }
}

bool Linker::Text::spend(std::size_t work) {
  if (work > linker_.budget_) {
    linker_.budget_ = 0;
    return false;
  }
  linker_.budget_ -= work;
  return true;
}

}  // namespace artifacts::detail::markdown
