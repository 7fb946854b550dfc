// A document held open between calls (an artifact an editor has open): its content parsed once
// and kept as compact JSON text split into top-level members, each section's validation kept
// until that section changes. Every answer is the one the stateless operations give for the
// document's text: validate() is validate(type, text(), {tier, strict}), and diff and merge of
// documents are diff and merge of their texts.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"
#include "artifacts/result.hpp"

namespace artifacts {

class Document {
 public:
  // One top-level member as the text holds it.
  struct Member {
    std::string raw_key;  // the key's bytes between its quotes, escapes as written
    std::string key;      // the key decoded
    std::string value;    // the value's compact JSON text
  };

  // Opens `json` (an object's JSON text) as `type`, validated at `tier` (empty: none). An unknown
  // type or tier, text that is not JSON or is over the limits, or a root that is not an object:
  // nullptr, and `outcome` says why, as validate() would.
  static std::unique_ptr<Document> open(std::string_view type, std::string_view json,
                                        std::string_view tier, Outcome& outcome);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const ModelSpec& model() const;
  std::span<const Member> members() const;

  // One item of a list member, as spans of that member's value: the item's text, and the text of
  // its field `identity`'s value as written (empty when the item has no member of that plain key,
  // or has a key written with escapes, which might spell it).
  struct ListItem {
    std::string_view text;
    std::string_view identity;
  };
  // The items of member `index` when its value is a JSON array, else nothing; `identity` names the
  // items' identifying field (the same on every call for a member: the model's). Read from the
  // text once per value of the member, so a diff reads an unchanged list once.
  // The items stay valid until the document changes.
  std::span<const ListItem> list_items(std::size_t index, std::string_view identity) const;
  // Whether member `index`'s text is what writing its parsed value gives back (see
  // json/stand_in.hpp), so a merge may copy it as it stands. Read once per value of the member.
  bool writes_as_is(std::size_t index) const;
  // The content as compact JSON text (whitespace between tokens removed, tokens as written).
  const std::string& text() const;

  // Exactly validate(model().id, text(), {tier, strict, want_value}); sections that did not
  // change since the last call are not validated again.
  ValidationResult validate(bool strict = false, bool want_value = true) const;
  // validate()'s answer in brief, kept until the content changes: valid, and valid as written
  // (its normalised value is its text).
  bool valid() const;
  bool valid_as_written() const;

  // Replaces the value of the field `id` with `json` (any JSON value; empty: the member is
  // removed). A member already there keeps its place (a repeated key keeps its first place and
  // loses its repeats); a new one goes last. Returns that section's share of validate(): its
  // errors and warnings as validate() locates them and its normalised value. Text that is not
  // JSON, a document that would grow over the limits, or an id that is not a field of the model
  // is refused (invalid_input) and the document is left as it was. `value_is_input`: the value
  // is valid as written, so its normalised value is `json` itself (compacted).
  ValidationResult set_section(std::string_view id, std::string_view json, bool strict = false);

 private:
  Document();
  const std::pair<bool, bool>& lax_answer() const;
  struct State;
  std::unique_ptr<State> state_;
};

// diff(type, before.text(), after.text()); sections whose text did not change are not read.
DiffResult diff(const Document& before, const Document& after);

struct DocumentMergeRequest {
  const Document* base = nullptr;  // nullptr: no content
  const Document* ours = nullptr;
  const Document* theirs = nullptr;
  std::vector<std::string> edited_sections;
  bool force = false;
};

// merge() of the documents' texts. Documents of different types are invalid_input.
MergeResult merge(const DocumentMergeRequest& request);
// The same with `edited_sections` and `force` read from a JSON request {type, edited_sections,
// force} (the merge request without its documents): the form the wasm boundary uses.
MergeResult merge_request(std::string_view request_json, const Document* base, const Document* ours,
                          const Document* theirs);

}  // namespace artifacts
