#include "json/mutable_document.hpp"

#include "json/json_io.hpp"
#include "registry/resolve.hpp"

namespace artifacts::detail {

bool load_object(std::string_view text, int slot, std::string_view name, rapidjson::Document& out,
                 Outcome& outcome) {
  out.SetObject();
  if (text.empty()) return true;
  JsonDocument document(text, slot);
  if (!document.root()) {
    Issue issue = document.error();
    issue.loc.insert(issue.loc.begin(), std::string(name));
    fail(outcome, Status::invalid_input, std::move(issue));
    return false;
  }
  Element root = *document.root();
  if (root.is_null()) return true;
  if (!root.is_object()) {
    fail(outcome, Status::invalid_input,
         Issue{IssueType::model_type,
               {std::string(name)},
               "Input should be an object",
               element_json(root),
               {}});
    return false;
  }
  to_value(root, out, out.GetAllocator());
  return true;
}

bool same(const rapidjson::Value* a, const rapidjson::Value* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return *a == *b;
}

const rapidjson::Value* member(const rapidjson::Value& object, std::string_view key,
                               bool null_is_absent) {
  if (!object.IsObject()) return nullptr;
  auto found = object.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  if (found == object.MemberEnd()) return nullptr;
  if (null_is_absent && found->value.IsNull()) return nullptr;
  return &found->value;
}

}  // namespace artifacts::detail
