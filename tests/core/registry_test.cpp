// The registry itself: the shape DESIGN §1 gives it, and being the one place fields are listed.
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
  EXPECT_EQ(registry["records"].Size(), 4u);
  EXPECT_EQ(registry["items"].Size(), 4u);
  EXPECT_EQ(registry["schema_version"].GetInt(), kCurrentSchemaVersion);
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
