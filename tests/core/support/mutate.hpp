// Random, schema-respecting edits to content documents, driven by the registry and by the edit
// catalogue tests/fixtures/mutations.json, which the JS suite's mutator (tests/js/support/
// mutate.js) reads too: prose rewrites (words, emoji, CJK, empty strings), list items added,
// removed, moved and edited, optional sections dropped or nulled.
#pragma once

#include <rapidjson/document.h>

#include <random>
#include <set>
#include <string>

#include "artifacts/registry.hpp"

namespace artifacts::testing {

// Edits `document` (content of `model`) `edits` times; only sections in `allowed` are touched
// (all when empty). Returns the sections it changed. Throws std::runtime_error when the
// catalogue names an edit this mutator does not implement.
std::set<std::string> mutate(const ModelSpec& model, rapidjson::Document& document,
                             std::mt19937& rng, const std::set<std::string>& allowed = {},
                             int edits = 3);

}  // namespace artifacts::testing
