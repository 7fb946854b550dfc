// The support shared by the native tests (tests/core) and the fuzzers (fuzz/): fixture loading,
// the independent JSON reader and JSON Patch applier (oracles for the library's JSON), the
// schema-respecting mutator and the helpers for reading results' errors. GoogleTest-free, so
// the libFuzzer binaries link it too.
#pragma once

#include "artifacts/operations.hpp"
#include "artifacts/result.hpp"
#include "fixtures.hpp"
#include "json_patch.hpp"
#include "json_reader.hpp"
#include "mutate.hpp"
#include "outcomes.hpp"
