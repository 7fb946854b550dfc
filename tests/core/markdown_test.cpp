// to_markdown() and plan_to_markdown(): golden files for both variants at every tier
// (tests/golden/markdown/, shared with tests/js/markdown.test.js), tier selection, escaping of
// hostile text, cross-reference links and errors. After a deliberate format change, refresh the
// goldens with ARTIFACTS_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

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

std::string golden_path(std::string_view type, std::string_view variant, std::string_view tier) {
  return std::string(ARTIFACTS_FIXTURES_DIR) + "/../golden/markdown/" + std::string(type) + "." +
         std::string(variant) + "." + std::string(tier) + ".md";
}

MarkdownResult export_sample(std::string_view type, std::string_view variant,
                             std::string_view tier) {
  MarkdownOptions options{variant, tier, kStartup, kGenerated};
  if (type == kPlan) {
    std::vector<std::string> storage;
    return plan_to_markdown(sample_plan(storage), options);
  }
  return to_markdown(type, plan(type), options);
}

std::vector<std::string_view> exported_types() {
  std::vector<std::string_view> types(artifact_type_ids().begin(), artifact_type_ids().end());
  types.push_back(kPlan);
  return types;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The headings at `level` ("## "), in order.
std::vector<std::string> headings(const std::string& markdown, int level) {
  std::string marker(static_cast<std::size_t>(level), '#');
  marker += ' ';
  std::vector<std::string> found;
  bool fenced = false;
  for (const auto& line : lines_of(markdown)) {
    if (line.starts_with("```")) fenced = !fenced;
    if (!fenced && line.starts_with(marker)) found.push_back(line.substr(marker.size()));
  }
  return found;
}

std::string json_text(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return {buffer.GetString(), buffer.GetSize()};
}

std::string readable(std::string_view type, std::string_view json) {
  auto result = to_markdown(type, json);
  EXPECT_TRUE(result.ok()) << result.to_json();
  return result.value;
}

std::string technical(std::string_view type, std::string_view json, MarkdownOptions options = {}) {
  options.variant = "technical";
  auto result = to_markdown(type, json, options);
  EXPECT_TRUE(result.ok()) << result.to_json();
  return result.value;
}

// The text between a heading line and the next heading (exclusive).
std::string section_body(const std::string& markdown, std::string_view heading_line) {
  auto start = markdown.find(std::string(heading_line) + "\n");
  if (start == std::string::npos) return {};
  start += heading_line.size() + 1;
  auto end = markdown.find("\n#", start);
  return markdown.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
}

// ---- goldens ------------------------------------------------------------------------------

TEST(markdown, MatchesGoldenFiles) {
  const bool update = std::getenv("ARTIFACTS_UPDATE_GOLDEN") != nullptr;
  int files = 0;
  for (auto type : exported_types()) {
    for (std::string_view variant : {"readable", "technical"}) {
      for (auto tier : tier_names()) {
        SCOPED_TRACE(std::string(type) + " " + std::string(variant) + " " + std::string(tier));
        auto result = export_sample(type, variant, tier);
        ASSERT_TRUE(result.ok()) << result.to_json();
        ++files;
        if (update) {
          std::ofstream(golden_path(type, variant, tier), std::ios::binary) << result.value;
          continue;
        }
        EXPECT_EQ(result.value, testing::read_file(golden_path(type, variant, tier)));
      }
    }
  }
  EXPECT_EQ(files, 36);
}

TEST(markdown, NoTierMeansEverySectionAndTheOutputIsDeterministic) {
  for (auto type : exported_types()) {
    for (std::string_view variant : {"readable", "technical"}) {
      auto all = export_sample(type, variant, "");
      ASSERT_TRUE(all.ok());
      EXPECT_EQ(all.value, export_sample(type, variant, "cto_scale").value) << type;
      EXPECT_EQ(all.value, export_sample(type, variant, "").value) << type;
    }
  }
}

// ---- tiers --------------------------------------------------------------------------------

TEST(markdown, EachTierShowsExactlyItsSections) {
  for (auto tier_text : tier_names()) {
    const Tier tier = *parse_tier(tier_text);
    for (std::string_view variant : {"readable", "technical"}) {
      std::vector<std::string> plan_sections;
      for (const auto* model : generation_order()) {
        SCOPED_TRACE(std::string(model->id) + " at " + std::string(tier_text));
        std::vector<std::string> expected, locked;
        for (const auto& field : model->fields) {
          if (field.key == kSchemaVersionKey) continue;
          (tier_allows(tier, field.tier) ? expected : locked).push_back(field_title(field.key));
        }
        plan_sections.insert(plan_sections.end(), expected.begin(), expected.end());
        auto single = export_sample(model->id, variant, tier_text).value;
        EXPECT_EQ(headings(single, 2), expected);
        for (const auto& title : locked) {
          EXPECT_EQ(single.find("# " + title + "\n"), std::string::npos) << title;
        }
        for (const auto& field : model->fields) {
          if (!tier_allows(tier, field.tier)) {
            // Not even its description (technical) or its text (the fixture's prose).
            EXPECT_EQ(single.find(field.description), std::string::npos) << field.key;
          }
        }
      }
      auto combined = export_sample(kPlan, variant, tier_text).value;
      // The readable plan keeps to Notion's three heading levels: its artifacts are level 1.
      EXPECT_EQ(headings(combined, variant == "technical" ? 3 : 2), plan_sections) << tier_text;
      EXPECT_EQ(headings(combined, variant == "technical" ? 5 : 4).size(), 0u);
    }
  }
}

TEST(markdown, FrontMatterNamesTheTier) {
  auto partner = export_sample("brief", "technical", "partner").value;
  EXPECT_TRUE(partner.starts_with(
      "---\nartifact_type: brief\nstartup: \"StockPilot\"\ngenerated: \"2025-01-15T09:30:00Z\"\n"
      "tier: partner\n---\n\n# StockPilot — Product Brief\n"));
  auto combined = export_sample(kPlan, "technical", "bootstrapper").value;
  EXPECT_NE(combined.find("artifact_type: plan\n"), std::string::npos);
  EXPECT_NE(combined.find("tier: bootstrapper\n"), std::string::npos);
  EXPECT_NE(combined.find("artifacts: [brief, mvp_scope, milestones, risk_log, how_it_works]\n"),
            std::string::npos);
}

TEST(markdown, AbsentOptionsLeaveTheirLinesOut) {
  auto brief = technical("brief", plan("brief"));
  EXPECT_TRUE(
      brief.starts_with("---\nartifact_type: brief\ntier: cto_scale\n---\n\n# Product "
                        "Brief\n"));
  auto plain = readable("brief", plan("brief"));
  EXPECT_TRUE(plain.starts_with("# Product Brief\n\n_The problem we solve"));
  EXPECT_EQ(plain.find("Generated"), std::string::npos);
  // An optional section not generated (absent or null) is left out; an empty one says so.
  auto without_market = with_value(plan("brief"), "/market_analysis", "null");
  without_market = with_value(without_market, "/differentiation_points", "[]");
  without_market = with_value(without_market, "/key_constraint", R"("  \n ")");
  auto text = readable("brief", testing::without(without_market, "/competitive_strategy"));
  EXPECT_EQ(text.find("Market Analysis"), std::string::npos);
  EXPECT_EQ(text.find("Competitive Strategy"), std::string::npos);
  EXPECT_EQ(section_body(text, "## Differentiation Points"), "\n_None._\n");  // the last one
  EXPECT_EQ(section_body(text, "## Key Constraint"), "\n_None._\n\n");
}

TEST(markdown, VariantsDifferAsDocumented) {
  for (auto type : exported_types()) {
    auto plain = export_sample(type, "readable", "cto_scale").value;
    auto tech = export_sample(type, "technical", "cto_scale").value;
    SCOPED_TRACE(type);
    EXPECT_FALSE(plain.starts_with("---"));
    EXPECT_TRUE(tech.starts_with("---\nartifact_type: "));
    for (auto token : {"](", "[HIGH]", "```", "<", "> "}) {
      EXPECT_EQ(plain.find(token), std::string::npos) << token;
    }
  }
  auto mvp = export_sample("mvp_scope", "technical", "bootstrapper").value;
  EXPECT_NE(mvp.find("**Priority:** [HIGH]\n"), std::string::npos);
  EXPECT_NE(mvp.find("**Priority:** [MEDIUM]\n"), std::string::npos);
  EXPECT_NE(mvp.find("**Priority:** [LOW]\n"), std::string::npos);
  EXPECT_NE(
      export_sample("mvp_scope", "readable", "bootstrapper").value.find("**Priority:** High\n"),
      std::string::npos);
  auto risks = export_sample("risk_log", "technical", "cto_scale").value;
  EXPECT_NE(risks.find("**Severity:** [HIGH]\n"), std::string::npos);
  EXPECT_NE(risks.find("**Severity:** [LOW]\n"), std::string::npos);
  auto journey = export_sample("how_it_works", "technical", "bootstrapper").value;
  EXPECT_NE(
      journey.find("```mermaid\nflowchart TD\n  step1[\"1. Sign up and connect the till\"]\n"),
      std::string::npos);
  EXPECT_NE(journey.find("  step4 --> step5\n```\n"), std::string::npos);
  // The registry's descriptions appear under the technical headings.
  EXPECT_NE(journey.find("## User Journey\n\n> What steps does our user take through the "
                         "product?\n"),
            std::string::npos);
}

// ---- cross-references ---------------------------------------------------------------------

TEST(markdown, EveryArtifactListsWhatItBuildsOn) {
  EXPECT_EQ(technical("brief", plan("brief")).find("Builds on"), std::string::npos);
  EXPECT_NE(technical("milestones", plan("milestones"))
                .find("**Builds on:** [Product Brief](brief.md), [MVP Scope](mvp_scope.md)\n"),
            std::string::npos);
  auto combined = export_sample(kPlan, "technical", "cto_scale").value;
  EXPECT_NE(
      combined.find("**Builds on:** [Product Brief](#product-brief), [MVP Scope](#mvp-scope), "
                    "[Milestones & Timeline](#milestones--timeline), [Risk Log](#risk-log)\n"),
      std::string::npos);
  // A plan without the brief (its generation failed) does not link to it.
  std::vector<std::string> storage;
  auto parts = sample_plan(storage);
  parts.front().json = "null";
  auto partial = plan_to_markdown(parts, {.variant = "technical"});
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ(partial.value.find("#product-brief"), std::string::npos);
  EXPECT_NE(partial.value.find("artifacts: [mvp_scope, milestones, risk_log, how_it_works]"),
            std::string::npos);
}

TEST(markdown, MentionsOfNamedItemsLinkToTheirHeadings) {
  auto combined = export_sample(kPlan, "technical", "cto_scale").value;
  // Milestones cite features, the risk log cites milestones, how-it-works cites both.
  EXPECT_NE(combined.find("We will ship [Phone Camera Scanning](#phone-camera-scanning) and"),
            std::string::npos);
  EXPECT_NE(combined.find("during [Scanning and Catalog Foundation](#scanning-and-catalog-"
                          "foundation)."),
            std::string::npos);
  EXPECT_NE(combined.find("The [Live Stock Dashboard](#live-stock-dashboard) shows"),
            std::string::npos);
  // The MVP scope quotes the brief's value proposition.
  EXPECT_NE(combined.find("\"[live, accurate count of every item on their shelves]"
                          "(#value-proposition)\""),
            std::string::npos);
  // Alone, an artifact links only within itself: the critical path to its milestones.
  auto milestones = technical("milestones", plan("milestones"));
  EXPECT_NE(milestones.find("- [Sales Sync and Alerts](#sales-sync-and-alerts)\n"),
            std::string::npos);
  EXPECT_EQ(milestones.find("(#phone-camera-scanning)"), std::string::npos);
  auto mvp = technical("mvp_scope", plan("mvp_scope"));
  EXPECT_EQ(mvp.find("(#value-proposition)"), std::string::npos);
}

TEST(markdown, LinksSkipTheItemItselfRepeatsAndPartialWords) {
  auto mvp = with_value(plan("mvp_scope"), "/core_features/1/description",
                        json_text("Live Stock Dashboard pairs with Low-Stock Alerts; Low-Stock "
                                  "Alerts again, Low-Stock Alertsy and POS Sales Syncing never."));
  auto text = technical("mvp_scope", mvp);
  EXPECT_NE(text.find("\nLive Stock Dashboard pairs with [Low-Stock Alerts](#low-stock-alerts); "
                      "Low-Stock Alerts again, Low-Stock Alertsy and POS Sales Syncing never.\n"),
            std::string::npos)
      << text;
}

TEST(markdown, RepeatedHeadingsGetGitHubsNumberedAnchors) {
  auto mvp = with_value(plan("mvp_scope"), "/core_features/0/name", json_text("Core Features"));
  mvp = with_value(mvp, "/core_features/1/name", json_text("Café Brûlée — Ça va! ✓"));
  mvp = with_value(mvp, "/out_of_scope/0",
                   json_text("Core Features and Café Brûlée — Ça va! ✓ are in scope."));
  auto text = technical("mvp_scope", mvp);
  EXPECT_NE(text.find("\n- [Core Features](#core-features-1) and [Café Brûlée — Ça va! ✓]"
                      "(#café-brûlée--ça-va-) are in scope.\n"),
            std::string::npos)
      << text;
}

TEST(markdown, LinkingAlikeNamesEverywhereTakesBoundedTime) {
  // Ten thousand features named alike, and prose that mentions the name at every word: linking
  // gives up after its budget instead of comparing every name at every word.
  std::string features = "[";
  for (int i = 0; i < 10000; ++i) {
    if (i > 0) features += ",";
    features +=
        R"({"name":"Same Name )" + std::to_string(i) + R"(","description":"d","priority":"low"})";
  }
  features += "]";
  std::string prose;
  for (int i = 0; i < 200000; ++i) prose += "Same Name ";
  auto mvp = with_value(plan("mvp_scope"), "/core_features", features);
  mvp = with_value(mvp, "/out_of_scope", "[" + json_text(prose + "Same Name 9999") + "]");
  auto start = std::chrono::steady_clock::now();
  auto result = to_markdown("mvp_scope", mvp, {.variant = "technical"});
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(result.ok());
  EXPECT_LT(seconds, 20.0);  // guards against unbounded work (sanitizer build too); no speed goal
  EXPECT_EQ(result.value, to_markdown("mvp_scope", mvp, {.variant = "technical"}).value);
  // Within budget, the same names link as usual.
  auto few = with_value(mvp, "/out_of_scope", R"(["Same Name 12 and Same Name 9999."])");
  EXPECT_NE(
      to_markdown("mvp_scope", few, {.variant = "technical"})
          .value.find("- [Same Name 12](#same-name-12) and [Same Name 9999](#same-name-9999)."),
      std::string::npos);
}

// ---- escaping -----------------------------------------------------------------------------

TEST(markdown, HostileProseStaysLiteral) {
  std::string hostile =
      "<script>alert(1)</script> & <b>bold</b>\n"
      "# Not a heading\n"
      "- not a list\n"
      "1. not ordered\n"
      "2) nor this\n"
      "> not a quote\n"
      "+ plus\n"
      "===\n"
      "---\n"
      "    indented code?\n"
      "```js\n"
      "fence\n"
      "```\n"
      "| a | b |\n"
      "|---|---|\n"
      "[link](http://evil.example) ![img](x.png) [ref]: http://x\n"
      "**bold** __strong__ _em_ *em* ~~gone~~ $x$ snake_case_name\n"
      "&copy; &#35; R&D \\* trailing\\\r\n"
      "\r\n"
      "\n"
      "New paragraph";
  hostile += '\0';
  hostile += "end";
  auto brief = with_value(plan("brief"), "/problem_statement", json_text(hostile));
  std::string expected =
      "\\<script>alert(1)\\</script> & \\<b>bold\\</b>\\\n"
      "\\# Not a heading\\\n"
      "\\- not a list\\\n"
      "1\\. not ordered\\\n"
      "2\\) nor this\\\n"
      "\\> not a quote\\\n"
      "\\+ plus\\\n"
      "\\===\\\n"
      "\\---\\\n"
      "indented code?\\\n"
      "\\`\\`\\`js\\\n"
      "fence\\\n"
      "\\`\\`\\`\\\n"
      "\\| a \\| b \\|\\\n"
      "\\|---\\|---\\|\\\n"
      "\\[link\\](http://evil.example) !\\[img\\](x.png) \\[ref\\]: http://x\\\n"
      "\\*\\*bold\\*\\* \\_\\_strong\\_\\_ \\_em\\_ \\*em\\* \\~\\~gone\\~\\~ \\$x\\$ "
      "snake_case_name\\\n"
      "\\&copy; \\&#35; R&D \\\\\\* trailing\\\\\n"
      "\n"
      "New paragraph\xEF\xBF\xBD"
      "end\n";
  for (auto text : {readable("brief", brief), technical("brief", brief)}) {
    auto body = section_body(text, "## Problem Statement");
    auto start = body.find("\\<script>");
    ASSERT_NE(start, std::string::npos) << text;
    EXPECT_EQ(body.substr(start), expected + "\n");
    // Nothing but the export's own headings.
    EXPECT_EQ(headings(text, 1).size(), 1u);
    EXPECT_EQ(headings(text, 2).size(), 7u);
  }
}

TEST(markdown, HostileListItemsAndLabelsStayInTheirBlock) {
  auto brief = with_value(plan("brief"), "/differentiation_points",
                          R"(["# one\n- two\n\n3. three", "* star", "plain"])");
  EXPECT_EQ(section_body(readable("brief", brief), "## Differentiation Points"),
            "\n- \\# one\\\n  \\- two\n\n  3\\. three\n- \\* star\n- plain\n\n");
  auto risks = with_value(plan("risk_log"), "/technical_risks/0/mitigation",
                          json_text("first\n> second\n\n## third"));
  EXPECT_NE(readable("risk_log", risks).find("**Mitigation:** first\\\n\\> second\n\n\\## third\n"),
            std::string::npos);
}

TEST(markdown, HostileHeadingsStayOnOneLine) {
  auto mvp = with_value(plan("mvp_scope"), "/core_features/0/name",
                        json_text("# Evil ###\n<img src=x onerror=alert(1)> `x` [a](b)"));
  auto text = readable("mvp_scope", mvp);
  EXPECT_NE(text.find("\n### \\# Evil \\#\\#\\# \\<img src=x onerror=alert(1)> \\`x\\` "
                      "\\[a\\](b)\n"),
            std::string::npos)
      << text;
}

TEST(markdown, HostileJourneyStaysInsideTheMermaidLabel) {
  auto journey = with_value(plan("how_it_works"), "/user_journey/0/title",
                            json_text("Say \"hi\"]) --> evil;\n#1 <b>x</b> & `code`:\n```"));
  auto text = technical("how_it_works", journey);
  EXPECT_NE(text.find("  step1[\"1. Say #quot;hi#quot;]) --#gt; evil#59; #35;1 #lt;b#gt;x#lt;/"
                      "b#gt; #amp; #96;code#96;#58; #96;#96;#96;\"]\n"),
            std::string::npos)
      << text;
  // The fence still closes where it should.
  auto fence = text.find("```mermaid\n");
  ASSERT_NE(fence, std::string::npos);
  EXPECT_EQ(text.find("\n```", fence), text.find("  step4 --> step5\n```") + 17);
}

TEST(markdown, HostileOptionsStayInTheirLine) {
  auto text = technical(
      "brief", plan("brief"),
      {.startup_name = "Evil \"Co\"\n---\nowned: true\\", .generated_at = "today\u2028# x"});
  EXPECT_TRUE(
      text.starts_with("---\nartifact_type: brief\n"
                       "startup: \"Evil \\\"Co\\\" --- owned: true\\\\\"\n"
                       "generated: \"today\\L# x\"\ntier: cto_scale\n---\n\n"
                       "# Evil \"Co\" --- owned: true\\\\ — Product Brief\n"))
      << text;
  auto plain = to_markdown("brief", plan("brief"), {.generated_at = "*now* <b>"});
  EXPECT_NE(plain.value.find("\n_Generated \\*now\\* \\<b>_\n"), std::string::npos);
}

// ---- errors -------------------------------------------------------------------------------

TEST(markdown, InvalidContentIsAValidationFailureWithEveryError) {
  auto broken = with_value(plan("milestones"), "/milestones/2/estimated_weeks", "0");
  broken = with_value(broken, "/total_duration_weeks", "\"four\"");
  auto result = to_markdown("milestones", broken, {.variant = "technical"});
  EXPECT_EQ(result.status, Status::validation_failed);
  EXPECT_TRUE(result.value.empty());
  auto expected = validate("milestones", broken);
  ASSERT_EQ(result.errors.size(), 2u);
  for (std::size_t i = 0; i < expected.errors.size(); ++i) {
    EXPECT_EQ(result.errors[i].type, expected.errors[i].type);
    EXPECT_EQ(result.errors[i].loc, expected.errors[i].loc);
  }
  EXPECT_EQ(result.to_json().substr(0, 42), R"({"ok":false,"code":"validation_failed","er)");
  EXPECT_NE(result.to_json().find(R"("value":null})"), std::string::npos);
  EXPECT_EQ(to_markdown("brief", "{not json").status, Status::invalid_input);
  EXPECT_EQ(to_markdown("brief", "[]").status, Status::validation_failed);
  EXPECT_EQ(to_markdown("brief", std::string(kMaxInputBytes + 1, ' ')).status,
            Status::invalid_input);
}

TEST(markdown, BadArgumentsAreClearErrors) {
  auto type = to_markdown("deck", plan("brief"));
  EXPECT_EQ(type.status, Status::unknown_artifact_type);
  EXPECT_EQ(to_markdown("artifact_response", plan("brief")).status, Status::unknown_artifact_type);
  auto tier = to_markdown("brief", plan("brief"), {.tier = "platinum"});
  EXPECT_EQ(tier.status, Status::unknown_tier);
  EXPECT_EQ(tier.errors.front().msg,
            "Unknown tier 'platinum'; expected 'bootstrapper', 'partner' or 'cto_scale'");
  auto variant = to_markdown("brief", plan("brief"), {.variant = "fancy"});
  EXPECT_EQ(variant.status, Status::invalid_input);
  EXPECT_EQ(variant.errors.front().type, IssueType::unknown_variant);
  EXPECT_EQ(variant.errors.front().msg,
            "Unknown variant 'fancy'; expected 'readable' or 'technical'");
  auto name = to_markdown("brief", plan("brief"), {.startup_name = "\xFF"});
  EXPECT_EQ(name.status, Status::invalid_input);
  EXPECT_EQ(testing::loc_text(name.errors.front().loc), "startup_name");
  // And the next good call works.
  EXPECT_TRUE(to_markdown("brief", plan("brief")).ok());
}

TEST(markdown, PlanErrorsNameTheirArtifact) {
  std::vector<std::string> storage;
  auto parts = sample_plan(storage);
  std::string broken_mvp = with_value(storage[1], "/core_features/0/priority", "\"urgent\"");
  std::string broken_risks = testing::without(storage[3], "/market_risks");
  parts[1].json = broken_mvp;
  parts[3].json = broken_risks;
  auto result = plan_to_markdown(parts);
  EXPECT_EQ(result.status, Status::validation_failed);
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(testing::loc_text(result.errors[0].loc), "mvp_scope.core_features.0.priority");
  EXPECT_EQ(result.errors[0].type, IssueType::literal_error);
  EXPECT_EQ(testing::loc_text(result.errors[1].loc), "risk_log.market_risks");
  EXPECT_EQ(result.errors[1].type, IssueType::missing);

  std::vector<PlanArtifact> unknown = {{"brief", storage[0]}, {"pitch_deck", "{}"}};
  auto unknown_result = plan_to_markdown(unknown);
  EXPECT_EQ(unknown_result.status, Status::unknown_artifact_type);
  EXPECT_EQ(testing::loc_text(unknown_result.errors.front().loc), "pitch_deck");
  std::vector<PlanArtifact> twice = {{"brief", storage[0]}, {"brief", storage[0]}};
  EXPECT_EQ(plan_to_markdown(twice).status, Status::invalid_input);
  EXPECT_EQ(plan_to_markdown(parts, {.tier = "gold"}).status, Status::unknown_tier);
}

TEST(markdown, PlanFromJsonTakesValuesTextAndNull) {
  std::vector<std::string> storage;
  auto parts = sample_plan(storage);
  std::string request = "{\"how_it_works\":" + storage[4] + ",\"brief\":" + json_text(storage[0]) +
                        ",\"mvp_scope\":null,\"milestones\":" + storage[2] +
                        ",\"risk_log\":" + storage[3] + "}";
  MarkdownOptions options{"technical", "partner", kStartup, kGenerated};
  auto from_json = plan_to_markdown_json(request, options);
  ASSERT_TRUE(from_json.ok()) << from_json.to_json();
  parts.erase(parts.begin() + 1);
  EXPECT_EQ(from_json.value, plan_to_markdown(parts, options).value);
  EXPECT_EQ(headings(from_json.value, 2),
            (std::vector<std::string>{"Contents", "Product Brief", "Milestones & Timeline",
                                      "Risk Log", "How It Works"}));

  EXPECT_EQ(plan_to_markdown_json("[]").status, Status::invalid_input);
  EXPECT_EQ(plan_to_markdown_json("{").status, Status::invalid_input);
  EXPECT_EQ(plan_to_markdown_json(R"({"brief": "{oops"})").status, Status::invalid_input);
  auto wrong = plan_to_markdown_json(R"({"brief": 3})");
  EXPECT_EQ(wrong.status, Status::validation_failed);
  EXPECT_EQ(testing::loc_text(wrong.errors.front().loc), "brief");
  // Nothing generated yet: the title alone.
  auto empty = plan_to_markdown_json("{}", {.startup_name = "StockPilot"});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.value, "# StockPilot — Founder Plan\n");
}

}  // namespace
}  // namespace artifacts
