#include "oracles.hpp"

#include <algorithm>

namespace artifacts::fuzz {

std::string broken(std::string_view what, std::string_view file, int line) {
  if (auto from = file.rfind("fuzz/"); from != std::string_view::npos) file.remove_prefix(from);
  return std::string(what) + " (" + std::string(file) + ":" + std::to_string(line) + ")";
}

bool library_reads_object(std::string_view text) {
  return library_reads(text) == Root::object;
}

const Value* section(const Value& document, std::string_view key, bool last) {
  const Value* found = find(document, key, last);
  return found == nullptr || found->IsNull() ? nullptr : found;
}

bool same(const Value* a, const Value* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return *a == *b;
}

bool has_repeated_key(const Value& object) {
  std::vector<std::string_view> keys;
  for (const auto& member : object.GetObject()) keys.push_back(view(member.name));
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

std::string check_envelope(const Outcome& outcome, const std::string& json) {
  FUZZ_EXPECT(outcome.ok() == outcome.errors.empty(), "ok() and an empty error list disagree");
  FUZZ_EXPECT(is_json(json), "to_json() is not valid JSON: " + json.substr(0, 300));
  auto document = tree(json);
  FUZZ_EXPECT(document && document->IsObject(), "to_json() is not a JSON object");
  const Value* ok = find(*document, "ok");
  FUZZ_EXPECT(ok && ok->IsBool() && ok->GetBool() == outcome.ok(), "to_json()'s ok is wrong");
  const Value* code = find(*document, "code");
  if (outcome.ok()) {
    FUZZ_EXPECT(code == nullptr, "an ok result has a code");
  } else {
    FUZZ_EXPECT(code && code->IsString() && view(*code) == status_code(outcome.status),
                "to_json()'s code is not the status");
  }
  const Value* errors = find(*document, "errors");
  FUZZ_EXPECT(errors && errors->IsArray() && errors->Size() == outcome.errors.size(),
              "to_json()'s errors are not the result's");
  return {};
}

std::optional<std::string> normalised(std::string_view type, std::string_view text) {
  if (text.empty() || text == "null") return std::string("{}");
  auto checked = validate(type, text);
  if (!checked.ok()) return std::nullopt;
  return checked.value;
}

std::string check_pieces(std::string_view before, std::string_view after,
                         const std::vector<TextPiece>& pieces) {
  std::string old_text, new_text;
  const bool utf8 = valid_utf8(before) && valid_utf8(after);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto& piece = pieces[i];
    FUZZ_EXPECT(!piece.text.empty(), "a word diff piece is empty");
    FUZZ_EXPECT(i == 0 || pieces[i - 1].op != piece.op, "two neighbouring pieces share an op");
    FUZZ_EXPECT(!utf8 || valid_utf8(piece.text), "a word diff piece splits a UTF-8 sequence");
    if (piece.op != DiffOp::insert) old_text += piece.text;
    if (piece.op != DiffOp::remove) new_text += piece.text;
  }
  FUZZ_EXPECT(old_text == before, "the equal and delete pieces do not give the before text");
  FUZZ_EXPECT(new_text == after, "the equal and insert pieces do not give the after text");
  return {};
}

bool read_request(const Value& request, std::initializer_list<std::string_view> names,
                  ParsedRequest& out) {
  if (!request.IsObject()) return false;
  const Value* type = find(request, "type", true);
  if (type == nullptr || !type->IsString()) return false;
  out.type = view(*type);
  std::size_t index = 0;
  for (auto name : names) {
    if (const Value* document = find(request, name, true)) {
      out.documents[index] =
          document->IsString() ? std::string(view(*document)) : to_json(*document);
    }
    ++index;
  }
  if (const Value* edited = find(request, "edited_sections", true); edited && !edited->IsNull()) {
    if (!edited->IsArray()) return false;
    for (const auto& id : edited->GetArray()) {
      if (!id.IsString()) return false;
      out.edited_sections.emplace_back(view(id));
    }
  }
  if (const Value* force = find(request, "force", true); force && !force->IsNull()) {
    if (!force->IsBool()) return false;
    out.force = force->GetBool();
  }
  return true;
}

}  // namespace artifacts::fuzz
