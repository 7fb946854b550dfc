// The registry itself: the shape the domain gives it (five artifacts, tiers, item models), and
// being the one place fields are listed.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

bool in_we_voice(std::string_view text) {
  for (std::string_view word : {"we ", "We ", "our ", "us", "Our "}) {
    if (text.find(word) != std::string_view::npos) return true;
  }
  return false;
}

TEST(Registry, ArtifactSectionsFollowTheTierRules) {
  for (const auto* model : generation_order()) {
    SCOPED_TRACE(std::string(model->id));
    ASSERT_FALSE(model->fields.empty());
    EXPECT_EQ(model->fields[0].key, kSchemaVersionKey);
    int business = 0, strategic = 0;
    for (const auto& field : model->fields) {
      if (field.key == kSchemaVersionKey) continue;
      if (field.tier == SectionTier::core) {
        EXPECT_TRUE(field.required && !field.nullable) << field.key;
      } else {
        EXPECT_TRUE(!field.required && field.nullable) << field.key;
        (field.tier == SectionTier::business ? business : strategic)++;
      }
    }
    EXPECT_EQ(business, 1);
    EXPECT_EQ(strategic, 1);
  }
}

TEST(Registry, EveryFieldHasAWeVoiceDescription) {
  std::vector<const ModelSpec*> all;
  for (auto group : {generation_order(), record_models(), item_models()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  for (const auto* model : all) {
    EXPECT_FALSE(model->title.empty());
    for (const auto& field : model->fields) {
      EXPECT_TRUE(in_we_voice(field.description))
          << model->id << "." << field.key << ": " << field.description;
    }
  }
}

TEST(Registry, ItemIdentitiesAreFieldsOfTheirModels) {
  for (const auto* item : item_models()) {
    ASSERT_FALSE(item->identity.empty()) << item->id;
    EXPECT_NE(find_field(*item, item->identity), nullptr) << item->id;
  }
}

TEST(Registry, TiersInOrder) {
  EXPECT_EQ(parse_tier("bootstrapper"), Tier::bootstrapper);
  EXPECT_EQ(parse_tier("cto_scale"), Tier::cto_scale);
  EXPECT_EQ(parse_tier("CTO_SCALE"), std::nullopt);
  EXPECT_TRUE(tier_allows(Tier::partner, SectionTier::business));
  EXPECT_FALSE(tier_allows(Tier::partner, SectionTier::strategic));
  EXPECT_FALSE(tier_allows(Tier::bootstrapper, SectionTier::business));
}

TEST(Registry, ExportIsJsonWithEveryModel) {
  auto registry = testing::parse(registry_json());
  EXPECT_EQ(registry["generation_order"].Size(), 5u);
  EXPECT_EQ(registry["records"].Size(), 6u);
  EXPECT_EQ(registry["items"].Size(), 4u);
  EXPECT_EQ(registry["schema_version"].GetInt(), kCurrentSchemaVersion);
}

// The records and rules the package's JS derives from the export instead of listing them.
TEST(Registry, ExportCarriesTheRecordsAndRules) {
  auto registry = testing::parse(registry_json());
  // Section kinds map one to one onto the tier that first sees them.
  EXPECT_STREQ(registry["section_tiers"]["core"].GetString(), "bootstrapper");
  EXPECT_STREQ(registry["section_tiers"]["business"].GetString(), "partner");
  EXPECT_STREQ(registry["section_tiers"]["strategic"].GetString(), "cto_scale");
  ASSERT_EQ(registry["generation_statuses"].Size(), 3u);
  EXPECT_STREQ(registry["generation_statuses"][0].GetString(), "idle");
  // The boundary's model indexes: artifact types in order, then the record models.
  const auto& ids = registry["model_ids"];
  ASSERT_EQ(ids.Size(), model_count());
  for (rapidjson::SizeType i = 0; i < ids.Size(); ++i) {
    EXPECT_EQ(std::string_view(ids[i].GetString()), model_at(i)->id);
    EXPECT_EQ(find_model(ids[i].GetString()), model_at(i));
  }
  EXPECT_EQ(model_at(model_count()), nullptr);
  // The cascade: the brief fails the rest, the MVP scope skips them, the others go on.
  ASSERT_EQ(registry["cascade_rules"].Size(), 3u);
  const auto& order = registry["generation_order"];
  EXPECT_STREQ(order[0]["on_failure"].GetString(), "fail_rest");
  EXPECT_STREQ(order[1]["on_failure"].GetString(), "skip_rest");
  for (rapidjson::SizeType i = 2; i < order.Size(); ++i) {
    EXPECT_STREQ(order[i]["on_failure"].GetString(), "continue");
  }
  // The version stamp is the one field of an artifact that is not a section.
  for (const auto& model : order.GetArray()) {
    for (const auto& field : model["fields"].GetArray()) {
      EXPECT_EQ(field["section"].GetBool(),
                std::string_view(field["key"].GetString()) != kSchemaVersionKey);
      EXPECT_STREQ(field["min_tier"].GetString(),
                   registry["section_tiers"][field["tier"].GetString()].GetString());
    }
  }
}

// The stored record is the API's record plus the extensions, in that order, and its
// generation_status is the lifecycle's literal.
TEST(Registry, StoredRecordExtendsTheApiRecord) {
  const auto* response = find_model("artifact_response");
  const auto* stored = find_model("artifact_record");
  ASSERT_NE(response, nullptr);
  ASSERT_NE(stored, nullptr);
  ASSERT_GT(stored->fields.size(), response->fields.size());
  for (std::size_t i = 0; i < response->fields.size(); ++i) {
    EXPECT_EQ(stored->fields[i].key, response->fields[i].key);
  }
  for (std::size_t i = response->fields.size(); i < stored->fields.size(); ++i) {
    EXPECT_TRUE(stored->fields[i].nullable) << stored->fields[i].key;
    EXPECT_FALSE(stored->fields[i].required) << stored->fields[i].key;
  }
  const auto* status = find_field(*stored, "generation_status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->type->kind, Kind::literal);
  ASSERT_EQ(status->type->choices.size(), generation_statuses().size());
  EXPECT_EQ(status->type->choices[2], "failed");
}

// "If you find yourself listing field names twice, stop and derive": no section id or item
// field appears as a string literal anywhere in core/ but the registry table.
TEST(Registry, IsTheOnlyPlaceAFieldNameIsListed) {
  std::set<std::string> names;
  for (auto group : {generation_order(), item_models()}) {
    for (const auto* model : group) {
      for (const auto& field : model->fields) names.insert("\"" + std::string(field.key) + "\"");
    }
  }
  // JSON Schema's own keywords share these spellings.
  for (const char* keyword : {"\"title\"", "\"description\"", "\"name\""}) names.erase(keyword);
  const std::filesystem::path core = std::string(ARTIFACTS_FIXTURES_DIR) + "/../../core";
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(core)) {
    if (!entry.is_regular_file() || entry.path().filename() == "table.cpp" ||
        entry.path().filename() == "registry.hpp") {
      continue;
    }
    ++files;
    auto text = testing::read_file(entry.path().string());
    for (const auto& name : names) {
      EXPECT_EQ(text.find(name), std::string::npos) << name << " in " << entry.path();
    }
  }
  EXPECT_GT(files, 10);
}

}  // namespace
}  // namespace artifacts
