// The steps of merge() that follow loading its inputs, shared by merge() of texts and merge() of
// documents held open (which loads only what differs, the rest as stand-ins: json/stand_in.hpp).
#pragma once

#include <rapidjson/document.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/document.hpp"
#include "artifacts/operations.hpp"
#include "diff/diff_members.hpp"

namespace artifacts::detail {

// False, with the error merge() gives, when an edited section is not a section of `model`.
bool known_sections(const ModelSpec& model, const std::vector<std::string>& edited_sections,
                    MergeResult& result);

// Merges the loaded contents into `merged` and fills the result's kept, conflicts and
// edited_sections (conflicts written with each stand-in as texts[its ordinal]).
void merge_loaded(const ModelSpec& model, const rapidjson::Value& base,
                  const rapidjson::Value& ours, const rapidjson::Value& theirs,
                  const std::vector<std::string>& edited_sections,
                  std::span<const std::string_view> texts, rapidjson::Document& merged,
                  MergeResult& result);

// Merge never hands back invalid content: `value` validated, as the result's value or its errors.
void set_checked_value(const ModelSpec& model, const std::string& value, MergeResult& result);

// merge() of three contents given as their top-level members' texts (documents held open; an
// empty span: no content), each valid as written with no key repeated; the same result merge()
// gives for their texts. Members whose text is the same on all three sides, and items the same
// on every side that holds them, are not read.
MergeResult merge_members(const ModelSpec& model, std::span<const MemberText> base,
                          std::span<const MemberText> ours, std::span<const MemberText> theirs,
                          const std::vector<std::string>& edited_sections);

}  // namespace artifacts::detail
