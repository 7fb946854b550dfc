// Random, schema-respecting edits to content documents, driven by the registry.
#pragma once

#include <rapidjson/document.h>

#include <random>
#include <set>
#include <string>

#include "artifacts/registry.hpp"

namespace artifacts::testing {

// Random, schema-respecting edits to a content document, driven by the registry: prose rewrites
// (words, emoji, CJK, empty strings), list items added, removed, moved and edited, optional
// sections dropped or added. Only sections in `allowed` are touched (all when empty). Returns
// the sections it changed.
std::set<std::string> mutate(const ModelSpec& model, rapidjson::Document& document,
                             std::mt19937& rng, const std::set<std::string>& allowed = {},
                             int edits = 3);

}  // namespace artifacts::testing
