// Hostile input: every operation answers with a clear error result, never a crash or an
// exception, and the next call with good input still works.
#include <gtest/gtest.h>

#include <chrono>

#include "artifacts/diagnostics.hpp"
#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::plan;

// After any bad call, the library must still answer a good one correctly.
void expect_still_usable() {
  auto result = validate("brief", plan("brief"));
  ASSERT_TRUE(result.ok()) << "module unusable after hostile input";
  EXPECT_TRUE(gate("brief", plan("brief"), "partner").ok());
  EXPECT_TRUE(migrate("brief", plan("brief")).ok());
}

struct Hostile {
  const char* name;
  std::string text;
  IssueType type;  // expected error type from validate
};

void PrintTo(const Hostile& h, std::ostream* out) {
  *out << h.name;
}

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::vector<Hostile> hostile_inputs() {
  auto big_string = std::string(R"({"problem_statement":")") + std::string(16u << 20, 'x') + "\"}";
  return {
      {"truncated", plan("brief").substr(0, 100), IssueType::json_invalid},
      {"empty", "", IssueType::json_invalid},
      {"nul_bytes", std::string("{\0}", 3), IssueType::json_invalid},
      {"invalid_utf8_continuation", "{\"problem_statement\":\"\x80\"}", IssueType::json_invalid},
      {"invalid_utf8_overlong", "{\"problem_statement\":\"\xC0\xAF\"}", IssueType::json_invalid},
      {"invalid_utf8_surrogate", "{\"problem_statement\":\"\xED\xA0\x80\"}",
       IssueType::json_invalid},
      {"invalid_utf8_ff", "{\"\xFF\":1}", IssueType::json_invalid},
      {"invalid_utf8_truncated_sequence", "{\"problem_statement\":\"\xE2\x82\"}",
       IssueType::json_invalid},
      {"lone_surrogate_escape", R"({"problem_statement":"\udc00"})", IssueType::json_invalid},
      {"nested_100000_arrays", nested(100000), IssueType::json_invalid},
      {"nested_100000_objects_in_a_section",
       [] {
         std::string text = R"({"market_analysis":)";
         for (int i = 0; i < 100000; ++i) text += R"({"a":)";
         text += "1";
         text += std::string(100000, '}');
         return text + "}";
       }(),
       IssueType::json_invalid},
      {"nesting_one_past_the_limit", nested(kMaxNestingDepth + 1), IssueType::json_invalid},
      {"string_of_16_mib", big_string, IssueType::input_too_large},
      {"nan_literal", R"({"total_duration_weeks":NaN})", IssueType::json_invalid},
      {"infinity_literal", R"({"total_duration_weeks":Infinity})", IssueType::json_invalid},
      {"minus_infinity_literal", R"({"total_duration_weeks":-Infinity})", IssueType::json_invalid},
      {"root_array", "[]", IssueType::model_type},
      {"root_string", "\"brief\"", IssueType::model_type},
      {"root_number", "1e999",
       IssueType::model_type},  // infinity, as Pydantic reads it (input null)
      {"root_true", "true", IssueType::model_type},
      {"root_null", "null", IssueType::model_type},
  };
}

class HostileInput : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileInput, ValidateFailsCleanly) {
  const Hostile& h = GetParam();
  auto result = validate("brief", h.text);
  ASSERT_FALSE(result.ok());
  ASSERT_FALSE(result.errors.empty());
  EXPECT_EQ(result.errors[0].type, h.type) << result.errors[0].msg;
  EXPECT_TRUE(result.value.empty());
  // The result is itself valid JSON, whatever bytes came in.
  EXPECT_NO_THROW(testing::parse(result.to_json()));
  expect_still_usable();
}

TEST_P(HostileInput, GateAndMigrateFailCleanly) {
  const Hostile& h = GetParam();
  auto gated = gate("brief", h.text, "partner");
  EXPECT_EQ(gated.status, Status::invalid_input);
  EXPECT_TRUE(gated.value.empty());
  EXPECT_NO_THROW(testing::parse(gated.to_json()));
  auto migrated = migrate("brief", h.text);
  EXPECT_EQ(migrated.status, Status::invalid_input);
  EXPECT_NO_THROW(testing::parse(migrated.to_json()));
  expect_still_usable();
}

// The benchmarks' parse-only step refuses what the operations refuse as JSON (not every hostile
// input is bad JSON: some are JSON of the wrong shape).
TEST_P(HostileInput, ParseOnlyStepAgreesWithValidate) {
  const Hostile& h = GetParam();
  EXPECT_EQ(parses_as_json(h.text),
            h.type != IssueType::json_invalid && h.type != IssueType::input_too_large)
      << h.name;
  EXPECT_TRUE(parses_as_json(plan("brief")));
  expect_still_usable();
}

INSTANTIATE_TEST_SUITE_P(Inputs, HostileInput, ::testing::ValuesIn(hostile_inputs()),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(HostileInput, NestingAtTheLimitParses) {
  auto result = validate("brief", nested(kMaxNestingDepth));
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].type, IssueType::model_type);  // parsed fine; just not an object
}

TEST(HostileInput, DeepJunkInAnUnknownKeyIsDroppedWithAWarning) {
  auto json = testing::with_value(plan("brief"), "/junk", nested(150));
  auto result = validate("brief", json);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.warnings.size(), 1u);
}

TEST(HostileInput, LargeDocumentUnderTheLimitValidates) {
  std::string prose(15u << 20, 'w');
  auto json = testing::with_value(plan("brief"), "/market_analysis", "\"" + prose + "\"");
  ASSERT_LT(json.size(), kMaxInputBytes);
  auto result = validate("brief", json);
  ASSERT_TRUE(result.ok());
  EXPECT_GT(result.value.size(), prose.size());
  expect_still_usable();
}

TEST(HostileInput, InputTooLargeSaysTheLimit) {
  auto result = validate("brief", std::string(kMaxInputBytes + 1, ' '));
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].msg, "Input is 16777217 bytes; the limit is 16777216 bytes");
  EXPECT_EQ(result.status, Status::invalid_input);
}

// Found by tests/js/differential.test.js: simdjson refuses integer literals beyond 64 bits, which
// made a whole valid document json_invalid (ajv and Pydantic accept it).
// `json` with `"key": raw` spliced in as its last member (a duplicate key's last value wins).
std::string with_raw_member(std::string json, const std::string& key, const std::string& raw) {
  json.erase(json.find_last_of('}'));
  return json + ",\"" + key + "\":" + raw + "}";
}

// Found by tests/js/differential.test.js: simdjson refuses integer literals beyond 64 bits, which
// made a whole valid document json_invalid (ajv and Pydantic accept it).
TEST(HostileInput, IntegersBeyond64BitsAreValuesNotInvalidJson) {
  for (std::string big : {"18446744073709551616", "-9223372036854775809", "100000000000000000000",
                          "123456789012345678901234567890"}) {
    SCOPED_TRACE(big);
    auto unknown = validate("brief", with_raw_member(plan("brief"), "junk", "[" + big + "]"));
    ASSERT_TRUE(unknown.ok()) << unknown.to_json();
    ASSERT_EQ(unknown.warnings.size(), 1u);
    auto in_string = validate("brief", with_raw_member(plan("brief"), "target_user", big));
    ASSERT_EQ(in_string.errors.size(), 1u);
    EXPECT_EQ(in_string.errors[0].type, IssueType::string_type);
    auto weeks = with_raw_member(plan("milestones"), "total_duration_weeks", big);
    auto in_integer = validate("milestones", weeks);
    ASSERT_EQ(in_integer.errors.size(), 1u);
    EXPECT_EQ(in_integer.errors[0].type, IssueType::int_parsing_size);
    ValidateOptions strict;
    strict.strict = true;
    EXPECT_FALSE(validate("milestones", weeks, strict).ok());
    EXPECT_TRUE(gate("brief", with_raw_member(plan("brief"), "junk", big), "partner").ok());
  }
  // In strings nothing changes. Past the double range an integer is still one beyond 64 bits
  // (int_parsing_size where an integer is due), and ignored in an unknown key.
  EXPECT_TRUE(
      validate("brief", with_raw_member(plan("brief"), "target_user", "\"18446744073709551616\""))
          .ok());
  const std::string beyond_double = "1" + std::string(400, '0');
  auto ignored = validate("brief", with_raw_member(plan("brief"), "junk", beyond_double));
  EXPECT_TRUE(ignored.ok()) << ignored.to_json();
  auto too_large =
      validate("milestones",
               with_raw_member(plan("milestones"), "total_duration_weeks", "-" + beyond_double));
  ASSERT_EQ(too_large.errors.size(), 1u);
  EXPECT_EQ(too_large.errors[0].type, IssueType::int_parsing_size);
  expect_still_usable();
}

// Found by tests/js/hostile.test.js: the duplicate-key check when a document becomes a RapidJSON
// value searched the members linearly, so 100 000 unknown keys took migrate and diff a minute.
TEST(HostileInput, HundredThousandKeysAreLinearWork) {
  std::string json = plan("brief");
  json.erase(json.find_last_of('}'));
  for (int i = 0; i < 100000; ++i)
    json += ",\"junk_" + std::to_string(i) + "\":[" + std::to_string(i) + "]";
  json += ",\"junk_7\":\"last\"}";  // a duplicate: the last value wins, in place
  auto started = std::chrono::steady_clock::now();
  auto migrated = migrate("brief", json);
  ASSERT_TRUE(migrated.ok());
  auto value = testing::parse(migrated.value);
  EXPECT_EQ(value.MemberCount(), 8u + 100000u);
  EXPECT_STREQ(value["junk_7"].GetString(), "last");
  EXPECT_TRUE(diff("brief", json, plan("brief")).ok());
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_LT(seconds, 20.0);  // quadratic, it was ~25 s in a release build
}

TEST(HostileInput, DuplicateKeysLastOneWins) {
  auto result = validate("brief", R"({"problem_statement":1,"problem_statement":"ok",
    "target_user":"a","value_proposition":"b","key_constraint":"c","differentiation_points":[]})");
  ASSERT_TRUE(result.ok()) << result.to_json();
  EXPECT_STREQ(testing::parse(result.value)["problem_statement"].GetString(), "ok");
  auto gated = gate("brief", R"({"problem_statement":"a","problem_statement":"b"})", "partner");
  EXPECT_EQ(gated.value, R"({"problem_statement":"b"})");
}

TEST(HostileInput, InvalidUtf8InArgumentsIsEchoedSafely) {
  auto result = validate("br\xFF\xFEief", "{}");
  EXPECT_EQ(result.status, Status::unknown_artifact_type);
  EXPECT_NO_THROW(testing::parse(result.to_json()));
  auto tier = gate("brief", "{}", "\xC3");
  EXPECT_EQ(tier.status, Status::unknown_tier);
  EXPECT_NO_THROW(testing::parse(tier.to_json()));
}

TEST(HostileInput, EchoedInvalidJsonIsTruncated) {
  std::string junk(100000, '{');
  auto result = validate("brief", junk);
  ASSERT_EQ(result.errors[0].type, IssueType::json_invalid);
  EXPECT_LT(result.errors[0].input.size(), 1100u);
}

TEST(HostileInput, ManyJunkSectionsOnlyWarn) {
  std::string json = R"({"problem_statement":"a","target_user":"b","value_proposition":"c",
    "key_constraint":"d","differentiation_points":[])";
  for (int i = 0; i < 100000; ++i)
    json += ",\"junk" + std::to_string(i) + "\":" + std::to_string(i);
  json += "}";
  auto result = validate("brief", json);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.warnings.size(), 100000u);
  EXPECT_EQ(testing::parse(result.value).MemberCount(), 5u);
}

}  // namespace
}  // namespace artifacts
