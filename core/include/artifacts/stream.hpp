// Validation of a document while it arrives as a stream of text chunks (an LLM writing an
// artifact): a resumable push parser that reports sections, string growth and list items as they
// complete, each validated the moment it closes, in O(n) over the whole stream however it is
// chunked. end() gives exactly what validate() gives for the whole text.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/operations.hpp"
#include "artifacts/result.hpp"

namespace artifacts {

enum class StreamEventKind : std::uint8_t {
  section_start,     // a top-level key naming a section closed; its value begins
  text,              // a string value inside a section grew by `delta` (decoded UTF-8)
  item_complete,     // a list item inside a section closed, validated against its item type
  section_complete,  // a section's value closed, validated against the section's type
  warning,           // an unknown top-level key or a section above the tier
  error,             // the text stopped being JSON (or grew too large or too deep): the last event
};
std::string_view stream_event_kind_name(StreamEventKind kind);

struct StreamEvent {
  StreamEventKind kind{};
  std::string section;        // section_start, section_complete: the section's key
  Path path;                  // text, item_complete: where the string or item is, from the root
  std::string delta;          // text
  bool continues = false;     // text: the same string as this stream's previous text event
  std::string value;          // item_complete, section_complete: normalised JSON text when ok
  bool ok = true;             // item_complete, section_complete
  std::vector<Issue> errors;  // item_complete, section_complete: located from the root
  Issue issue;                // warning, error
};

// The events as a JSON array ({"kind": ..., ...} each, snake_case), for the wasm boundary.
std::string stream_events_json(std::span<const StreamEvent> events);
// The same, except that a chunk whose only event continues the previous text event's string
// (most chunks of a token stream) is written as its delta alone, with `delta_only` set: the
// caller already knows the path. Written into `out`, whose buffer is reused.
void stream_events_wire(std::span<const StreamEvent> events, std::string& out, bool& delta_only);

class StreamValidator {
 public:
  // An unknown type or tier is reported by setup() (the Outcome validate() gives for it); such a
  // validator reports no events and end() returns validate()'s answer.
  StreamValidator(std::string_view type, const ValidateOptions& options = {});
  ~StreamValidator();
  StreamValidator(const StreamValidator&) = delete;
  StreamValidator& operator=(const StreamValidator&) = delete;

  const Outcome& setup() const;
  // Feeds the next chunk (split anywhere, even inside a UTF-8 character or an escape); returns
  // this chunk's events in stream order (valid until the next call; their storage is reused).
  std::span<const StreamEvent> push(std::string_view bytes);
  // The value so far as JSON text: the text up to the last complete token, the open string
  // closed, open containers closed; a key without a value and an unfinished number or literal
  // left out. "null" before the first value begins. Only grows across pushes.
  std::string snapshot() const;
  // validate(type, every chunk concatenated, options).
  ValidationResult end();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace artifacts
