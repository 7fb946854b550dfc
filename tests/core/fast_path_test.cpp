// The fast path (a single schema-directed scan) against the full path: on every reference case,
// on generated documents and on byte-level corruptions of them, a document the scan accepts is
// one the full path finds valid, with no warning and the same value.
#include <gtest/gtest.h>

#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;

// Checks one document both ways; returns whether the fast path took it.
bool check(std::string_view type, const std::string& json, std::string_view tier = {}) {
  auto fast = validate(type, json, {.tier = tier});
  auto full = validate(type, json, {.tier = tier, .fast_path = false});
  EXPECT_EQ(fast.status, full.status) << json.substr(0, 200);
  EXPECT_EQ(fast.errors.size(), full.errors.size());
  EXPECT_EQ(fast.warnings.size(), full.warnings.size());
  if (fast.value_is_input) {
    EXPECT_TRUE(full.ok());
    EXPECT_TRUE(full.warnings.empty());
    EXPECT_FALSE(full.value_is_input);
    if (full.ok()) {
      EXPECT_EQ(parse(fast.value), parse(full.value));
    }
  }
  return fast.value_is_input;
}

TEST(FastPath, AgreesOnEveryReferenceCase) {
  auto expected = parse(testing::fixture("validation/expected.json"));
  int taken = 0;
  for (const auto& entry : expected["cases"].GetArray()) {
    std::string text(entry["text"].GetString(), entry["text"].GetStringLength());
    for (std::string_view tier : {"", "bootstrapper", "cto_scale"}) {
      taken += check(entry["model"].GetString(), text, tier);
    }
  }
  EXPECT_GT(taken, 20);  // the plan fixtures and the simple valid cases go fast
}

TEST(FastPath, TakesThePlanAndAgreesOnGeneratedDocuments) {
  std::mt19937 rng(31);
  int taken = 0, total = 0;
  for (const auto* model : generation_order()) {
    EXPECT_TRUE(check(model->id, testing::plan(model->id))) << model->id;
    for (int round = 0; round < 200; ++round) {
      auto document = parse(testing::plan(model->id));
      testing::mutate(*model, document, rng, {}, 4);
      taken += check(model->id, testing::to_json(document));
      ++total;
    }
  }
  EXPECT_GT(taken, total / 2);
}

TEST(FastPath, NeverAcceptsWhatTheFullPathRefusesUnderByteCorruption) {
  std::mt19937 rng(77);
  const std::string specials = "\"\\{}[],:0-.eE nultrf\x01\x7f\x80\xc3\xa9\xed\xa0\x80\xff";
  int checked = 0;
  for (const auto* model : generation_order()) {
    const std::string original = testing::plan(model->id);
    for (int round = 0; round < 1500; ++round) {
      std::string text = original;
      for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
        std::size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0:
            text[at] = specials[rng() % specials.size()];
            break;
          case 1:
            text.insert(at, 1, specials[rng() % specials.size()]);
            break;
          default:
            text.erase(at, 1 + rng() % 4);
        }
      }
      check(model->id, text);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 7500);
}

TEST(FastPath, LeavesConversionsWarningsAndOddNumbersToTheFullPath) {
  const std::string plan = testing::plan("milestones");
  EXPECT_FALSE(check("milestones", testing::with_value(plan, "/total_duration_weeks", R"("4")")));
  EXPECT_FALSE(check("milestones", testing::with_value(plan, "/total_duration_weeks", "4.0")));
  EXPECT_FALSE(check("milestones", testing::with_value(plan, "/extra", "1")));
  EXPECT_FALSE(check("milestones", plan, "bootstrapper"));
  EXPECT_FALSE(
      check("milestones", R"({"milestones":[],"critical_path":[],"total_duration_weeks":-0})"));
  EXPECT_FALSE(check(
      "milestones",
      R"({"milestones":[],"critical_path":[],"total_duration_weeks":4,"total_duration_weeks":5})"));
  EXPECT_TRUE(check("milestones",
                    R"({"milestones":[],"critical_path":["a\u00e9\n"],"total_duration_weeks":4})"));
  EXPECT_FALSE(check("milestones",
                     R"({"milestones":[],"critical_path":["\ud800"],"total_duration_weeks":4})"));
  EXPECT_TRUE(check(
      "milestones",
      "  "
      "{\"milestones\":[],\"critical_path\":[\"\xf0\x9f\x93\xa6\"],\"total_duration_weeks\":4}\n"));
}

}  // namespace
}  // namespace artifacts

namespace artifacts {
namespace {

// gate() copies raw member bytes when its scan is certain of the JSON, and otherwise walks a
// parsed document. A member with an escaped key (unknown, so dropped either way) sends the same
// document down the parsed path: both must give the same result.
void check_gate(std::string_view type, const std::string& json) {
  auto brace = json.find('{');
  if (brace == std::string::npos) return;
  const bool empty = json.find_first_not_of(" \n\r\t", brace + 1) == json.find('}', brace);
  std::string slow = json;
  slow.insert(brace + 1, empty ? R"("\u0078":1)" : R"("\u0078":1,)");
  for (const char* tier : {"bootstrapper", "cto_scale"}) {
    auto fast = gate(type, json, tier);
    auto full = gate(type, slow, tier);
    EXPECT_EQ(fast.status, full.status) << json.substr(0, 120);
    if (fast.ok() && full.ok()) {
      EXPECT_EQ(testing::parse(fast.value), testing::parse(full.value));
      EXPECT_EQ(fast.locked, full.locked);
    }
  }
}

TEST(FastGate, RawCopyAgreesWithTheParsedPath) {
  std::mt19937 rng(5);
  for (const auto* model : generation_order()) {
    check_gate(model->id, testing::plan(model->id));
    for (int round = 0; round < 100; ++round) {
      auto document = testing::parse(testing::plan(model->id));
      testing::mutate(*model, document, rng, {}, 4);
      check_gate(model->id, testing::to_json(document));
    }
  }
  check_gate("brief", R"({"problem_statement":"a","problem_statement":"b"})");
  check_gate("brief", R"({ "market_analysis" : { "deep" : [1, 2.5, "x\n", null, true] } })");
}

// simdjson counts a container's values one level below it, scalars included: at the deepest
// level a container must be empty. The raw copy must refuse exactly what the parser refuses.
TEST(FastGate, AgreesWithTheParserAtTheNestingLimit) {
  for (std::size_t depth = kMaxNestingDepth - 2; depth <= kMaxNestingDepth + 1; ++depth) {
    for (std::string_view inner : {"", "1", "[]", "{}", "[1]", "{\"k\":1}"}) {
      for (bool objects : {false, true}) {
        std::string json = "{\"problem_statement\":";
        for (std::size_t level = 2; level <= depth; ++level) json += objects ? "{\"k\":" : "[";
        json += inner.empty() && objects ? "1" : std::string(inner);
        for (std::size_t level = 2; level <= depth; ++level) json += objects ? "}" : "]";
        json += "}";
        check_gate("brief", json);
      }
    }
  }
}

}  // namespace
}  // namespace artifacts

namespace artifacts {
namespace {

TEST(FastPath, NeverAcceptsTheReplacementCharacter) {
  // JS skips its lone-surrogate check when the fast path accepts: TextEncoder writes U+FFFD.
  const std::string with_fffd =
      "{\"milestones\":[],\"critical_path\":[\"a\xEF\xBF\xBD\"],\"total_duration_weeks\":4}";
  auto fast = validate("milestones", with_fffd);
  EXPECT_TRUE(fast.ok());
  EXPECT_FALSE(fast.value_is_input);
}

}  // namespace
}  // namespace artifacts
