// diff and merge of documents held open: their texts are already here, so nothing crosses again;
// diff reads only the sections whose text differs.
#include <algorithm>
#include <vector>

#include "artifacts/document.hpp"
#include "diff/diff_members.hpp"
#include "merge/merge_loaded.hpp"
#include "registry/resolve.hpp"

namespace artifacts {
namespace {

bool has_repeated_key(const Document& document) {
  const auto members = document.members();
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (members[i].key == members[j].key) return true;
    }
  }
  return false;
}

// The document's members with their items read; `for_merge`: also whether each writes as is.
std::vector<detail::MemberText> member_texts(const Document* document, bool for_merge = false) {
  std::vector<detail::MemberText> texts;
  if (document == nullptr) return texts;
  const auto members = document->members();
  texts.reserve(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    detail::MemberText text{members[i].key, members[i].value, {}, false};
    if (const ModelSpec* items = detail::identified_items(document->model(), members[i].key)) {
      text.items = document->list_items(i, items->identity);
    }
    text.writes_as_is = for_merge && document->writes_as_is(i);
    texts.push_back(std::move(text));
  }
  return texts;
}

// Valid as written (so its normalised value is its text), no key repeated: what merging its
// members instead of its text needs. No document (no content) qualifies.
bool valid_as_written(const Document* document) {
  return document == nullptr || document->valid_as_written();
}

Issue different_types(std::string_view first, std::string_view second) {
  return Issue{
      IssueType::model_type,
      {},
      "The documents are of different types: " + std::string(first) + " and " + std::string(second),
      {},
      {}};
}

}  // namespace

DiffResult diff(const Document& before, const Document& after) {
  const ModelSpec& model = before.model();
  if (&after.model() != &model) {
    DiffResult result;
    detail::fail(result, Status::invalid_input, different_types(model.id, after.model().id));
    return result;
  }
  // Invalid content (reported as diff() reports it) or a repeated key: diff() of the texts.
  if (has_repeated_key(before) || has_repeated_key(after) || !before.valid() || !after.valid()) {
    return diff(model.id, before.text(), after.text());
  }
  return detail::diff_members(model, member_texts(&before), member_texts(&after));
}

MergeResult merge(const DocumentMergeRequest& request) {
  const Document* named = request.theirs ? request.theirs
                          : request.ours ? request.ours
                                         : request.base;
  MergeResult result;
  if (named == nullptr) {
    detail::fail(result, Status::invalid_input,
                 Issue{IssueType::missing, {"theirs"}, "A document is required", {}, {}});
    return result;
  }
  const ModelSpec& model = named->model();
  for (const Document* document : {request.base, request.ours, request.theirs}) {
    if (document != nullptr && &document->model() != &model) {
      detail::fail(result, Status::invalid_input, different_types(model.id, document->model().id));
      return result;
    }
  }
  if (!request.force && valid_as_written(request.base) && valid_as_written(request.ours) &&
      valid_as_written(request.theirs)) {
    return detail::merge_members(model, member_texts(request.base, true),
                                 member_texts(request.ours, true),
                                 member_texts(request.theirs, true), request.edited_sections);
  }
  auto text = [](const Document* document) {
    return document ? std::string_view(document->text()) : std::string_view();
  };
  return merge(MergeRequest{model.id, text(request.base), text(request.ours), text(request.theirs),
                            request.edited_sections, request.force});
}

}  // namespace artifacts
