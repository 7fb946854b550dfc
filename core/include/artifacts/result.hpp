// Results are data: every operation returns a status and its issues instead of throwing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "artifacts/issue_types.hpp"

namespace artifacts {

// The stable codes a caller branches on; the JS package's errors carry the same strings.
enum class Status : std::uint8_t {
  ok,
  invalid_input,  // not JSON, too large, too deep, wrong root type
  unknown_artifact_type,
  unknown_tier,
  validation_failed,           // parsed, but the content does not match its schema
  schema_version_unsupported,  // written by a newer library than this one
};
// The code a status carries across the boundary ("ok", "invalid_input", ...).
std::string_view status_code(Status status);
// Every status, in declaration order.
std::span<const Status> statuses();

// One step of a location: an object key or an array index.
using PathItem = std::variant<std::string, std::size_t>;
using Path = std::vector<PathItem>;

// An error or warning in Pydantic v2's JSON-mode shape.
struct Issue {
  IssueType type{};  // Pydantic's error type (missing, int_parsing, ...) or ours
  Path loc;
  std::string msg;
  std::string input;  // JSON text of the offending input; empty when there is none
  std::string ctx;    // JSON text of the context object; empty when there is none
};

struct Outcome {
  Status status = Status::ok;
  std::vector<Issue> errors;
  bool ok() const { return status == Status::ok; }
};

// Limits on what the library will parse; larger or deeper input is refused with a clear error.
inline constexpr std::size_t kMaxInputBytes = std::size_t{16} << 20;  // 16 MiB
inline constexpr std::size_t kMaxNestingDepth = 200;  // arrays/objects; Pydantic's parser's limit

}  // namespace artifacts
