#include "fixtures.hpp"

#include <rapidjson/pointer.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "artifacts/registry.hpp"
#include "json_reader.hpp"

namespace artifacts::testing {

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::string fixture(std::string_view relative_path) {
  return read_file(std::string(ARTIFACTS_FIXTURES_DIR) + "/" + std::string(relative_path));
}

std::string plan(std::string_view type) {
  return fixture("plan/" + std::string(type) + ".json");
}

std::vector<PlanArtifact> sample_plan(std::vector<std::string>& storage) {
  storage.clear();
  for (const auto* model : generation_order()) storage.push_back(plan(model->id));
  std::vector<PlanArtifact> parts;
  for (std::size_t i = 0; i < storage.size(); ++i) {
    parts.push_back({generation_order()[i]->id, storage[i]});
  }
  return parts;
}

std::string with_value(std::string_view json, std::string_view pointer, std::string_view raw_json) {
  auto document = parse(json);
  auto value = parse(raw_json);
  rapidjson::Pointer(std::string(pointer).c_str()).Set(document, value);
  return to_json(document);
}

std::string without(std::string_view json, std::string_view pointer) {
  auto document = parse(json);
  rapidjson::Pointer(std::string(pointer).c_str()).Erase(document);
  return to_json(document);
}

}  // namespace artifacts::testing
