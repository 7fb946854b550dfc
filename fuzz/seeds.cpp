// Writes the fuzzers' seed corpora and the registry's part of their dictionary, both derived at
// run time: the seeds from the shared fixtures (tests/fixtures: the sample plan and the Pydantic
// reference cases) encoded for each target, the dictionary from the schema registry.
//
//   artifacts-fuzz-seeds CORPUS_DIR DICTIONARY_FILE
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "artifacts/registry.hpp"
#include "targets.hpp"
#include "test_support.hpp"

namespace {

namespace fuzz = artifacts::fuzz;
namespace testing = artifacts::testing;

std::string text_of(const rapidjson::Value& value) {
  return value.IsString() ? std::string(value.GetString(), value.GetStringLength())
                          : testing::to_json(value);
}

// The plan's content with a few schema-respecting edits; `edited` gets the changed sections.
std::string edited_plan(const artifacts::ModelSpec& model, std::mt19937& rng,
                        std::set<std::string>* edited = nullptr,
                        const std::set<std::string>& allowed = {}) {
  auto document = testing::parse(testing::plan(model.id));
  auto changed = testing::mutate(model, document, rng, allowed, 3);
  if (edited != nullptr) *edited = std::move(changed);
  return testing::to_json(document);
}

std::uint16_t section_mask(const artifacts::ModelSpec& model, const std::set<std::string>& ids) {
  std::uint16_t mask = 0;
  int index = 0;
  for (const auto& field : model.fields) {
    if (field.key == artifacts::kSchemaVersionKey) continue;
    if (ids.contains(std::string(field.key))) mask = static_cast<std::uint16_t>(mask | 1u << index);
    ++index;
  }
  return mask;
}

// A request object {"type": ..., <documents as JSON values>, ...extra members}.
std::string request(std::string_view type,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> documents,
                    std::string_view extra = {}) {
  std::string out = "{\"type\":\"" + std::string(type) + "\"";
  for (const auto& [name, json] : documents) {
    out += ",\"" + std::string(name) + "\":" + std::string(json);
  }
  out += std::string(extra) + "}";
  return out;
}

std::string edited_list(const std::set<std::string>& ids) {
  std::string out = "[";
  for (const auto& id : ids) out += (out.size() > 1 ? ",\"" : "\"") + id + "\"";
  return out + "]";
}

std::map<std::string, std::vector<std::string>> seeds() {
  std::map<std::string, std::vector<std::string>> out;
  std::mt19937 rng(20240611);
  for (const auto* model : artifacts::generation_order()) {
    const std::string plan = testing::plan(model->id);
    out["validate"].push_back(fuzz::validate_input(model->id, "", false, plan));
    out["validate"].push_back(fuzz::validate_input(model->id, "bootstrapper", false, plan));
    out["validate"].push_back(fuzz::validate_input(model->id, "cto_scale", true, plan));
    out["stream"].push_back(fuzz::stream_input(model->id, "", false, 3, plan));
    out["stream"].push_back(fuzz::stream_input(model->id, "bootstrapper", false, 0x17, plan));
    for (auto tier : artifacts::tier_names()) {
      out["gate"].push_back(fuzz::gate_input(model->id, tier, plan));
    }
    out["migrate"].push_back(fuzz::migrate_input(model->id, plan));
    out["migrate"].push_back(
        fuzz::migrate_input(model->id, testing::without(plan, "/_schema_version")));
    out["migrate"].push_back(
        fuzz::migrate_input(model->id, testing::with_value(plan, "/_schema_version", "2")));

    std::set<std::string> edited;
    const std::string ours = edited_plan(*model, rng, &edited);
    const std::string theirs = edited_plan(*model, rng);
    const auto mask = section_mask(*model, edited);
    out["merge"].push_back(fuzz::merge_input(model->id, mask, false, plan, ours, theirs));
    out["merge"].push_back(fuzz::merge_input(model->id, mask, true, plan, ours, theirs));
    out["merge"].push_back(fuzz::merge_input(model->id, 0x7FFF, false, plan, ours, plan));
    out["merge"].push_back(fuzz::merge_request_input(
        request(model->id, {{"base", plan}, {"ours", ours}, {"theirs", theirs}},
                ",\"edited_sections\":" + edited_list(edited) + ",\"force\":false")));

    // Documents: each section set to its value in an edited plan, one removed, one of the wrong
    // kind, diff and merge against the document as opened.
    {
      auto edited_tree = testing::parse(ours);
      std::vector<std::pair<std::uint8_t, std::string>> operations;
      for (std::size_t i = 0; i < model->fields.size() && operations.size() < 12; ++i) {
        const auto* value = testing::find(edited_tree, model->fields[i].key);
        if (value != nullptr) {
          operations.emplace_back(static_cast<std::uint8_t>(i << 3), testing::to_json(*value));
        }
      }
      operations.emplace_back(static_cast<std::uint8_t>(7), "");
      operations.emplace_back(static_cast<std::uint8_t>((1 << 3) | 6), "");
      operations.emplace_back(static_cast<std::uint8_t>((2 << 3) | 0x80), "42");
      operations.emplace_back(static_cast<std::uint8_t>(7), "");
      out["document"].push_back(fuzz::document_input(model->id, "", plan, operations));
      out["document"].push_back(fuzz::document_input(model->id, "bootstrapper", plan, operations));
    }

    out["diff"].push_back(
        fuzz::diff_request_input(request(model->id, {{"before", plan}, {"after", ours}})));
    out["diff"].push_back(fuzz::diff_input(model->id, plan, theirs));
    out["diff"].push_back(fuzz::diff_input(model->id, "", plan));

    out["markdown"].push_back(fuzz::markdown_input(model->id, "readable", "", plan, "", ""));
    out["markdown"].push_back(fuzz::markdown_input(model->id, "technical", "partner", plan,
                                                   "Caf\u00e9 Br\u00fbl\u00e9e", "2024-06-11"));
    out["markdown"].push_back(
        fuzz::markdown_input(model->id, "technical", "bootstrapper", ours, "Stockroom", ""));
  }
  // The whole plan, and a plan whose later artifacts failed.
  std::string whole = "{", partial = "{";
  for (const auto* model : artifacts::generation_order()) {
    if (whole.size() > 1) whole += ",";
    whole += "\"" + std::string(model->id) + "\":" + testing::plan(model->id);
    partial += partial.size() > 1 ? "," : "";
    partial += "\"" + std::string(model->id) +
               "\":" + (model->id == "brief" ? testing::plan(model->id) : std::string("null"));
  }
  whole += "}";
  partial += "}";
  out["markdown"].push_back(fuzz::markdown_input("", "technical", "", whole, "Stockroom", "today"));
  out["markdown"].push_back(fuzz::markdown_input("", "readable", "cto_scale", whole, "", ""));
  out["markdown"].push_back(fuzz::markdown_input("", "technical", "", partial, "", ""));

  // Word diffs of the plan's prose against edited prose.
  const auto& brief = *artifacts::find_artifact_type("brief");
  auto original = testing::parse(testing::plan("brief"));
  for (const char* key : {"problem_statement", "value_proposition", "key_constraint"}) {
    auto changed = testing::parse(edited_plan(brief, rng, nullptr, {key}));
    out["diff"].push_back(fuzz::word_diff_input(text_of(original[key]), text_of(changed[key]), 0));
    out["diff"].push_back(fuzz::word_diff_input(text_of(original[key]), text_of(changed[key]), 4));
  }

  // The reference cases (valid and invalid documents of every model, malformed JSON).
  auto cases = testing::parse(testing::fixture("validation/cases.json"));
  for (const auto& entry : cases.GetArray()) {
    const std::string model = entry["model"].GetString();
    const std::string json =
        entry.HasMember("text") ? text_of(entry["text"]) : testing::to_json(entry["input"]);
    const bool strict = entry.HasMember("strict") && entry["strict"].IsTrue();
    out["validate"].push_back(fuzz::validate_input(model, "", strict, json));
    out["stream"].push_back(fuzz::stream_input(model, "", strict, 0, json));
    out["gate"].push_back(fuzz::gate_input(model, "partner", json));
    if (artifacts::find_artifact_type(model) != nullptr) {
      out["migrate"].push_back(fuzz::migrate_input(model, json));
      out["diff"].push_back(fuzz::diff_input(model, testing::plan(model), json));
    }
  }
  return out;
}

// A libFuzzer dictionary entry: the bytes in double quotes, escaped.
std::string entry(std::string_view bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// Every name the registry knows, as JSON strings: model ids, field keys, literal choices, tiers.
std::set<std::string> registry_tokens() {
  std::set<std::string> names;
  auto add_model = [&](const artifacts::ModelSpec& model) {
    names.emplace(model.id);
    for (const auto& field : model.fields) {
      names.emplace(field.key);
      for (const auto* type = field.type; type != nullptr; type = type->item) {
        for (auto choice : type->choices) names.emplace(choice);
      }
    }
  };
  for (const auto* model : artifacts::generation_order()) add_model(*model);
  for (const auto* model : artifacts::record_models()) add_model(*model);
  for (const auto* model : artifacts::item_models()) add_model(*model);
  for (auto tier : artifacts::tier_names()) names.emplace(tier);
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: artifacts-fuzz-seeds CORPUS_DIR DICTIONARY_FILE\n";
    return 2;
  }
  const std::filesystem::path corpus = argv[1];
  std::size_t written = 0;
  for (const auto& [target, inputs] : seeds()) {
    const auto folder = corpus / target;
    std::filesystem::create_directories(folder);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      std::ofstream(folder / ("seed-" + std::to_string(i)), std::ios::binary) << inputs[i];
      ++written;
    }
  }
  std::ofstream dictionary(argv[2], std::ios::binary);
  dictionary << "# Generated by artifacts-fuzz-seeds from the schema registry.\n";
  for (const auto& name : registry_tokens()) dictionary << entry("\"" + name + "\"") << "\n";
  std::cout << "fuzz seeds: " << written << " inputs in " << corpus.string() << "\n";
  return dictionary ? 0 : 1;
}
