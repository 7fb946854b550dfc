#include "test_support.hpp"

#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

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

rapidjson::Document parse(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError()) throw std::runtime_error("test JSON does not parse");
  return document;
}

std::string to_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
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

std::string loc_text(const Path& loc) {
  std::string out;
  for (const auto& item : loc) {
    if (!out.empty()) out += '.';
    if (const auto* key = std::get_if<std::string>(&item)) {
      out += *key;
    } else {
      out += std::to_string(std::get<std::size_t>(item));
    }
  }
  return out;
}

const Issue* error_at(const Outcome& result, std::string_view loc) {
  for (const auto& issue : result.errors) {
    if (loc_text(issue.loc) == loc) return &issue;
  }
  return nullptr;
}

}  // namespace artifacts::testing
