// The stream validator: every fixture and reference case pushed at every chunk size and at random
// cuts keeps the stream's invariants (fuzz/targets/stream.cpp's oracle: end() is validate(), the
// events are the same however the text is cut, sections, items and text deltas agree with
// validate(), snapshots only grow); plus the events' timing, limits and argument errors.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "artifacts/registry.hpp"
#include "artifacts/stream.hpp"
#include "targets/oracles.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

struct Case {
  std::string name;
  std::string model;
  std::string text;
  bool strict = false;
};

// The brief with a string holding every kind of escape and raw multi-byte UTF-8, in a section
// and in a list item.
std::string escapes_document() {
  std::string text = testing::plan("brief");
  const std::string escapes =
      R"(Esc \" \\ \/ \b\f\n\r\t \u00e9\u00E9 \u20AC pair \ud83d\ude00 raw é — 😀 end )";
  auto insert_after = [&](std::string_view marker) {
    auto at = text.find(marker);
    EXPECT_NE(at, std::string::npos) << marker;
    text.insert(at + marker.size(), escapes);
  };
  insert_after("\"problem_statement\": \"");
  insert_after("\"differentiation_points\": [\n    \"");
  return text;
}

std::vector<Case> plan_cases() {
  std::vector<Case> cases;
  for (const auto* model : generation_order()) {
    cases.push_back({std::string(model->id), std::string(model->id), testing::plan(model->id)});
  }
  cases.push_back({"escapes", "brief", escapes_document()});
  return cases;
}

std::vector<Case> reference_cases() {
  std::vector<Case> cases;
  auto expected = testing::parse(testing::fixture("validation/expected.json"));
  for (const auto& entry : expected["cases"].GetArray()) {
    cases.push_back({entry["name"].GetString(), entry["model"].GetString(),
                     std::string(entry["text"].GetString(), entry["text"].GetStringLength()),
                     entry.HasMember("strict") && entry["strict"].IsTrue()});
  }
  return cases;
}

// Cuts every `size` bytes.
std::vector<std::size_t> every(std::size_t size, std::size_t length) {
  std::vector<std::size_t> cuts;
  for (std::size_t at = size; at < length; at += size) cuts.push_back(at);
  return cuts;
}

std::vector<std::size_t> random_cuts(std::mt19937& rng, std::size_t length) {
  std::vector<std::size_t> cuts;
  if (length < 2) return cuts;
  std::uniform_int_distribution<std::size_t> count(1, 24), at(1, length - 1);
  for (std::size_t n = count(rng); n > 0; --n) cuts.push_back(at(rng));
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

std::string check(const Case& c, std::span<const std::size_t> cuts, std::string_view tier = {}) {
  return fuzz::check_stream(c.model, c.text, {.tier = tier, .strict = c.strict}, cuts);
}

// The sweeps in full natively; under the sanitizers every 9th chunk size or cut and a tenth of the
// random rounds (their point there is memory safety, which a sample shows).
constexpr std::size_t kStep = testing::kUnderSanitizers ? 9 : 1;
constexpr int kRounds = testing::kUnderSanitizers ? 100 : 1000;

TEST(StreamValidator, PlanFixturesAtEveryChunkSize) {
  for (const auto& c : plan_cases()) {
    SCOPED_TRACE(c.name);
    for (std::size_t size = 1; size <= c.text.size(); size += kStep) {
      ASSERT_EQ(check(c, every(size, c.text.size())), "") << "chunk size " << size;
    }
  }
}

TEST(StreamValidator, PlanFixturesCutOnceAtEveryByteAndAtRandomPoints) {
  std::mt19937 rng(2026);
  for (const auto& c : plan_cases()) {
    SCOPED_TRACE(c.name);
    // One cut at each offset: inside every escape, every multi-byte character, number and literal.
    for (std::size_t at = 0; at <= c.text.size(); at += kStep) {
      const std::vector<std::size_t> cut{at};
      ASSERT_EQ(check(c, cut), "") << "cut at " << at;
    }
    for (int round = 0; round < kRounds; ++round) {
      auto cuts = random_cuts(rng, c.text.size());
      ASSERT_EQ(check(c, cuts, round % 3 == 0 ? "bootstrapper" : ""), "") << "round " << round;
    }
  }
}

// The reference cases in four shards, so that ctest runs them side by side.
void check_reference_cases(int shard) {
  std::mt19937 rng(611 + shard);
  const auto cases = reference_cases();
  for (std::size_t i = static_cast<std::size_t>(shard); i < cases.size(); i += 4) {
    const Case& c = cases[i];
    SCOPED_TRACE(c.name);
    for (std::size_t size = 1; size <= c.text.size(); size = size < 64 ? size + kStep : size * 2) {
      ASSERT_EQ(check(c, every(size, c.text.size())), "") << "chunk size " << size;
    }
    for (int round = 0; round < kRounds; ++round) {
      auto cuts = random_cuts(rng, c.text.size());
      ASSERT_EQ(check(c, cuts), "") << "round " << round;
    }
  }
}

TEST(StreamValidator, ReferenceCasesShard0) {
  check_reference_cases(0);
}
TEST(StreamValidator, ReferenceCasesShard1) {
  check_reference_cases(1);
}
TEST(StreamValidator, ReferenceCasesShard2) {
  check_reference_cases(2);
}
TEST(StreamValidator, ReferenceCasesShard3) {
  check_reference_cases(3);
}

// Pushes `text` in pieces of `size` bytes; returns every event.
std::vector<StreamEvent> push_all(StreamValidator& validator, std::string_view text,
                                  std::size_t size) {
  std::vector<StreamEvent> all;
  for (std::size_t at = 0; at < text.size(); at += size) {
    const auto events = validator.push(text.substr(at, size));
    all.insert(all.end(), events.begin(), events.end());
  }
  return all;
}

TEST(StreamValidator, TruncatedDocumentsEndAsValidateSays) {
  std::string text = testing::plan("mvp_scope");
  text.erase(text.find_last_not_of(" \n") + 1);  // the last byte completes the document
  for (std::size_t length = 0; length < text.size(); ++length) {
    const std::string_view prefix = std::string_view(text).substr(0, length);
    StreamValidator validator("mvp_scope");
    auto events = push_all(validator, prefix, 7);
    for (const auto& event : events) ASSERT_NE(event.kind, StreamEventKind::error) << length;
    auto result = validator.end();
    ASSERT_EQ(result.to_json(), validate("mvp_scope", prefix).to_json());
    ASSERT_EQ(result.status, Status::invalid_input);
    ASSERT_EQ(result.errors.at(0).type, IssueType::json_invalid);
    // Pydantic's words for a cut-off document, wherever the cut is (truncation_test checks them
    // word for word).
    EXPECT_TRUE(result.errors[0].msg.starts_with("Invalid JSON: EOF while parsing "))
        << result.errors[0].msg;
  }
}

TEST(StreamValidator, EventsArriveAsTheirTextDoes) {
  StreamValidator validator("brief", {.tier = "bootstrapper"});
  EXPECT_TRUE(validator.push(R"({"_schema_version": 1, "problem_st)").empty());
  auto events = validator.push(R"(atement": "We h)");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, StreamEventKind::section_start);
  EXPECT_EQ(events[0].section, "problem_statement");
  EXPECT_EQ(events[1].kind, StreamEventKind::text);
  EXPECT_EQ(events[1].path, (Path{"problem_statement"}));
  EXPECT_EQ(events[1].delta, "We h");
  // Half of "é" and half of an escape are held back until they are whole.
  events = validator.push("elp \xC3");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].delta, "elp ");
  EXPECT_EQ(validator.push("\xA9\\u00").back().delta, "\xC3\xA9");
  EXPECT_EQ(validator.push("e9\\ud83d").back().delta, "\xC3\xA9");
  EXPECT_TRUE(validator.push("\\ud").empty());
  EXPECT_EQ(validator.push("e00").back().delta, "\xF0\x9F\x98\x80");
  EXPECT_EQ(validator.snapshot(),
            R"({"_schema_version": 1, "problem_statement": "We help é\u00e9\ud83d\ude00"})");
  events = validator.push(R"(", "extra": 1, "market_analysis": "M)");
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].kind, StreamEventKind::section_complete);
  // Valid as written, the value is its own text (escapes as written), as validate() gives a
  // document valid as written; the same JSON value either way.
  EXPECT_EQ(testing::parse(events[0].value),
            testing::parse("\"We help \xC3\xA9\xC3\xA9\xF0\x9F\x98\x80\""));
  EXPECT_EQ(events[1].kind, StreamEventKind::warning);
  EXPECT_EQ(events[1].issue.type, IssueType::unknown_key);
  EXPECT_EQ(events[1].issue.loc, (Path{"extra"}));
  EXPECT_EQ(events[2].kind, StreamEventKind::section_start);
  EXPECT_EQ(events[3].kind, StreamEventKind::warning);  // a Partner section
  EXPECT_EQ(events[3].issue.type, IssueType::tier_locked);
  EXPECT_EQ(events[4].kind, StreamEventKind::text);
  events = validator.push(R"(", "differentiation_points": ["a", 3, )");
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].kind, StreamEventKind::section_complete);
  EXPECT_EQ(events[1].kind, StreamEventKind::section_start);
  EXPECT_EQ(events[2].kind, StreamEventKind::text);
  EXPECT_EQ(events[2].path, (Path{"differentiation_points", std::size_t{0}}));
  EXPECT_EQ(events[3].kind, StreamEventKind::item_complete);
  EXPECT_TRUE(events[3].ok);
  EXPECT_EQ(events[3].value, "\"a\"");
  const auto& item = events[4];
  EXPECT_EQ(item.kind, StreamEventKind::item_complete);
  EXPECT_EQ(item.path, (Path{"differentiation_points", std::size_t{1}}));
  EXPECT_FALSE(item.ok);
  ASSERT_EQ(item.errors.size(), 1u);
  EXPECT_EQ(item.errors[0].loc, (Path{"differentiation_points", std::size_t{1}}));
  EXPECT_EQ(item.errors[0].type, IssueType::string_type);
  EXPECT_EQ(
      validator.snapshot(),
      R"({"_schema_version": 1, "problem_statement": "We help é\u00e9\ud83d\ude00", "extra": 1, "market_analysis": "M", "differentiation_points": ["a", 3]})");
}

TEST(StreamValidator, InvalidJsonStopsTheEventsOnce) {
  StreamValidator validator("brief");
  const std::string text = R"({"problem_statement": "a" x, "target_user": "b"})";
  auto events = push_all(validator, text, 3);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().kind, StreamEventKind::error);
  EXPECT_EQ(events.back().issue.type, IssueType::json_invalid);
  EXPECT_TRUE(validator.push("more").empty());
  EXPECT_EQ(validator.end().to_json(), validate("brief", text + "more").to_json());
}

TEST(StreamValidator, UnknownTypeAndTierAreData) {
  StreamValidator unknown_type("no_such_type");
  auto expected = validate("no_such_type", "{}");
  EXPECT_EQ(unknown_type.setup().status, expected.status);
  EXPECT_EQ(unknown_type.setup().errors.size(), 1u);
  EXPECT_TRUE(unknown_type.push("{}").empty());
  EXPECT_EQ(unknown_type.end().to_json(), expected.to_json());

  StreamValidator unknown_tier("brief", {.tier = "gold"});
  EXPECT_EQ(unknown_tier.setup().status, Status::unknown_tier);
  EXPECT_TRUE(unknown_tier.push("{}").empty());
  EXPECT_EQ(unknown_tier.end().to_json(), validate("brief", "{}", {.tier = "gold"}).to_json());
}

std::string nested(std::size_t depth) {
  return R"({"differentiation_points": )" + std::string(depth, '[') + std::string(depth, ']') + "}";
}

TEST(StreamValidator, DepthLimitAsValidate) {
  // The root object counts: kMaxNestingDepth containers in all are read, one more is not.
  for (std::size_t depth : {kMaxNestingDepth - 2, kMaxNestingDepth - 1, kMaxNestingDepth,
                            kMaxNestingDepth + 1, std::size_t{10000}}) {
    SCOPED_TRACE(depth);
    const std::string text = nested(depth);
    StreamValidator validator("brief");
    auto events = push_all(validator, text, 5);
    const bool refused = !events.empty() && events.back().kind == StreamEventKind::error;
    auto expected = validate("brief", text);
    EXPECT_EQ(refused, depth + 1 > kMaxNestingDepth);
    EXPECT_EQ(validator.end().to_json(), expected.to_json());
    const std::vector<std::size_t> cuts{text.size() / 2};
    EXPECT_EQ(fuzz::check_stream("brief", text, {}, cuts), "");
  }
}

TEST(StreamValidator, SizeLimitAsValidate) {
  std::string text = testing::plan("brief");
  text.insert(1, kMaxInputBytes + 1 - text.size(), ' ');  // one byte over, all whitespace
  StreamValidator validator("brief");
  std::vector<StreamEvent> errors;
  for (std::size_t at = 0; at < text.size(); at += 1 << 16) {
    for (const auto& event : validator.push(std::string_view(text).substr(at, 1 << 16))) {
      if (event.kind == StreamEventKind::error) errors.push_back(event);
    }
  }
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].issue.type, IssueType::input_too_large);
  auto result = validator.end();
  EXPECT_EQ(result.to_json(), validate("brief", text).to_json());
  EXPECT_EQ(result.status, Status::invalid_input);

  // At the limit exactly, the document is read.
  text.erase(1, 1);
  StreamValidator at_limit("brief");
  push_all(at_limit, text, 1 << 16);
  EXPECT_EQ(at_limit.end().to_json(), validate("brief", text).to_json());
}

TEST(StreamValidator, EventsSerialiseAsSnakeCaseJson) {
  StreamValidator validator("brief");
  auto json = stream_events_json(validator.push(R"({"problem_statement": "a", "x": 1)"));
  EXPECT_TRUE(testing::is_json(json)) << json;
  EXPECT_EQ(
      json,
      R"([{"kind":"section_start","section":"problem_statement"},)"
      R"({"kind":"text","path":["problem_statement"],"delta":"a"},)"
      R"({"kind":"section_complete","section":"problem_statement","value":"a","ok":true,"errors":[]},)"
      R"({"kind":"warning","issue":{"type":"unknown_key","loc":["x"],"msg":"Unknown key is ignored"}}])");
}

}  // namespace
}  // namespace artifacts
