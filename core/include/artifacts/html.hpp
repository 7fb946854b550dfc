// Print-ready HTML export of the artifacts: one artifact (to_html) or the whole plan
// (plan_to_html), a second rendering of the Markdown export's outline (artifacts/markdown.hpp:
// the same sections per tier, titles, items, badges and cross-reference links).
//
// A standalone HTML5 document with its CSS inline and nothing fetched (no URL at all), made to be
// printed or turned into a PDF by a browser:
//  - a cover page: the title ("STARTUP — Founder Plan"), the startup, the date as given, the tier;
//  - the plan's table of contents, linked to each artifact's chapter; one chapter per artifact,
//    each on a new page (a single artifact: its chapter after the cover);
//  - `@page` rules: A4, a running header with the startup name (the title without one; not on
//    the cover), a footer "Page N of M" from counter(page) and counter(pages);
//  - headings kept with what follows (break-after: avoid), items never split (break-inside:
//    avoid); levels (a feature's priority, a risk's severity) as coloured badges, by their place
//    in the registry's choices; the user journey (items identified by an integer) as an ordered
//    flow (<ol>);
//  - cross-references as in-document #anchor links (the Markdown export's anchors, which are
//    the headings' ids here); a single-artifact export names what it builds on without links;
//  - the entry tier (bootstrapper) carries "Powered by Co-Founder" on the cover and in the
//    footer; the higher tiers are white-label (no branding at all).
// User text never becomes markup: `& < > " '` are escaped everywhere (text and attributes), the
// startup name in the CSS header is a CSS string with every ASCII punctuation hex-escaped, and
// links only ever point to the document's own anchors (a URL in user text stays text).
// Errors are the Markdown export's (no variant here). The output is deterministic.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "artifacts/markdown.hpp"
#include "artifacts/result.hpp"

namespace artifacts {

struct HtmlOptions {
  std::string_view tier = {};          // empty: every section
  std::string_view startup_name = {};  // empty: titles without it
  std::string_view generated_at = {};  // written as given; empty: no date on the cover
};

struct HtmlResult : Outcome {
  std::string value;  // the HTML document; empty unless ok
  // {"ok":..,"errors":[..],"value":"<html>"} (value null unless ok)
  std::string to_json() const;
};

// One artifact of `type`. Errors as to_markdown's: unknown_artifact_type, unknown_tier,
// invalid_input, validation_failed.
HtmlResult to_html(std::string_view type, std::string_view json, const HtmlOptions& options = {});

// The whole plan, in GENERATION_ORDER; errors as plan_to_markdown's.
HtmlResult plan_to_html(std::span<const PlanArtifact> artifacts, const HtmlOptions& options = {});
// The same from a JSON object {"brief": content, ...} (as plan_to_markdown_json).
HtmlResult plan_to_html_json(std::string_view plan_json, const HtmlOptions& options = {});

}  // namespace artifacts
