#include "json/object_members.hpp"

#include "registry/resolve.hpp"

namespace artifacts::detail {

std::vector<std::optional<Element>> pick_fields(const ModelSpec& model, Element object,
                                                std::vector<std::string_view>* unknown) {
  std::vector<std::optional<Element>> found(model.fields.size());
  for (auto entry : as_object(object)) {
    if (const FieldSpec* field = find_field(model, entry.key)) {
      found[static_cast<std::size_t>(field - model.fields.data())] = entry.value;
    } else if (unknown != nullptr) {
      unknown->push_back(entry.key);
    }
  }
  return found;
}

std::optional<Element> last_member(Element object, std::string_view key) {
  std::optional<Element> found;
  for (auto entry : as_object(object)) {
    if (entry.key == key) found = entry.value;
  }
  return found;
}

std::optional<Element> object_root(const JsonDocument& document, const ModelSpec& model,
                                   Outcome& outcome) {
  if (!document.root()) {
    fail(outcome, Status::invalid_input, document.error());
    return std::nullopt;
  }
  Element root = *document.root();
  if (!root.is_object()) {
    fail(outcome, Status::invalid_input,
         Issue{IssueType::model_type,
               {},
               "Input should be an object",
               element_json(root),
               "{\"class_name\":" + json_string(model.class_name) + "}"});
    return std::nullopt;
  }
  return root;
}

}  // namespace artifacts::detail
