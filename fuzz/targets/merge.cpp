// The merge target (merge() and merge_request()): merged values are valid, only edited sections
// differ from theirs, force is theirs, and the merge laws hold.
#include "entries.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "inputs.hpp"
#include "oracles.hpp"

namespace artifacts::fuzz {
namespace {

std::string check_merge(const MergeRequest& request, const MergeResult& result) {
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  const ModelSpec* model = find_artifact_type(request.type);
  if (model == nullptr) {
    FUZZ_EXPECT(!result.ok(), "merge accepted an unknown type");
    return {};
  }
  const auto sections = sections_of(*model);
  for (const auto& id : request.edited_sections) {
    if (index_of(sections, id) == sections.size()) {
      FUZZ_EXPECT(result.status == Status::invalid_input, "merge accepted an unknown section");
      return {};
    }
  }
  auto requested = [&](std::string_view id) {
    return index_of(request.edited_sections, id) != request.edited_sections.size();
  };

  // Merge never hands back invalid content.
  if (result.ok()) {
    auto checked = validate(request.type, result.value);
    FUZZ_EXPECT(checked.ok() && checked.warnings.empty() && same_json(checked.value, result.value),
                "the merged value is not valid normalised content: " + checked.to_json());
  }
  const auto theirs = normalised(request.type, request.theirs);
  const bool generated = !(request.theirs.empty() || request.theirs == "null");
  if (request.force) {
    FUZZ_EXPECT(!generated || result.ok() == theirs.has_value(),
                "force merge: ok is not whether theirs is valid");
    if (result.ok()) {
      FUZZ_EXPECT(same_json(result.value, *theirs), "force merge is not theirs");
      FUZZ_EXPECT(result.kept.empty() && result.conflicts.empty() && result.edited_sections.empty(),
                  "force merge keeps edits");
    }
    return {};
  }
  const auto ours = normalised(request.type, request.ours);
  const auto base = normalised(request.type, request.base);
  const bool valid_inputs = theirs && ours && base;
  FUZZ_EXPECT(!result.ok() || valid_inputs, "merge accepted invalid input");
  // (With no founder content, a section marked edited is a founder's deletion: it may leave a
  // required section missing, which merge refuses.)
  const bool founder_content = !(request.ours.empty() || request.ours == "null");
  FUZZ_EXPECT(result.ok() || !valid_inputs || !generated || !founder_content,
              "merge refused valid input: " + result.to_json());
  if (!result.ok()) return {};

  auto merged = tree(result.value), theirs_tree = tree(*theirs), ours_tree = tree(*ours),
       base_tree = tree(*base);
  FUZZ_EXPECT(merged && theirs_tree && ours_tree && base_tree, "the oracle does not read a value");
  bool all_requested = true;
  for (auto id : sections) {
    const bool differs = !same(section(*merged, id), section(*theirs_tree, id));
    FUZZ_EXPECT(differs == (index_of(result.edited_sections, id) != result.edited_sections.size()),
                "edited_sections is not the sections that differ from theirs: " + std::string(id));
    FUZZ_EXPECT(!differs || requested(id), "a section nobody edited differs from theirs");
    all_requested = all_requested && requested(id);
  }
  for (const auto& id : result.kept) {
    FUZZ_EXPECT(requested(id), "kept lists a section that was not edited");
  }
  for (const auto& conflict : result.conflicts) {
    FUZZ_EXPECT(index_of(result.kept, conflict.section_id) != result.kept.size(),
                "a conflict in a section that was not kept");
    FUZZ_EXPECT(conflict.path.starts_with("/" + conflict.section_id),
                "a conflict's path is not in its section");
    for (const std::string* json :
         {&conflict.identity, &conflict.base, &conflict.ours, &conflict.theirs}) {
      FUZZ_EXPECT(json->empty() || is_json(*json), "a conflict holds a value that is not JSON");
    }
  }
  // Merge laws: no founder edits follow the new generation; a generation that changed nothing
  // leaves the founder's content where every section is marked edited.
  if (*ours_tree == *base_tree) {
    FUZZ_EXPECT(*merged == *theirs_tree, "merge without founder edits is not theirs");
  }
  if (*theirs_tree == *base_tree && all_requested) {
    for (auto id : sections) {
      FUZZ_EXPECT(same(section(*merged, id), section(*ours_tree, id)),
                  "merge against an unchanged generation lost the founder's " + std::string(id));
    }
  }
  return {};
}

// The reading of a {type, <documents>, edited_sections, force} request the operations document,

std::string run_merge_request(std::string_view request_json) {
  auto result = merge_request(request_json);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  if (!library_reads_object(request_json)) {
    FUZZ_EXPECT(result.status == Status::invalid_input, "merge_request accepted a non-object");
    return {};
  }
  auto request = tree(request_json);
  FUZZ_EXPECT(request != nullptr, "the oracle does not read the request");
  ParsedRequest fields;
  if (!read_request(*request, {"base", "ours", "theirs"}, fields)) {
    FUZZ_EXPECT(result.status == Status::invalid_input, "merge_request accepted a bad request");
    return {};
  }
  MergeRequest call{fields.type,
                    fields.documents[0],
                    fields.documents[1],
                    fields.documents[2],
                    std::move(fields.edited_sections),
                    fields.force};
  auto expected = merge(call);
  FUZZ_EXPECT(same_json(result.to_json(), expected.to_json()),
              "merge_request reads the request differently: " + result.to_json().substr(0, 300) +
                  " vs " + expected.to_json().substr(0, 300));
  return check_merge(call, result);
}

}  // namespace

std::string run_merge(std::string_view bytes) {
  const Input input{bytes, 4};
  const std::uint8_t mode = input.byte(0);
  if ((mode & 0x80u) != 0) return run_merge_request(input.payload());
  const std::string_view type = artifact_at(mode);
  const auto mask = static_cast<std::uint16_t>(input.byte(2) | (input.byte(3) << 8));
  std::vector<std::string> edited;
  if (const ModelSpec* model = find_artifact_type(type)) {
    const auto sections = sections_of(*model);
    for (std::size_t i = 0; i < sections.size() && i < 15; ++i) {
      if ((mask >> i) & 1u) edited.emplace_back(sections[i]);
    }
  }
  if ((mask & 0x8000u) != 0) edited.emplace_back(kUnknownName);
  const auto parts = split(input.payload(), 3);
  const MergeRequest request{type,     parts[0],          parts[1],
                             parts[2], std::move(edited), (input.byte(1) & 1u) != 0};
  return check_merge(request, merge(request));
}

}  // namespace artifacts::fuzz
