// The fuzz targets: one entry function per public operation of the core. Each decodes an input
// into a call, runs it and checks invariants beyond "no crash" (results are valid JSON, ok values
// validate again unchanged, the fast and full paths agree, a diff's patch turns before into
// after, ...). Shared by the libFuzzer binaries (fuzz/fuzz_main.cpp), the seed generator
// (fuzz/seeds.cpp) and the regression test (tests/core/fuzz_regressions_test.cpp); written in
// fuzz/targets/ (one file per target, their shared oracles, the input encodings).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace artifacts::fuzz {

// Runs one input; returns an empty string when every invariant holds, else what broke.
using Entry = std::string (*)(std::string_view input);

struct Target {
  std::string_view name;  // also the folder of its corpus and of its regression inputs
  Entry run;
};

std::span<const Target> targets();
const Target* find_target(std::string_view name);

// ---- input encodings --------------------------------------------------------------------------
// An input is a few header bytes (missing ones read as 0) and a payload. The encoders below build
// the input that makes a target perform a given call; the seed generator uses them.
//
//   validate  [model][options] json       model: index into models() (past the end: an unknown
//                                          name); options: bits 0-2 tier (0 none, 1-3 a tier,
//                                          4 an unknown name), bit 3 strict
//   stream    [model][options][cuts] json
//                                          model and options as for validate; the json is pushed
//                                          in pieces of 1 to (cuts & 15) + 1 bytes, their
//                                          lengths drawn from a generator seeded by cuts
//   gate      [model][tier] json          tier: 0-2 a tier, 3 an unknown name, 4 empty
//   migrate   [model] json
//   merge     [mode][flags][mask][mask] payload
//             mode bit 7 set: payload is a merge_request() JSON request; otherwise mode picks the
//             artifact type and the payload is base NUL ours NUL theirs for merge(); flags bit 0
//             is force; the 16-bit mask (little endian) marks edited sections by their index
//             among the type's sections (bit 15: an unknown section id)
//   diff      [mode][arg] payload
//             mode 0: payload is a diff_request() JSON request; 1: arg picks the artifact type and
//             the payload is before NUL after for diff(); 2: the payload is two texts (before NUL
//             after) for word_diff(), also run with a step budget of arg * 8 when arg is not 0
//   markdown  [mode][options] json NUL startup name NUL generated at
//             mode bit 0 set: json is a plan for plan_to_markdown_json(); otherwise mode >> 1
//             picks the artifact type for to_markdown(); options: bits 0-1 variant (0 none,
//             1 readable, 2 technical, 3 an unknown name), bits 2-4 tier as for validate
//   document  [type][options] content NUL operation NUL operation ...
//             type: index into the artifact types (past the end: an unknown name); options: the
//             tier as for validate; each operation (at most 16) is a code byte and a value: code
//             % 8 == 7 compares diff and merge with the document as opened; otherwise (code >> 3)
//             picks the field (past the end: an unknown section id) that set_section replaces
//             with the value (removes, when code % 8 == 6 or the value is empty), strict when
//             bit 7 is set

// Every model validate() and gate() know: the artifact types, then the record models.
std::span<const std::string_view> models();

std::string validate_input(std::string_view model, std::string_view tier, bool strict,
                           std::string_view json);
std::string stream_input(std::string_view model, std::string_view tier, bool strict,
                         std::uint8_t cuts, std::string_view json);
std::string gate_input(std::string_view model, std::string_view tier, std::string_view json);
std::string migrate_input(std::string_view type, std::string_view json);
std::string merge_request_input(std::string_view request_json);
std::string merge_input(std::string_view type, std::uint16_t edited_mask, bool force,
                        std::string_view base, std::string_view ours, std::string_view theirs);
std::string diff_request_input(std::string_view request_json);
std::string diff_input(std::string_view type, std::string_view before, std::string_view after);
std::string word_diff_input(std::string_view before, std::string_view after,
                            std::uint8_t budget_eighths);
// Operations: {code, value} as described above.
std::string document_input(std::string_view type, std::string_view tier, std::string_view content,
                           std::span<const std::pair<std::uint8_t, std::string>> operations);
// An empty type: the payload is a plan for plan_to_markdown_json().
std::string markdown_input(std::string_view type, std::string_view variant, std::string_view tier,
                           std::string_view json, std::string_view startup_name,
                           std::string_view generated_at);

}  // namespace artifacts::fuzz
