// to_html() and plan_to_html(): golden files at every tier (tests/golden/html/, shared with
// tests/js/html.test.js), the deck's parts (cover, contents, chapters, page rules, badges, the
// journey's flow, branding by tier), in-document links only, hostile text that stays text, and
// the Markdown export's errors. After a deliberate format change, refresh the goldens with
// ARTIFACTS_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "artifacts/html.hpp"
#include "artifacts/markdown.hpp"
#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::plan;
using testing::sample_plan;
using testing::with_value;

constexpr std::string_view kStartup = "StockPilot";
constexpr std::string_view kGenerated = "2025-01-15T09:30:00Z";
constexpr std::string_view kPlan = "plan";
constexpr std::string_view kBranding = "Powered by Co-Founder";

std::string golden_path(std::string_view type, std::string_view tier) {
  return std::string(ARTIFACTS_FIXTURES_DIR) + "/../golden/html/" + std::string(type) + "." +
         std::string(tier) + ".html";
}

HtmlResult export_sample(std::string_view type, std::string_view tier) {
  HtmlOptions options{tier, kStartup, kGenerated};
  if (type == kPlan) {
    std::vector<std::string> storage;
    return plan_to_html(sample_plan(storage), options);
  }
  return to_html(type, plan(type), options);
}

std::vector<std::string_view> exported_types() {
  std::vector<std::string_view> types(artifact_type_ids().begin(), artifact_type_ids().end());
  types.push_back(kPlan);
  return types;
}

std::string json_text(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return {buffer.GetString(), buffer.GetSize()};
}

std::string html(std::string_view type, std::string_view json, HtmlOptions options = {}) {
  auto result = to_html(type, json, options);
  EXPECT_TRUE(result.ok()) << result.to_json();
  return result.value;
}

std::size_t count(std::string_view text, std::string_view part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) {
    ++found;
  }
  return found;
}

// Text as the export writes it (registry titles hold `&`).
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c == '&' ? std::string("&amp;") : std::string(1, c);
  }
  return out;
}

// The values of every `attribute="..."` in the document.
std::vector<std::string> attribute_values(std::string_view document, std::string_view attribute) {
  std::vector<std::string> values;
  const std::string marker = " " + std::string(attribute) + "=\"";
  for (auto at = document.find(marker); at != std::string_view::npos;
       at = document.find(marker, at + 1)) {
    auto start = at + marker.size();
    values.emplace_back(document.substr(start, document.find('"', start) - start));
  }
  return values;
}

// Every tag of the document is one the renderer writes, with only its own attributes, and the
// style sheet holds no `<`: nothing of the user's text became markup.
void expect_only_own_markup(std::string_view document) {
  static const std::set<std::string, std::less<>> kTags = {
      "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "nav",
      "section",  "div",  "h1",   "h2",   "h3",    "h4",    "dl",   "dt",     "dd",
      "p",        "ol",   "ul",   "li",   "a",     "b",     "em",   "span",   "br"};
  static const std::set<std::string, std::less<>> kAttributes = {"lang", "charset", "class", "id",
                                                                 "href"};
  for (auto at = document.find('<'); at != std::string_view::npos;
       at = document.find('<', at + 1)) {
    auto end = document.find('>', at);
    ASSERT_NE(end, std::string_view::npos);
    std::string_view tag = document.substr(at + 1, end - at - 1);
    if (tag.starts_with('/')) tag.remove_prefix(1);
    std::string_view name = tag.substr(0, tag.find(' '));
    EXPECT_TRUE(kTags.contains(name)) << "tag <" << tag << ">";
    for (auto space = tag.find(' '); space != std::string_view::npos;
         space = tag.find(' ', space + 1)) {
      if (name == "!DOCTYPE") break;
      auto equals = tag.find('=', space);
      std::string_view attribute = tag.substr(space + 1, equals - space - 1);
      EXPECT_TRUE(kAttributes.contains(attribute)) << "attribute " << attribute << " in " << tag;
      auto close = tag.find('"', equals + 2);
      ASSERT_NE(close, std::string_view::npos);
      space = close;
    }
    if (name == "style" && !document.substr(at + 1).starts_with("/")) {
      auto style_end = document.find("</style>", at);
      EXPECT_EQ(document.substr(end + 1, style_end - end - 1).find('<'), std::string_view::npos);
      at = style_end;
    }
  }
}

// Every link is to an anchor of the document.
void expect_links_in_document(std::string_view document) {
  auto ids = attribute_values(document, "id");
  std::set<std::string> known(ids.begin(), ids.end());
  EXPECT_EQ(known.size(), ids.size()) << "repeated ids";
  for (const auto& href : attribute_values(document, "href")) {
    ASSERT_TRUE(href.starts_with("#")) << href;
    EXPECT_TRUE(known.contains(href.substr(1))) << href;
  }
}

// ---- goldens ------------------------------------------------------------------------------

TEST(html, MatchesGoldenFiles) {
  const bool update = std::getenv("ARTIFACTS_UPDATE_GOLDEN") != nullptr;
  int files = 0;
  for (auto type : exported_types()) {
    for (auto tier : tier_names()) {
      SCOPED_TRACE(std::string(type) + " " + std::string(tier));
      auto result = export_sample(type, tier);
      ASSERT_TRUE(result.ok()) << result.to_json();
      ++files;
      if (update) {
        std::ofstream(golden_path(type, tier), std::ios::binary) << result.value;
        continue;
      }
      EXPECT_EQ(result.value, testing::read_file(golden_path(type, tier)));
    }
  }
  EXPECT_EQ(files, 18);
}

TEST(html, NoTierMeansEverySectionAndTheOutputIsDeterministic) {
  for (auto type : exported_types()) {
    auto all = export_sample(type, "");
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all.value, export_sample(type, "cto_scale").value) << type;
    EXPECT_EQ(all.value, export_sample(type, "").value) << type;
  }
}

// ---- the deck -----------------------------------------------------------------------------

TEST(html, AStandaloneDocumentWithNothingFetched) {
  for (auto type : exported_types()) {
    for (auto tier : tier_names()) {
      auto document = export_sample(type, tier).value;
      EXPECT_TRUE(document.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n")) << type;
      EXPECT_TRUE(document.ends_with("</body>\n</html>\n")) << type;
      for (std::string_view fetched : {"http", "src=", "url(", "@import", "<link", "<script"}) {
        EXPECT_EQ(document.find(fetched), std::string::npos) << type << " " << fetched;
      }
      expect_only_own_markup(document);
      expect_links_in_document(document);
    }
  }
}

TEST(html, EachTierShowsExactlyItsSections) {
  for (auto tier_text : tier_names()) {
    const Tier tier = *parse_tier(tier_text);
    auto document = export_sample(kPlan, tier_text).value;
    for (const ModelSpec* model : generation_order()) {
      for (const auto& field : model->fields) {
        if (!is_section(field)) continue;
        const std::string heading = ">" + field_title(field.key) + "</h3>";
        EXPECT_EQ(document.find(heading) != std::string::npos, tier_allows(tier, field.tier))
            << tier_text << " " << model->id << "." << field.key;
      }
    }
  }
}

TEST(html, CoverContentsAndPageRules) {
  auto document = export_sample(kPlan, "partner").value;
  EXPECT_NE(document.find("<title>StockPilot — Founder Plan</title>"), std::string::npos);
  EXPECT_NE(document.find("<header class=\"cover\">\n<h1 id=\"stockpilot--founder-plan\">"
                          "StockPilot — Founder Plan</h1>\n<dl><dt>Startup</dt><dd>StockPilot</dd>"
                          "<dt>Generated</dt><dd>2025-01-15T09:30:00Z</dd>"
                          "<dt>Tier</dt><dd>Partner</dd></dl>\n</header>\n"),
            std::string::npos)
      << document;
  // The contents link to each chapter's heading.
  const auto contents = document.substr(document.find("<nav class=\"toc\">"));
  for (const ModelSpec* model : generation_order()) {
    EXPECT_NE(contents.find(">" + escaped(model->title) + "</a></li>"), std::string::npos)
        << model->title;
  }
  EXPECT_NE(document.find("<li><a href=\"#mvp-scope\">MVP Scope</a></li>"), std::string::npos);
  EXPECT_NE(document.find("<section class=\"chapter\">\n<h2 id=\"mvp-scope\">MVP Scope</h2>"),
            std::string::npos);
  // The page rules: the running header with the startup name, the footer's page counters.
  EXPECT_NE(document.find("@top-center{font:8pt sans-serif;color:#888;content:\"StockPilot\"}"),
            std::string::npos);
  EXPECT_NE(document.find("content:\"Page \" counter(page) \" of \" counter(pages)"),
            std::string::npos);
  EXPECT_NE(document.find("break-after:avoid"), std::string::npos);
  EXPECT_NE(document.find(".item{break-inside:avoid"), std::string::npos);
  // Without a startup or a date, neither is on the cover; the header shows the title.
  auto bare = html("brief", plan("brief"));
  EXPECT_NE(bare.find("<dl><dt>Tier</dt><dd>CTO Scale</dd></dl>"), std::string::npos) << bare;
  EXPECT_NE(bare.find("content:\"Product Brief\"}"), std::string::npos);
  EXPECT_EQ(bare.find("<nav"), std::string::npos);  // one artifact: no contents
}

TEST(html, OnlyTheEntryTierCarriesTheBranding) {
  for (auto tier : tier_names()) {
    for (auto type : exported_types()) {
      auto document = export_sample(type, tier).value;
      const bool branded = parse_tier(tier) == Tier::bootstrapper;
      EXPECT_EQ(count(document, kBranding), branded ? 2u : 0u) << tier << " " << type;
      EXPECT_EQ(document.find("Co-Founder") != std::string::npos, branded) << tier;
      EXPECT_EQ(document.find("@bottom-left") != std::string::npos, branded) << tier;
    }
  }
}

TEST(html, LevelsAreBadgesByTheirPlaceInTheChoices) {
  auto document = export_sample("risk_log", "cto_scale").value;
  EXPECT_NE(document.find("<p class=\"facts\"><b>Severity:</b> <span class=\"badge l1\">high</span>"
                          "</p>"),
            std::string::npos);
  EXPECT_NE(document.find("<span class=\"badge l2\">medium</span>"), std::string::npos);
  EXPECT_NE(document.find("<span class=\"badge l3\">low</span>"), std::string::npos);
  auto mvp = export_sample("mvp_scope", "cto_scale").value;
  EXPECT_NE(mvp.find("<b>Priority:</b> <span class=\"badge l1\">high</span>"), std::string::npos);
}

TEST(html, TheJourneyIsAnOrderedFlow) {
  auto document = export_sample("how_it_works", "cto_scale").value;
  auto flow = document.find("<ol class=\"flow\">\n<li class=\"item\">\n<h3 id=\"1-");
  ASSERT_NE(flow, std::string::npos) << document;
  auto end = document.find("</ol>", flow);
  EXPECT_EQ(count(document.substr(flow, end - flow), "<li class=\"item\">"), 5u);
}

TEST(html, CrossReferencesAreInDocumentLinks) {
  auto document = export_sample(kPlan, "cto_scale").value;
  EXPECT_NE(document.find("<p class=\"builds\"><b>Builds on:</b> <a href=\"#product-brief\">"
                          "Product Brief</a></p>"),
            std::string::npos);
  EXPECT_NE(document.find("<a href=\"#supplier-reorder-drafts\">Supplier Reorder Drafts</a>"),
            std::string::npos);
  EXPECT_NE(document.find("<a href=\"#value-proposition\">"), std::string::npos);
  // The same links as the technical Markdown, to the same anchors.
  std::vector<std::string> storage;
  auto markdown = plan_to_markdown(sample_plan(storage), {"technical", "cto_scale"}).value;
  EXPECT_EQ(attribute_values(document, "href").size() - 5,  // the contents
            count(markdown, "](#") - 5);
  // A single artifact names what it builds on: other documents are not linked.
  auto alone = export_sample("risk_log", "cto_scale").value;
  EXPECT_NE(alone.find("<b>Builds on:</b> Product Brief, MVP Scope, Milestones &amp; Timeline</p>"),
            std::string::npos);
  expect_links_in_document(alone);
}

// ---- hostile text -------------------------------------------------------------------------

TEST(html, HostileTextStaysText) {
  const std::string hostile =
      "<script>window.__pwned=1</script><img src=x onerror=\"alert(1)\"></style><style>"
      "\n<iframe src='javascript:alert(2)'></iframe> [x](javascript:alert(3)) "
      "javascript:alert(4) <a href=\"javascript:alert(5)\">a</a> &amp; \" ' --> <!--";
  auto brief = with_value(plan("brief"), "/problem_statement", json_text(hostile));
  brief = with_value(brief, "/differentiation_points", "[" + json_text(hostile) + "]");
  auto risks = with_value(plan("risk_log"), "/technical_risks/0/title", json_text(hostile));
  risks = with_value(risks, "/technical_risks/0/mitigation", json_text(hostile));
  auto journey = with_value(plan("how_it_works"), "/user_journey/0/title", json_text(hostile));
  std::string plan_json =
      "{\"brief\":" + brief + ",\"risk_log\":" + risks + ",\"how_it_works\":" + journey + "}";
  const HtmlOptions options{"cto_scale", hostile, hostile};
  for (const auto& document :
       {html("brief", brief, options), html("risk_log", risks, options),
        html("how_it_works", journey, options), plan_to_html_json(plan_json, options).value}) {
    ASSERT_FALSE(document.empty());
    expect_only_own_markup(document);
    expect_links_in_document(document);
    EXPECT_EQ(document.find("<script"), std::string::npos);
    EXPECT_EQ(document.find("<img"), std::string::npos);
    EXPECT_EQ(document.find("<iframe"), std::string::npos);
    EXPECT_EQ(count(document, "</style>"), 1u);
    EXPECT_EQ(document.find("<!--"), std::string::npos);
    EXPECT_NE(document.find("&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x "
                            "onerror=&quot;alert(1)&quot;&gt;&lt;/style&gt;"),
              std::string::npos);
    EXPECT_NE(document.find("&lt;iframe src=&#39;javascript:alert(2)&#39;&gt;"), std::string::npos);
    EXPECT_NE(document.find("&amp;amp; &quot; &#39; --&gt; &lt;!--"), std::string::npos);
  }
  // The startup name in the running header is a CSS string that cannot close.
  auto document = html("brief", plan("brief"), {.startup_name = "a\"}</style><b>\\"});
  EXPECT_NE(document.find("content:\"a\\22 \\7d \\3c \\2f style\\3e \\3c b\\3e \\5c \"}"),
            std::string::npos)
      << document;
}

TEST(html, HostileLinesKeepTheirBreaks) {
  auto risks = with_value(plan("risk_log"), "/technical_risks/0/mitigation",
                          json_text("first\n<b>second</b>\n\n\nthird"));
  EXPECT_NE(html("risk_log", risks)
                .find("<p><b>Mitigation:</b> first<br>&lt;b&gt;second&lt;/b&gt;<br><br>third</p>"),
            std::string::npos);
  auto brief = with_value(plan("brief"), "/problem_statement", json_text("one\r\n\r\ntwo"));
  EXPECT_NE(html("brief", brief).find("<p>one</p>\n<p>two</p>\n"), std::string::npos);
}

// ---- errors: the Markdown export's ----------------------------------------------------------

void expect_same_error(const HtmlResult& html_result, const MarkdownResult& markdown_result) {
  EXPECT_FALSE(html_result.ok());
  EXPECT_EQ(html_result.status, markdown_result.status);
  EXPECT_TRUE(html_result.value.empty());
  auto html_json = html_result.to_json();
  EXPECT_EQ(html_json, markdown_result.to_json());
  EXPECT_NE(html_json.find(R"("value":null})"), std::string::npos);
}

TEST(html, BadArgumentsAreTheMarkdownExportsErrors) {
  expect_same_error(to_html("deck", plan("brief")), to_markdown("deck", plan("brief")));
  expect_same_error(to_html("artifact_response", plan("brief")),
                    to_markdown("artifact_response", plan("brief")));
  auto tier = to_html("brief", plan("brief"), {.tier = "platinum"});
  EXPECT_EQ(tier.status, Status::unknown_tier);
  expect_same_error(tier, to_markdown("brief", plan("brief"), {.tier = "platinum"}));
  auto name = to_html("brief", plan("brief"), {.startup_name = "\xFF"});
  EXPECT_EQ(testing::loc_text(name.errors.front().loc), "startup_name");
  expect_same_error(name, to_markdown("brief", plan("brief"), {.startup_name = "\xFF"}));
  expect_same_error(to_html("brief", plan("brief"), {.generated_at = "\xC3"}),
                    to_markdown("brief", plan("brief"), {.generated_at = "\xC3"}));
  expect_same_error(to_html("brief", "{not json"), to_markdown("brief", "{not json"));
  expect_same_error(to_html("brief", "[]"), to_markdown("brief", "[]"));
  auto broken = with_value(plan("milestones"), "/milestones/2/estimated_weeks", "0");
  expect_same_error(to_html("milestones", broken), to_markdown("milestones", broken));
  // And the next good call works.
  EXPECT_TRUE(to_html("brief", plan("brief")).ok());
}

TEST(html, PlanErrorsAreTheMarkdownExportsErrors) {
  std::vector<std::string> storage;
  auto parts = sample_plan(storage);
  std::string broken_mvp = with_value(storage[1], "/core_features/0/priority", "\"urgent\"");
  parts[1].json = broken_mvp;
  auto broken = plan_to_html(parts);
  ASSERT_EQ(broken.errors.size(), 1u);
  EXPECT_EQ(testing::loc_text(broken.errors[0].loc), "mvp_scope.core_features.0.priority");
  expect_same_error(broken, plan_to_markdown(parts));
  std::vector<PlanArtifact> twice = {{"brief", storage[0]}, {"brief", storage[0]}};
  expect_same_error(plan_to_html(twice), plan_to_markdown(twice));
  for (std::string_view request :
       {"[]", "{", R"({"brief": "{oops"})", R"({"brief": 3})", R"({"pitch_deck": {}})"}) {
    expect_same_error(plan_to_html_json(request), plan_to_markdown_json(request));
  }
  expect_same_error(plan_to_html_json("{}", {.tier = "gold"}),
                    plan_to_markdown_json("{}", {.tier = "gold"}));
  // Nothing generated yet: the cover alone.
  auto empty = plan_to_html_json("{}", {.startup_name = "StockPilot"});
  ASSERT_TRUE(empty.ok());
  EXPECT_NE(empty.value.find("<h1 id=\"stockpilot--founder-plan\">"), std::string::npos);
  EXPECT_EQ(empty.value.find("<nav"), std::string::npos);
  EXPECT_EQ(empty.value.find("chapter\">"), std::string::npos);
}

}  // namespace
}  // namespace artifacts
