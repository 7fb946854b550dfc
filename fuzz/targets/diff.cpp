// The diff target (diff(), diff_request(), word_diff()): sections classified as the documents
// differ, a patch that the independent applier turns from before into after, word pieces that
// give back both texts.
#include "entries.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "inputs.hpp"
#include "oracles.hpp"

namespace artifacts::fuzz {
namespace {

// Blank text and `null` mean "no content": an empty object.
std::unique_ptr<Document> content_tree(std::string_view text) {
  const bool blank = text.find_first_not_of(" \t\n\r") == std::string_view::npos;
  auto document = tree(blank ? std::string_view("{}") : text);
  if (document && document->IsNull()) document->SetObject();
  return document;
}

// diff takes no content (empty, `null`) or content that validates: it refuses what validate
// refuses, as merge and the Markdown export do.
bool content_document(const ModelSpec& model, std::string_view text) {
  const bool blank = text.find_first_not_of(" \t\n\r") == std::string_view::npos;
  if (blank || library_reads(text) == Root::null) return true;
  return validate(model.id, text, {.want_value = false}).ok();
}

std::string check_diff(std::string_view type, std::string_view before, std::string_view after,
                       const DiffResult& result) {
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  const ModelSpec* model = find_model(type);
  FUZZ_EXPECT(
      result.ok() == (model && content_document(*model, before) && content_document(*model, after)),
      "diff's verdict is not whether it was given two valid content objects: " +
          result.to_json().substr(0, 300));
  if (!result.ok()) return {};

  // Documents as the library holds them: repeated keys collapsed, the last one winning.
  auto before_tree = content_tree(before), after_tree = content_tree(after);
  FUZZ_EXPECT(before_tree && after_tree, "the oracle does not read diff's documents");
  dedupe(*before_tree, before_tree->GetAllocator());
  dedupe(*after_tree, after_tree->GetAllocator());

  const auto sections = sections_of(*model);
  FUZZ_EXPECT(result.sections.size() == sections.size(), "diff does not list every section");
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& change = result.sections[i];
    FUZZ_EXPECT(change.id == sections[i], "diff's sections are not in schema order");
    const Value* b = section(*before_tree, change.id);
    const Value* a = section(*after_tree, change.id);
    std::string_view expected = same(b, a)     ? "unchanged"
                                : b == nullptr ? "added"
                                : a == nullptr ? "removed"
                                               : "modified";
    FUZZ_EXPECT(change.change == expected, "section " + std::string(change.id) + " is " +
                                               std::string(change.change) + ", not " +
                                               std::string(expected));
    if (!change.words.empty()) {
      FUZZ_EXPECT(b && a && b->IsString() && a->IsString(), "a word diff of a non-string section");
      FUZZ_PROPAGATE(check_pieces(view(*b), view(*a), change.words));
    }
  }

  // The patch: well-formed operations that turn before into after.
  auto patch = tree(result.patch);
  FUZZ_EXPECT(patch && patch->IsArray(), "the patch is not a JSON array");
  for (const auto& op : patch->GetArray()) {
    FUZZ_EXPECT(op.IsObject(), "a patch operation is not an object");
    const Value* name = find(op, "op");
    const Value* path = find(op, "path");
    FUZZ_EXPECT(name && name->IsString() && path && path->IsString(),
                "a patch operation lacks op or path");
    const std::string_view verb = view(*name);
    FUZZ_EXPECT(verb == "add" || verb == "remove" || verb == "replace" || verb == "move",
                "an unexpected patch operation");
    const Value* from = find(op, "from");
    FUZZ_EXPECT((verb == "move") == (from != nullptr && from->IsString()),
                "a move without from, or a from without move");
    FUZZ_EXPECT((verb == "add" || verb == "replace") == (find(op, "value") != nullptr),
                "a patch operation's value is missing or extra");
  }
  FUZZ_EXPECT(apply_patch(*before_tree, *patch),
              "the patch does not apply to before: " + result.patch.substr(0, 300));
  FUZZ_EXPECT(*before_tree == *after_tree,
              "the patch does not turn before into after: " + result.patch.substr(0, 300));

  auto identical = diff(type, before, before);
  FUZZ_EXPECT(identical.ok() && identical.patch == "[]", "a document differs from itself");
  for (const auto& change : identical.sections) {
    FUZZ_EXPECT(change.change == "unchanged", "a section differs from itself");
  }
  return {};
}

std::string run_diff_request(std::string_view request_json) {
  auto result = diff_request(request_json);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  if (!library_reads_object(request_json)) {
    FUZZ_EXPECT(result.status == Status::invalid_input, "diff_request accepted a non-object");
    return {};
  }
  auto request = tree(request_json);
  FUZZ_EXPECT(request != nullptr, "the oracle does not read the request");
  ParsedRequest fields;
  if (!read_request(*request, {"before", "after"}, fields)) {
    FUZZ_EXPECT(result.status == Status::invalid_input, "diff_request accepted a bad request");
    return {};
  }
  auto expected = diff(fields.type, fields.documents[0], fields.documents[1]);
  FUZZ_EXPECT(same_json(result.to_json(), expected.to_json()),
              "diff_request reads the request differently: " + result.to_json().substr(0, 300) +
                  " vs " + expected.to_json().substr(0, 300));
  return check_diff(fields.type, fields.documents[0], fields.documents[1], result);
}

std::string run_word_diff(std::string_view payload, std::uint8_t budget_eighths) {
  const auto parts = split(payload, 2);
  WordDiffResult result;
  result.pieces = word_diff(parts[0], parts[1]);
  FUZZ_PROPAGATE(check_pieces(parts[0], parts[1], result.pieces));
  if (valid_utf8(parts[0]) && valid_utf8(parts[1])) {
    FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  }
  if (budget_eighths != 0) {
    // A small budget gives up on a minimal diff early, never on a correct one.
    FUZZ_PROPAGATE(check_pieces(parts[0], parts[1],
                                word_diff(parts[0], parts[1], std::size_t{budget_eighths} * 8)));
  }
  for (auto text : parts) {
    std::string joined;
    for (auto token : word_tokens(text)) {
      FUZZ_EXPECT(!token.empty(), "an empty token");
      FUZZ_EXPECT(!valid_utf8(text) || valid_utf8(token), "a token splits a UTF-8 sequence");
      joined += token;
    }
    FUZZ_EXPECT(joined == text, "the tokens do not give back the text");
  }
  return {};
}

}  // namespace

std::string run_diff(std::string_view bytes) {
  const Input input{bytes, 2};
  switch (input.byte(0) % 3) {
    case 0:
      return run_diff_request(input.payload());
    case 1: {
      const std::string_view type = model_at(input.byte(1));
      const auto parts = split(input.payload(), 2);
      return check_diff(type, parts[0], parts[1], diff(type, parts[0], parts[1]));
    }
    default:
      return run_word_diff(input.payload(), input.byte(1));
  }
}

}  // namespace artifacts::fuzz
