// jsonSchema(): checked against golden files (tests/golden/json-schema/), and for its shape.
// After a deliberate registry change, refresh the files with ARTIFACTS_UPDATE_GOLDEN=1 and
// review the diff.
#include <gtest/gtest.h>
#include <rapidjson/prettywriter.h>

#include <cstdlib>
#include <fstream>

#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;

std::string golden_path(std::string_view type, std::string_view tier) {
  return std::string(ARTIFACTS_FIXTURES_DIR) + "/../golden/json-schema/" + std::string(type) + "." +
         std::string(tier) + ".json";
}

std::string pretty(std::string_view json) {
  auto document = parse(json);
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  document.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::vector<std::pair<std::string_view, std::string_view>> golden_cases() {
  std::vector<std::pair<std::string_view, std::string_view>> cases;
  for (const auto* model : generation_order()) {
    for (auto tier : tier_names()) cases.emplace_back(model->id, tier);
  }
  for (const auto* model : record_models()) cases.emplace_back(model->id, "cto_scale");
  return cases;
}

TEST(JsonSchema, MatchesGoldenFiles) {
  const bool update = std::getenv("ARTIFACTS_UPDATE_GOLDEN") != nullptr;
  for (auto [type, tier] : golden_cases()) {
    SCOPED_TRACE(std::string(type) + " at " + std::string(tier));
    auto result = json_schema(type, tier);
    ASSERT_TRUE(result.ok());
    if (update) {
      std::ofstream(golden_path(type, tier), std::ios::binary) << pretty(result.value);
      continue;
    }
    EXPECT_EQ(pretty(result.value), testing::read_file(golden_path(type, tier)));
  }
}

TEST(JsonSchema, PropertiesFollowTheTierAndCarryDescriptions) {
  for (const auto* model : generation_order()) {
    for (auto tier_text : tier_names()) {
      auto schema = parse(json_schema(model->id, tier_text).value);
      EXPECT_STREQ(schema["$schema"].GetString(), "https://json-schema.org/draft/2020-12/schema");
      const auto& properties = schema["properties"];
      Tier tier = *parse_tier(tier_text);
      std::vector<std::string> required;
      for (const auto& field : model->fields) {
        std::string key(field.key);
        EXPECT_EQ(properties.HasMember(key.c_str()), tier_allows(tier, field.tier)) << key;
        if (properties.HasMember(key.c_str())) {
          EXPECT_EQ(properties[key.c_str()]["description"].GetString(), field.description);
        }
        if (field.required) required.push_back(key);
      }
      std::vector<std::string> listed;
      for (const auto& item : schema["required"].GetArray()) listed.emplace_back(item.GetString());
      EXPECT_EQ(listed, required);
    }
  }
}

TEST(JsonSchema, NoTierMeansEverySection) {
  EXPECT_EQ(json_schema("brief").value, json_schema("brief", "cto_scale").value);
}

TEST(JsonSchema, ItemModelsAreDefsWithConstraints) {
  auto schema = parse(json_schema("milestones", "bootstrapper").value);
  const auto& milestone = schema["$defs"]["Milestone"];
  EXPECT_EQ(milestone["properties"]["estimated_weeks"]["minimum"].GetInt(), 1);
  EXPECT_STREQ(schema["properties"]["milestones"]["items"]["$ref"].GetString(),
               "#/$defs/Milestone");
  auto mvp = parse(json_schema("mvp_scope").value);
  const auto& priority = mvp["$defs"]["FeatureItem"]["properties"]["priority"]["enum"];
  ASSERT_EQ(priority.Size(), 3u);
  EXPECT_STREQ(priority[0].GetString(), "high");
}

TEST(JsonSchema, BadArgumentsAreClearErrors) {
  EXPECT_EQ(json_schema("deck").status, Status::unknown_artifact_type);
  EXPECT_EQ(json_schema("brief", "platinum").status, Status::unknown_tier);
}

}  // namespace
}  // namespace artifacts
