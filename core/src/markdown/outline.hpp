// The outline of an export, with no Markdown in it: the options checked, the content validated,
// and what the document shows of it in order, laid out from the registry (the title, the
// artifacts, the tier's sections, items under their headings with their facts and fields, the
// journey's steps). A renderer walks it; the linker lays cross-references over it.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "artifacts/markdown.hpp"
#include "artifacts/registry.hpp"
#include "artifacts/result.hpp"

namespace artifacts::detail::markdown {

enum class Variant : std::uint8_t { readable, technical };

struct Settings {
  Variant variant = Variant::readable;
  Tier tier = Tier::cto_scale;  // no tier given: the one that sees every section
  std::string startup;          // on one line; empty: none given
  std::string generated;        // on one line; empty: none given
};

// The options checked: an unknown tier or variant, or text that is not UTF-8, is added to
// `outcome` and gives nothing.
std::optional<Settings> resolve_settings(const MarkdownOptions& options, Outcome& outcome);

// A value as the document shows it.
struct Value {
  enum class Kind : std::uint8_t {
    text,   // the user's text (`text`): it may span lines and link elsewhere
    level,  // a literal's or enumeration's value (`text`, "high"): a badge or a word
    plain,  // anything else (`plain`): a number's digits, "Yes" or "No", empty for null
  };
  Kind kind = Kind::plain;
  std::string_view text;
  std::string plain;
  std::size_t rank = 0;  // a level's place among its type's choices, from 1 (the registry lists
                         // the gravest first: high, medium, low); 0 for other values
};

// How a section or an item's field shows its content.
enum class Form : std::uint8_t {
  none,    // an empty list (an item's field: no list where one belongs): "none"
  value,   // one value; a blank one reads as none
  list,    // a list of values
  items,   // a section's items, each under its own heading
  record,  // a section that is one object: its fields, without a heading of their own
};

// One of an item's fields, under its label.
struct Field {
  std::string title;        // the registry key in Title Case
  Form form = Form::value;  // none, value or list
  Value value;
  std::vector<Value> list;
};

struct Item {
  std::string title;          // its heading: "N. name" for a step, its name, or the model's title
  std::string_view name;      // its identifying name (a feature's, a risk's): what mentions link to
  std::vector<Field> facts;   // the short values (numbers, levels, yes/no), shown on one line
  std::optional<Value> body;  // its plain paragraph, the first string after the heading's
  std::vector<Field> fields;  // the rest, each under its label
};

// One of an artifact's fields: a section under its own heading.
struct Section {
  std::string title;  // the registry key in Title Case
  std::string_view description;
  bool prose = false;  // a string or a list of strings: what a later artifact may quote
  Form form = Form::none;
  Value value;                     // value
  std::vector<Value> list;         // list
  std::vector<Item> items;         // items; record: its one item
  std::vector<std::string> steps;  // items identified by an integer (the journey): "N. name"
};

// An earlier artifact in the generation order, which this one builds on.
struct Earlier {
  std::string_view type;
  std::string_view title;
  std::optional<std::size_t> index;  // its place in this document; none: another document
};

struct Artifact {
  std::string_view type;
  std::string_view title;
  std::string_view description;  // what the artifact is, in the registry's "we" voice
  std::vector<Earlier> builds_on;
  std::vector<Section> sections;  // the tier's, without those absent or null
};

// One artifact's validated content, parsed in place: the outline's text points into it.
struct LoadedArtifact {
  const ModelSpec* model = nullptr;
  std::string text;
  rapidjson::Document document;
};

struct Outline {
  bool plan = false;                // the whole plan, not one artifact
  std::string title;                // "STARTUP — title", with the plan's or the artifact's title
  std::string_view contents;        // a plan with artifacts: its table of contents' heading
  std::vector<Artifact> artifacts;  // in generation order
  std::vector<std::unique_ptr<LoadedArtifact>> content;  // what the text points into
};

// One artifact's outline; on invalid content the errors are added to `outcome`.
std::optional<Outline> artifact_outline(const ModelSpec& model, std::string_view json,
                                        const Settings& settings, Outcome& outcome);

// The plan's outline, in generation order whatever the order given; artifacts without content
// (empty or "null") are left out. Every artifact's errors are added to `outcome`, each `loc`
// starting with its type; a type given twice or unknown stops at that.
std::optional<Outline> plan_outline(std::span<const PlanArtifact> parts, const Settings& settings,
                                    Outcome& outcome);

// The artifacts of a plan given as one JSON object {"brief": content, ...}: each type with its
// content's JSON text (empty for null); a repeated key's last value wins. Not an object: the
// error is added to `outcome`.
std::vector<std::pair<std::string, std::string>> plan_members(std::string_view plan_json,
                                                              Outcome& outcome);

}  // namespace artifacts::detail::markdown
