// Cross-references over an outline: GitHub's heading anchors, the named items a text mentions
// and the passages it quotes from an earlier artifact, as links (byte spans of a line and the
// anchor they point to); the renderer writes them in its own syntax. Linking does bounded work
// (2^26 bytes compared an export).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "markdown/outline.hpp"
#include "markdown/text.hpp"

namespace artifacts::detail::markdown {

class Linker {
 public:
  // The anchors are the technical document's, the one with links (its headings include the
  // plan's Contents, which the readable one leaves out). The outline must stay in place while
  // the linker is in use: links point into it.
  explicit Linker(const Outline& outline);
  Linker(const Linker&) = delete;  // links point into it
  Linker& operator=(const Linker&) = delete;

  // "#anchor" of the plan's artifact `index`'s heading.
  const std::string& artifact_href(std::size_t index) const { return artifact_hrefs_[index]; }
  // "#anchor" of every heading, in the document's order: the title, the plan's Contents, then
  // per artifact its heading (in the plan), its sections' and their items' (in a section of
  // items). For a renderer that writes the heading ids itself (HTML); an empty title's is "#".
  const std::vector<std::string>& heading_hrefs() const { return heading_hrefs_; }

  // The links of one text (a paragraph, a list item, a field's value): each item at most once.
  class Text {
   public:
    // Adds the links of one of the text's lines (sorted, not overlapping).
    void find(std::string_view line, std::vector<Link>& links);

   private:
    friend class Linker;
    Text(Linker& linker, std::size_t artifact, const Item* item)
        : linker_(linker), artifact_(artifact), item_(item), text_(++linker.text_count_) {}

    std::size_t mention(std::string_view line, std::size_t at, const std::string& key,
                        std::size_t limit, std::vector<Link>& links);
    void quotes(std::string_view line, std::vector<Link>& links);
    bool spend(std::size_t work);

    Linker& linker_;
    std::size_t artifact_;   // the text's artifact: later ones are not linked to
    const Item* item_;       // the item it belongs to, if any: not linked to itself
    std::size_t text_;       // this text's number, for linked_in_
    std::string one_, two_;  // the keys at the current position
  };

  // A text of the artifact at `artifact`, within `item` when it is one of an item's.
  Text text(std::size_t artifact, const Item* item) { return Text(*this, artifact, item); }

 private:
  // A named item others may mention.
  struct Entity {
    std::string name;
    std::size_t artifact;
    const Item* item;
    std::string href;
  };

  // A section whose text a later artifact may quote.
  struct QuoteSource {
    std::size_t artifact;
    std::string_view text;
    std::string href;
  };

  void add_quote_sources(std::size_t artifact, const Section& section, const std::string& href);
  void index_entities();

  std::vector<std::string> artifact_hrefs_;
  std::vector<std::string> heading_hrefs_;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::vector<std::size_t>> entity_index_;
  std::vector<std::size_t> linked_in_;     // per entity: the last text that linked it
  std::array<bool, 256> entity_starts_{};  // the first bytes of the entities' names
  std::size_t text_count_ = 0;
  std::size_t budget_;  // the bytes links may still compare
  std::vector<QuoteSource> quote_sources_;
};

}  // namespace artifacts::detail::markdown
