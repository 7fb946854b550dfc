// merge(): the merge laws on generated edits, item-level merging, conflicts, force.
#include <gtest/gtest.h>

#include <array>

#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;
using testing::plan;
using testing::to_json;

MergeResult run(std::string_view type, const std::string& base, const std::string& ours,
                const std::string& theirs, std::vector<std::string> edited, bool force = false) {
  return merge({type, base, ours, theirs, std::move(edited), force});
}

std::vector<std::string> section_keys(const ModelSpec& model) {
  std::vector<std::string> keys;
  for (const auto& field : model.fields) {
    if (field.key != kSchemaVersionKey) keys.emplace_back(field.key);
  }
  return keys;
}

// A section's value; `null` counts as absent (both mean: not generated).
const rapidjson::Value* section(const rapidjson::Value& document, const std::string& key) {
  auto found = document.FindMember(key.c_str());
  return found == document.MemberEnd() || found->value.IsNull() ? nullptr : &found->value;
}

bool same(const rapidjson::Value* a, const rapidjson::Value* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return *a == *b;
}

// Texts valid exactly as written are merged member by member and item by item, reading only what
// differs: the answer is the full path's (every text parsed whole), compact or indented, with
// random sections edited, and with no base.
TEST(MergeByMembers, TextsValidAsWrittenGiveTheFullPathsAnswer) {
  std::mt19937 rng(37);
  int rounds = 0, by_members = 0;
  for (int round = 0; round < (testing::kUnderSanitizers ? 10 : 40); ++round) {
    for (const auto* model : generation_order()) {
      const auto base = plan(model->id);
      std::array<rapidjson::Document, 2> sides;
      for (auto& side : sides) {
        side = parse(base);
        testing::mutate(*model, side, rng, {}, 1 + rng() % 3);
      }
      std::vector<std::string> edited;
      for (const auto& key : section_keys(*model)) {
        if (rng() % 2 == 0) edited.push_back(key);
      }
      for (const std::string& base_text : {base, std::string("null")}) {
        for (bool indented : {false, true}) {
          auto text = [&](const rapidjson::Document& side) {
            return indented ? testing::to_pretty_json(side) : to_json(side);
          };
          const std::string ours = text(sides[0]), theirs = text(sides[1]);
          MergeRequest request{model->id, base_text, ours, theirs, edited};
          const auto answer = merge(request).to_json();
          request.by_members = false;
          EXPECT_EQ(answer, merge(request).to_json()) << request.ours << "\n" << request.theirs;
        }
      }
      ++rounds;
      by_members += validate(model->id, to_json(sides[0])).value_is_input &&
                    validate(model->id, to_json(sides[1])).value_is_input;
    }
  }
  EXPECT_GT(by_members, rounds / 2);  // most rounds are valid as written: the member path ran
}

// The laws, over generated edits of every artifact type.
TEST(MergeLaws, HoldOnGeneratedEdits) {
  std::mt19937 rng(99);
  int checked = 0;
  for (int round = 0; round < 60; ++round) {
    for (const auto* model : generation_order()) {
      SCOPED_TRACE(std::string(model->id) + " round " + std::to_string(round));
      const std::string base = plan(model->id);
      auto ours_doc = parse(base);
      auto edited_set = testing::mutate(*model, ours_doc, rng, {}, 3);
      std::vector<std::string> edited(edited_set.begin(), edited_set.end());
      auto theirs_doc = parse(base);
      testing::mutate(*model, theirs_doc, rng, {}, 3);
      const std::string ours = to_json(ours_doc), theirs = to_json(theirs_doc);

      // merge(base, ours, base) keeps ours.
      auto keep = run(model->id, base, ours, base, edited);
      ASSERT_TRUE(keep.ok()) << keep.to_json();
      EXPECT_EQ(parse(keep.value), parse(ours)) << keep.to_json();
      EXPECT_TRUE(keep.conflicts.empty());

      // merge(base, base, theirs) gives theirs, whatever the edited list says.
      auto follow = run(model->id, base, base, theirs, edited);
      ASSERT_TRUE(follow.ok());
      EXPECT_EQ(parse(follow.value), parse(theirs));
      EXPECT_TRUE(follow.edited_sections.empty());

      // force gives theirs and clears the edited sections.
      auto forced = run(model->id, base, ours, theirs, edited, true);
      EXPECT_EQ(parse(forced.value), parse(theirs));
      EXPECT_TRUE(forced.edited_sections.empty());
      EXPECT_TRUE(forced.conflicts.empty());

      // Without force: the result validates, nothing edited is lost, conflicts are exact.
      auto merged = run(model->id, base, ours, theirs, edited);
      ASSERT_TRUE(merged.ok()) << merged.to_json();
      EXPECT_TRUE(validate(model->id, merged.value).ok());
      auto value = parse(merged.value);
      auto b = parse(base);
      for (const auto& key : section_keys(*model)) {
        const bool founder_changed = !same(section(ours_doc, key), section(b, key));
        const bool generation_changed = !same(section(theirs_doc, key), section(b, key));
        const bool is_edited = edited_set.contains(key);
        if (!is_edited || !founder_changed) {
          EXPECT_TRUE(same(section(value, key), section(theirs_doc, key))) << key;
        }
        const FieldSpec* field = find_field(*model, key);
        const bool identified_list =
            field->type->kind == Kind::list && field->type->item->kind == Kind::model;
        if (is_edited && founder_changed && !identified_list) {
          EXPECT_TRUE(same(section(value, key), section(ours_doc, key))) << key;
        }
        bool has_conflict = false;
        for (const auto& c : merged.conflicts) has_conflict |= c.section_id == key;
        if (!is_edited || !founder_changed || !generation_changed) {
          EXPECT_FALSE(has_conflict) << key;
        } else if (!identified_list) {
          EXPECT_EQ(has_conflict, !same(section(ours_doc, key), section(theirs_doc, key))) << key;
        }
        // edited_sections lists exactly the sections that differ from the new generation.
        bool listed = std::find(merged.edited_sections.begin(), merged.edited_sections.end(),
                                key) != merged.edited_sections.end();
        EXPECT_EQ(listed, !same(section(value, key), section(theirs_doc, key))) << key;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 300);
}

TEST(MergeItems, FounderAddedAndEditedItemsSurviveARegeneration) {
  auto base = parse(plan("mvp_scope"));
  auto ours = parse(plan("mvp_scope"));
  auto theirs = parse(plan("mvp_scope"));
  auto& allocator = ours.GetAllocator();
  // The founder edits feature 0 and adds a feature.
  ours["core_features"][0]["description"].SetString("We scan with any phone camera, offline.");
  rapidjson::Value added(rapidjson::kObjectType);
  added.AddMember("name", "Founder Feature", allocator);
  added.AddMember("description", "We added this ourselves.", allocator);
  added.AddMember("priority", "medium", allocator);
  ours["core_features"].PushBack(added, allocator);
  // The new generation rewrites feature 1 and drops feature 4.
  theirs["core_features"][1]["description"].SetString("A regenerated description.");
  theirs["core_features"].Erase(theirs["core_features"].Begin() + 4);

  auto result = run("mvp_scope", to_json(base), to_json(ours), to_json(theirs), {"core_features"});
  ASSERT_TRUE(result.ok()) << result.to_json();
  auto merged = parse(result.value);
  auto features = merged["core_features"].GetArray();
  ASSERT_EQ(features.Size(), 5u);
  EXPECT_STREQ(features[0]["description"].GetString(), "We scan with any phone camera, offline.");
  EXPECT_STREQ(features[1]["description"].GetString(), "A regenerated description.");
  EXPECT_STREQ(features[4]["name"].GetString(), "Founder Feature");
  EXPECT_TRUE(result.conflicts.empty());
  EXPECT_EQ(result.kept, (std::vector<std::string>{"core_features"}));
  EXPECT_EQ(result.edited_sections, (std::vector<std::string>{"core_features"}));
}

TEST(MergeItems, BothChangedTheSameItemIsAConflictAndTheFounderWins) {
  auto base = parse(plan("risk_log"));
  auto ours = parse(plan("risk_log"));
  auto theirs = parse(plan("risk_log"));
  ours["market_risks"][1]["mitigation"].SetString("Ours.");
  theirs["market_risks"][1]["mitigation"].SetString("Theirs.");
  auto result = run("risk_log", to_json(base), to_json(ours), to_json(theirs), {"market_risks"});
  ASSERT_EQ(result.conflicts.size(), 1u);
  const auto& conflict = result.conflicts[0];
  EXPECT_EQ(conflict.section_id, "market_risks");
  EXPECT_EQ(conflict.path, "/market_risks/1");
  EXPECT_EQ(parse(conflict.identity)["title"], base["market_risks"][1]["title"]);
  EXPECT_STREQ(parse(conflict.ours)["mitigation"].GetString(), "Ours.");
  EXPECT_STREQ(parse(conflict.theirs)["mitigation"].GetString(), "Theirs.");
  EXPECT_STREQ(parse(result.value)["market_risks"][1]["mitigation"].GetString(), "Ours.");
}

TEST(MergeItems, AnItemTheFounderDeletedStaysDeleted) {
  auto base = parse(plan("how_it_works"));
  auto ours = parse(plan("how_it_works"));
  ours["user_journey"].Erase(ours["user_journey"].Begin() + 2);
  auto theirs = parse(plan("how_it_works"));
  theirs["user_journey"][0]["title"].SetString("Sign up");
  auto result =
      run("how_it_works", to_json(base), to_json(ours), to_json(theirs), {"user_journey"});
  auto merged = parse(result.value);
  auto journey = merged["user_journey"].GetArray();
  ASSERT_EQ(journey.Size(), 4u);
  EXPECT_STREQ(journey[0]["title"].GetString(), "Sign up");
  for (const auto& step : journey) EXPECT_NE(step["step_number"].GetInt(), 3);
  EXPECT_TRUE(result.conflicts.empty());
}

TEST(MergeSections, ProseEditsAreKeptAndConflictsReported) {
  auto base = plan("brief");
  auto ours = testing::with_value(base, "/target_user", R"("Our own words.")");
  auto theirs = testing::with_value(base, "/target_user", R"("New words.")");
  theirs = testing::with_value(theirs, "/problem_statement", R"("A new problem.")");
  auto result = run("brief", base, ours, theirs, {"target_user"});
  auto value = parse(result.value);
  EXPECT_STREQ(value["target_user"].GetString(), "Our own words.");
  EXPECT_STREQ(value["problem_statement"].GetString(), "A new problem.");
  ASSERT_EQ(result.conflicts.size(), 1u);
  EXPECT_EQ(result.conflicts[0].path, "/target_user");
  EXPECT_EQ(result.conflicts[0].identity, "");
  auto envelope = parse(result.to_json());
  EXPECT_STREQ(envelope["conflicts"][0]["section_id"].GetString(), "target_user");
  EXPECT_STREQ(envelope["conflicts"][0]["theirs"].GetString(), "New words.");
}

TEST(MergeInput, InvalidInputIsRefusedWithItsSide) {
  auto bad = testing::with_value(plan("milestones"), "/total_duration_weeks", R"("x")");
  auto result = run("milestones", plan("milestones"), bad, plan("milestones"), {});
  EXPECT_EQ(result.status, Status::validation_failed);
  EXPECT_EQ(testing::loc_text(result.errors[0].loc), "ours.total_duration_weeks");
  EXPECT_TRUE(result.value.empty());
  auto unknown =
      run("milestones", plan("milestones"), plan("milestones"), plan("milestones"), {"timeline"});
  EXPECT_EQ(unknown.status, Status::invalid_input);
  EXPECT_EQ(run("deck", "{}", "{}", "{}", {}).status, Status::unknown_artifact_type);
  EXPECT_EQ(run("brief", "{}", "{}", "not json", {}).status, Status::invalid_input);
  EXPECT_EQ(merge_request("{").status, Status::invalid_input);
  EXPECT_EQ(merge_request(R"({"type":"brief","edited_sections":[1]})").status,
            Status::invalid_input);
  EXPECT_EQ(merge_request(R"({"type":"brief","force":"yes"})").status, Status::invalid_input);
}

TEST(MergeInput, RequestFormMatchesTheStructForm) {
  auto ours = testing::with_value(plan("brief"), "/target_user", R"("Ours")");
  std::string request = R"({"type":"brief","base":)" + plan("brief") + R"(,"ours":)" + ours +
                        R"(,"theirs":)" + plan("brief") + R"(,"edited_sections":["target_user"]})";
  auto from_request = merge_request(request);
  auto direct = run("brief", plan("brief"), ours, plan("brief"), {"target_user"});
  EXPECT_EQ(from_request.to_json(), direct.to_json());
}

// Documents large enough that the parser's buffers are reused between base, ours and theirs:
// keys of an earlier document must be copied, not left pointing into a buffer that moved on
// (found by the 4 MB benchmark: the merged value had garbage keys and was invalid JSON).
TEST(MergeInput, LargeDocumentsKeepTheirKeys) {
  auto base = parse(plan("risk_log"));
  auto& allocator = base.GetAllocator();
  auto& risks = base["technical_risks"];
  const rapidjson::Value first(risks[0], allocator);
  for (int i = 0; i < 4000; ++i) {
    rapidjson::Value item(first, allocator);
    item["title"].SetString(("Risk number " + std::to_string(i)).c_str(), allocator);
    risks.PushBack(item, allocator);
  }
  const std::string base_json = to_json(base);
  ASSERT_GT(base_json.size(), std::size_t{1} << 20);
  auto edited = parse(base_json);
  edited["technical_risks"][7]["mitigation"].SetString("We changed this.");
  const std::string ours = to_json(edited);
  std::string request = R"({"type":"risk_log","base":)" + base_json + R"(,"ours":)" + ours +
                        R"(,"theirs":)" + base_json + R"(,"edited_sections":["technical_risks"]})";
  auto result = merge_request(request);
  ASSERT_EQ(result.status, Status::ok) << result.to_json().substr(0, 400);
  EXPECT_EQ(parse(result.value), parse(ours));
  EXPECT_TRUE(validate("risk_log", result.value).ok());
}

}  // namespace
}  // namespace artifacts
