// The document target (Document: open, set_section, validate, diff and merge of documents): a
// random sequence of edits on a document held open, with the stateless operations on its text as
// the oracle at every step, and an independent tree the same edits are applied to.
#include "entries.hpp"

#include <memory>
#include <string>
#include <vector>

#include "artifacts/document.hpp"
#include "inputs.hpp"
#include "oracles.hpp"

namespace artifacts::fuzz {
namespace {

constexpr std::size_t kMaxOperations = 16;

// The same edit on the oracle's tree: the member set in place (or added last), or removed.
void set_in_tree(Document& tree, std::string_view key, const Value* value) {
  auto& allocator = tree.GetAllocator();
  Value name(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator);
  auto found = tree.FindMember(name);
  if (value == nullptr) {
    if (found != tree.MemberEnd()) tree.EraseMember(found);
    return;
  }
  Value copy;
  copy.CopyFrom(*value, allocator);
  if (found != tree.MemberEnd()) {
    found->value = copy;
  } else {
    tree.AddMember(name, copy, allocator);
  }
}

std::vector<Issue> located_at(const std::vector<Issue>& issues, std::string_view id) {
  std::vector<Issue> out;
  for (const auto& issue : issues) {
    const auto* key = issue.loc.empty() ? nullptr : std::get_if<std::string>(&issue.loc[0]);
    if (key != nullptr && *key == id) out.push_back(issue);
  }
  return out;
}

std::string issues_json(const std::vector<Issue>& issues) {
  ValidationResult carrier;
  carrier.errors = issues;
  return carrier.to_json();
}

std::string check_validate(const artifacts::Document& document, std::string_view tier) {
  for (bool strict : {false, true}) {
    auto held = document.validate(strict);
    auto stateless =
        validate(document.model().id, document.text(), {.tier = tier, .strict = strict});
    FUZZ_EXPECT(held.to_json() == stateless.to_json(),
                "the document's validate differs from validate of its text: " +
                    held.to_json().substr(0, 300) + " vs " + stateless.to_json().substr(0, 300));
  }
  return {};
}

// diff of `before` and `after`, and the three-way merge of `before`, `after` and `theirs`, of the
// documents and of their texts (both load only the sections and items that differ), against the
// full path on their texts.
std::string check_pair(const artifacts::Document& before, const artifacts::Document& after,
                       const artifacts::Document& theirs, std::string_view edited) {
  const auto type = before.model().id;
  // The oracle is the full path (every text validated and parsed whole); documents and texts
  // valid as written both take the member path, which reads only what differs.
  const auto expected_diff =
      diff(type, before.text(), after.text(), /*by_members=*/false).to_json();
  for (const auto& [what, answer] : {std::pair{"documents", diff(before, after)},
                                     {"texts", diff(type, before.text(), after.text())}}) {
    FUZZ_EXPECT(answer.to_json() == expected_diff,
                std::string("diff of ") + what + " differs from the full path: " +
                    answer.to_json().substr(0, 300) + " vs " + expected_diff.substr(0, 300));
  }
  std::vector<std::string> sections;
  if (!edited.empty()) sections.emplace_back(edited);
  for (const artifacts::Document* other : {&before, &theirs}) {
    MergeRequest texts{type, before.text(), after.text(), other->text(), sections};
    MergeRequest in_full = texts;
    in_full.by_members = false;
    const auto expected = merge(in_full).to_json();
    for (const auto& [what, answer] :
         {std::pair{"documents",
                    merge(DocumentMergeRequest{&before, &after, other, sections, false})},
          {"texts", merge(texts)}}) {
      FUZZ_EXPECT(answer.to_json() == expected,
                  std::string("merge of ") + what + " differs from the full path: " +
                      answer.to_json().substr(0, 300) + " vs " + expected.substr(0, 300));
    }
  }
  return {};
}

}  // namespace

std::string run_document(std::string_view bytes) {
  const Input input{bytes, 2};
  const std::string_view type = artifact_at(input.byte(0));
  const std::string_view tier = validate_tier(input.byte(1));
  const auto parts = split(input.payload(), kMaxOperations + 1);

  Outcome outcome;
  auto document = artifacts::Document::open(type, parts[0], tier, outcome);
  const ModelSpec* model = find_model(type);
  const bool known = model != nullptr && tier != kUnknownName;
  FUZZ_EXPECT((document != nullptr) == (known && library_reads_object(parts[0])),
              "a document opens where the content is not an object, or not where it is");
  if (!document) {
    FUZZ_EXPECT(outcome.status != Status::ok, "a refused document without a reason");
    return {};
  }
  auto original = artifacts::Document::open(type, parts[0], tier, outcome);
  // The content as the last check left it: the third side of a merge.
  auto checkpoint = artifacts::Document::open(type, parts[0], tier, outcome);
  auto check = [&](std::string_view edited) -> std::string {
    FUZZ_PROPAGATE(check_pair(*original, *document, *checkpoint, edited));
    Outcome reopened;
    checkpoint = artifacts::Document::open(type, document->text(), tier, reopened);
    FUZZ_EXPECT(checkpoint != nullptr, "a document's own text does not open");
    return {};
  };
  auto content = testing::deduped_tree(parts[0]);
  FUZZ_EXPECT(content && content->IsObject(), "the oracle does not read the content");
  FUZZ_EXPECT(same_json(document->text(), to_json(*content)),
              "the document's text is not its content");
  FUZZ_PROPAGATE(check_validate(*document, tier));

  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string_view operation = parts[i];
    if (operation.empty()) continue;
    const auto code = static_cast<std::uint8_t>(operation[0]);
    const std::string_view value = operation.substr(1);
    if (code % 8 == 7) {
      FUZZ_PROPAGATE(check({}));
      continue;
    }
    // The section: a field of the model, or (past the end) a name it does not have.
    const std::size_t pick = (code >> 3) % (model->fields.size() + 1);
    const std::string id =
        pick < model->fields.size() ? std::string(model->fields[pick].key) : "no_such_section";
    const bool remove = code % 8 == 6 || value.empty();
    const bool strict = (code & 0x80) != 0;
    const std::string before = document->text();
    auto result = document->set_section(id, remove ? std::string_view() : value, strict);
    FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
    if (result.status == Status::invalid_input) {
      FUZZ_EXPECT(document->text() == before, "a refused edit changed the document");
      const bool unreadable = pick >= model->fields.size() || library_reads(value) == Root::none ||
                              library_reads("[" + std::string(value) + "]") == Root::none ||
                              before.size() + value.size() > kMaxInputBytes;
      FUZZ_EXPECT(unreadable, "set_section refused a value the document could hold: " +
                                  result.to_json().substr(0, 300));
      continue;
    }
    FUZZ_EXPECT(pick < model->fields.size(), "set_section took a section the type does not have");
    FUZZ_EXPECT(library_reads_object(document->text()), "the document's text is no longer JSON");
    std::unique_ptr<Document> parsed;
    if (!remove) {
      parsed = tree(value);
      FUZZ_EXPECT(parsed != nullptr, "the oracle does not read an accepted value");
      testing::dedupe(*parsed, parsed->GetAllocator());
    }
    set_in_tree(*content, id, parsed.get());
    FUZZ_EXPECT(same_json(document->text(), to_json(*content)),
                "the document's text is not the edited content");

    auto whole = validate(type, document->text(), {.tier = tier, .strict = strict});
    FUZZ_EXPECT(issues_json(result.errors) == issues_json(located_at(whole.errors, id)),
                "set_section's errors are not the section's share of validate's");
    FUZZ_EXPECT(issues_json(result.warnings) == issues_json(located_at(whole.warnings, id)),
                "set_section's warnings are not the section's share of validate's");
    FUZZ_EXPECT(result.ok() == result.errors.empty(), "set_section's verdict is not its errors");
    FUZZ_PROPAGATE(check_validate(*document, tier));
    if (code % 4 == 3) FUZZ_PROPAGATE(check(id));
  }
  return {};
}

}  // namespace artifacts::fuzz
