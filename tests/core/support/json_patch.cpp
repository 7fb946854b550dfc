// A small RFC 6902 applier for the tests, independent of the library's diff code.
#include <rapidjson/pointer.h>

#include "test_support.hpp"

namespace artifacts::testing {
namespace {

// Splits "/a/b/3" into its parent pointer and last token (unescaped).
bool split(const std::string& path, std::string& parent, std::string& last) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return false;
  parent = path.substr(0, slash);
  last.clear();
  for (std::size_t i = slash + 1; i < path.size(); ++i) {
    if (path[i] == '~' && i + 1 < path.size()) {
      last += path[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      last += path[i];
    }
  }
  return true;
}

rapidjson::Value* resolve(rapidjson::Document& document, const std::string& pointer) {
  if (pointer.empty()) return &document;
  return rapidjson::Pointer(pointer.c_str()).Get(document);
}

bool add(rapidjson::Document& document, const std::string& path, rapidjson::Value value) {
  std::string parent_path, last;
  if (!split(path, parent_path, last)) return false;
  rapidjson::Value* parent = resolve(document, parent_path);
  if (parent == nullptr) return false;
  auto& allocator = document.GetAllocator();
  if (parent->IsObject()) {
    if (parent->HasMember(last.c_str())) {
      (*parent)[last.c_str()] = value;
    } else {
      parent->AddMember(rapidjson::Value(last.c_str(), allocator), value, allocator);
    }
    return true;
  }
  if (!parent->IsArray()) return false;
  std::size_t index = last == "-" ? parent->Size() : std::stoul(last);
  if (index > parent->Size()) return false;
  parent->PushBack(rapidjson::Value(), allocator);
  for (std::size_t i = parent->Size() - 1; i > index; --i) {
    (*parent)[static_cast<rapidjson::SizeType>(i)] =
        (*parent)[static_cast<rapidjson::SizeType>(i - 1)];
  }
  (*parent)[static_cast<rapidjson::SizeType>(index)] = value;
  return true;
}

bool remove(rapidjson::Document& document, const std::string& path, rapidjson::Value* taken) {
  std::string parent_path, last;
  if (!split(path, parent_path, last)) return false;
  rapidjson::Value* parent = resolve(document, parent_path);
  if (parent == nullptr) return false;
  if (parent->IsObject()) {
    auto found = parent->FindMember(last.c_str());
    if (found == parent->MemberEnd()) return false;
    if (taken) *taken = found->value;
    parent->RemoveMember(found);
    return true;
  }
  if (!parent->IsArray()) return false;
  std::size_t index = std::stoul(last);
  if (index >= parent->Size()) return false;
  if (taken) *taken = (*parent)[static_cast<rapidjson::SizeType>(index)];
  parent->Erase(parent->Begin() + index);
  return true;
}

}  // namespace

bool apply_patch(rapidjson::Document& document, std::string_view patch_json) {
  auto patch = parse(patch_json);
  if (!patch.IsArray()) return false;
  auto& allocator = document.GetAllocator();
  for (auto& op : patch.GetArray()) {
    std::string name = op["op"].GetString();
    std::string path = op["path"].GetString();
    rapidjson::Value value;
    if (op.HasMember("value")) value.CopyFrom(op["value"], allocator);
    if (name == "add") {
      if (!add(document, path, std::move(value))) return false;
    } else if (name == "remove") {
      if (!remove(document, path, nullptr)) return false;
    } else if (name == "replace") {
      rapidjson::Value* target = resolve(document, path);
      if (target == nullptr) return false;
      *target = value;
    } else if (name == "move") {
      rapidjson::Value taken;
      if (!remove(document, op["from"].GetString(), &taken)) return false;
      if (!add(document, path, std::move(taken))) return false;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace artifacts::testing
