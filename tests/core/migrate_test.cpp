// migrate(): legacy content (no `_schema_version`) comes up to version 1; newer is refused.
#include <gtest/gtest.h>

#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;
using testing::plan;

TEST(Migrate, LegacyContentIsStampedAndKeepsEverything) {
  for (const auto* model : generation_order()) {
    SCOPED_TRACE(std::string(model->id));
    auto legacy = testing::without(plan(model->id), "/_schema_version");
    auto legacy_with_extra = testing::with_value(legacy, "/notes", R"({"kept":true})");
    auto result = migrate(model->id, legacy_with_extra);
    ASSERT_TRUE(result.ok()) << result.to_json();
    EXPECT_EQ(result.from_version, 0);
    EXPECT_EQ(result.to_version, 1);
    EXPECT_TRUE(result.value.starts_with(R"({"_schema_version":1,)"));
    auto value = parse(result.value);
    auto original = parse(legacy_with_extra);
    for (const auto& member : original.GetObject()) {
      EXPECT_EQ(value[member.name], member.value) << member.name.GetString();
    }
    EXPECT_TRUE(validate(model->id, result.value).ok());
  }
}

TEST(Migrate, CurrentContentIsUnchanged) {
  auto result = migrate("risk_log", plan("risk_log"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.from_version, 1);
  EXPECT_EQ(parse(result.value), parse(plan("risk_log")));
  auto envelope = parse(result.to_json());
  EXPECT_EQ(envelope["from_version"].GetInt(), 1);
  EXPECT_EQ(envelope["to_version"].GetInt(), 1);
}

TEST(Migrate, NewerVersionIsAClearErrorAndNoValue) {
  auto newer = testing::with_value(plan("brief"), "/_schema_version", "2");
  auto result = migrate("brief", newer);
  EXPECT_EQ(result.status, Status::schema_version_unsupported);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].msg,
            "Content has _schema_version 2; this library reads versions 0 to 1");
  EXPECT_EQ(testing::loc_text(result.errors[0].loc), "_schema_version");
  EXPECT_TRUE(result.value.empty());
  EXPECT_EQ(migrate("brief", testing::with_value(plan("brief"), "/_schema_version", "-1")).status,
            Status::schema_version_unsupported);
}

TEST(Migrate, MalformedStampAndInputAreInvalid) {
  for (const char* stamp : {R"("1")", "1.5", "null", "[]"}) {
    auto result = migrate("brief", testing::with_value(plan("brief"), "/_schema_version", stamp));
    EXPECT_EQ(result.status, Status::invalid_input) << stamp;
  }
  EXPECT_EQ(migrate("brief", "not json").status, Status::invalid_input);
  EXPECT_EQ(migrate("brief", "[]").status, Status::invalid_input);
  // Records carry no content version.
  EXPECT_EQ(migrate("artifact_response", "{}").status, Status::unknown_artifact_type);
}

}  // namespace
}  // namespace artifacts
