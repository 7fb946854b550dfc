// Markdown export of the artifacts: one artifact (to_markdown) or the whole plan
// (plan_to_markdown). Everything shown derives from the registry: artifact and section titles
// (field_title), the "we"-voice descriptions, which item field is the heading, the badge, the
// journey's order. Content is validated first; nothing throws, bad input is an error result.
//
// Two variants:
//  - readable: a clean document to paste into Notion or Google Docs. Headings, paragraphs and
//    bullet lists only: no front matter, no links, no HTML. Levels read "**Priority:** High".
//  - technical: for a repository or an LLM's context. YAML front matter (artifact_type, startup,
//    generated, tier; the plan adds `artifacts`), the registry's descriptions under each heading,
//    [HIGH]/[MEDIUM]/[LOW] badges on prioritised and severity items, a Mermaid flowchart of the
//    user journey (a list section whose items are identified by an integer: ordered steps), and
//    cross-reference links:
//      * every artifact lists the earlier ones it builds on ("**Builds on:**"): in the combined
//        export as links to their headings (#mvp-scope), in a single-artifact export as links to
//        the sibling files `TYPE.md` that to_markdown of those types writes (brief.md);
//      * a mention of a named item (an item identified by a string: a feature's name, a
//        milestone's or a risk's title) of the same or an earlier artifact, in any text other
//        than the item's own, links to the item's heading (first mention per text; names
//        shorter than 3 bytes are never linked). A single-artifact export knows only its own
//        items, so there it links only within the document (a critical path to its milestones);
//      * in the combined export, a quoted passage ("..." or “...”, at least 12 bytes) found
//        verbatim in a prose or string-list section of an earlier artifact links to that
//        section's heading (the MVP scope quoting the brief's value proposition).
//    Linking does bounded work (2^26 bytes compared an export): past that, hostile content
//    (thousands of items named alike, mentioned at every word) is written without more links.
//    Anchors are GitHub's heading ids (github-slugger: lowercase, punctuation dropped, spaces to
//    hyphens, repeats numbered -1, -2, ...), computed for the Latin, Greek and Cyrillic letters
//    and common punctuation and emoji ranges; other scripts are kept as they are.
//
// Both variants: the tier decides the sections (exactly the tier's; no tier: every section);
// sections above it are absent, not mentioned. An optional section that is absent or null (not
// generated) is left out; an empty string or list reads "_None._". The document title is
// "STARTUP — Artifact title" ("Founder Plan" for the plan), or the artifact title alone without a
// startup name. `generated_at` is written as given (the core never reads a clock); when empty,
// the line is left out (front matter `generated`, readable "_Generated ..._"), as is `startup`.
// No tier given writes `tier: cto_scale`, the tier that sees every section. In the plan, each
// artifact starts with a thematic break and its heading (level 2 in technical; level 1 in
// readable, so items stay within Notion's three levels); artifacts absent or null in the plan
// are skipped (a failed generation) and the others do not link to them.
//
// User text stays literal: backslash escapes for what would change the structure (`\ ` * [ ] <
// | ~ $`, `_` at word edges, `&` before an entity, and at a line start `# > - + =` and "1." /
// "1)"), each line trimmed (leading or trailing whitespace is invisible or structural in
// Markdown), lines joined by hard breaks (a trailing backslash), blank lines as paragraph
// breaks; headings and inline labels on one line with every `#` escaped. Mermaid labels are
// quoted with Mermaid's entity codes for `" # < > & : ; `` and newlines as spaces; YAML values
// are double-quoted with escapes. The output is deterministic: same input, same bytes.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "artifacts/result.hpp"

namespace artifacts {

struct MarkdownOptions {
  std::string_view variant = {};       // "readable" (also when empty) or "technical"
  std::string_view tier = {};          // empty: every section
  std::string_view startup_name = {};  // empty: titles without it, no `startup` line
  std::string_view generated_at = {};  // written as given; empty: no `generated` line
};

struct MarkdownResult : Outcome {
  std::string value;  // the Markdown text; empty unless ok
  // {"ok":..,"errors":[..],"value":"<markdown>"} (value null unless ok)
  std::string to_json() const;
};

// One artifact of `type` as Markdown. Errors: unknown_artifact_type, unknown_tier,
// invalid_input (an unknown variant, options that are not UTF-8, content that is not JSON),
// validation_failed (with every error of validate()).
MarkdownResult to_markdown(std::string_view type, std::string_view json,
                           const MarkdownOptions& options = {});

// One artifact of a plan: its content as JSON text; empty or "null" (not generated) is skipped.
struct PlanArtifact {
  std::string_view type;
  std::string_view json;
};

// The whole plan as one document, in GENERATION_ORDER whatever the order given. Every
// artifact's errors are reported, each `loc` starting with its type. A type given twice is
// invalid_input; an unknown one unknown_artifact_type.
MarkdownResult plan_to_markdown(std::span<const PlanArtifact> artifacts,
                                const MarkdownOptions& options = {});
// The same from a JSON object {"brief": content, "mvp_scope": ..., ...} where each content is a
// JSON value or a string holding JSON text (null or absent: skipped): the wasm boundary's form.
MarkdownResult plan_to_markdown_json(std::string_view plan_json,
                                     const MarkdownOptions& options = {});

}  // namespace artifacts
