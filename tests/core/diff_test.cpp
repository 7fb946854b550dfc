// diff(): the patch turns before into after (checked by an independent RFC 6902 applier), list
// items are matched by identity, and sections carry word diffs.
#include <gtest/gtest.h>

#include <tuple>

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
  // No content yet (null) to the first version: every section added, and the patch builds the
  // document from an empty one.
  auto first = diff("risk_log", "null", plan("risk_log"));
  ASSERT_TRUE(first.ok()) << first.to_json();
  for (const auto& section : first.sections) EXPECT_EQ(section.change, "added");
  auto built = parse("{}");
  ASSERT_TRUE(testing::apply_patch(built, first.patch)) << first.patch;
  EXPECT_EQ(built, parse(plan("risk_log")));
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

// Texts valid exactly as written are diffed member by member and item by item, reading only what
// differs: the answer is the full path's (both texts parsed whole), compact or indented, either
// way round, and with no content on one side.
TEST(DiffByMembers, TextsValidAsWrittenGiveTheFullPathsAnswer) {
  std::mt19937 rng(31);
  int pairs = 0, by_members = 0;
  for (int round = 0; round < (testing::kUnderSanitizers ? 20 : 80); ++round) {
    for (const auto* model : generation_order()) {
      auto before = parse(plan(model->id));
      testing::mutate(*model, before, rng, {}, 1 + rng() % 2);
      auto after = parse(testing::to_json(before));
      testing::mutate(*model, after, rng, {}, 1 + rng() % 4);
      const std::vector<std::string> befores = {testing::to_json(before),
                                                testing::to_pretty_json(before), "null"};
      const std::vector<std::string> afters = {testing::to_json(after),
                                               testing::to_pretty_json(after)};
      for (const auto& one : befores) {
        for (const auto& other : afters) {
          for (const auto& [from, to] : {std::pair{&one, &other}, std::pair{&other, &one}}) {
            const auto answer = diff(model->id, *from, *to).to_json();
            EXPECT_EQ(answer, diff(model->id, *from, *to, /*by_members=*/false).to_json())
                << *from << "\n"
                << *to;
          }
        }
      }
      ++pairs;
      by_members += validate(model->id, befores[0]).value_is_input &&
                    validate(model->id, afters[0]).value_is_input;
    }
  }
  EXPECT_GT(by_members, pairs / 2);  // most pairs are valid as written: the member path ran
}

// `json` (an object) with `"key": raw` added as its first member.
std::string with_first_member(const std::string& json, const std::string& key,
                              const std::string& raw) {
  return "{\"" + key + "\":" + raw + "," + json.substr(json.find('{') + 1);
}

TEST(Diff, KeysNeedingPointerEscapesAndBadInput) {
  // Unknown keys are allowed (validate warns and drops them) and are diffed as written.
  const std::string before =
      with_first_member(with_first_member(plan("brief"), "a/b", "1"), "c~d", "2");
  const std::string after = with_first_member(plan("brief"), "a/b", "3");
  expect_patch_applies("brief", before, after);
  auto patch = parse(diff("brief", before, after).patch);
  ASSERT_EQ(patch.Size(), 2u) << testing::to_json(patch);
  EXPECT_STREQ(patch[0]["path"].GetString(), "/c~0d");
  EXPECT_STREQ(patch[1]["path"].GetString(), "/a~1b");
  EXPECT_EQ(diff("brief", plan("brief"), "{").status, Status::invalid_input);
  EXPECT_EQ(diff("deck", "{}", "{}").status, Status::unknown_artifact_type);
  auto bad = diff("brief", plan("brief"), "{");
  EXPECT_EQ(bad.errors[0].type, IssueType::json_invalid);
  EXPECT_EQ(testing::loc_text(bad.errors[0].loc), "after");
}

TEST(Diff, RefusesContentThatFailsValidationAsMergeDoes) {
  const std::string broken = testing::with_value(plan("brief"), "/target_user", "7");
  for (const auto& [before, after, side] :
       {std::tuple{broken, plan("brief"), "before"}, std::tuple{plan("brief"), broken, "after"}}) {
    auto result = diff("brief", before, after);
    EXPECT_EQ(result.status, Status::validation_failed);
    EXPECT_TRUE(result.patch.empty());
    EXPECT_TRUE(result.sections.empty());
    ASSERT_EQ(result.errors.size(), 1u) << result.to_json();
    EXPECT_EQ(result.errors[0].type, IssueType::string_type);
    EXPECT_EQ(testing::loc_text(result.errors[0].loc), std::string(side) + ".target_user");
    EXPECT_EQ(result.errors[0].input, "7");
    auto json = parse(result.to_json());
    EXPECT_FALSE(json["ok"].GetBool());
    EXPECT_STREQ(json["code"].GetString(), "validation_failed");
    EXPECT_TRUE(json["patch"].IsNull());
  }
  // The same errors, with the same loc prefix style, as merge gives for its inputs.
  auto merged = merge({.type = "brief",
                       .base = plan("brief"),
                       .ours = broken,
                       .theirs = plan("brief"),
                       .edited_sections = {}});
  auto diffed = diff("brief", broken, plan("brief"));
  ASSERT_EQ(merged.errors.size(), diffed.errors.size());
  EXPECT_EQ(merged.status, diffed.status);
  EXPECT_EQ(testing::loc_text(merged.errors[0].loc), "ours.target_user");
  EXPECT_EQ(merged.errors[0].msg, diffed.errors[0].msg);
  // Every missing section is reported, each under the side's name; `before` is checked first.
  auto empty = diff("brief", "{}", "[]");
  EXPECT_EQ(empty.status, Status::validation_failed);
  ASSERT_EQ(empty.errors.size(), 5u) << empty.to_json();
  for (const auto& issue : empty.errors) {
    EXPECT_EQ(issue.type, IssueType::missing);
    EXPECT_EQ(std::get<std::string>(issue.loc.front()), "before");
  }
  auto root = diff("brief", plan("brief"), "[]");
  ASSERT_EQ(root.errors.size(), 1u);
  EXPECT_EQ(root.errors[0].type, IssueType::model_type);
  EXPECT_EQ(testing::loc_text(root.errors[0].loc), "after");
  // No content is still no content: empty, null, or null with JSON whitespace.
  for (std::string_view none : {"", "null", " null\n"}) {
    EXPECT_TRUE(diff("brief", none, plan("brief")).ok()) << none;
    EXPECT_TRUE(diff("brief", plan("brief"), none).ok()) << none;
  }
  // And through the request form.
  auto request = diff_request(R"({"type":"brief","before":null,"after":{"target_user":"a"}})");
  EXPECT_EQ(request.status, Status::validation_failed);
  EXPECT_EQ(testing::loc_text(request.errors[0].loc), "after.problem_statement");
}

TEST(Diff, NumbersBeyondTheDoubleRangeFailWhereValidateFailsThem) {
  const std::string weeks = "\"total_duration_weeks\": 4";
  std::string after = plan("milestones");
  after.replace(after.find(weeks), weeks.size(), "\"total_duration_weeks\": 1e400");
  auto refused = diff("milestones", plan("milestones"), after);
  EXPECT_EQ(refused.status, Status::validation_failed);
  ASSERT_EQ(refused.errors.size(), 1u) << refused.to_json();
  EXPECT_EQ(refused.errors[0].type, IssueType::finite_number);
  EXPECT_EQ(testing::loc_text(refused.errors[0].loc), "after.total_duration_weeks");
  EXPECT_NO_THROW(parse(refused.to_json()));
  // In an unknown key it is ignored by validation and diffed as JSON writes it: null.
  auto ignored = diff("brief", plan("brief"), with_first_member(plan("brief"), "junk", "-1e400"));
  ASSERT_TRUE(ignored.ok()) << ignored.to_json();
  EXPECT_EQ(ignored.patch, R"([{"op":"add","path":"/junk","value":null}])");
}

TEST(Diff, RequestFormTakesValuesOrText) {
  const std::string before = testing::with_value(plan("brief"), "/target_user", R"("a")");
  const std::string after = testing::with_value(plan("brief"), "/target_user", R"("b")");
  auto from_values =
      diff_request(R"({"type":"brief","before":)" + before + R"(,"after":)" + after + "}");
  auto as_string = [](const std::string& text) {
    return testing::to_json(rapidjson::Value(rapidjson::StringRef(text.data(), text.size())));
  };
  auto from_text = diff_request(R"({"type":"brief","before":)" + as_string(before) +
                                R"(,"after":)" + as_string(after) + "}");
  ASSERT_TRUE(from_values.ok()) << from_values.to_json();
  EXPECT_EQ(parse(from_values.patch).Size(), 1u);
  EXPECT_EQ(from_values.to_json(), from_text.to_json());
  EXPECT_EQ(diff_request("[]").status, Status::invalid_input);
  EXPECT_EQ(diff_request(R"({"type":3})").status, Status::invalid_input);
}

}  // namespace
}  // namespace artifacts
