// What a JSON parser says of text that stops before its document ends (a stream cut off, an
// LLM's answer truncated): Pydantic's words for it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace artifacts::detail {

// When `text` is the beginning of a JSON document that ends too early, Pydantic's message for it:
// "EOF while parsing a value|a string|a list|an object at line L column C" (C counting bytes of
// the last line). Empty when the text is not such a beginning: well-formed, or wrong before its
// end. Depth is not checked (the parser reports it first).
std::optional<std::string> truncation_message(std::string_view text);

}  // namespace artifacts::detail
