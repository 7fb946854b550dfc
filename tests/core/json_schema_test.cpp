// jsonSchema(): checked against golden files (tests/golden/json-schema/), and for its shape.
// After a deliberate registry change, refresh the files with ARTIFACTS_UPDATE_GOLDEN=1 and
// review the diff.
#include <gtest/gtest.h>
#include <rapidjson/prettywriter.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

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
  auto target = json_schema("brief", "", "gemini");
  EXPECT_EQ(target.status, Status::invalid_input);
  ASSERT_EQ(target.errors.size(), 1u);
  EXPECT_EQ(target.errors[0].type, IssueType::unknown_target);
  // Provider schemas describe what an LLM writes: artifacts, not records.
  EXPECT_EQ(json_schema("artifact_response", "", "openai").status, Status::unknown_artifact_type);
  EXPECT_TRUE(json_schema("artifact_response", "", "draft-2020-12").ok());
}

TEST(JsonSchema, DraftTargetIsTheDefault) {
  EXPECT_EQ(json_schema("risk_log", "partner", "draft-2020-12").value,
            json_schema("risk_log", "partner").value);
}

// Every object of a provider schema, the root and each $defs entry.
std::vector<const rapidjson::Value*> objects_of(const rapidjson::Value& schema) {
  std::vector<const rapidjson::Value*> objects{&schema};
  if (schema.HasMember("$defs")) {
    for (const auto& def : schema["$defs"].GetObject()) objects.push_back(&def.value);
  }
  return objects;
}

TEST(JsonSchema, OpenAiTargetIsTheStrictSubset) {
  for (const auto* model : generation_order()) {
    for (auto tier : {"bootstrapper", "partner", "cto_scale"}) {
      auto result = json_schema(model->id, tier, "openai");
      ASSERT_TRUE(result.ok()) << model->id;
      auto schema = parse(result.value);
      EXPECT_FALSE(schema.HasMember("$schema"));
      for (const auto* object : objects_of(schema)) {
        EXPECT_STREQ((*object)["type"].GetString(), "object");
        EXPECT_FALSE((*object)["additionalProperties"].GetBool());
        EXPECT_EQ((*object)["required"].Size(), (*object)["properties"].MemberCount())
            << model->id << " " << tier;
        for (const auto& property : (*object)["properties"].GetObject()) {
          EXPECT_NE(property.name.GetString()[0], '_') << "the version stamp is not the model's";
          EXPECT_FALSE(property.value.HasMember("default"));
          EXPECT_FALSE(property.value.HasMember("minimum"));
        }
      }
    }
  }
  // The tier's optional sections are required and nullable; higher tiers' are absent.
  auto partner = parse(json_schema("brief", "partner", "openai").value);
  EXPECT_TRUE(partner["properties"]["market_analysis"].HasMember("anyOf"));
  EXPECT_FALSE(partner["properties"].HasMember("competitive_strategy"));
}

TEST(JsonSchema, AnthropicTargetKeepsOptionalSectionsOptional) {
  auto schema = parse(json_schema("milestones", "cto_scale", "anthropic").value);
  for (const auto* object : objects_of(schema)) {
    EXPECT_FALSE((*object)["additionalProperties"].GetBool());
  }
  std::vector<std::string> required;
  for (const auto& key : schema["required"].GetArray()) required.emplace_back(key.GetString());
  EXPECT_EQ(required,
            (std::vector<std::string>{"milestones", "critical_path", "total_duration_weeks"}));
  EXPECT_FALSE(schema["$defs"]["Milestone"]["properties"]["estimated_weeks"].HasMember("minimum"));
}

}  // namespace
}  // namespace artifacts
