// to_markdown() and plan_to_markdown(): an export's outline written as readable or technical
// Markdown, with the linker's cross-references (the format is described in
// artifacts/markdown.hpp).
#include "artifacts/markdown.hpp"

#include "json/json_io.hpp"
#include "markdown/linker.hpp"
#include "markdown/outline.hpp"
#include "markdown/text.hpp"
#include "registry/resolve.hpp"

namespace artifacts {
namespace {

namespace md = detail::markdown;

constexpr std::string_view kPlanType = "plan";
constexpr std::string_view kNone = "_None._";
constexpr std::string_view kFileExtension = ".md";  // a single-artifact export's file: brief.md

class MarkdownWriter {
 public:
  MarkdownWriter(const md::Settings& settings, const md::Outline& outline)
      : settings_(settings),
        outline_(outline),
        linker_(outline),
        technical_(settings.variant == md::Variant::technical) {}

  std::string write() {
    if (technical_) write_front_matter();
    heading(1, outline_.title);
    if (!outline_.plan) {  // the artifact's introduction comes first, then the date
      write_introduction(0);
      write_generated();
      write_artifact(0, 1);
      return std::move(out_);
    }
    write_generated();
    if (technical_ && !outline_.contents.empty()) {
      heading(2, outline_.contents);
      begin_block();
      for (std::size_t i = 0; i < outline_.artifacts.size(); ++i) {
        out_ += "- ";
        link(outline_.artifacts[i].title, linker_.artifact_href(i));
        out_ += '\n';
      }
    }
    // Notion knows three heading levels: the readable plan puts its artifacts beside its title
    // so that items stay at level 3.
    const int level = technical_ ? 2 : 1;
    for (std::size_t i = 0; i < outline_.artifacts.size(); ++i) {
      begin_block();
      out_ += "---\n";
      heading(level, outline_.artifacts[i].title);
      write_introduction(i);
      write_artifact(i, level);
    }
    return std::move(out_);
  }

 private:
  // ---- the document -----------------------------------------------------------------------

  // The readable variant's date line (the technical one has it in the front matter).
  void write_generated() {
    if (technical_ || settings_.generated.empty()) return;
    begin_block();
    out_ += "_Generated ";
    md::append_line(out_, settings_.generated, {}, /*heading=*/true);
    out_ += "_\n";
  }

  // What the artifact is (the registry's description).
  void write_introduction(std::size_t index) {
    begin_block();
    out_ += '_';
    md::append_line(out_, outline_.artifacts[index].description, {}, /*heading=*/true);
    out_ += "_\n";
  }

  void write_front_matter() {
    out_ += "---\nartifact_type: ";
    out_ += outline_.plan ? kPlanType : outline_.artifacts.front().type;
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
    if (outline_.plan) {
      out_ += "artifacts: [";
      for (std::size_t i = 0; i < outline_.artifacts.size(); ++i) {
        if (i > 0) out_ += ", ";
        out_ += outline_.artifacts[i].type;
      }
      out_ += "]\n";
    }
    out_ += "---\n";
  }

  // What the artifact builds on and its sections; `level` is its own heading's level.
  void write_artifact(std::size_t index, int level) {
    current_ = index;
    const md::Artifact& artifact = outline_.artifacts[index];
    if (technical_) write_builds_on(artifact);
    for (const md::Section& section : artifact.sections) {
      heading(level + 1, section.title);
      if (technical_) {
        begin_block();
        out_ += "> ";
        md::append_line(out_, section.description, {}, /*heading=*/true);
        out_ += '\n';
      }
      write_section(section, level + 2);
    }
  }

  // "**Builds on:**" the earlier artifacts: their headings in the plan, their files alone.
  void write_builds_on(const md::Artifact& artifact) {
    if (artifact.builds_on.empty()) return;
    begin_block();
    out_ += "**Builds on:** ";
    for (std::size_t i = 0; i < artifact.builds_on.size(); ++i) {
      const md::Earlier& earlier = artifact.builds_on[i];
      if (i > 0) out_ += ", ";
      link(earlier.title, earlier.index ? linker_.artifact_href(*earlier.index)
                                        : std::string(earlier.type) + std::string(kFileExtension));
    }
    out_ += '\n';
  }

  // ---- sections and items -----------------------------------------------------------------

  void write_section(const md::Section& section, int item_level) {
    switch (section.form) {
      case md::Form::none:
        paragraph(kNone);
        return;
      case md::Form::items:
        if (technical_ && !section.steps.empty()) write_flowchart(section.steps);
        for (const md::Item& item : section.items) {
          heading(item_level, item.title);
          write_item_body(item);
        }
        return;
      case md::Form::record:
        write_item_body(section.items.front());
        return;
      case md::Form::list:
        begin_block();
        write_list_items(section.list, nullptr);
        return;
      case md::Form::value:
        begin_block();
        if (!write_value(section.value, "", nullptr)) out_ += kNone;
        out_ += '\n';
        return;
    }
  }

  // The item's fields below its heading: short values on one line, its plain paragraph, then
  // the other fields under their labels.
  void write_item_body(const md::Item& item) {
    bool meta = false;
    for (const md::Field& fact : item.facts) {
      if (!meta) {
        begin_block();
        meta = true;
      } else {
        out_ += " · ";
      }
      label(fact.title);
      out_ += ' ';
      write_value(fact.value, "", &item);
    }
    if (meta) out_ += '\n';
    if (item.body) {
      std::size_t mark = out_.size();
      begin_block();
      if (write_value(*item.body, "", &item)) {
        out_ += '\n';
      } else {
        out_.resize(mark);  // a blank paragraph is left out
      }
    }
    for (const md::Field& field : item.fields) {
      begin_block();
      label(field.title);
      if (field.form == md::Form::list) {
        out_ += '\n';
        begin_block();
        write_list_items(field.list, &item);
        continue;
      }
      out_ += ' ';
      if (field.form == md::Form::none || !write_value(field.value, "", &item)) out_ += kNone;
      out_ += '\n';
    }
  }

  void write_list_items(const std::vector<md::Value>& values, const md::Item* item) {
    for (const md::Value& value : values) {
      out_ += "- ";
      write_value(value, "  ", item);
      out_ += '\n';
    }
  }

  // The user journey as a Mermaid flowchart: one node per step, in the list's order.
  void write_flowchart(const std::vector<std::string>& steps) {
    begin_block();
    out_ += "```mermaid\nflowchart TD\n";
    for (std::size_t n = 1; n <= steps.size(); ++n) {
      out_ += "  step" + std::to_string(n) + "[\"";
      md::append_mermaid_label(out_, steps[n - 1]);
      out_ += "\"]\n";
    }
    for (std::size_t i = 1; i < steps.size(); ++i) {
      out_ += "  step" + std::to_string(i) + " --> step" + std::to_string(i + 1) + "\n";
    }
    out_ += "```\n";
  }

  // ---- values -----------------------------------------------------------------------------

  // A value at the current position, of `item` if any; multi-line text continues at `indent`.
  // False when there was nothing to write (a blank string).
  bool write_value(const md::Value& value, std::string_view indent, const md::Item* item) {
    switch (value.kind) {
      case md::Value::Kind::text: {
        if (!technical_) return md::append_block(out_, value.text, indent);
        md::Linker::Text links = linker_.text(current_, item);
        md::LinkFinder find = [&links](std::string_view line, std::vector<md::Link>& found) {
          links.find(line, found);
        };
        return md::append_block(out_, value.text, indent, &find);
      }
      case md::Value::Kind::level: {
        std::string text = level_text(value.text);
        if (technical_) {
          out_ += text;  // a badge: its brackets are the point, and no link can follow them
        } else {
          md::append_line(out_, text, {}, /*heading=*/true);
        }
        return !text.empty();
      }
      case md::Value::Kind::plain:
        md::append_line(out_, value.plain, {}, /*heading=*/true);
        return !value.plain.empty();
    }
    return false;
  }

  // A level as a badge ([HIGH]) or a word (High).
  std::string level_text(std::string_view level) const {
    std::string text(level);
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

  // ---- output -----------------------------------------------------------------------------

  // A heading of user or registry text.
  void heading(int level, std::string_view text) {
    begin_block();
    out_.append(static_cast<std::size_t>(level), '#');
    out_ += ' ';
    md::append_line(out_, md::single_line(text), {}, /*heading=*/true);
    out_ += '\n';
  }

  // Blocks are separated by one blank line.
  void begin_block() {
    if (!out_.empty()) out_ += '\n';
  }

  void paragraph(std::string_view markdown) {
    begin_block();
    out_ += markdown;
    out_ += '\n';
  }

  void label(std::string_view title) {
    out_ += "**";
    md::append_line(out_, title, {}, /*heading=*/true);
    out_ += ":**";
  }

  void link(std::string_view text, std::string_view href) {
    std::string line = md::single_line(text);
    md::Link whole{0, line.size(), href};
    md::append_line(out_, line, {&whole, 1}, /*heading=*/true);
  }

  const md::Settings& settings_;
  const md::Outline& outline_;
  md::Linker linker_;
  bool technical_;
  std::size_t current_ = 0;  // the artifact being written
  std::string out_;
};

}  // namespace

MarkdownResult to_markdown(std::string_view type, std::string_view json,
                           const MarkdownOptions& options) {
  MarkdownResult result;
  const ModelSpec* model = detail::resolve_model(type, result, /*artifacts_only=*/true);
  if (model == nullptr) return result;
  auto settings = md::resolve_settings(options, result);
  if (!settings) return result;
  auto outline = md::artifact_outline(*model, json, *settings, result);
  if (!outline) return result;
  result.value = MarkdownWriter(*settings, *outline).write();
  return result;
}

MarkdownResult plan_to_markdown(std::span<const PlanArtifact> parts,
                                const MarkdownOptions& options) {
  MarkdownResult result;
  auto settings = md::resolve_settings(options, result);
  if (!settings) return result;
  auto outline = md::plan_outline(parts, *settings, result);
  if (!outline) return result;
  result.value = MarkdownWriter(*settings, *outline).write();
  return result;
}

MarkdownResult plan_to_markdown_json(std::string_view plan_json, const MarkdownOptions& options) {
  MarkdownResult result;
  auto members = md::plan_members(plan_json, result);
  if (!result.ok()) return result;
  std::vector<PlanArtifact> parts;
  for (const auto& [type, text] : members) parts.push_back({type, text});
  return plan_to_markdown(parts, options);
}

}  // namespace artifacts
