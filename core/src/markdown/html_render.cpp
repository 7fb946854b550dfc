// to_html() and plan_to_html(): an export's outline written as a print-ready HTML document, with
// the linker's cross-references as in-document links (the format is described in
// artifacts/html.hpp).
#include "artifacts/html.hpp"

#include <string>
#include <vector>

#include "markdown/linker.hpp"
#include "markdown/outline.hpp"
#include "markdown/text.hpp"
#include "registry/resolve.hpp"

namespace artifacts {
namespace {

namespace md = detail::markdown;

constexpr std::string_view kBranding = "Powered by Co-Founder";
constexpr std::string_view kNone = "None.";

// The style sheet, in parts around the running header's text and the branding.
constexpr std::string_view kStyleStart =
    "@page{size:A4;margin:20mm 18mm 22mm;"
    "@top-center{font:8pt sans-serif;color:#888;content:\"";
constexpr std::string_view kStyleFooter =
    "\"}@bottom-center{font:8pt sans-serif;color:#888;"
    "content:\"Page \" counter(page) \" of \" counter(pages)}";
constexpr std::string_view kStyleBranding =
    "@bottom-left{font:8pt sans-serif;color:#888;content:\"";
constexpr std::string_view kStyleEnd =
    "}@page:first{@top-center{content:none}}"
    "body{font:10.5pt/1.5 Georgia,serif;color:#222;margin:0}"
    "h1,h2,h3,h4,.facts,.badge,.cover dt,.toc{font-family:Helvetica,Arial,sans-serif}"
    "h1,h2,h3,h4{line-height:1.25;break-after:avoid}"
    "h2{font-size:20pt;border-bottom:2px solid #2d3f8f;padding-bottom:2mm}"
    "h3{font-size:13pt;color:#2d3f8f;margin:7mm 0 1mm}h4{font-size:11pt;margin:0 0 1mm}"
    "a{color:#2d3f8f}p,ul,ol{margin:0 0 2.5mm}"
    ".cover{padding-top:60mm;break-after:page}.cover h1{font-size:30pt;margin:0 0 12mm}"
    ".cover dl{display:grid;grid-template-columns:max-content auto;gap:2mm 8mm}"
    ".cover dt{color:#888}.cover dd{margin:0}.brand{margin-top:40mm;color:#888}"
    ".toc{break-after:page}.toc li{margin:2mm 0;font-size:13pt}"
    ".chapter{break-before:page}.intro{font-style:italic}"
    ".desc{color:#777;font-size:9pt;break-after:avoid}.builds{font-size:9pt}"
    ".item{break-inside:avoid;border-left:3px solid #d6dbef;padding-left:4mm;margin:0 0 4mm}"
    ".facts{font-size:9pt;color:#555}"
    ".badge{font-weight:bold;font-size:8pt;padding:.3mm 2mm;border-radius:2mm;"
    "text-transform:uppercase;background:#eee}"
    ".l1{background:#fbdcdc;color:#9b1c1c}.l2{background:#fcefcf;color:#7a5000}"
    ".l3{background:#d9f2e1;color:#1d6337}"
    ".flow{list-style:none;padding:0}.flow>li+li:before{content:\"\\2193\";display:block;"
    "text-align:center;color:#2d3f8f;margin:-2mm 0 1mm}"
    "@media screen{body{max-width:46em;margin:2em auto;padding:0 1em}.cover{padding-top:2em}}";

// `& < > " '` as entities: safe in text and in double- or single-quoted attributes.
void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

// Text inside a CSS double-quoted string in a <style> element: every ASCII byte other than a
// letter, a digit or a space as a hex escape (no quote, backslash, `<` or line break stays),
// UTF-8 sequences as they are.
void append_css_string(std::string& out, std::string_view text) {
  constexpr std::string_view kHex = "0123456789abcdef";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || byte == ' ' || (byte >= '0' && byte <= '9') ||
        (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')) {
      out += c;
      continue;
    }
    out += '\\';
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
    out += ' ';
  }
}

class HtmlWriter {
 public:
  HtmlWriter(const md::Settings& settings, const md::Outline& outline)
      : settings_(settings),
        outline_(outline),
        linker_(outline),
        branded_(settings.tier == Tier::bootstrapper) {}

  std::string write() {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    append_escaped(out_, md::single_line(outline_.title));
    out_ += "</title>\n<style>";
    out_ += kStyleStart;
    append_css_string(
        out_, settings_.startup.empty() ? md::single_line(outline_.title) : settings_.startup);
    out_ += kStyleFooter;
    if (branded_) {
      out_ += kStyleBranding;
      out_ += kBranding;
      out_ += "\"}";
    }
    out_ += kStyleEnd;
    out_ += "</style>\n</head>\n<body>\n";
    write_cover();
    if (outline_.plan) {
      write_contents();
      for (std::size_t i = 0; i < outline_.artifacts.size(); ++i) {
        open_tag("section", "chapter");
        heading(2, outline_.artifacts[i].title);
        write_artifact(i, 2);
        out_ += "</section>\n";
      }
    } else {
      open_tag("section", "chapter");
      write_artifact(0, 1);
      out_ += "</section>\n";
    }
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  // ---- the document -----------------------------------------------------------------------

  void write_cover() {
    open_tag("header", "cover");
    heading(1, outline_.title);
    out_ += "<dl>";
    if (!settings_.startup.empty()) definition("Startup", settings_.startup);
    if (!settings_.generated.empty()) definition("Generated", settings_.generated);
    definition("Tier", tier_title(settings_.tier));
    out_ += "</dl>\n";
    if (branded_) {
      out_ += "<p class=\"brand\">";
      out_ += kBranding;
      out_ += "</p>\n";
    }
    out_ += "</header>\n";
  }

  void definition(std::string_view term, std::string_view text) {
    out_ += "<dt>";
    out_ += term;
    out_ += "</dt><dd>";
    append_escaped(out_, text);
    out_ += "</dd>";
  }

  void write_contents() {
    if (outline_.contents.empty()) return;
    open_tag("nav", "toc");
    heading(2, outline_.contents);
    out_ += "<ol>\n";
    for (std::size_t i = 0; i < outline_.artifacts.size(); ++i) {
      out_ += "<li>";
      link(md::single_line(outline_.artifacts[i].title), linker_.artifact_href(i));
      out_ += "</li>\n";
    }
    out_ += "</ol>\n</nav>\n";
  }

  // What the artifact is, what it builds on and its sections; `level` is its own heading's.
  void write_artifact(std::size_t index, int level) {
    current_ = index;
    const md::Artifact& artifact = outline_.artifacts[index];
    out_ += "<p class=\"intro\">";
    append_escaped(out_, artifact.description);
    out_ += "</p>\n";
    if (!artifact.builds_on.empty()) {
      out_ += "<p class=\"builds\"><b>Builds on:</b> ";
      for (std::size_t i = 0; i < artifact.builds_on.size(); ++i) {
        const md::Earlier& earlier = artifact.builds_on[i];
        if (i > 0) out_ += ", ";
        if (earlier.index) {  // the plan's chapter; another document is named, not linked
          link(earlier.title, linker_.artifact_href(*earlier.index));
        } else {
          append_escaped(out_, earlier.title);
        }
      }
      out_ += "</p>\n";
    }
    for (const md::Section& section : artifact.sections) {
      out_ += "<section>\n";
      heading(level + 1, section.title);
      out_ += "<p class=\"desc\">";
      append_escaped(out_, section.description);
      out_ += "</p>\n";
      write_section(section, level + 2);
      out_ += "</section>\n";
    }
  }

  // ---- sections and items -----------------------------------------------------------------

  void write_section(const md::Section& section, int item_level) {
    switch (section.form) {
      case md::Form::none:
        none_paragraph();
        return;
      case md::Form::items: {
        // The journey's steps are an ordered flow; other items follow one another.
        const bool flow = !section.steps.empty();
        const std::string_view tag = flow ? "li" : "div";
        if (flow) out_ += "<ol class=\"flow\">\n";
        for (const md::Item& item : section.items) {
          open_tag(tag, "item");
          heading(item_level, item.title);
          write_item_body(item);
          close_tag(tag);
        }
        if (flow) out_ += "</ol>\n";
        return;
      }
      case md::Form::record:
        write_item_body(section.items.front());
        return;
      case md::Form::list:
        write_list(section.list, nullptr);
        return;
      case md::Form::value:
        if (!block_value(section.value, nullptr)) none_paragraph();
        return;
    }
  }

  // Short values on one line, the plain paragraph, then the other fields under their labels.
  void write_item_body(const md::Item& item) {
    if (!item.facts.empty()) {
      out_ += "<p class=\"facts\">";
      for (std::size_t i = 0; i < item.facts.size(); ++i) {
        if (i > 0) out_ += " · ";
        label(item.facts[i].title);
        write_value(item.facts[i].value, &item, false);
      }
      out_ += "</p>\n";
    }
    if (item.body) block_value(*item.body, &item);
    for (const md::Field& field : item.fields) {
      out_ += "<p>";
      label(field.title);
      if (field.form == md::Form::list) {
        out_ += "</p>\n";
        write_list(field.list, &item);
        continue;
      }
      if (field.form == md::Form::none || !write_value(field.value, &item, false)) {
        out_ += "<em>";
        out_ += kNone;
        out_ += "</em>";
      }
      out_ += "</p>\n";
    }
  }

  void write_list(const std::vector<md::Value>& values, const md::Item* item) {
    out_ += "<ul>\n";
    for (const md::Value& value : values) {
      out_ += "<li>";
      write_value(value, item, false);
      out_ += "</li>\n";
    }
    out_ += "</ul>\n";
  }

  // ---- values -----------------------------------------------------------------------------

  // A value as its own paragraph(s); nothing is written for a blank one (false).
  bool block_value(const md::Value& value, const md::Item* item) {
    const std::size_t mark = out_.size();
    out_ += "<p>";
    if (!write_value(value, item, true)) {
      out_.resize(mark);
      return false;
    }
    out_ += "</p>\n";
    return true;
  }

  // A value at the current position, of `item` if any; in a `block`, a blank line between
  // paragraphs closes the paragraph, elsewhere it is a double line break. False when there was
  // nothing to write.
  bool write_value(const md::Value& value, const md::Item* item, bool block) {
    switch (value.kind) {
      case md::Value::Kind::text:
        return write_text(value.text, item, block ? "</p>\n<p>" : "<br><br>");
      case md::Value::Kind::level:
        out_ += "<span class=\"badge l";
        out_ += static_cast<char>('0' + value.rank % 10);
        out_ += "\">";
        append_escaped(out_, value.text);
        out_ += "</span>";
        return !value.text.empty();
      case md::Value::Kind::plain:
        append_escaped(out_, value.plain);
        return !value.plain.empty();
    }
    return false;
  }

  // User text: trimmed lines joined by line breaks, runs of blank lines as one paragraph break,
  // the linker's links laid over each line.
  bool write_text(std::string_view text, const md::Item* item, std::string_view paragraph_break) {
    md::Linker::Text links = linker_.text(current_, item);
    std::vector<md::Link> found;
    bool written = false;
    bool blank_before = false;
    for (std::string_view line : md::trimmed_lines(text)) {
      if (line.empty()) {
        blank_before = written;
        continue;
      }
      if (written) out_ += blank_before ? paragraph_break : "<br>";
      found.clear();
      links.find(line, found);
      std::size_t at = 0;
      for (const md::Link& found_link : found) {
        append_escaped(out_, line.substr(at, found_link.begin - at));
        link(line.substr(found_link.begin, found_link.end - found_link.begin), found_link.href);
        at = found_link.end;
      }
      append_escaped(out_, line.substr(at));
      written = true;
      blank_before = false;
    }
    return written;
  }

  // ---- output -----------------------------------------------------------------------------

  // A heading of user or registry text, with its anchor as its id: the headings are written in
  // the linker's order, each taking the next anchor.
  void heading(int level, std::string_view text) {
    const std::string& href = linker_.heading_hrefs()[next_heading_++];
    const char tag[] = {'h', static_cast<char>('0' + level), '\0'};
    out_ += '<';
    out_ += tag;
    if (href.size() > 1) {  // "#id"
      out_ += " id=\"";
      append_escaped(out_, std::string_view(href).substr(1));
      out_ += '"';
    }
    out_ += '>';
    append_escaped(out_, md::single_line(text));
    close_tag(tag);
  }

  void open_tag(std::string_view tag, std::string_view css_class) {
    out_ += '<';
    out_ += tag;
    out_ += " class=\"";
    out_ += css_class;
    out_ += "\">\n";
  }

  void close_tag(std::string_view tag) {
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
  }

  void label(std::string_view title) {
    out_ += "<b>";
    append_escaped(out_, title);
    out_ += ":</b> ";
  }

  void none_paragraph() {
    out_ += "<p><em>";
    out_ += kNone;
    out_ += "</em></p>\n";
  }

  // `href` is always one of the linker's in-document anchors ("#...").
  void link(std::string_view text, std::string_view href) {
    out_ += "<a href=\"";
    append_escaped(out_, href);
    out_ += "\">";
    append_escaped(out_, text);
    out_ += "</a>";
  }

  const md::Settings& settings_;
  const md::Outline& outline_;
  md::Linker linker_;
  bool branded_;                  // the entry tier carries the product's name
  std::size_t current_ = 0;       // the artifact being written
  std::size_t next_heading_ = 0;  // the linker's anchor of the next heading written
  std::string out_;
};

// The Markdown export's checks of the same options (no variant).
MarkdownOptions markdown_options(const HtmlOptions& options) {
  return {{}, options.tier, options.startup_name, options.generated_at};
}

}  // namespace

HtmlResult to_html(std::string_view type, std::string_view json, const HtmlOptions& options) {
  HtmlResult result;
  const ModelSpec* model = detail::resolve_model(type, result, /*artifacts_only=*/true);
  if (model == nullptr) return result;
  auto settings = md::resolve_settings(markdown_options(options), result);
  if (!settings) return result;
  auto outline = md::artifact_outline(*model, json, *settings, result);
  if (!outline) return result;
  result.value = HtmlWriter(*settings, *outline).write();
  return result;
}

HtmlResult plan_to_html(std::span<const PlanArtifact> parts, const HtmlOptions& options) {
  HtmlResult result;
  auto settings = md::resolve_settings(markdown_options(options), result);
  if (!settings) return result;
  auto outline = md::plan_outline(parts, *settings, result);
  if (!outline) return result;
  result.value = HtmlWriter(*settings, *outline).write();
  return result;
}

HtmlResult plan_to_html_json(std::string_view plan_json, const HtmlOptions& options) {
  HtmlResult result;
  auto members = md::plan_members(plan_json, result);
  if (!result.ok()) return result;
  std::vector<PlanArtifact> parts;
  for (const auto& [type, text] : members) parts.push_back({type, text});
  return plan_to_html(parts, options);
}

}  // namespace artifacts
