// The support shared by the native tests (tests/core) and the fuzzers (fuzz/): fixture loading,
// the independent JSON reader and JSON Patch applier (oracles for the library's JSON), the
// schema-respecting mutator and the helpers for reading results' errors. GoogleTest-free, so
// the libFuzzer binaries link it too.
#pragma once

#include <ostream>

#include "artifacts/operations.hpp"
#include "artifacts/result.hpp"
#include "fixtures.hpp"
#include "json_patch.hpp"
#include "json_reader.hpp"
#include "mutate.hpp"
#include "outcomes.hpp"

namespace artifacts {

// Issue types and statuses by name in test failures.
inline void PrintTo(IssueType type, std::ostream* out) {
  *out << issue_type_name(type);
}
inline void PrintTo(Status status, std::ostream* out) {
  *out << status_code(status);
}

namespace testing {

// Built with AddressSanitizer (the sanitizers preset, the fuzz build): exhaustive sweeps sample
// there (every k-th chunk size, fewer random rounds); the native suite runs them in full.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderSanitizers = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kUnderSanitizers = true;
#else
inline constexpr bool kUnderSanitizers = false;
#endif
#else
inline constexpr bool kUnderSanitizers = false;
#endif

}  // namespace testing

}  // namespace artifacts
