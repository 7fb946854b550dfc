// Loading whole documents for the operations that compare and rearrange them (merge, diff).
#pragma once

#include <rapidjson/document.h>

#include <string_view>

#include "artifacts/registry.hpp"
#include "artifacts/result.hpp"

namespace artifacts::detail {

// Parses `text` as a content object into `out`. Empty text or `null` is an empty object (no
// content yet). On failure records an invalid_input issue whose loc starts with `name`.
bool load_object(std::string_view text, int slot, std::string_view name, rapidjson::Document& out,
                 Outcome& outcome);

// Deep equality where an absent value (nullptr) equals only another absent one.
bool same(const rapidjson::Value* a, const rapidjson::Value* b);

// The member `key` of `object`, or nullptr; `null` counts as absent when `null_is_absent`.
const rapidjson::Value* member(const rapidjson::Value& object, std::string_view key,
                               bool null_is_absent = false);

}  // namespace artifacts::detail
