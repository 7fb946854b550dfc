// merge_request() and diff_request(): the operations from one JSON request, so a caller across a
// boundary sends one text. A document in a request is either a JSON value or a string holding
// JSON text (which a caller can escape safely instead of splicing text into the request).
#include "artifacts/document.hpp"
#include "artifacts/operations.hpp"
#include "json/json_io.hpp"
#include "json/object_members.hpp"
#include "registry/resolve.hpp"
#include "validate/fast_path.hpp"

namespace artifacts {
namespace {

struct RequestFields {
  std::string type;
  std::string documents[3];
  std::vector<std::string> edited_sections;
  bool force = false;
};

Issue bad_request(std::string_view field, std::string message) {
  return Issue{IssueType::invalid_request, {std::string(field)}, std::move(message), {}, {}};
}

// The same read from the request's raw member spans, so the documents are taken as the bytes they
// are instead of being parsed and written again. False when the request is anything but the
// plain case (documents as JSON values, a type without escapes): the parsed read then decides.
bool read_request_spans(std::string_view json, std::initializer_list<std::string_view> documents,
                        RequestFields& fields) {
  std::vector<detail::RawMember> members;
  if (!detail::raw_members(json, members)) return false;
  auto last = [&](std::string_view key) -> const detail::RawMember* {
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
      if (it->key == key) return &*it;
    }
    return nullptr;
  };
  const auto* type = last("type");
  if (type == nullptr || type->value.size() < 2 || type->value.front() != '"' ||
      type->value.find('\\') != std::string_view::npos) {
    return false;
  }
  fields.type = std::string(type->value.substr(1, type->value.size() - 2));
  std::size_t index = 0;
  for (auto name : documents) {
    if (const auto* document = last(name)) {
      if (document->value.front() == '"') return false;  // JSON text in a string: unescape first
      fields.documents[index] = std::string(document->value);
    }
    ++index;
  }
  if (const auto* force = last("force")) {
    if (force->value != "true" && force->value != "false" && force->value != "null") return false;
    fields.force = force->value == "true";
  }
  if (const auto* edited = last("edited_sections"); edited != nullptr && edited->value != "null") {
    detail::JsonDocument list(edited->value);
    if (!list.root() || !list.root()->is_array()) return false;
    for (auto id : detail::as_array(*list.root())) {
      if (!id.is_string()) return false;
      fields.edited_sections.emplace_back(id.get_string().value_unsafe());
    }
  }
  return true;
}

// Reads {type, <documents...>, edited_sections?, force?}; false with an issue on a bad shape.
[[gnu::noinline]] bool read_request(std::string_view json,
                                    std::initializer_list<std::string_view> documents,
                                    RequestFields& fields, Outcome& outcome) {
  if (read_request_spans(json, documents, fields)) return true;
  fields = RequestFields{};
  detail::JsonDocument request(json);
  if (!request.root()) {
    detail::fail(outcome, Status::invalid_input, request.error());
    return false;
  }
  detail::Element root = *request.root();
  if (!root.is_object()) {
    detail::fail(outcome, Status::invalid_input, bad_request("", "The request must be an object"));
    return false;
  }
  // Repeated keys: the last one wins, as in the span read above.
  auto type = detail::last_member(root, "type");
  if (!type || !type->is_string()) {
    detail::fail(outcome, Status::invalid_input, bad_request("type", "type must be a string"));
    return false;
  }
  fields.type = std::string(type->get_string().value_unsafe());
  std::size_t index = 0;
  for (auto name : documents) {
    if (auto document = detail::last_member(root, name)) {
      fields.documents[index] = document->is_string()
                                    ? std::string(document->get_string().value_unsafe())
                                    : detail::element_json(*document);
    }
    ++index;
  }
  if (auto edited = detail::last_member(root, "edited_sections"); edited && !edited->is_null()) {
    if (!edited->is_array()) {
      detail::fail(outcome, Status::invalid_input,
                   bad_request("edited_sections", "edited_sections must be an array of strings"));
      return false;
    }
    for (auto id : detail::as_array(*edited)) {
      if (!id.is_string()) {
        detail::fail(outcome, Status::invalid_input,
                     bad_request("edited_sections", "edited_sections must be an array of strings"));
        return false;
      }
      fields.edited_sections.emplace_back(id.get_string().value_unsafe());
    }
  }
  if (auto force = detail::last_member(root, "force"); force && !force->is_null()) {
    if (!force->is_bool()) {
      detail::fail(outcome, Status::invalid_input, bad_request("force", "force must be a boolean"));
      return false;
    }
    fields.force = force->get_bool().value_unsafe();
  }
  return true;
}

}  // namespace

MergeResult merge_request(std::string_view request_json) {
  MergeResult result;
  RequestFields fields;
  if (!read_request(request_json, {"base", "ours", "theirs"}, fields, result)) return result;
  return merge({fields.type, fields.documents[0], fields.documents[1], fields.documents[2],
                std::move(fields.edited_sections), fields.force});
}

MergeResult merge_request(std::string_view request_json, const Document* base, const Document* ours,
                          const Document* theirs) {
  MergeResult result;
  RequestFields fields;
  if (!read_request(request_json, {}, fields, result)) return result;
  return merge(
      DocumentMergeRequest{base, ours, theirs, std::move(fields.edited_sections), fields.force});
}

DiffResult diff_request(std::string_view request_json) {
  DiffResult result;
  RequestFields fields;
  if (!read_request(request_json, {"before", "after"}, fields, result)) return result;
  return diff(fields.type, fields.documents[0], fields.documents[1]);
}

}  // namespace artifacts
