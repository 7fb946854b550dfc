// The boundary's wire format: the catalogues of statuses and issue types, their export with the
// registry, and the result envelopes' keys (every one snake_case).
#include <gtest/gtest.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <regex>
#include <set>

#include "artifacts/markdown.hpp"
#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;
using testing::plan;
using testing::with_value;

bool snake_case(std::string_view name) {
  static const std::regex kSnakeCase("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  return std::regex_match(name.begin(), name.end(), kSnakeCase);
}

TEST(Catalogue, EveryIssueTypeOnceWithItsOwnName) {
  std::set<std::string_view> names;
  std::size_t index = 0;
  for (IssueType type : issue_types()) {
    EXPECT_EQ(static_cast<std::size_t>(type), index++);  // declaration order, none left out
    EXPECT_TRUE(snake_case(issue_type_name(type))) << issue_type_name(type);
    EXPECT_TRUE(names.insert(issue_type_name(type)).second) << issue_type_name(type);
  }
  EXPECT_EQ(issue_types().back(), IssueType::schema_version_unsupported);
  EXPECT_EQ(issue_type_name(IssueType::missing), "missing");
  EXPECT_EQ(issue_type_name(IssueType::enumeration), "enum");  // Pydantic's name
  EXPECT_EQ(issue_type_name(IssueType::unknown_key), "unknown_key");
}

TEST(Catalogue, EveryStatusOnceWithItsOwnCode) {
  std::set<std::string_view> codes;
  std::size_t index = 0;
  for (Status status : statuses()) {
    EXPECT_EQ(static_cast<std::size_t>(status), index++);
    EXPECT_TRUE(snake_case(status_code(status))) << status_code(status);
    EXPECT_TRUE(codes.insert(status_code(status)).second) << status_code(status);
  }
  EXPECT_EQ(statuses().size(), 6u);
  EXPECT_EQ(status_code(Status::ok), "ok");
  EXPECT_EQ(status_code(Status::schema_version_unsupported), "schema_version_unsupported");
}

TEST(Catalogue, ExportedWithTheRegistry) {
  auto registry = parse(registry_json());
  ASSERT_TRUE(registry["statuses"].IsArray());
  ASSERT_EQ(registry["statuses"].Size(), statuses().size());
  for (std::size_t i = 0; i < statuses().size(); ++i) {
    EXPECT_EQ(registry["statuses"][i].GetString(), status_code(statuses()[i]));
  }
  ASSERT_TRUE(registry["issue_types"].IsArray());
  ASSERT_EQ(registry["issue_types"].Size(), issue_types().size());
  for (std::size_t i = 0; i < issue_types().size(); ++i) {
    EXPECT_EQ(registry["issue_types"][i].GetString(), issue_type_name(issue_types()[i]));
  }
}

// Every key of the envelope and of the result's own fields; values that are content (value,
// patch, a conflict's documents) are the caller's data and are not walked.
void expect_snake_case_keys(const rapidjson::Value& value, const std::string& where) {
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) expect_snake_case_keys(item, where);
    return;
  }
  if (!value.IsObject()) return;
  for (const auto& member : value.GetObject()) {
    std::string_view key(member.name.GetString(), member.name.GetStringLength());
    EXPECT_TRUE(snake_case(key)) << key << " in " << where;
    static const std::set<std::string_view> kContent = {"value", "patch",  "identity", "base",
                                                        "ours",  "theirs", "input",    "ctx"};
    if (!kContent.contains(key)) expect_snake_case_keys(member.value, where);
  }
}

TEST(Envelope, EveryResultsKeysAreSnakeCase) {
  auto edited = with_value(plan("brief"), "/target_user", R"("Ours")");
  auto changed = with_value(plan("brief"), "/target_user", R"("Theirs")");
  const std::string merge_json = R"({"type":"brief","base":)" + plan("brief") + R"(,"ours":)" +
                                 edited + R"(,"theirs":)" + changed +
                                 R"(,"edited_sections":["target_user"]})";
  const std::vector<std::pair<std::string, std::string>> results = {
      {"validate",
       validate("brief", with_value(plan("brief"), "/x", "1"), {.tier = "partner"}).to_json()},
      {"validate as written", validate("brief", plan("brief"), {.want_value = false}).to_json()},
      {"validate failed", validate("brief", "{}").to_json()},
      {"gate", gate("brief", plan("brief"), "bootstrapper").to_json()},
      {"schema", json_schema("brief").to_json()},
      {"migrate", migrate("brief", testing::without(plan("brief"), "/_schema_version")).to_json()},
      {"merge", merge_request(merge_json).to_json()},
      {"diff", diff("milestones", plan("milestones"),
                    with_value(plan("milestones"), "/milestones/0/title", R"("Other")"))
                   .to_json()},
      {"markdown", to_markdown("brief", plan("brief")).to_json()},
      {"unknown type", gate("deck", "{}", "partner").to_json()},
  };
  for (const auto& [name, json] : results) {
    SCOPED_TRACE(name);
    auto envelope = parse(json);
    ASSERT_TRUE(envelope.IsObject()) << json;
    expect_snake_case_keys(envelope, name);
  }
}

TEST(Envelope, RenamedKeys) {
  auto as_written = parse(validate("brief", plan("brief"), {.want_value = false}).to_json());
  EXPECT_TRUE(as_written["value_is_input"].GetBool());
  auto migrated =
      parse(migrate("brief", testing::without(plan("brief"), "/_schema_version")).to_json());
  EXPECT_EQ(migrated["from_version"].GetInt(), 0);
  EXPECT_EQ(migrated["to_version"].GetInt(), kCurrentSchemaVersion);
  auto edited = with_value(plan("brief"), "/target_user", R"("Ours")");
  auto merged = parse(merge_request(R"({"type":"brief","base":)" + plan("brief") + R"(,"ours":)" +
                                    edited + R"(,"theirs":)" + plan("brief") +
                                    R"(,"edited_sections":["target_user"]})")
                          .to_json());
  ASSERT_TRUE(merged["ok"].GetBool());
  ASSERT_EQ(merged["edited_sections"].Size(), 1u);
  EXPECT_STREQ(merged["edited_sections"][0].GetString(), "target_user");
  EXPECT_STREQ(merged["kept"][0].GetString(), "target_user");
}

TEST(Envelope, IssuesCarryTheirTypeNames) {
  auto result = validate("brief", with_value(R"({"target_user":"x"})", "/extra", "1"));
  auto envelope = parse(result.to_json());
  EXPECT_STREQ(envelope["code"].GetString(), "validation_failed");
  ASSERT_EQ(envelope["errors"].Size(), result.errors.size());
  for (std::size_t i = 0; i < result.errors.size(); ++i) {
    EXPECT_EQ(envelope["errors"][i]["type"].GetString(), issue_type_name(result.errors[i].type));
  }
  EXPECT_STREQ(envelope["errors"][0]["type"].GetString(), "missing");
  EXPECT_STREQ(envelope["warnings"][0]["type"].GetString(), "unknown_key");
}

TEST(Requests, ReadEditedSectionsInSnakeCase) {
  EXPECT_EQ(merge_request(R"({"type":"brief","edited_sections":"target_user"})").status,
            Status::invalid_input);
  auto unknown = merge_request(R"({"type":"brief","edited_sections":["pitch"]})");
  EXPECT_EQ(unknown.status, Status::invalid_input);
  ASSERT_EQ(unknown.errors.size(), 1u);
  EXPECT_EQ(unknown.errors[0].type, IssueType::unknown_section);
  EXPECT_EQ(testing::loc_text(unknown.errors[0].loc), "edited_sections");
}

// Strings are written in runs, not byte by byte, and still exactly as RapidJSON's own writer
// writes them: every byte value, alone and inside longer text, escapes at every offset of a run.
TEST(Envelope, StringsAreWrittenAsRapidJsonWritesThem) {
  std::vector<std::string> texts = {"", "plain ASCII text", "caf\xC3\xA9 \xE2\x82\xAC"};
  for (int byte = 0; byte < 256; ++byte) {
    texts.emplace_back(1, static_cast<char>(byte));
    for (std::size_t at : {0, 3, 7, 8, 9, 15, 16, 17}) {
      std::string text(24, 'x');
      text[at] = static_cast<char>(byte);
      texts.push_back(text);
    }
  }
  texts.emplace_back("\"quoted\" \\ back\\slash\b\f\n\r\t\x01\x1F\x7F end");
  for (const auto& text : texts) {
    WordDiffResult result;
    result.pieces.push_back({DiffOp::equal, text});
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> reference(buffer);
    reference.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    const std::string expected =
        std::string("{\"op\":\"equal\",\"text\":") + buffer.GetString() + "}";
    EXPECT_NE(result.to_json().find(expected), std::string::npos) << result.to_json();
  }
}

}  // namespace
}  // namespace artifacts
