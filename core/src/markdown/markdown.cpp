// to_markdown() and plan_to_markdown(): the artifacts as Markdown, laid out from the registry
// (the format is described in artifacts/markdown.hpp).
#include "artifacts/markdown.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "registry/resolve.hpp"
#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"
#include "json/mutable_document.hpp"
#include "json/json_io.hpp"
#include "markdown/text.hpp"
#include "simdjson.h"

namespace artifacts {
namespace {

namespace md = detail::markdown;
using rapidjson::Value;

enum class Variant : std::uint8_t { readable, technical };

constexpr std::string_view kPlanTitle = "Founder Plan";
constexpr std::string_view kPlanType = "plan";
constexpr std::string_view kTitleSeparator = " — ";
constexpr std::string_view kNone = "_None._";
constexpr std::size_t kMinLinkedName = 3;      // shorter item names are never linked
constexpr std::size_t kMinQuotedPassage = 12;  // shorter quotes are not looked up
// The work cross-reference links may do in one export, in bytes compared: past it the rest is
// written without links, so hostile content (thousands of items named alike, mentioned
// everywhere) costs bounded time, as kWordDiffBudget bounds a word diff.
constexpr std::size_t kLinkBudget = std::size_t{1} << 26;
constexpr std::size_t kKeyGap = 8;  // at most this many bytes between a key's two words

struct Settings {
  Variant variant = Variant::readable;
  Tier tier = Tier::cto_scale;
  std::string startup;
  std::string generated;
};

// One artifact's validated content, parsed in place (its strings point into `text`).
struct Loaded {
  const ModelSpec* model = nullptr;
  std::string text;
  rapidjson::Document document;
};

// How the export arranges an item model, derived from the kinds of its fields.
struct ItemLayout {
  const FieldSpec* identity = nullptr;  // names the item for merge and diff
  const FieldSpec* heading = nullptr;   // the string the item's heading shows
  bool numbered = false;                // an integer identity: ordered steps, "N. heading"
  const FieldSpec* body = nullptr;      // the next string field: the item's plain paragraph
};

ItemLayout layout_of(const ModelSpec& model) {
  ItemLayout layout;
  if (!model.identity.empty()) layout.identity = find_field(model, model.identity);
  if (layout.identity != nullptr && layout.identity->type->kind == Kind::string) {
    layout.heading = layout.identity;
  }
  layout.numbered = layout.identity != nullptr && layout.identity->type->kind == Kind::integer;
  for (const auto& field : model.fields) {
    if (field.type->kind != Kind::string || &field == layout.heading) continue;
    if (layout.heading == nullptr) {
      layout.heading = &field;
    } else if (layout.body == nullptr) {
      layout.body = &field;
    }
  }
  return layout;
}

std::string_view text_of(const Value& value) {
  return {value.GetString(), value.GetStringLength()};
}

// A section or item field that is shown as a short value next to its label.
bool is_scalar(Kind kind) {
  return kind == Kind::integer || kind == Kind::literal || kind == Kind::enumeration ||
         kind == Kind::boolean;
}

// A named item others may mention.
struct Entity {
  std::string name;
  std::size_t artifact;
  const Value* item;
  std::string href;
};

// A section whose text a later artifact may quote.
struct QuoteSource {
  std::size_t artifact;
  std::string_view text;
  std::string href;
};

class Renderer {
 public:
  Renderer(const Settings& settings, std::span<const std::unique_ptr<Loaded>> artifacts,
           bool combined)
      : settings_(settings),
        artifacts_(artifacts),
        combined_(combined),
        technical_(settings.variant == Variant::technical) {}

  std::string render() {
    // Pass one finds every heading's anchor (a mention may come before what it names); pass two
    // writes. Both walk the same structure, so the anchors come out the same.
    collecting_ = true;
    write_document();
    index_entities();
    collecting_ = false;
    slugger_ = md::Slugger();
    out_.clear();
    write_document();
    return std::move(out_);
  }

 private:
  // ---- the document -----------------------------------------------------------------------

  void write_document() {
    if (technical_) write_front_matter();
    std::string title;
    if (!settings_.startup.empty()) title = settings_.startup + std::string(kTitleSeparator);
    title += combined_ ? kPlanTitle : artifacts_.front()->model->title;
    heading(1, title);
    if (!combined_) {  // the artifact's introduction comes first, then the date
      write_introduction(0);
      write_generated();
      write_artifact(0, 1);
      return;
    }
    write_generated();
    if (technical_ && !artifacts_.empty()) {
      heading(2, "Contents");
      begin_block();
      for (std::size_t i = 0; i < artifacts_.size() && !collecting_; ++i) {
        out_ += "- ";
        link(artifacts_[i]->model->title, "#" + artifact_anchors_[i]);
        out_ += '\n';
      }
    }
    // Notion knows three heading levels: the readable plan puts its artifacts beside its title
    // so that items stay at level 3.
    const int level = technical_ ? 2 : 1;
    for (std::size_t i = 0; i < artifacts_.size(); ++i) {
      begin_block();
      if (!collecting_) out_ += "---\n";
      std::string anchor = heading(level, artifacts_[i]->model->title);
      if (collecting_) artifact_anchors_.push_back(std::move(anchor));
      write_introduction(i);
      write_artifact(i, level);
    }
  }

  // The readable variant's date line (the technical one has it in the front matter).
  void write_generated() {
    if (technical_ || settings_.generated.empty()) return;
    begin_block();
    if (collecting_) return;
    out_ += "_Generated ";
    md::append_line(out_, settings_.generated, {}, /*heading=*/true);
    out_ += "_\n";
  }

  // What the artifact is (the registry's description).
  void write_introduction(std::size_t index) {
    begin_block();
    if (collecting_) return;
    out_ += '_';
    md::append_line(out_, artifacts_[index]->model->description, {}, /*heading=*/true);
    out_ += "_\n";
  }

  void write_front_matter() {
    if (collecting_) return;
    out_ += "---\nartifact_type: ";
    out_ += combined_ ? kPlanType : artifacts_.front()->model->id;
    out_ += '\n';
    if (!settings_.startup.empty()) {
      out_ += "startup: ";
      md::append_yaml_string(out_, settings_.startup);
      out_ += '\n';
    }
    if (!settings_.generated.empty()) {
      out_ += "generated: ";
      md::append_yaml_string(out_, settings_.generated);
      out_ += '\n';
    }
    out_ += "tier: ";
    out_ += tier_name(settings_.tier);
    out_ += '\n';
    if (combined_) {
      out_ += "artifacts: [";
      for (std::size_t i = 0; i < artifacts_.size(); ++i) {
        if (i > 0) out_ += ", ";
        out_ += artifacts_[i]->model->id;
      }
      out_ += "]\n";
    }
    out_ += "---\n";
  }

  // What the artifact builds on and its sections; `level` is its own heading's level.
  void write_artifact(std::size_t index, int level) {
    current_ = index;
    const Loaded& artifact = *artifacts_[index];
    if (technical_) write_builds_on(index);
    for (std::size_t f = 0; f < artifact.model->fields.size(); ++f) {
      const FieldSpec& field = artifact.model->fields[f];
      if (field.key == kSchemaVersionKey || !tier_allows(settings_.tier, field.tier)) continue;
      const Value* value = detail::member(artifact.document, field.key, /*null_is_absent=*/true);
      if (value == nullptr) continue;  // an optional section not generated
      std::string anchor = heading(level + 1, field_title(field.key));
      if (technical_) {
        begin_block();
        if (!collecting_) {
          out_ += "> ";
          md::append_line(out_, field.description, {}, /*heading=*/true);
          out_ += '\n';
        }
      }
      if (collecting_) add_quote_sources(index, *field.type, *value, "#" + anchor);
      write_section(*field.type, *value, level + 2);
    }
  }

  // "**Builds on:**" the earlier artifacts: their headings in the plan, their files alone.
  void write_builds_on(std::size_t index) {
    std::vector<std::pair<std::string_view, std::string>> earlier;
    if (combined_) {
      for (std::size_t i = 0; i < index; ++i) {
        earlier.emplace_back(artifacts_[i]->model->title, "#" + artifact_anchors_[i]);
      }
    } else {
      for (const ModelSpec* model : generation_order()) {
        if (model == artifacts_[index]->model) break;
        earlier.emplace_back(model->title, std::string(model->id) + ".md");
      }
    }
    if (earlier.empty()) return;
    begin_block();
    if (collecting_) return;
    out_ += "**Builds on:** ";
    for (std::size_t i = 0; i < earlier.size(); ++i) {
      if (i > 0) out_ += ", ";
      link(earlier[i].first, earlier[i].second);
    }
    out_ += '\n';
  }

  // ---- sections and items -----------------------------------------------------------------

  void write_section(const TypeSpec& type, const Value& value, int item_level) {
    if (type.kind == Kind::list && value.IsArray()) {
      if (value.Empty()) {
        paragraph(kNone);
      } else if (type.item->kind == Kind::model) {
        ItemLayout layout = layout_of(*type.item->model);
        if (technical_ && layout.numbered) write_flowchart(layout, value);
        for (const auto& item : value.GetArray()) {
          write_item(*type.item->model, layout, item, item_level);
        }
      } else {
        write_list(*type.item, value);
      }
      return;
    }
    if (type.kind == Kind::model && value.IsObject()) {
      write_item_body(*type.model, layout_of(*type.model), value);
      return;
    }
    begin_block();
    if (collecting_) return;
    if (!write_text(type, value, "")) {
      out_ += kNone;
    }
    out_ += '\n';
  }

  void write_item(const ModelSpec& model, const ItemLayout& layout, const Value& item, int level) {
    std::string title;
    if (layout.numbered) {
      if (const Value* number = detail::member(item, layout.identity->key)) {
        title = scalar_text(*layout.identity->type, *number) + ". ";
      }
    }
    const Value* name = layout.heading ? detail::member(item, layout.heading->key) : nullptr;
    if (name != nullptr && name->IsString()) {
      title += text_of(*name);
    } else if (title.empty()) {
      title = model.title;
    }
    std::string anchor = heading(level, title);
    if (collecting_ && name != nullptr && name->IsString() && layout.heading == layout.identity) {
      std::string single = md::single_line(text_of(*name));
      if (single.size() >= kMinLinkedName && !anchor.empty()) {
        entities_.push_back({std::move(single), current_, &item, "#" + anchor});
      }
    }
    current_item_ = &item;
    write_item_body(model, layout, item);
    current_item_ = nullptr;
  }

  // The item's fields below its heading: short values on one line, its plain paragraph, then
  // the other fields under their labels.
  void write_item_body(const ModelSpec& model, const ItemLayout& layout, const Value& item) {
    if (collecting_) return;
    bool meta = false;
    for (const auto& field : model.fields) {
      if (&field == layout.identity || !is_scalar(field.type->kind)) continue;
      const Value* value = detail::member(item, field.key, /*null_is_absent=*/true);
      if (value == nullptr) continue;
      if (!meta) {
        begin_block();
        meta = true;
      } else {
        out_ += " · ";
      }
      label(field);
      out_ += ' ';
      write_text(*field.type, *value, "");
    }
    if (meta) out_ += '\n';
    if (layout.body != nullptr) {
      if (const Value* body = detail::member(item, layout.body->key, true)) {
        std::size_t mark = out_.size();
        begin_block();
        if (write_text(*layout.body->type, *body, "")) {
          out_ += '\n';
        } else {
          out_.resize(mark);  // a blank paragraph is left out
        }
      }
    }
    for (const auto& field : model.fields) {
      if (&field == layout.identity || &field == layout.heading || &field == layout.body ||
          is_scalar(field.type->kind)) {
        continue;
      }
      const Value* value = detail::member(item, field.key, /*null_is_absent=*/true);
      if (value == nullptr) continue;
      begin_block();
      label(field);
      if (field.type->kind == Kind::list && value->IsArray() && !value->Empty()) {
        out_ += '\n';
        begin_block();
        write_list_items(*field.type->item, *value);
        continue;
      }
      out_ += ' ';
      if (field.type->kind == Kind::list || !write_text(*field.type, *value, "")) out_ += kNone;
      out_ += '\n';
    }
  }

  void write_list(const TypeSpec& item_type, const Value& list) {
    begin_block();
    if (!collecting_) write_list_items(item_type, list);
  }

  void write_list_items(const TypeSpec& item_type, const Value& list) {
    for (const auto& item : list.GetArray()) {
      out_ += "- ";
      write_text(item_type, item, "  ");
      out_ += '\n';
    }
  }

  // The user journey as a Mermaid flowchart: one node per step, in the list's order.
  void write_flowchart(const ItemLayout& layout, const Value& steps) {
    begin_block();
    if (collecting_) return;
    out_ += "```mermaid\nflowchart TD\n";
    std::size_t n = 0;
    for (const auto& step : steps.GetArray()) {
      out_ += "  step" + std::to_string(++n) + "[\"";
      std::string label_text;
      if (const Value* number = detail::member(step, layout.identity->key)) {
        label_text = scalar_text(*layout.identity->type, *number) + ". ";
      }
      const Value* name = layout.heading ? detail::member(step, layout.heading->key) : nullptr;
      if (name != nullptr && name->IsString()) label_text += text_of(*name);
      md::append_mermaid_label(out_, label_text);
      out_ += "\"]\n";
    }
    for (std::size_t i = 1; i < n; ++i) {
      out_ += "  step" + std::to_string(i) + " --> step" + std::to_string(i + 1) + "\n";
    }
    out_ += "```\n";
  }

  // ---- values -----------------------------------------------------------------------------

  // A string, number or level at the current position; multi-line text continues at `indent`.
  // False when there was nothing to write (a blank string).
  bool write_text(const TypeSpec& type, const Value& value, std::string_view indent) {
    if (value.IsString() && type.kind != Kind::literal && type.kind != Kind::enumeration) {
      LinkFinder finder(*this);
      md::LinkFinder find = [&finder](std::string_view line, std::vector<md::Link>& links) {
        finder.find(line, links);
      };
      return md::append_block(out_, text_of(value), indent, technical_ ? &find : nullptr);
    }
    std::string text = scalar_text(type, value);
    if (technical_ && (type.kind == Kind::literal || type.kind == Kind::enumeration)) {
      out_ += text;  // a badge: its brackets are the point, and no link can follow them
    } else {
      md::append_line(out_, text, {}, /*heading=*/true);
    }
    return !text.empty();
  }

  // A scalar's text: levels as badges ([HIGH]) or words (High), numbers in decimal.
  std::string scalar_text(const TypeSpec& type, const Value& value) const {
    if (value.IsString()) {
      std::string text(text_of(value));
      if (type.kind != Kind::literal && type.kind != Kind::enumeration) return text;
      if (technical_) {
        for (char& c : text) {
          if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        }
        return "[" + text + "]";
      }
      if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') {
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
      }
      return text;
    }
    if (value.IsBool()) return value.GetBool() ? "Yes" : "No";
    if (value.IsNull()) return {};
    return detail::value_json(value);
  }

  // ---- cross-references -------------------------------------------------------------------

  void add_quote_sources(std::size_t index, const TypeSpec& type, const Value& value,
                         const std::string& href) {
    if (!combined_ || !technical_) return;
    if (type.kind == Kind::string && value.IsString()) {
      quote_sources_.push_back({index, text_of(value), href});
    } else if (type.kind == Kind::list && type.item->kind == Kind::string && value.IsArray()) {
      for (const auto& item : value.GetArray()) {
        if (item.IsString()) quote_sources_.push_back({index, text_of(item), href});
      }
    }
  }

  // Entities by the key of their name, longest names first.
  void index_entities() {
    entity_index_.clear();
    linked_in_.assign(entities_.size(), 0);
    entity_starts_.fill(false);
    for (std::size_t i = 0; i < entities_.size(); ++i) {
      entity_index_[entity_key(entities_[i].name, 0, true)].push_back(i);
      entity_starts_[static_cast<unsigned char>(entities_[i].name.front())] = true;
    }
    for (auto& [key, list] : entity_index_) {
      std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
        return entities_[a].name.size() > entities_[b].name.size();
      });
    }
  }

  // What a name is looked up by, from `at`: its first two words ("Low-Stock Alerts": "Low" and
  // "Stock", whatever stands between them, up to kKeyGap bytes), or only the first; a name that
  // does not start with a word byte, by that byte. A text matching a name has the same key
  // with one or two words, so a text position needs two look-ups.
  static std::string entity_key(std::string_view text, std::size_t at, bool two_words) {
    std::string key;
    entity_key(text, at, two_words, key);
    return key;
  }
  static void entity_key(std::string_view text, std::size_t at, bool two_words, std::string& key) {
    auto word_end = [&](std::size_t from) {
      while (from < text.size() && md::is_word_byte(static_cast<unsigned char>(text[from]))) {
        ++from;
      }
      return from;
    };
    std::size_t first = word_end(at);
    key.assign(text.substr(at, first == at ? 1 : first - at));
    if (first == at || !two_words) return;
    std::size_t gap = first;
    while (gap < text.size() && gap - first < kKeyGap &&
           !md::is_word_byte(static_cast<unsigned char>(text[gap]))) {
      ++gap;
    }
    std::size_t second = word_end(gap);
    if (gap == first || second == gap) return;
    key += '\x01';
    key.append(text.substr(gap, second - gap));
  }

  // The links of one text (a paragraph, a list item): each entity at most once per text.
  class LinkFinder {
   public:
    explicit LinkFinder(Renderer& renderer) : r_(renderer), text_(++renderer.text_count_) {}

    void find(std::string_view line, std::vector<md::Link>& links) {
      if (r_.collecting_ || r_.link_budget_ == 0) return;
      quotes(line, links);
      std::vector<md::Link> quoted = links;
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
        if (md::is_word_byte(c)) {
          while (next < line.size() && md::is_word_byte(static_cast<unsigned char>(line[next]))) {
            ++next;
          }
        }
        if (!r_.entity_starts_[c]) {  // no name starts with this byte
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
                [](const md::Link& a, const md::Link& b) { return a.begin < b.begin; });
    }

   private:
    // The longest entity named at `at` (ending by `limit`, on a word edge): links it unless
    // this text already did, and returns where it ends; 0 when none is named there.
    std::size_t mention(std::string_view line, std::size_t at, const std::string& key,
                        std::size_t limit, std::vector<md::Link>& links) {
      auto bucket = r_.entity_index_.find(key);
      if (bucket == r_.entity_index_.end()) return 0;
      for (std::size_t index : bucket->second) {
        const Entity& entity = r_.entities_[index];
        if (entity.artifact > r_.current_ || entity.item == r_.current_item_) continue;
        std::size_t end = at + entity.name.size();
        if (end > limit) continue;
        std::size_t same = 0;
        while (same < entity.name.size() && line[at + same] == entity.name[same]) ++same;
        if (!spend(same + 1)) return 0;
        if (same < entity.name.size()) continue;
        if (md::is_word_byte(static_cast<unsigned char>(entity.name.back())) && end < line.size() &&
            md::is_word_byte(static_cast<unsigned char>(line[end]))) {
          continue;
        }
        if (r_.linked_in_[index] != text_) {
          r_.linked_in_[index] = text_;
          links.push_back({at, end, entity.href});
        }
        return end;
      }
      return 0;
    }

    // Quoted passages found in an earlier artifact's section link to that section.
    void quotes(std::string_view line, std::vector<md::Link>& links) {
      if (r_.quote_sources_.empty()) return;
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
          for (const auto& source : r_.quote_sources_) {
            if (source.artifact >= r_.current_ || !spend(source.text.size())) break;
            if (source.text.find(passage) != std::string_view::npos) {
              links.push_back({begin, end, source.href});
              break;
            }
          }
        }
        i = line[end] == '"' ? end : end + kClose.size() - 1;
      }
    }

    bool spend(std::size_t work) {
      if (work > r_.link_budget_) {
        r_.link_budget_ = 0;
        return false;
      }
      r_.link_budget_ -= work;
      return true;
    }

    Renderer& r_;
    std::size_t text_;       // this text's number, for linked_in_
    std::string one_, two_;  // the keys at the current position
  };

  // ---- output -----------------------------------------------------------------------------

  // A heading of user or registry text; returns its anchor (GitHub's id for it).
  std::string heading(int level, std::string_view text) {
    std::string line = md::single_line(text);
    std::string anchor = slugger_.unique(line);
    begin_block();
    if (!collecting_) {
      out_.append(static_cast<std::size_t>(level), '#');
      out_ += ' ';
      md::append_line(out_, line, {}, /*heading=*/true);
      out_ += '\n';
    }
    return anchor;
  }

  // Blocks are separated by one blank line.
  void begin_block() {
    if (!collecting_ && !out_.empty()) out_ += '\n';
  }

  void paragraph(std::string_view markdown) {
    begin_block();
    if (collecting_) return;
    out_ += markdown;
    out_ += '\n';
  }

  void label(const FieldSpec& field) {
    out_ += "**";
    md::append_line(out_, field_title(field.key), {}, /*heading=*/true);
    out_ += ":**";
  }

  void link(std::string_view text, std::string_view href) {
    std::string line = md::single_line(text);
    md::Link whole{0, line.size(), href};
    md::append_line(out_, line, {&whole, 1}, /*heading=*/true);
  }

  const Settings& settings_;
  std::span<const std::unique_ptr<Loaded>> artifacts_;
  bool combined_;
  bool technical_;
  bool collecting_ = false;
  std::string out_;
  md::Slugger slugger_;
  std::size_t current_ = 0;
  const Value* current_item_ = nullptr;
  std::vector<std::string> artifact_anchors_;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::vector<std::size_t>> entity_index_;
  std::vector<std::size_t> linked_in_;     // per entity: the last text that linked it
  std::array<bool, 256> entity_starts_{};  // the first bytes of the entities' names
  std::size_t text_count_ = 0;
  std::size_t link_budget_ = kLinkBudget;
  std::vector<QuoteSource> quote_sources_;
};

// ---- arguments and content --------------------------------------------------------------

bool check_utf8(std::string_view text, std::string_view name, Outcome& outcome) {
  if (simdjson::validate_utf8(text.data(), text.size())) return true;
  detail::fail(outcome, Status::invalid_input,
               Issue{IssueType::string_unicode,
                     {std::string(name)},
                     "Input should be a valid string, unable to parse raw data as a unicode string",
                     detail::json_string(detail::printable_prefix(text, 1024)),
                     {}});
  return false;
}

std::optional<Settings> resolve_settings(const MarkdownOptions& options, Outcome& outcome) {
  Settings settings;
  if (!options.tier.empty()) {
    auto tier = detail::resolve_tier(options.tier, outcome);
    if (!tier) return std::nullopt;
    settings.tier = *tier;
  }
  if (options.variant == "technical") {
    settings.variant = Variant::technical;
  } else if (!options.variant.empty() && options.variant != "readable") {
    constexpr std::string_view kExpected = "'readable' or 'technical'";
    detail::fail(outcome, Status::invalid_input,
                 Issue{IssueType::unknown_variant,
                       {std::string("variant")},
                       "Unknown variant '" + detail::printable_prefix(options.variant, 64) +
                           "'; expected " + std::string(kExpected),
                       detail::json_string(detail::printable_prefix(options.variant, 1024)),
                       "{\"expected\":" + detail::json_string(kExpected) + "}"});
    return std::nullopt;
  }
  if (!check_utf8(options.startup_name, "startup_name", outcome) ||
      !check_utf8(options.generated_at, "generated_at", outcome)) {
    return std::nullopt;
  }
  settings.startup = md::single_line(options.startup_name);
  settings.generated = md::single_line(options.generated_at);
  return settings;
}

// Validates `json` as `model` and parses the normalised value; on failure adds the errors to
// `outcome` (their loc prefixed with `prefix` when given) and returns null.
std::unique_ptr<Loaded> load(const ModelSpec& model, std::string_view json, Outcome& outcome,
                             std::string_view prefix = {}) {
  auto checked = validate(model.id, json);
  if (!checked.ok()) {
    if (outcome.ok()) outcome.status = checked.status;
    for (auto& issue : checked.errors) {
      if (!prefix.empty()) {
        Path loc{PathItem(std::in_place_index<0>, prefix)};
        std::move(issue.loc.begin(), issue.loc.end(), std::back_inserter(loc));
        issue.loc = std::move(loc);
      }
      outcome.errors.push_back(std::move(issue));
    }
    return nullptr;
  }
  auto loaded = std::make_unique<Loaded>();
  loaded->model = &model;
  loaded->text = std::move(checked.value);
  loaded->document.ParseInsitu(loaded->text.data());
  if (loaded->document.HasParseError() || !loaded->document.IsObject()) {
    // Unreachable: validate's value is a JSON object.
    detail::fail(outcome, Status::invalid_input,
                 Issue{IssueType::json_invalid, {}, "Invalid JSON", {}, {}});
    return nullptr;
  }
  return loaded;
}

bool is_no_content(std::string_view json) {
  while (!json.empty() && (json.front() == ' ' || json.front() == '\t' || json.front() == '\n' ||
                           json.front() == '\r')) {
    json.remove_prefix(1);
  }
  while (!json.empty() && (json.back() == ' ' || json.back() == '\t' || json.back() == '\n' ||
                           json.back() == '\r')) {
    json.remove_suffix(1);
  }
  return json.empty() || json == "null";
}

}  // namespace

MarkdownResult to_markdown(std::string_view type, std::string_view json,
                           const MarkdownOptions& options) {
  MarkdownResult result;
  const ModelSpec* model = detail::resolve_model(type, result, /*artifacts_only=*/true);
  if (model == nullptr) return result;
  auto settings = resolve_settings(options, result);
  if (!settings) return result;
  std::vector<std::unique_ptr<Loaded>> artifacts;
  artifacts.push_back(load(*model, json, result));
  if (!result.ok()) return result;
  result.value = Renderer(*settings, artifacts, /*combined=*/false).render();
  return result;
}

MarkdownResult plan_to_markdown(std::span<const PlanArtifact> parts,
                                const MarkdownOptions& options) {
  MarkdownResult result;
  auto settings = resolve_settings(options, result);
  if (!settings) return result;
  const auto order = generation_order();
  std::vector<const PlanArtifact*> by_type(order.size(), nullptr);
  for (const auto& part : parts) {
    const ModelSpec* model = detail::resolve_model(part.type, result, /*artifacts_only=*/true);
    if (model == nullptr) {
      result.errors.back().loc.emplace_back(std::string(part.type));
      return result;
    }
    auto index =
        static_cast<std::size_t>(std::find(order.begin(), order.end(), model) - order.begin());
    if (by_type[index] != nullptr) {
      detail::fail(result, Status::invalid_input,
                   Issue{IssueType::duplicate_artifact_type,
                         {std::string(part.type)},
                         "The plan gives " + std::string(part.type) + " more than once",
                         {},
                         {}});
      return result;
    }
    by_type[index] = &part;
  }
  std::vector<std::unique_ptr<Loaded>> artifacts;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (by_type[i] == nullptr || is_no_content(by_type[i]->json)) continue;
    auto loaded = load(*order[i], by_type[i]->json, result, order[i]->id);
    if (loaded) artifacts.push_back(std::move(loaded));
  }
  if (!result.ok()) return result;
  result.value = Renderer(*settings, artifacts, /*combined=*/true).render();
  return result;
}

MarkdownResult plan_to_markdown_json(std::string_view plan_json, const MarkdownOptions& options) {
  MarkdownResult result;
  std::vector<std::pair<std::string, std::string>> members;  // type, content JSON text
  {
    detail::JsonDocument plan(plan_json, 1);
    if (!plan.root()) {
      detail::fail(result, Status::invalid_input, plan.error());
      return result;
    }
    if (!plan.root()->is_object()) {
      detail::fail(result, Status::invalid_input,
                   Issue{IssueType::model_type,
                         {},
                         "Input should be an object",
                         detail::element_json(*plan.root()),
                         "{\"class_name\":\"Plan\"}"});
      return result;
    }
    for (auto member : detail::as_object(*plan.root())) {
      std::string_view key = member.key;  // (clang 14 lambdas cannot capture a binding)
      detail::Element value = member.value;
      std::string text = value.is_string() ? std::string(value.get_string().value_unsafe())
                         : value.is_null() ? std::string()
                                           : detail::element_json(value);
      // A repeated key: the last one wins, as everywhere.
      auto same = std::find_if(members.begin(), members.end(),
                               [&](const auto& known) { return known.first == key; });
      if (same != members.end()) {
        same->second = std::move(text);
      } else {
        members.emplace_back(std::string(key), std::move(text));
      }
    }
  }
  std::vector<PlanArtifact> parts;
  for (const auto& [type, text] : members) parts.push_back({type, text});
  return plan_to_markdown(parts, options);
}

}  // namespace artifacts
