// Text that ends before its document does (a cut-off stream, a truncated LLM answer) is
// json_invalid with Pydantic's own message, word for word: every prefix of the documents in
// tests/fixtures/validation/truncations.json (written by tools/pydantic_truncations.py).
#include <gtest/gtest.h>

#include <string>

#include "artifacts/operations.hpp"
#include "artifacts/stream.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

TEST(Truncation, EveryPrefixSaysWherePydanticSaysItRanOut) {
  auto fixture = testing::parse(testing::fixture("validation/truncations.json"));
  int checked = 0;
  for (const auto& entry : fixture["cases"].GetArray()) {
    const auto& document = fixture["documents"][entry[0]];
    std::string prefix(document.GetString(), entry[1].GetUint());
    auto result = validate("brief", prefix);
    ASSERT_EQ(result.errors.size(), 1u) << prefix;
    EXPECT_EQ(result.errors[0].type, IssueType::json_invalid) << prefix;
    EXPECT_EQ(result.errors[0].msg, entry[2].GetString()) << prefix;
    ++checked;
  }
  EXPECT_GT(checked, 2000);
}

TEST(Truncation, AStreamCutOffEndsWithTheSameMessage) {
  auto fixture = testing::parse(testing::fixture("validation/truncations.json"));
  std::string text = fixture["documents"]["escapes"].GetString();
  for (std::size_t end = 1; end < text.size(); end += 7) {
    StreamValidator stream("brief");
    for (std::size_t i = 0; i < end; i += 3)
      stream.push(std::string_view(text).substr(i, std::min<std::size_t>(3, end - i)));
    auto ended = stream.end();
    ASSERT_FALSE(ended.ok());
    EXPECT_NE(ended.errors[0].msg.find("EOF while parsing"), std::string::npos)
        << ended.errors[0].msg;
  }
}

TEST(Truncation, OtherFaultsKeepTheirOwnWords) {
  for (std::string_view text : {R"({"a": 01})", R"({"a": tx)", R"({"a" 1)", R"([1,])",
                                "{\"a\": \"\x01\"", R"({"a": "\x"})", R"({"a": 1} x)"}) {
    auto result = validate("brief", text);
    ASSERT_EQ(result.errors.size(), 1u) << text;
    EXPECT_EQ(result.errors[0].msg.find("EOF while parsing"), std::string::npos) << text;
  }
}

TEST(Truncation, DeepUnclosedNestingIsRefusedWithoutRecursingOn) {
  for (std::size_t depth : {kMaxNestingDepth - 1, kMaxNestingDepth + 1, std::size_t{1} << 20}) {
    for (char open : {'[', '{'}) {
      std::string text;
      for (std::size_t i = 0; i < depth; ++i) text += open == '[' ? "[" : "{\"k\":";
      auto result = validate("brief", text);
      ASSERT_EQ(result.errors.size(), 1u);
      EXPECT_EQ(result.errors[0].type, IssueType::json_invalid);
      if (depth < kMaxNestingDepth) {
        EXPECT_TRUE(result.errors[0].msg.starts_with("Invalid JSON: EOF while parsing")) << depth;
      }
    }
  }
}

}  // namespace
}  // namespace artifacts
