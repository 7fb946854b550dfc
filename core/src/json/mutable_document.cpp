#include "json/mutable_document.hpp"

#include "artifacts/operations.hpp"
#include "json/json_io.hpp"
#include "registry/resolve.hpp"

namespace artifacts::detail {

bool is_no_content(std::string_view json) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!json.empty() && space(json.front())) json.remove_prefix(1);
  while (!json.empty() && space(json.back())) json.remove_suffix(1);
  return json.empty() || json == "null";
}

bool load_validated(const ModelSpec& model, std::string_view name, std::string_view text, int slot,
                    rapidjson::Document& out, Outcome& outcome, LoadAs as) {
  // No copy of an input that is its own value: it is loaded straight from the text.
  auto checked = validate(model.id, text, {.want_value = false});
  if (!checked.ok()) {
    outcome.status = checked.status;
    for (auto& issue : checked.errors) {
      issue.loc.insert(issue.loc.begin(), std::string(name));
      outcome.errors.push_back(std::move(issue));
    }
    return false;
  }
  const bool as_written = as == LoadAs::written || checked.value_is_input;
  return load_object(as_written ? text : std::string_view(checked.value), slot, name, out, outcome);
}

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
