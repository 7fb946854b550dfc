// diff(): the patch turns before into after (checked by an independent RFC 6902 applier), list
// items are matched by identity, and sections carry word diffs.
#include <gtest/gtest.h>

#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;
using testing::plan;

void expect_patch_applies(std::string_view type, const std::string& before,
                          const std::string& after) {
  auto result = diff(type, before, after);
  ASSERT_TRUE(result.ok()) << result.to_json();
  auto document = parse(before);
  ASSERT_TRUE(testing::apply_patch(document, result.patch)) << result.patch;
  EXPECT_EQ(document, parse(after)) << result.patch;
}

TEST(Diff, IdenticalDocumentsGiveAnEmptyPatch) {
  auto result = diff("brief", plan("brief"), plan("brief"));
  EXPECT_EQ(result.patch, "[]");
  for (const auto& section : result.sections) EXPECT_EQ(section.change, "unchanged");
  EXPECT_EQ(result.sections.size(), 7u);
}

TEST(Diff, ProseChangeIsAReplaceWithAWordDiff) {
  auto after = testing::with_value(plan("brief"), "/key_constraint",
                                   R"("We must work offline in shops with bad signal.")");
  auto result = diff("brief", plan("brief"), after);
  auto patch = parse(result.patch);
  ASSERT_EQ(patch.Size(), 1u);
  EXPECT_STREQ(patch[0]["op"].GetString(), "replace");
  EXPECT_STREQ(patch[0]["path"].GetString(), "/key_constraint");
  const auto& section = result.sections[3];
  EXPECT_EQ(section.id, "key_constraint");
  EXPECT_EQ(section.change, "modified");
  EXPECT_FALSE(section.words.empty());
  expect_patch_applies("brief", plan("brief"), after);
}

TEST(Diff, InsertedFeatureIsOneAddNotARewrite) {
  auto before = parse(plan("mvp_scope"));
  auto after = parse(plan("mvp_scope"));
  auto& features = after["core_features"];
  rapidjson::Value feature(rapidjson::kObjectType);
  auto& allocator = after.GetAllocator();
  feature.AddMember("name", "Barcode Printing", allocator);
  feature.AddMember("description", "We print shelf labels.", allocator);
  feature.AddMember("priority", "low", allocator);
  features.PushBack(feature, allocator);
  for (auto i = features.Size() - 1; i > 2; --i) std::swap(features[i], features[i - 1]);
  auto result = diff("mvp_scope", testing::to_json(before), testing::to_json(after));
  auto patch = parse(result.patch);
  ASSERT_EQ(patch.Size(), 1u) << result.patch;
  EXPECT_STREQ(patch[0]["op"].GetString(), "add");
  EXPECT_STREQ(patch[0]["path"].GetString(), "/core_features/2");
  ASSERT_EQ(result.sections[0].id, "core_features");
  ASSERT_EQ(result.sections[0].items.size(), 1u);
  EXPECT_EQ(result.sections[0].items[0].key, R"("Barcode Printing")");
  EXPECT_EQ(result.sections[0].items[0].change, "added");
}

TEST(Diff, ReorderedItemsAreMoves) {
  auto before = parse(plan("milestones"));
  auto after = parse(plan("milestones"));
  std::swap(after["milestones"][0], after["milestones"][3]);
  auto result = diff("milestones", testing::to_json(before), testing::to_json(after));
  auto patch = parse(result.patch);
  for (const auto& op : patch.GetArray()) EXPECT_STREQ(op["op"].GetString(), "move");
  EXPECT_LE(patch.Size(), 2u);
  expect_patch_applies("milestones", testing::to_json(before), testing::to_json(after));
  std::vector<std::string> moved;
  for (const auto& item : result.sections[0].items) {
    EXPECT_EQ(item.change, "moved");
    moved.push_back(item.key);
  }
  EXPECT_EQ(moved.size(), 2u);
}

TEST(Diff, WholeSectionsAddedAndRemoved) {
  auto without = testing::without(plan("risk_log"), "/financial_risks");
  auto result = diff("risk_log", plan("risk_log"), without);
  EXPECT_EQ(result.sections[3].id, "financial_risks");
  EXPECT_EQ(result.sections[3].change, "removed");
  EXPECT_EQ(diff("risk_log", without, plan("risk_log")).sections[3].change, "added");
  expect_patch_applies("risk_log", plan("risk_log"), without);
  expect_patch_applies("risk_log", without, plan("risk_log"));
  // No content yet (null) to the first version: every section added.
  auto first = diff("risk_log", "null", plan("risk_log"));
  for (const auto& section : first.sections) EXPECT_EQ(section.change, "added");
  expect_patch_applies("risk_log", "{}", plan("risk_log"));
}

TEST(Diff, GeneratedPairsPatchExactly) {
  std::mt19937 rng(2024);
  int pairs = 0;
  for (int round = 0; round < 240; ++round) {
    for (const auto* model : generation_order()) {
      auto before = parse(plan(model->id));
      testing::mutate(*model, before, rng, {}, 2);
      auto after = parse(testing::to_json(before));
      testing::mutate(*model, after, rng, {}, 4);
      expect_patch_applies(model->id, testing::to_json(before), testing::to_json(after));
      ++pairs;
    }
  }
  EXPECT_EQ(pairs, 1200);
}

TEST(Diff, KeysNeedingPointerEscapesAndBadInput) {
  expect_patch_applies("brief", R"({"a/b":1,"c~d":2})", R"({"a/b":3})");
  EXPECT_EQ(diff("brief", "[]", "{}").status, Status::invalid_input);
  EXPECT_EQ(diff("brief", "{}", "{").status, Status::invalid_input);
  EXPECT_EQ(diff("deck", "{}", "{}").status, Status::unknown_artifact_type);
  auto bad = diff("brief", "{}", "{");
  EXPECT_EQ(testing::loc_text(bad.errors[0].loc), "after");
}

TEST(Diff, RequestFormTakesValuesOrText) {
  auto from_values = diff_request(R"({"type":"brief","before":{"target_user":"a"},
                                      "after":{"target_user":"b"}})");
  auto from_text = diff_request(R"({"type":"brief","before":"{\"target_user\":\"a\"}",
                                    "after":"{\"target_user\":\"b\"}"})");
  ASSERT_TRUE(from_values.ok());
  EXPECT_EQ(from_values.to_json(), from_text.to_json());
  EXPECT_EQ(diff_request("[]").status, Status::invalid_input);
  EXPECT_EQ(diff_request(R"({"type":3})").status, Status::invalid_input);
}

}  // namespace
}  // namespace artifacts
