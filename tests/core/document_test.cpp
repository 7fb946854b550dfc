// Documents held open give exactly the stateless answers: validate() of the document is
// validate() of its text, set_section's answer is the section's share of it, and diff and merge of
// documents are diff and merge of their texts, on every fixture and along generated edit chains.
#include <gtest/gtest.h>

#include <array>
#include <random>

#include "artifacts/document.hpp"
#include "artifacts/registry.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

using testing::parse;
using testing::plan;

constexpr std::string_view kTiers[] = {"", "bootstrapper", "partner", "cto_scale"};

std::unique_ptr<Document> open_document(std::string_view type, std::string_view json,
                                        std::string_view tier = {}) {
  Outcome outcome;
  auto document = Document::open(type, json, tier, outcome);
  EXPECT_TRUE(document != nullptr) << status_code(outcome.status) << " " << json.substr(0, 200);
  return document;
}

// The envelope without its value: status, errors and warnings.
std::string issues_json(ValidationResult result) {
  result.value.clear();
  result.value_is_input = false;
  return result.to_json();
}

void expect_same_as_stateless(const Document& document, std::string_view tier) {
  for (bool strict : {false, true}) {
    auto held = document.validate(strict);
    auto stateless =
        validate(document.model().id, document.text(), {.tier = tier, .strict = strict});
    EXPECT_EQ(held.to_json(), stateless.to_json()) << document.text().substr(0, 300);
  }
}

// The part of validate()'s answer about section `id`.
std::vector<Issue> located_at(const std::vector<Issue>& issues, std::string_view id) {
  std::vector<Issue> out;
  for (const auto& issue : issues) {
    if (!issue.loc.empty() && std::get_if<std::string>(&issue.loc[0]) != nullptr &&
        std::get<std::string>(issue.loc[0]) == id) {
      out.push_back(issue);
    }
  }
  return out;
}

std::string issues_text(const std::vector<Issue>& issues) {
  ValidationResult carrier;
  carrier.errors = issues;
  return carrier.to_json();
}

TEST(Document, EveryPlanFixtureAtEveryTier) {
  for (const auto* model : generation_order()) {
    for (auto tier : kTiers) {
      const std::string text = plan(model->id);
      auto document = open_document(model->id, text, tier);
      ASSERT_TRUE(document);
      expect_same_as_stateless(*document, tier);
      auto original = validate(model->id, text, {.tier = tier});
      auto held = document->validate();
      EXPECT_EQ(issues_json(held), issues_json(original));
      EXPECT_TRUE(testing::same_json(held.value, original.value));
      EXPECT_TRUE(testing::same_json(document->text(), text));
    }
  }
}

TEST(Document, EveryValidationCase) {
  auto expected = parse(testing::fixture("validation/expected.json"));
  int opened = 0;
  for (const auto& entry : expected["cases"].GetArray()) {
    const std::string text(entry["text"].GetString(), entry["text"].GetStringLength());
    const std::string model = entry["model"].GetString();
    for (auto tier : kTiers) {
      Outcome outcome;
      auto document = Document::open(model, text, tier, outcome);
      if (!document) {
        // Only what is not a JSON object is refused.
        EXPECT_EQ(outcome.status, Status::invalid_input) << text.substr(0, 200);
        EXPECT_NE(testing::library_reads(text), testing::Root::object) << text.substr(0, 200);
        continue;
      }
      ++opened;
      expect_same_as_stateless(*document, tier);
      for (bool strict : {false, true}) {
        auto original = validate(model, text, {.tier = tier, .strict = strict});
        auto held = document->validate(strict);
        EXPECT_EQ(issues_json(held), issues_json(original)) << entry["name"].GetString();
        if (original.ok()) {
          EXPECT_TRUE(testing::same_json(held.value, original.value));
        }
      }
    }
  }
  EXPECT_GT(opened, 400);
}

TEST(Document, RefusesWhatIsNotAnObject) {
  Outcome outcome;
  EXPECT_FALSE(Document::open("brief", "[1]", "", outcome));
  EXPECT_EQ(outcome.status, Status::invalid_input);
  Outcome not_json;
  EXPECT_FALSE(Document::open("brief", "{\"problem\":", "", not_json));
  EXPECT_EQ(not_json.status, Status::invalid_input);
  Outcome unknown_type;
  EXPECT_FALSE(Document::open("nope", "{}", "", unknown_type));
  EXPECT_EQ(unknown_type.status, Status::unknown_artifact_type);
  Outcome unknown_tier;
  EXPECT_FALSE(Document::open("brief", "{}", "gold", unknown_tier));
  EXPECT_EQ(unknown_tier.status, Status::unknown_tier);
}

TEST(Document, SetSectionRefusesBadInputAndKeepsTheDocument) {
  auto document = open_document("brief", plan("brief"));
  const std::string before = document->text();
  EXPECT_EQ(document->set_section("nope", "1").status, Status::invalid_input);
  EXPECT_EQ(document->set_section("problem_statement", "{\"a\":").status, Status::invalid_input);
  EXPECT_EQ(document->set_section("problem_statement", "1 2").status, Status::invalid_input);
  EXPECT_EQ(document->set_section("problem_statement", "\"\xff\"").status, Status::invalid_input);
  EXPECT_EQ(document->text(), before);
  // Nesting: refused exactly where the document's text would stop being JSON to the library.
  for (std::size_t depth = 190; depth <= 202; ++depth) {
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    const std::string whole = testing::with_value(before, "/problem_statement", nested);
    const bool readable = testing::library_reads(whole) == testing::Root::object;
    auto result = document->set_section("problem_statement", nested);
    EXPECT_EQ(result.status != Status::invalid_input, readable) << depth;
    EXPECT_EQ(document->text(), readable ? whole : before) << depth;
    expect_same_as_stateless(*document, "");
    document->set_section("problem_statement",
                          parse(before)["problem_statement"].IsString()
                              ? testing::to_json(parse(before)["problem_statement"])
                              : "\"x\"");
    EXPECT_EQ(document->text(), before);
  }
}

TEST(Document, SetSectionKeepsPlacesAndCollapsesRepeats) {
  auto document = open_document(
      "brief",
      R"({ "problem_statement" : "a", "x": 1, "problem_statement": "b", "target_user": "c" })");
  EXPECT_EQ(document->text(),
            R"({"problem_statement":"a","x":1,"problem_statement":"b","target_user":"c"})");
  expect_same_as_stateless(*document, "");
  auto result = document->set_section("problem_statement", "\"d\"");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(document->text(), R"({"problem_statement":"d","x":1,"target_user":"c"})");
  document->set_section("target_user", "");
  document->set_section("key_constraint", "\"k\"");
  EXPECT_EQ(document->text(), R"({"problem_statement":"d","x":1,"key_constraint":"k"})");
  expect_same_as_stateless(*document, "");
}

// The same edits applied to a tree (the oracle) and to a document.
void set_in_tree(rapidjson::Document& tree, std::string_view id, const std::string& json) {
  auto& allocator = tree.GetAllocator();
  rapidjson::Value key(id.data(), static_cast<rapidjson::SizeType>(id.size()), allocator);
  auto found = tree.FindMember(key);
  if (json.empty()) {
    if (found != tree.MemberEnd()) tree.EraseMember(found);
    return;
  }
  auto value = parse(json);
  if (found != tree.MemberEnd()) {
    found->value.CopyFrom(value, allocator);
  } else {
    rapidjson::Value copy;
    copy.CopyFrom(value, allocator);
    tree.AddMember(key, copy, allocator);
  }
}

// A new value for a field: from a mutated copy of the plan, a wrong kind, or nothing.
std::string random_value(const ModelSpec& model, const FieldSpec& field, std::mt19937& rng) {
  static const char* const kOdd[] = {"42",
                                     "\"2\"",
                                     "\"text\"",
                                     "[]",
                                     "{}",
                                     "null",
                                     "true",
                                     "-1",
                                     "1.5",
                                     "[{\"name\":1}]",
                                     "\"\\u00e9\\/\"",
                                     "1e300",
                                     "123456789012345678901234"};
  switch (rng() % 6) {
    case 0:
      return {};
    case 1:
      return kOdd[rng() % std::size(kOdd)];
    default: {
      auto mutated = parse(plan(model.id));
      testing::mutate(model, mutated, rng, {std::string(field.key)}, 2);
      const auto* value = testing::find(mutated, field.key);
      return value ? testing::to_json(*value) : std::string();
    }
  }
}

TEST(Document, GeneratedEditChainsMatchTheStatelessPath) {
  std::mt19937 rng(2026);
  const int rounds = testing::kUnderSanitizers ? 10 : 60;
  for (const auto* model : generation_order()) {
    for (int round = 0; round < rounds; ++round) {
      const auto tier = kTiers[rng() % std::size(kTiers)];
      auto document = open_document(model->id, plan(model->id), tier);
      auto previous = open_document(model->id, plan(model->id), tier);
      auto tree = parse(plan(model->id));
      for (int step = 0; step < 8; ++step) {
        const FieldSpec& field = model->fields[rng() % model->fields.size()];
        const std::string value = random_value(*model, field, rng);
        const bool strict = rng() % 4 == 0;
        auto section = document->set_section(field.key, value, strict);
        set_in_tree(tree, field.key, value);
        ASSERT_TRUE(testing::same_json(document->text(), testing::to_json(tree)))
            << field.key << " = " << value << "\n"
            << document->text() << "\n"
            << testing::to_json(tree);
        auto whole = validate(model->id, document->text(), {.tier = tier, .strict = strict});
        EXPECT_EQ(issues_text(section.errors), issues_text(located_at(whole.errors, field.key)));
        EXPECT_EQ(issues_text(section.warnings),
                  issues_text(located_at(whole.warnings, field.key)));
        if (whole.ok()) {
          auto expected = parse(whole.value);
          const auto* in_whole = testing::find(expected, field.key);
          if (in_whole) {
            EXPECT_TRUE(testing::same_json(section.value, testing::to_json(*in_whole)));
          }
        }
        expect_same_as_stateless(*document, tier);
        EXPECT_EQ(diff(*previous, *document).to_json(),
                  diff(model->id, previous->text(), document->text(), false).to_json());
        EXPECT_EQ(merge(DocumentMergeRequest{previous.get(),
                                             document.get(),
                                             previous.get(),
                                             {std::string(field.key)},
                                             false})
                      .to_json(),
                  merge(MergeRequest{model->id,
                                     previous->text(),
                                     document->text(),
                                     previous->text(),
                                     {std::string(field.key)},
                                     false,
                                     false})
                      .to_json());
        if (rng() % 3 == 0) previous->set_section(field.key, value);
      }
    }
  }
}

TEST(Document, DiffOfDocumentsIsDiffOfTheirTexts) {
  for (const auto* model : generation_order()) {
    auto before = open_document(model->id, plan(model->id));
    std::mt19937 rng(5);
    for (int round = 0; round < 30; ++round) {
      auto mutated = parse(plan(model->id));
      testing::mutate(*model, mutated, rng, {}, 3);
      auto after = open_document(model->id, testing::to_json(mutated));
      EXPECT_EQ(diff(*before, *after).to_json(),
                diff(model->id, before->text(), after->text(), false).to_json());
      EXPECT_EQ(diff(*after, *before).to_json(),
                diff(model->id, after->text(), before->text(), false).to_json());
    }
  }
}

// A risk log whose technical risks are `risks` (more members after them: `rest`).
std::string risk(std::string_view title, std::string_view severity, std::string_view more = "") {
  return "{\"title\":" + std::string(title) + ",\"severity\":\"" + std::string(severity) +
         "\",\"description\":\"d\",\"mitigation\":\"m\"" + std::string(more) + "}";
}

std::string risk_log(const std::vector<std::string>& risks,
                     std::string_view rest = R"("market_risks":[],"execution_risks":[])") {
  std::string list = "[";
  for (std::size_t i = 0; i < risks.size(); ++i) list += (i ? "," : "") + risks[i];
  return R"({"technical_risks":)" + list + "]," + std::string(rest) + "}";
}

const std::vector<std::string> kBaseRisks = {risk("\"a\"", "high"), risk("\"b\"", "low"),
                                             risk("\"c\"", "medium"), risk("\"d\"", "high")};

// Versions of kBaseRisks: items changed, moved, added, removed; identities repeated or written
// with escapes; keys spelt with escapes; text that parses and writes back differently.
const std::vector<std::vector<std::string>> kRiskVersions = {
    {risk("\"a\"", "high"), risk("\"b\"", "high"), risk("\"c\"", "medium"),
     risk("\"d\"", "high")},  // one changed
    {risk("\"b\"", "low"), risk("\"a\"", "high"), risk("\"d\"", "high"),
     risk("\"c\"", "medium")},                                             // moved
    {risk("\"a\"", "high"), risk("\"e\"", "low"), risk("\"d\"", "high")},  // removed, added
    {risk("\"a\"", "high"), risk("\"a\"", "low"), risk("\"c\"", "medium"),
     risk("\"d\"", "high")},  // a repeated identity
    {risk("\"a\"", "high"), risk("\"a\"", "low"), risk("\"c\"", "medium"),
     risk("\"d\"", "low")},  // the same identities in the same order, one item changed
    {risk("\"a\"", "high"), risk("\"a\"", "low"), risk("\"a\"", "high"),
     risk("\"d\"", "high")},  // an identity three times
    {risk("\"a\"", "high"), risk("\"a\"", "high"), risk("\"a\"", "low"),
     risk("\"d\"", "high")},  // the same identities, two items swapped
    {risk("\"a\"", "high"), risk("\"\\u0062\"", "low"), risk("\"c\"", "medium"),
     risk("\"d\"", "high")},  // "b" with an escape
    {risk("\"a\"", "high"), risk("\"b\"", "low", ",\"ti\\u0074le\":\"z\""), risk("\"c\"", "low"),
     risk("\"d\"", "high")},  // "title" spelt with an escape
    {risk("\"a\"", "high"),
     R"({"title":"b","severity":"low","description":"caf\u00e9 \/ \n","mitigation":"m"})",
     risk("\"c\"", "medium"), risk("\"d\"", "high")},  // escapes written back otherwise
    {risk("\"a\"", "high"), risk("\"b\"", "low"), risk("\"c\"", "medium")},  // one gone
    {},                                                                      // all gone
};

// Lists of identified items that differ in a few items: the items both sides share stand in for
// themselves, and the answer is still exactly the stateless one, whether items change, move,
// come or go, or identities repeat (in the same places on both sides, too), are written with
// escapes or sit under an escaped key. Every pair of versions, either way round.
TEST(Document, DiffOfListsWithSharedItemsIsDiffOfTheirTexts) {
  std::vector<std::unique_ptr<Document>> versions;
  versions.push_back(open_document("risk_log", risk_log(kBaseRisks)));
  for (const auto& version : kRiskVersions) {
    versions.push_back(open_document("risk_log", risk_log(version)));
  }
  // Valid content: the diff of documents reads members.
  for (const auto& version : versions) ASSERT_TRUE(version->validate().ok()) << version->text();
  for (const auto& before : versions) {
    for (const auto& after : versions) {
      EXPECT_EQ(diff(*before, *after).to_json(),
                diff("risk_log", before->text(), after->text(), false).to_json())
          << before->text() << "\n"
          << after->text();
    }
  }
}

MergeResult merge_of_texts(const Document* base, const Document* ours, const Document* theirs,
                           const std::vector<std::string>& edited) {
  auto text = [](const Document* document) {
    return document ? std::string_view(document->text()) : std::string_view();
  };
  return merge(
      MergeRequest{"risk_log", text(base), text(ours), text(theirs), edited, false, false});
}

// Three-way merges of documents whose lists share most items (stand-ins on every side that holds
// them, texts written back in their place, in the merged value and in conflicts) are exactly the
// merges of their texts: every pair of versions as ours and theirs, with the section edited or
// not, null, empty or absent on one side, and no base at all.
TEST(Document, MergeOfListsWithSharedItemsIsMergeOfTheirTexts) {
  std::vector<std::unique_ptr<Document>> versions;
  versions.push_back(open_document("risk_log", risk_log(kBaseRisks)));
  for (const auto& version : kRiskVersions) {
    versions.push_back(open_document("risk_log", risk_log(version)));
  }
  // An optional, nullable list (financial_risks): null, absent, or sharing items on each side.
  const std::string market = R"("market_risks":[],"execution_risks":[])";
  auto with_financial = [&](std::string_view value) {
    return risk_log(kBaseRisks, market + ",\"financial_risks\":" + std::string(value));
  };
  versions.push_back(open_document("risk_log", with_financial("null")));
  versions.push_back(
      open_document("risk_log", with_financial("[" + kBaseRisks[0] + "," + kBaseRisks[1] + "]")));
  versions.push_back(open_document(
      "risk_log", with_financial("[" + kRiskVersions[0][1] + "," + kBaseRisks[0] + "]")));
  for (const auto& version : versions) ASSERT_TRUE(version->validate().ok()) << version->text();
  // Invalid content (a required section absent): merged as its text is.
  versions.push_back(open_document("risk_log", R"({"market_risks":[],"execution_risks":[]})"));
  const std::vector<std::vector<std::string>> edits = {
      {}, {"technical_risks"}, {"financial_risks"}, {"technical_risks", "financial_risks"}};
  for (const Document* base : std::array<const Document*, 2>{versions[0].get(), nullptr}) {
    for (const auto& ours : versions) {
      for (const auto& theirs : versions) {
        for (const auto& edited : edits) {
          EXPECT_EQ(
              merge(DocumentMergeRequest{base, ours.get(), theirs.get(), edited, false}).to_json(),
              merge_of_texts(base, ours.get(), theirs.get(), edited).to_json())
              << "ours " << ours->text() << "\ntheirs " << theirs->text();
        }
      }
    }
  }
}

// On every fixture, three versions each a few random edits from the plan, merged with random
// sections edited: the merge of documents is the merge of their texts.
TEST(Document, MergeOfDocumentsIsMergeOfTheirTexts) {
  std::mt19937 rng(17);
  for (const auto* model : generation_order()) {
    auto base = open_document(model->id, plan(model->id));
    for (int round = 0; round < (testing::kUnderSanitizers ? 10 : 40); ++round) {
      std::array<std::unique_ptr<Document>, 2> sides;
      for (auto& side : sides) {
        auto mutated = parse(plan(model->id));
        testing::mutate(*model, mutated, rng, {}, 1 + rng() % 3);
        side = open_document(model->id, testing::to_json(mutated));
      }
      std::vector<std::string> edited;
      for (const auto& field : model->fields) {
        if (field.key != kSchemaVersionKey && rng() % 2 == 0) edited.emplace_back(field.key);
      }
      for (bool force : {false, true}) {
        auto expected = merge(MergeRequest{model->id, base->text(), sides[0]->text(),
                                           sides[1]->text(), edited, force, false});
        EXPECT_EQ(
            merge(DocumentMergeRequest{base.get(), sides[0].get(), sides[1].get(), edited, force})
                .to_json(),
            expected.to_json())
            << sides[0]->text() << "\n"
            << sides[1]->text();
      }
    }
  }
}

TEST(Document, DiffOfDocumentsOfDifferentTypesIsRefused) {
  auto brief = open_document("brief", plan("brief"));
  auto scope = open_document("mvp_scope", plan("mvp_scope"));
  EXPECT_EQ(diff(*brief, *scope).status, Status::invalid_input);
  EXPECT_EQ(merge(DocumentMergeRequest{nullptr, brief.get(), scope.get(), {}, false}).status,
            Status::invalid_input);
}

}  // namespace
}  // namespace artifacts
