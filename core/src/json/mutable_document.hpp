// Loading whole documents for the operations that compare and rearrange them (merge, diff).
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string_view>

#include "artifacts/registry.hpp"
#include "artifacts/result.hpp"

namespace artifacts::detail {

// Parses `text` as a content object into `out`. Empty text or `null` is an empty object (no
// content yet). On failure records an invalid_input issue whose loc starts with `name`.
bool load_object(std::string_view text, int slot, std::string_view name, rapidjson::Document& out,
                 Outcome& outcome);

// No content yet: empty text or `null`, with any whitespace around it.
bool is_no_content(std::string_view json);

// What a validated document is loaded as: its normalised value (merge rearranges it) or its
// text as written (diff reports what is there).
enum class LoadAs : std::uint8_t { normalised, written };

// Loads `text` into `out` when it validates as `model`; otherwise records validate's errors, each
// `loc` starting with `name`, under validate's status. The caller decides what no content means.
bool load_validated(const ModelSpec& model, std::string_view name, std::string_view text, int slot,
                    rapidjson::Document& out, Outcome& outcome, LoadAs as);

// Deep equality where an absent value (nullptr) equals only another absent one.
bool same(const rapidjson::Value* a, const rapidjson::Value* b);

// The member `key` of `object`, or nullptr; `null` counts as absent when `null_is_absent`.
const rapidjson::Value* member(const rapidjson::Value& object, std::string_view key,
                               bool null_is_absent = false);

}  // namespace artifacts::detail
