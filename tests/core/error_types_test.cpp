// One test per error type the validator emits, with its loc and message; lax and strict
// conversions; errors deep in lists; many errors in one document; warnings.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::loc_text;
using testing::plan;
using testing::with_value;

struct ErrorCase {
  const char* type;
  const char* model;
  std::string json;
  const char* loc;
  const char* msg;
  bool strict = false;
};

void PrintTo(const ErrorCase& c, std::ostream* out) {
  *out << c.type;
}

std::string milestone_weeks(const char* raw) {
  return with_value(plan("milestones"), "/milestones/2/estimated_weeks", raw);
}
std::string annotation_at(const char* raw) {
  return std::string(R"({"section_id":"a","note":"b","created_at":)") + raw + "}";
}

std::vector<ErrorCase> error_cases() {
  return {
      {"missing", "brief", R"({"target_user":"x"})", "problem_statement", "Field required"},
      {"string_type", "brief", with_value(plan("brief"), "/target_user", "42"), "target_user",
       "Input should be a valid string"},
      {"int_type", "milestones", milestone_weeks("[]"), "milestones.2.estimated_weeks",
       "Input should be a valid integer"},
      {"int_parsing", "milestones", milestone_weeks(R"("two")"), "milestones.2.estimated_weeks",
       "Input should be a valid integer, unable to parse string as an integer"},
      {"int_from_float", "milestones", milestone_weeks("2.5"), "milestones.2.estimated_weeks",
       "Input should be a valid integer, got a number with a fractional part"},
      {"int_parsing_size", "milestones", milestone_weeks(R"("99999999999999999999")"),
       "milestones.2.estimated_weeks",
       "Unable to parse input string as an integer, exceeded maximum size"},
      {"greater_than_equal", "milestones", milestone_weeks("0"), "milestones.2.estimated_weeks",
       "Input should be greater than or equal to 1"},
      {"bool_type", "regenerate_artifact_request", R"({"force":[]})", "force",
       "Input should be a valid boolean"},
      {"bool_parsing", "regenerate_artifact_request", R"({"force":"perhaps"})", "force",
       "Input should be a valid boolean, unable to interpret input"},
      {"literal_error", "mvp_scope",
       with_value(plan("mvp_scope"), "/core_features/3/priority", R"("urgent")"),
       "core_features.3.priority", "Input should be 'high', 'medium' or 'low'"},
      {"enum", "artifact_response", R"({"artifact_type":"deck"})", "artifact_type",
       "Input should be 'brief', 'mvp_scope', 'milestones', 'risk_log' or 'how_it_works'"},
      {"uuid_type", "generate_artifacts_request", R"({"project_id":7})", "project_id",
       "UUID input should be a string, bytes or UUID object"},
      {"uuid_parsing", "generate_artifacts_request", R"({"project_id":"abc"})", "project_id",
       "Input should be a valid UUID, invalid length: expected length 32 for simple format, "
       "found 3"},
      {"datetime_type", "artifact_annotation", annotation_at("false"), "created_at",
       "Input should be a valid datetime"},
      {"datetime_parsing", "artifact_annotation", annotation_at(R"("2024-01-02T24:00:00")"),
       "created_at",
       "Input should be a valid datetime, hour value is outside expected range of 0-23", true},
      {"datetime_from_date_parsing", "artifact_annotation", annotation_at(R"("2024-02-30")"),
       "created_at",
       "Input should be a valid datetime or date, day value is outside expected range"},
      {"dict_type", "artifact_response", R"({"current_content":"text"})", "current_content",
       "Input should be an object"},
      {"list_type", "risk_log", with_value(plan("risk_log"), "/market_risks", R"("many")"),
       "market_risks", "Input should be a valid array"},
      {"model_type", "risk_log", with_value(plan("risk_log"), "/execution_risks/1", R"("late")"),
       "execution_risks.1", "Input should be an object"},
      {"json_invalid", "brief", R"({"problem_statement": )", "", "Invalid JSON: "},
  };
}

class EachErrorType : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(EachErrorType, ReportsTypeLocAndMessage) {
  const ErrorCase& c = GetParam();
  auto result = validate(c.model, c.json, {.strict = c.strict});
  ASSERT_FALSE(result.ok());
  const Issue* found = nullptr;
  for (const auto& issue : result.errors) {
    if (issue_type_name(issue.type) == c.type && found == nullptr) found = &issue;
  }
  ASSERT_NE(found, nullptr) << result.to_json();
  EXPECT_EQ(loc_text(found->loc), c.loc);
  EXPECT_TRUE(found->msg.starts_with(c.msg)) << found->msg;
  if (std::string_view(c.type) != "json_invalid") {
    EXPECT_EQ(found->msg, c.msg);
  }
  EXPECT_FALSE(found->input.empty());
  EXPECT_TRUE(result.value.empty());
}

INSTANTIATE_TEST_SUITE_P(Validator, EachErrorType, ::testing::ValuesIn(error_cases()),
                         [](const auto& param_info) { return std::string(param_info.param.type); });

TEST(LaxAndStrict, LaxConvertsAndNormalisesTheValue) {
  auto lax = validate("milestones", milestone_weeks(R"(" 3 ")"));
  ASSERT_TRUE(lax.ok()) << lax.to_json();
  EXPECT_EQ(testing::parse(lax.value)["milestones"][2]["estimated_weeks"].GetInt(), 3);
  for (const char* raw : {"3.0", "true", R"("1_0")", R"("+2")", R"("4.00")"}) {
    auto result = validate("milestones", milestone_weeks(raw));
    EXPECT_TRUE(result.ok()) << raw;
    EXPECT_TRUE(testing::parse(result.value)["milestones"][2]["estimated_weeks"].IsInt64());
  }
}

TEST(LaxAndStrict, StrictRejectsEveryConversion) {
  for (const char* raw : {R"("3")", "3.0", "true"}) {
    auto result = validate("milestones", milestone_weeks(raw), {.strict = true});
    ASSERT_EQ(result.errors.size(), 1u) << raw;
    EXPECT_EQ(result.errors[0].type, IssueType::int_type);
  }
  auto flag = validate("regenerate_artifact_request", R"({"force":"true"})", {.strict = true});
  ASSERT_EQ(flag.errors.size(), 1u);
  EXPECT_EQ(flag.errors[0].type, IssueType::bool_type);
  EXPECT_TRUE(validate("milestones", plan("milestones"), {.strict = true}).ok());
}

TEST(NestedErrors, DeepInListsCarryTheFullPath) {
  auto json = with_value(plan("milestones"), "/milestones/3/success_criteria/1", "17");
  auto result = validate("milestones", json);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(loc_text(result.errors[0].loc), "milestones.3.success_criteria.1");
  EXPECT_EQ(result.errors[0].input, "17");
}

TEST(ManyErrors, AllAreReportedInFieldOrder) {
  auto json = plan("risk_log");
  json = with_value(json, "/technical_risks/0/severity", R"("extreme")");
  json = with_value(json, "/technical_risks/1", "{}");
  json = with_value(json, "/market_risks", "null");
  json = with_value(json, "/execution_risks/0/mitigation", "[]");
  json = with_value(json, "/financial_risks", R"({"title":"x"})");
  auto result = validate("risk_log", json);
  std::vector<std::string> locs;
  for (const auto& issue : result.errors)
    locs.push_back(std::string(issue_type_name(issue.type)) + "@" + loc_text(issue.loc));
  EXPECT_EQ(locs, (std::vector<std::string>{
                      "literal_error@technical_risks.0.severity", "missing@technical_risks.1.title",
                      "missing@technical_risks.1.description", "missing@technical_risks.1.severity",
                      "missing@technical_risks.1.mitigation", "list_type@market_risks",
                      "string_type@execution_risks.0.mitigation", "list_type@financial_risks"}));
}

TEST(Warnings, UnknownKeysAreDroppedAndListed) {
  auto json = with_value(plan("brief"), "/pitch", R"({"deck":[1,2]})");
  json = with_value(json, "/differentiation_points/0", R"("kept")");
  auto result = validate("brief", with_value(json, "/notes", R"("x")"));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.warnings.size(), 2u);
  EXPECT_EQ(result.warnings[0].type, IssueType::unknown_key);
  EXPECT_EQ(loc_text(result.warnings[0].loc), "pitch");
  EXPECT_EQ(loc_text(result.warnings[1].loc), "notes");
  auto value = testing::parse(result.value);
  EXPECT_FALSE(value.HasMember("pitch"));
  EXPECT_FALSE(value.HasMember("notes"));
}

TEST(Warnings, UnknownKeysInsideItemsToo) {
  auto result =
      validate("mvp_scope", with_value(plan("mvp_scope"), "/core_features/1/owner", R"("Ana")"));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(loc_text(result.warnings[0].loc), "core_features.1.owner");
}

TEST(Warnings, SectionsAboveTheTierAreWarningsNotErrors) {
  auto result = validate("brief", plan("brief"), {.tier = "bootstrapper"});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.warnings.size(), 2u);
  EXPECT_EQ(result.warnings[0].type, IssueType::tier_locked);
  EXPECT_EQ(loc_text(result.warnings[0].loc), "market_analysis");
  EXPECT_EQ(result.warnings[0].msg, "Section needs the partner tier; gating removes it");
  EXPECT_EQ(loc_text(result.warnings[1].loc), "competitive_strategy");
  EXPECT_EQ(validate("brief", plan("brief"), {.tier = "partner"}).warnings.size(), 1u);
  EXPECT_TRUE(validate("brief", plan("brief"), {.tier = "cto_scale"}).warnings.empty());
  // A section that was not generated (null) is not locked content.
  auto nulls = with_value(with_value(plan("brief"), "/market_analysis", "null"),
                          "/competitive_strategy", "null");
  EXPECT_TRUE(validate("brief", nulls, {.tier = "bootstrapper"}).warnings.empty());
}

TEST(Arguments, UnknownTypeAndTierAreClearErrors) {
  auto type = validate("pitch_deck", plan("brief"));
  EXPECT_EQ(type.status, Status::unknown_artifact_type);
  ASSERT_EQ(type.errors.size(), 1u);
  EXPECT_EQ(type.errors[0].msg,
            "Unknown artifact type 'pitch_deck'; expected 'brief', 'mvp_scope', 'milestones', "
            "'risk_log', 'how_it_works', 'artifact_response', 'artifact_annotation', "
            "'generate_artifacts_request', 'regenerate_artifact_request', 'generation_lease' or "
            "'artifact_record'");
  auto tier = validate("brief", plan("brief"), {.tier = "enterprise"});
  EXPECT_EQ(tier.status, Status::unknown_tier);
  EXPECT_EQ(tier.errors[0].msg,
            "Unknown tier 'enterprise'; expected 'bootstrapper', 'partner' or 'cto_scale'");
  EXPECT_EQ(validate("", "{}").status, Status::unknown_artifact_type);
}

TEST(Result, ToJsonCarriesTheCodeErrorsWarningsAndValue) {
  auto result = validate("milestones", milestone_weeks("0"));
  auto json = testing::parse(result.to_json());
  EXPECT_FALSE(json["ok"].GetBool());
  EXPECT_STREQ(json["code"].GetString(), "validation_failed");
  EXPECT_EQ(json["errors"].Size(), 1u);
  EXPECT_TRUE(json["value"].IsNull());
  auto good = testing::parse(validate("milestones", plan("milestones")).to_json());
  EXPECT_TRUE(good["ok"].GetBool());
  EXPECT_FALSE(good.HasMember("code"));
  EXPECT_TRUE(good["value"].IsObject());
}

}  // namespace
}  // namespace artifacts
