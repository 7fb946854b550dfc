// gate(): every tier on every artifact type sees exactly its sections; the rest are locked.
#include <gtest/gtest.h>

#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;
using testing::plan;

// The domain's table: each type's business (Partner+) and strategic (CTO Scale) sections.
struct TierSections {
  std::string_view type, business, strategic;
};
constexpr TierSections kTable[] = {
    {"brief", "market_analysis", "competitive_strategy"},
    {"mvp_scope", "technical_architecture", "scalability_plan"},
    {"milestones", "resource_plan", "risk_mitigation_timeline"},
    {"risk_log", "financial_risks", "strategic_risks"},
    {"how_it_works", "integration_points", "security_compliance"},
};

std::vector<std::string> keys_of(const std::string& json) {
  std::vector<std::string> keys;
  auto document = parse(json);
  for (const auto& member : document.GetObject()) keys.emplace_back(member.name.GetString());
  return keys;
}

std::vector<std::string> locked_of(const GateResult& result) {
  return {result.locked.begin(), result.locked.end()};
}

TEST(Gate, EveryTierOnEveryType) {
  for (const auto& row : kTable) {
    SCOPED_TRACE(std::string(row.type));
    const std::string content = plan(row.type);
    auto all_keys = keys_of(content);

    auto bootstrapper = gate(row.type, content, "bootstrapper");
    ASSERT_TRUE(bootstrapper.ok());
    auto visible = keys_of(bootstrapper.value);
    EXPECT_EQ(visible.size(), all_keys.size() - 2);
    EXPECT_EQ(std::count(visible.begin(), visible.end(), row.business), 0);
    EXPECT_EQ(std::count(visible.begin(), visible.end(), row.strategic), 0);
    EXPECT_EQ(locked_of(bootstrapper),
              (std::vector<std::string>{std::string(row.business), std::string(row.strategic)}));

    auto partner = gate(row.type, content, "partner");
    visible = keys_of(partner.value);
    EXPECT_EQ(visible.size(), all_keys.size() - 1);
    EXPECT_EQ(std::count(visible.begin(), visible.end(), row.business), 1);
    EXPECT_EQ(std::count(visible.begin(), visible.end(), row.strategic), 0);
    EXPECT_EQ(locked_of(partner), (std::vector<std::string>{std::string(row.strategic)}));

    auto cto = gate(row.type, content, "cto_scale");
    EXPECT_EQ(keys_of(cto.value), all_keys);
    EXPECT_TRUE(cto.locked.empty());
    // Nothing is rewritten: what the tier may see is the input, value for value.
    EXPECT_EQ(parse(cto.value), parse(content));
    // The gated content still validates at its tier, with no tier warnings left.
    for (const auto* gated : {&bootstrapper, &partner, &cto}) {
      auto checked = validate(row.type, gated->value,
                              {.tier = gated == &bootstrapper ? "bootstrapper"
                                       : gated == &partner    ? "partner"
                                                              : "cto_scale"});
      EXPECT_TRUE(checked.ok());
      EXPECT_TRUE(checked.warnings.empty());
    }
  }
}

TEST(Gate, LockedListsSectionsAboveTheTierEvenWhenNotGenerated) {
  auto core_only = testing::without(testing::without(plan("brief"), "/market_analysis"),
                                    "/competitive_strategy");
  auto result = gate("brief", core_only, "bootstrapper");
  EXPECT_EQ(locked_of(result),
            (std::vector<std::string>{"market_analysis", "competitive_strategy"}));
}

TEST(Gate, UnknownKeysAreNotPassedThrough) {
  auto result = gate("brief", testing::with_value(plan("brief"), "/secret", R"("x")"), "cto_scale");
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(parse(result.value).HasMember("secret"));
}

TEST(Gate, BadArgumentsAndInputAreClearErrors) {
  EXPECT_EQ(gate("brief", plan("brief"), "gold").status, Status::unknown_tier);
  EXPECT_EQ(gate("brief", plan("brief"), "").status, Status::unknown_tier);
  EXPECT_EQ(gate("deck", plan("brief"), "partner").status, Status::unknown_artifact_type);
  auto not_json = gate("brief", "{\"a\":", "partner");
  EXPECT_EQ(not_json.status, Status::invalid_input);
  EXPECT_EQ(not_json.errors[0].type, IssueType::json_invalid);
  auto not_object = gate("brief", "[1]", "partner");
  EXPECT_EQ(not_object.status, Status::invalid_input);
  EXPECT_EQ(not_object.errors[0].type, IssueType::model_type);
  EXPECT_TRUE(not_object.value.empty());
  auto envelope = parse(not_object.to_json());
  EXPECT_STREQ(envelope["code"].GetString(), "invalid_input");
  EXPECT_TRUE(envelope["value"].IsNull());
}

}  // namespace
}  // namespace artifacts
