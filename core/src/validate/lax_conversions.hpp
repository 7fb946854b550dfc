// Pydantic's lax conversions of scalar strings, and its UUID and datetime parsers
// (the Rust crates `uuid` and `speedate`), with their error texts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace artifacts::detail {

// "  -1_000 ", "3.00" -> integer; nullopt when Pydantic would say int_parsing.
// `too_large` is set when the text is an integer that does not fit in 64 bits.
std::optional<std::int64_t> parse_int_text(std::string_view text, bool& too_large);

// "true", "off", "1", ... -> bool; nullopt when Pydantic would say bool_parsing.
std::optional<bool> parse_bool_text(std::string_view text);

// Either the canonical text of a value or the parser's error message.
struct Parsed {
  bool ok;
  std::string text;  // canonical form when ok, error message otherwise
};

// A UUID in any form the `uuid` crate accepts -> lowercase hyphenated form.
Parsed parse_uuid(std::string_view text);

// RFC 3339 date-time (speedate rules), or a Unix timestamp in digits -> ISO 8601 as Pydantic
// serialises it ("2024-01-02T03:04:05Z").
Parsed parse_datetime_text(std::string_view text);
// A date "YYYY-MM-DD" (or a timestamp in digits) as a datetime at midnight.
Parsed parse_date_as_datetime(std::string_view text);
// A Unix timestamp in seconds (milliseconds beyond ±2e10), as UTC, read as Pydantic reads it.
Parsed datetime_from_timestamp(double number);

}  // namespace artifacts::detail
