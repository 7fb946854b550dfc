// artifacts-cli: the core's operations on files or stdin, printing each result as JSON.
//   artifacts-cli registry
//   artifacts-cli validate TYPE [FILE] [--tier T] [--strict]
//   artifacts-cli gate TYPE TIER [FILE]
//   artifacts-cli schema TYPE [TIER]
//   artifacts-cli migrate TYPE [FILE]
//   artifacts-cli markdown TYPE [FILE] [--variant V] [--tier T] [--startup NAME] [--generated AT]
//   artifacts-cli markdown plan PLAN_DIR [...]   the combined export of PLAN_DIR/TYPE.json files
//   artifacts-cli demo PLAN_DIR      validate and gate every artifact of a plan at every tier
//   artifacts-cli batch              one JSON request a line on stdin -> one result a line:
//     {"op":"validate"|"gate"|"migrate"|"schema","type":..,"text":..,"tier":..,"strict":..}
//     {"op":"merge", <merge request>} or {"op":"diff", <diff request>}
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "artifacts/markdown.hpp"
#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"

namespace {

std::string read_all(const std::string& path) {
  if (path.empty() || path == "-") {
    return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

int usage() {
  std::cerr
      << "usage: artifacts-cli registry | validate TYPE [FILE] [--tier T] [--strict] |\n"
         "       gate TYPE TIER [FILE] | schema TYPE [TIER] | migrate TYPE [FILE] |\n"
         "       markdown TYPE [FILE] | markdown plan PLAN_DIR  [--variant readable|technical]\n"
         "         [--tier T] [--startup NAME] [--generated AT] |\n"
         "       demo PLAN_DIR\n";
  return 2;
}

int demo(const std::string& plan_dir) {
  using namespace artifacts;
  std::cout << "cofounder-artifacts core demo: the sample plan in " << plan_dir << "\n\n";
  int failures = 0;
  for (const ModelSpec* model : generation_order()) {
    std::string content = read_all(plan_dir + "/" + std::string(model->id) + ".json");
    auto checked = validate(model->id, content);
    std::cout << model->title << " (" << model->id << "): " << content.size() << " bytes, "
              << (checked.ok() ? "valid" : "INVALID") << ", " << checked.warnings.size()
              << " warnings\n";
    if (!checked.ok()) {
      ++failures;
      std::cout << "  " << checked.to_json() << "\n";
    }
    for (auto tier_text : tier_names()) {
      auto gated = gate(model->id, content, tier_text);
      std::cout << "  " << tier_text << ": " << gated.value.size() << " bytes visible";
      if (!gated.locked.empty()) {
        std::cout << ", locked:";
        for (auto id : gated.locked) std::cout << ' ' << id;
      }
      std::cout << "\n";
    }
  }
  std::string broken = R"({"_schema_version": 1, "milestones": [{"title": "Launch",
      "description": "We ship.", "success_criteria": "ten shops", "estimated_weeks": 0}],
      "critical_path": [], "total_duration_weeks": "four"})";
  std::cout << "\nAnd a broken milestones document, every error reported:\n"
            << validate("milestones", broken).to_json() << "\n";
  return failures == 0 ? 0 : 1;
}

// The Markdown export: the document on stdout, or the error result.
int markdown(const std::string& type, const std::string& path,
             const artifacts::MarkdownOptions& options) {
  using namespace artifacts;
  MarkdownResult result;
  if (type == "plan") {
    std::vector<std::pair<std::string, std::string>> files;
    for (const ModelSpec* model : generation_order()) {
      std::filesystem::path file = std::filesystem::path(path) / (std::string(model->id) + ".json");
      if (std::filesystem::exists(file)) files.emplace_back(model->id, read_all(file.string()));
    }
    std::vector<PlanArtifact> parts;
    for (const auto& [id, text] : files) parts.push_back({id, text});
    result = plan_to_markdown(parts, options);
  } else {
    result = to_markdown(type, read_all(path), options);
  }
  if (!result.ok()) {
    std::cout << result.to_json() << "\n";
    return 1;
  }
  std::cout << result.value;
  return 0;
}

// One result a line: a value that is the (pretty-printed) input is written compactly.
std::string one_line(std::string json) {
  if (json.find('\n') == std::string::npos) return json;
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

// Lets other test suites (the JS one) compare their results with the native build's.
int batch() {
  using namespace artifacts;
  std::string line;
  while (std::getline(std::cin, line)) {
    rapidjson::Document request;
    request.Parse(line.data(), line.size());
    if (request.HasParseError() || !request.IsObject()) {
      std::cout << "{\"batch_error\":\"bad request line\"}\n";
      continue;
    }
    auto text = [&](const char* key) -> std::string_view {
      auto member = request.FindMember(key);
      if (member == request.MemberEnd() || !member->value.IsString()) return {};
      return {member->value.GetString(), member->value.GetStringLength()};
    };
    bool strict =
        request.HasMember("strict") && request["strict"].IsBool() && request["strict"].GetBool();
    std::string_view op = text("op");
    if (op == "validate") {
      std::cout << one_line(
          validate(text("type"), text("text"), {.tier = text("tier"), .strict = strict}).to_json());
    } else if (op == "gate") {
      std::cout << one_line(gate(text("type"), text("text"), text("tier")).to_json());
    } else if (op == "migrate") {
      std::cout << one_line(migrate(text("type"), text("text")).to_json());
    } else if (op == "merge") {
      std::cout << one_line(merge_request(line).to_json());
    } else if (op == "diff") {
      std::cout << one_line(diff_request(line).to_json());
    } else if (op == "schema") {
      std::cout << json_schema(text("type"), text("tier")).to_json();
    } else {
      std::cout << "{\"batch_error\":\"unknown op\"}";
    }
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace artifacts;
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<std::string> positional;
  ValidateOptions options;
  std::string tier, variant, startup, generated;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--strict") {
      options.strict = true;
    } else if (args[i] == "--tier" && i + 1 < args.size()) {
      tier = args[++i];
    } else if (args[i] == "--variant" && i + 1 < args.size()) {
      variant = args[++i];
    } else if (args[i] == "--startup" && i + 1 < args.size()) {
      startup = args[++i];
    } else if (args[i] == "--generated" && i + 1 < args.size()) {
      generated = args[++i];
    } else {
      positional.push_back(args[i]);
    }
  }
  if (positional.empty()) return usage();
  auto arg = [&](std::size_t i) { return i < positional.size() ? positional[i] : std::string(); };
  const std::string& command = positional[0];
  try {
    if (command == "registry") {
      std::cout << registry_json() << "\n";
      return 0;
    }
    if (command == "demo" && positional.size() == 2) return demo(arg(1));
    if (command == "batch") return batch();
    if (positional.size() < 2) return usage();
    if (command == "markdown") {
      return markdown(
          arg(1), arg(2),
          {.variant = variant, .tier = tier, .startup_name = startup, .generated_at = generated});
    }
    std::string result;
    bool ok = false;
    if (command == "validate") {
      options.tier = tier;
      auto outcome = validate(arg(1), read_all(arg(2)), options);
      result = outcome.to_json();
      ok = outcome.ok();
    } else if (command == "gate" && positional.size() >= 3) {
      auto outcome = gate(arg(1), read_all(arg(3)), arg(2));
      result = outcome.to_json();
      ok = outcome.ok();
    } else if (command == "schema") {
      auto outcome = json_schema(arg(1), arg(2));
      result = outcome.ok() ? outcome.value : outcome.to_json();
      ok = outcome.ok();
    } else if (command == "migrate") {
      auto outcome = migrate(arg(1), read_all(arg(2)));
      result = outcome.to_json();
      ok = outcome.ok();
    } else {
      return usage();
    }
    std::cout << result << "\n";
    return ok ? 0 : 1;
  } catch (const std::exception& error) {  // only file I/O throws here, never the core
    std::cerr << "artifacts-cli: " << error.what() << "\n";
    return 2;
  }
}
