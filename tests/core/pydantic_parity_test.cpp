// Every case of tests/fixtures/validation/expected.json (written by tools/pydantic_reference.py
// from Pydantic 2) gives the same verdict, errors and normalised value here.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::fixture;
using testing::parse;
using testing::to_json;

struct ParityCase {
  std::string name;
  std::string model;
  std::string text;
  bool strict;
  std::string expected;  // JSON: {ok, errors, value}
};

std::vector<ParityCase> load_cases() {
  static const auto expected = parse(fixture("validation/expected.json"));
  std::vector<ParityCase> cases;
  for (const auto& entry : expected["cases"].GetArray()) {
    cases.push_back({entry["name"].GetString(), entry["model"].GetString(),
                     std::string(entry["text"].GetString(), entry["text"].GetStringLength()),
                     entry["strict"].GetBool(), to_json(entry)});
  }
  return cases;
}

void PrintTo(const ParityCase& param, std::ostream* out) {
  *out << param.name;
}

class PydanticParity : public ::testing::TestWithParam<ParityCase> {};

// Pydantic's verdict, errors and value, from validate with or without its fast path.
void expect_pydantic_answer(const ParityCase& param, bool fast_path) {
  auto expected = parse(param.expected);
  auto result = validate(param.model, param.text, {.strict = param.strict, .fast_path = fast_path});
  auto actual = parse(result.to_json());

  ASSERT_EQ(actual["ok"].GetBool(), expected["ok"].GetBool()) << result.to_json();
  const auto& want = expected["errors"];
  const auto& got = actual["errors"];
  ASSERT_EQ(got.Size(), want.Size()) << result.to_json();
  for (rapidjson::SizeType i = 0; i < want.Size(); ++i) {
    SCOPED_TRACE("error " + std::to_string(i) + ": " + to_json(want[i]));
    EXPECT_EQ(got[i]["type"], want[i]["type"]);
    EXPECT_EQ(got[i]["loc"], want[i]["loc"]) << to_json(got[i]["loc"]);
    if (std::string_view(want[i]["type"].GetString()) == "json_invalid") {
      // Our parser's messages have no line/column; the type, loc and prefix must agree.
      EXPECT_TRUE(std::string_view(got[i]["msg"].GetString()).starts_with("Invalid JSON: "));
      continue;
    }
    EXPECT_EQ(got[i]["msg"], want[i]["msg"]) << got[i]["msg"].GetString();
    EXPECT_EQ(got[i]["input"], want[i]["input"]) << to_json(got[i]["input"]);
    if (want[i].HasMember("ctx")) {
      ASSERT_TRUE(got[i].HasMember("ctx"));
      EXPECT_EQ(got[i]["ctx"], want[i]["ctx"]) << to_json(got[i]["ctx"]);
    } else {
      EXPECT_FALSE(got[i].HasMember("ctx"));
    }
  }
  EXPECT_EQ(actual["value"], expected["value"]) << to_json(actual["value"]);
}

TEST_P(PydanticParity, SameVerdictErrorsAndValue) {
  expect_pydantic_answer(GetParam(), /*fast_path=*/true);
}

// The full path decides alone what the fast path leaves to it: it must get every case right too.
TEST_P(PydanticParity, SameWithoutTheFastPath) {
  expect_pydantic_answer(GetParam(), /*fast_path=*/false);
}

std::string case_name(const ::testing::TestParamInfo<ParityCase>& info) {
  std::string name = std::to_string(info.index) + "_";
  for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Expected, PydanticParity, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
}  // namespace artifacts
