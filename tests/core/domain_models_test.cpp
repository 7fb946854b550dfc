// The original backend plan's ten domain tests (its Pydantic models' tests), against the core.
#include <gtest/gtest.h>

#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::error_at;
using testing::plan;
using testing::without;

std::vector<std::string> required_missing(std::string_view type) {
  auto result = validate(type, "{}");
  std::vector<std::string> keys;
  for (const auto& issue : result.errors) {
    EXPECT_EQ(issue.type, IssueType::missing);
    keys.push_back(testing::loc_text(issue.loc));
  }
  return keys;
}

TEST(DomainModels, ArtifactTypeEnumHasFiveValuesInGenerationOrder) {
  std::vector<std::string_view> ids;
  for (const auto* model : generation_order()) ids.push_back(model->id);
  EXPECT_EQ(ids, (std::vector<std::string_view>{"brief", "mvp_scope", "milestones", "risk_log",
                                                "how_it_works"}));
  EXPECT_EQ(artifact_type_ids().size(), 5u);
  EXPECT_EQ(find_artifact_type("pitch_deck"), nullptr);
}

TEST(DomainModels, ProductBriefCoreFieldsRequired) {
  EXPECT_EQ(required_missing("brief"),
            (std::vector<std::string>{"problem_statement", "target_user", "value_proposition",
                                      "key_constraint", "differentiation_points"}));
  for (auto key : {"problem_statement", "target_user", "value_proposition", "key_constraint",
                   "differentiation_points"}) {
    auto result = validate("brief", without(plan("brief"), std::string("/") + key));
    EXPECT_EQ(result.status, Status::validation_failed) << key;
    ASSERT_EQ(result.errors.size(), 1u) << key;
    EXPECT_EQ(result.errors[0].type, IssueType::missing);
    EXPECT_EQ(testing::loc_text(result.errors[0].loc), key);
  }
}

TEST(DomainModels, ProductBriefBusinessFieldsOptional) {
  auto core_only = without(without(plan("brief"), "/market_analysis"), "/competitive_strategy");
  auto result = validate("brief", core_only);
  ASSERT_TRUE(result.ok()) << result.to_json();
  EXPECT_FALSE(testing::parse(result.value).HasMember("market_analysis"));
  auto with_null = validate("brief", testing::with_value(core_only, "/market_analysis", "null"));
  ASSERT_TRUE(with_null.ok());
  EXPECT_TRUE(testing::parse(with_null.value)["market_analysis"].IsNull());
  EXPECT_EQ(find_field(*find_model("brief"), "market_analysis")->tier, SectionTier::business);
}

TEST(DomainModels, ProductBriefStrategicFieldsOptional) {
  auto result = validate("brief", without(plan("brief"), "/competitive_strategy"));
  ASSERT_TRUE(result.ok()) << result.to_json();
  EXPECT_FALSE(testing::parse(result.value).HasMember("competitive_strategy"));
  EXPECT_EQ(find_field(*find_model("brief"), "competitive_strategy")->tier, SectionTier::strategic);
}

TEST(DomainModels, MvpScopeContentValidates) {
  EXPECT_TRUE(validate("mvp_scope", plan("mvp_scope")).ok());
  EXPECT_EQ(required_missing("mvp_scope"),
            (std::vector<std::string>{"core_features", "out_of_scope", "success_metrics"}));
  auto result = validate("mvp_scope", without(plan("mvp_scope"), "/core_features/0/priority"));
  ASSERT_NE(error_at(result, "core_features.0.priority"), nullptr);
}

TEST(DomainModels, MilestonesContentValidates) {
  EXPECT_TRUE(validate("milestones", plan("milestones")).ok());
  EXPECT_EQ(required_missing("milestones"),
            (std::vector<std::string>{"milestones", "critical_path", "total_duration_weeks"}));
  auto result = validate("milestones", R"({"milestones":[{}],"critical_path":[],
                                           "total_duration_weeks":4})");
  std::vector<std::string> missing;
  for (const auto& issue : result.errors) missing.push_back(testing::loc_text(issue.loc));
  EXPECT_EQ(missing, (std::vector<std::string>{"milestones.0.title", "milestones.0.description",
                                               "milestones.0.success_criteria",
                                               "milestones.0.estimated_weeks"}));
}

TEST(DomainModels, RiskLogContentValidates) {
  EXPECT_TRUE(validate("risk_log", plan("risk_log")).ok());
  EXPECT_EQ(required_missing("risk_log"),
            (std::vector<std::string>{"technical_risks", "market_risks", "execution_risks"}));
}

TEST(DomainModels, HowItWorksContentValidates) {
  EXPECT_TRUE(validate("how_it_works", plan("how_it_works")).ok());
  EXPECT_EQ(required_missing("how_it_works"),
            (std::vector<std::string>{"user_journey", "architecture", "data_flow"}));
}

constexpr std::string_view kResponse = R"({
  "id": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
  "project_id": "0e9d8c7b-6a59-4483-9271-605f4e3d2c1b",
  "artifact_type": "mvp_scope", "version_number": 2,
  "current_content": {"core_features": []}, "previous_content": {"core_features": []},
  "has_user_edits": true, "edited_sections": ["core_features"],
  "annotations": [{"section_id": "core_features", "note": "Ask Ana",
                   "created_at": "2026-11-24T05:00:00Z"}],
  "generation_status": "idle", "schema_version": 1,
  "created_at": "2026-11-24T05:00:00Z", "updated_at": "2026-11-24T06:00:00+01:00"})";

TEST(DomainModels, ArtifactResponseSchema) {
  auto result = validate("artifact_response", kResponse);
  ASSERT_TRUE(result.ok()) << result.to_json();
  auto value = testing::parse(result.value);
  EXPECT_STREQ(value["updated_at"].GetString(), "2026-11-24T06:00:00+01:00");
  EXPECT_EQ(required_missing("artifact_response"),
            (std::vector<std::string>{"id", "project_id", "artifact_type", "version_number",
                                      "current_content", "has_user_edits", "generation_status",
                                      "schema_version", "created_at", "updated_at"}));
  auto wrong_type =
      validate("artifact_response", testing::with_value(kResponse, "/artifact_type", R"("pitch")"));
  ASSERT_EQ(wrong_type.errors.size(), 1u);
  EXPECT_EQ(wrong_type.errors[0].type, IssueType::enumeration);
  EXPECT_EQ(wrong_type.errors[0].msg,
            "Input should be 'brief', 'mvp_scope', 'milestones', 'risk_log' or 'how_it_works'");
}

TEST(DomainModels, AnnotationSchema) {
  EXPECT_TRUE(validate("artifact_annotation",
                       R"({"section_id":"a","note":"b","created_at":"2026-11-24T05:00:00Z"})")
                  .ok());
  EXPECT_EQ(required_missing("artifact_annotation"),
            (std::vector<std::string>{"section_id", "note", "created_at"}));
  auto bad =
      validate("artifact_annotation", R"({"section_id":"a","note":"b","created_at":"yesterday"})");
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].type, IssueType::datetime_from_date_parsing);
}

}  // namespace
}  // namespace artifacts
