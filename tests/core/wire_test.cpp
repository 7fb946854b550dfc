// The boundary's wire format: the catalogues of statuses and issue types, their export with the
// registry, and the envelope's issues.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace artifacts
