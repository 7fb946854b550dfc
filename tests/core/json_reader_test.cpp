// The reader (core/src/json/) where it departs from simdjson to read JSON as Pydantic does: a
// UTF-8 byte-order mark is invalid JSON, and a number beyond the double range is ±infinity (an
// error only where a value is checked), through validate (fast and full path) and through every
// operation that reads documents. (The Pydantic reference cases pin the exact errors.)
#include <gtest/gtest.h>

#include "artifacts/markdown.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;
using testing::plan;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// `json` (an object) with `"key": raw` added as its first member.
std::string with_first_member(const std::string& json, const std::string& key,
                              const std::string& raw) {
  return "{\"" + key + "\":" + raw + "," + json.substr(json.find('{') + 1);
}

// `json` with the text `from` (once) replaced by `to`.
std::string replaced(std::string json, std::string_view from, std::string_view to) {
  json.replace(json.find(from), from.size(), to);
  return json;
}

// validate's answer, which the full path alone gives too (same errors, warnings and value).
ValidationResult validate_both_ways(std::string_view type, std::string_view json) {
  auto fast = validate(type, json);
  auto full = validate(type, json, {.fast_path = false});
  auto fast_json = parse(fast.to_json());  // always standard JSON (no Infinity)
  auto full_json = parse(full.to_json());
  for (const char* member : {"ok", "errors", "warnings", "value"}) {
    EXPECT_EQ(fast_json[member], full_json[member]) << member;
  }
  return fast;
}

TEST(JsonReader, AByteOrderMarkIsInvalidJsonAsForPydantic) {
  const std::string text = std::string(kBom) + plan("brief");
  auto result = validate_both_ways("brief", text);
  EXPECT_EQ(result.status, Status::invalid_input);
  ASSERT_EQ(result.errors.size(), 1u);
  const Issue& issue = result.errors[0];
  EXPECT_EQ(issue.type, IssueType::json_invalid);
  EXPECT_TRUE(issue.loc.empty());
  EXPECT_EQ(issue.msg, "Invalid JSON: expected value at line 1 column 1");
  EXPECT_EQ(issue.ctx, R"({"error":"expected value at line 1 column 1"})");
  EXPECT_TRUE(
      std::string_view(parse(issue.input).GetString()).starts_with(std::string(kBom) + "{"));
  EXPECT_EQ(validate("regenerate_artifact_request", std::string(kBom) + "{}").errors[0].msg,
            issue.msg);
  // Every operation that reads a document refuses it too.
  EXPECT_EQ(gate("brief", text, "partner").errors[0].type, IssueType::json_invalid);
  EXPECT_EQ(migrate("brief", text).errors[0].type, IssueType::json_invalid);
  auto merged = merge({.type = "brief",
                       .base = plan("brief"),
                       .ours = text,
                       .theirs = plan("brief"),
                       .edited_sections = {}});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(testing::loc_text(merged.errors[0].loc), "ours");
  auto diffed = diff("brief", plan("brief"), text);
  ASSERT_FALSE(diffed.ok());
  EXPECT_EQ(diffed.errors[0].type, IssueType::json_invalid);
  EXPECT_EQ(testing::loc_text(diffed.errors[0].loc), "after");
  EXPECT_EQ(to_markdown("brief", text).errors[0].type, IssueType::json_invalid);
  // A byte-order mark inside a string is just a character.
  EXPECT_TRUE(
      validate_both_ways("brief", replaced(plan("brief"), "Small", std::string(kBom))).ok());
}

TEST(JsonReader, NumbersBeyondTheDoubleRangeAreInfinityWhereValuesAreChecked) {
  const std::string weeks = "\"total_duration_weeks\": 4";
  for (std::string_view number : {"1e400", "-1e400", "1E+309", "-17976931348623159e292"}) {
    SCOPED_TRACE(number);
    auto result = validate_both_ways(
        "milestones",
        replaced(plan("milestones"), weeks, "\"total_duration_weeks\": " + std::string(number)));
    ASSERT_EQ(result.errors.size(), 1u) << result.to_json();
    EXPECT_EQ(result.errors[0].type, IssueType::finite_number);
    EXPECT_EQ(result.errors[0].msg, "Input should be a finite number");
    EXPECT_EQ(result.errors[0].input, "null");  // JSON has no infinity
    EXPECT_EQ(testing::loc_text(result.errors[0].loc), "total_duration_weeks");
  }
  // The largest double is finite: an integer too large, not an infinite one.
  auto largest = validate(
      "milestones",
      replaced(plan("milestones"), weeks, "\"total_duration_weeks\": 1.7976931348623157e308"));
  EXPECT_EQ(largest.errors[0].type, IssueType::int_parsing_size);
  // Below the range it is zero, as for Pydantic.
  auto tiny = validate("milestones", replaced(plan("milestones"), "\"estimated_weeks\": 1",
                                              "\"estimated_weeks\": 1e-400"));
  ASSERT_EQ(tiny.errors.size(), 1u) << tiny.to_json();
  EXPECT_EQ(tiny.errors[0].type, IssueType::greater_than_equal);
  EXPECT_EQ(tiny.errors[0].input, "0.0");
}

TEST(JsonReader, EveryNumberKeepsItsValueAroundTheOnesTheParserRefused) {
  // Numbers simdjson refuses (beyond the double range, or integers beyond 64 bits) among ones it
  // reads, and number-like text in strings and keys: each keeps its own value, in order.
  const std::string content =
      R"({"1e400":[1,1e400,-2,"1e400",-1e400,18446744073709551616,3.5,{"k":-1e999}],)"
      R"("n":-9223372036854775809,"z":0,"big":1)" +
      std::string(400, '0') + "}";
  const std::string response = std::string(R"({"id":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",)") +
                               R"("project_id":"0e9d8c7b-6a59-4483-9271-605f4e3d2c1b",)" +
                               R"("artifact_type":"brief","version_number":1,)" +
                               R"("current_content":)" + content +
                               R"(,"has_user_edits":false,"generation_status":"idle",)" +
                               R"("schema_version":1,"created_at":"2026-11-24T05:00:00Z",)" +
                               R"("updated_at":"2026-11-24T05:00:00Z"})";
  auto result = validate_both_ways("artifact_response", response);
  ASSERT_TRUE(result.ok()) << result.to_json();
  auto value = parse(result.value);
  EXPECT_EQ(testing::to_json(value["current_content"]),
            R"({"1e400":[1,null,-2,"1e400",null,18446744073709553000.0,3.5,{"k":null}],)"
            R"("n":-9223372036854776000.0,"z":0,"big":1.7976931348623157e308})");
  // Repeated keys: the last value wins, whichever was refused.
  const std::string weeks = "\"total_duration_weeks\": 4";
  auto last_finite = validate(
      "milestones", replaced(plan("milestones"), weeks,
                             "\"total_duration_weeks\": 1e400, \"total_duration_weeks\": 4"));
  EXPECT_TRUE(last_finite.ok()) << last_finite.to_json();
  auto last_infinite = validate(
      "milestones", replaced(plan("milestones"), weeks,
                             "\"total_duration_weeks\": 4, \"total_duration_weeks\": -1e400"));
  ASSERT_EQ(last_infinite.errors.size(), 1u);
  EXPECT_EQ(last_infinite.errors[0].type, IssueType::finite_number);
}

TEST(JsonReader, MalformedNumbersStayInvalidJsonBesideRefusedOnes) {
  for (std::string_view bad : {"01", "1.", "-", "1e", "1e400.5", "--1e400", "1e400e1", "3.E+400",
                                "1.e400", "1e+", "-.5e400"}) {
    SCOPED_TRACE(bad);
    const std::string document =
        with_first_member(plan("brief"), "junk", "[1e400," + std::string(bad) + "]");
    auto result = validate_both_ways("brief", document);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].type, IssueType::json_invalid);
    // The fuzz oracles' reader agrees (it once read "3.E+400" as an overflowing number).
    EXPECT_EQ(testing::library_reads(document), testing::Root::none);
  }
}

TEST(JsonReader, OperationsReadingDocumentsSayWhatValidateSays) {
  const std::string section = R"("target_user": 1e400)";
  const std::string infinite =
      replaced(plan("brief"), "\"target_user\": \"Owner", section + R"(, "x": "Owner)");
  auto validated = validate("brief", infinite);
  ASSERT_EQ(validated.errors.size(), 1u) << validated.to_json();
  EXPECT_EQ(validated.errors[0].type, IssueType::string_type);
  // merge, diff and the Markdown export validate first: the same error under the input's name.
  auto merged = merge({.type = "brief",
                       .base = plan("brief"),
                       .ours = infinite,
                       .theirs = plan("brief"),
                       .edited_sections = {}});
  auto diffed = diff("brief", infinite, plan("brief"));
  auto markdown = to_markdown("brief", infinite);
  for (const Outcome* outcome :
       std::initializer_list<const Outcome*>{&merged, &diffed, &markdown}) {
    EXPECT_EQ(outcome->status, Status::validation_failed);
    ASSERT_EQ(outcome->errors.size(), 1u);
    EXPECT_EQ(outcome->errors[0].type, IssueType::string_type);
    EXPECT_EQ(outcome->errors[0].input, "null");
    EXPECT_EQ(std::get<std::string>(outcome->errors[0].loc.back()), "target_user");
  }
  EXPECT_NO_THROW(parse(merged.to_json()));
  EXPECT_NO_THROW(parse(diffed.to_json()));
  EXPECT_NO_THROW(parse(markdown.to_json()));
  // gate and migrate do not validate: they pass content on, an infinity written as null.
  auto gated = gate("brief", infinite, "partner");
  ASSERT_TRUE(gated.ok()) << gated.to_json();
  EXPECT_TRUE(parse(gated.value)["target_user"].IsNull());
  auto migrated = migrate("brief", infinite);
  ASSERT_TRUE(migrated.ok()) << migrated.to_json();
  EXPECT_TRUE(parse(migrated.value)["target_user"].IsNull());
  EXPECT_NO_THROW(parse(migrated.to_json()));
  // In an unknown key, every operation goes on as for any unknown key.
  const std::string ignored = with_first_member(plan("brief"), "junk", "[1e400,-1e400]");
  EXPECT_TRUE(validate("brief", ignored).ok());
  EXPECT_TRUE(merge({.type = "brief",
                     .base = plan("brief"),
                     .ours = ignored,
                     .theirs = plan("brief"),
                     .edited_sections = {}})
                  .ok());
  EXPECT_TRUE(to_markdown("brief", ignored).ok());
  auto gated_junk = gate("brief", ignored, "partner");
  ASSERT_TRUE(gated_junk.ok());
  EXPECT_FALSE(parse(gated_junk.value).HasMember("junk"));
}

}  // namespace
}  // namespace artifacts
