#include "validate/lax_conversions.hpp"

#include "json/json_io.hpp"
#include "json/utf8.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace artifacts::detail {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != b[i]) return false;
  }
  return true;
}

// ---- calendar ----------------------------------------------------------------------------

struct DateTime {
  std::int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int microsecond = 0;
  std::optional<int> offset_seconds;  // nullopt: naive
};

bool is_leap(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(std::int64_t year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void civil_from_days(std::int64_t days, DateTime& out) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = yoe + era * 400 + (out.month <= 2 ? 1 : 0);
}

// `value` in at least `width` digits (zero-padded), after a '-' when negative.
void append_number(std::string& out, std::int64_t value, int width) {
  if (value < 0) out += '-';
  std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : value;
  char digits[20];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  for (int pad = count; pad < width; ++pad) out += '0';
  while (count > 0) out += digits[--count];
}

// As Python's isoformat(): "YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM]".
std::string format(const DateTime& dt) {
  std::string out;
  append_number(out, dt.year, 4);
  out += '-';
  append_number(out, dt.month, 2);
  out += '-';
  append_number(out, dt.day, 2);
  out += 'T';
  append_number(out, dt.hour, 2);
  out += ':';
  append_number(out, dt.minute, 2);
  out += ':';
  append_number(out, dt.second, 2);
  if (dt.microsecond != 0) {
    out += '.';
    append_number(out, dt.microsecond, 6);
  }
  if (dt.offset_seconds) {
    int offset = *dt.offset_seconds;
    if (offset == 0) {
      out += 'Z';
    } else {
      out += offset < 0 ? '-' : '+';
      offset = std::abs(offset);
      append_number(out, offset / 3600, 2);
      out += ':';
      append_number(out, (offset % 3600) / 60, 2);
    }
  }
  return out;
}

// ---- speedate's parsers, with its error texts --------------------------------------------

constexpr std::string_view kTooShort = "input is too short";
constexpr std::string_view kExtra = "unexpected extra characters at the end of the input";

bool two_digits(std::string_view s, std::size_t at, int& value) {
  if (at + 2 > s.size() || !is_digit(s[at]) || !is_digit(s[at + 1])) return false;
  value = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return true;
}

// The date part, "YYYY-MM-DD", at the start of `s`; returns an error text or empty.
std::string_view parse_date_prefix(std::string_view s, DateTime& dt) {
  if (s.size() < 10) return kTooShort;
  std::int64_t year = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!is_digit(s[i])) return "invalid character in year";
    year = year * 10 + (s[i] - '0');
  }
  if (s[4] != '-') return "invalid date separator, expected `-`";
  if (!two_digits(s, 5, dt.month)) return "invalid character in month";
  if (s[7] != '-') return "invalid date separator, expected `-`";
  if (!two_digits(s, 8, dt.day)) return "invalid character in day";
  dt.year = year;
  if (dt.month < 1 || dt.month > 12) return "month value is outside expected range of 1-12";
  if (dt.day < 1 || dt.day > days_in_month(year, dt.month)) {
    return "day value is outside expected range";
  }
  return {};
}

// The time part at `at`: "HH:MM[:SS[.ffffff]][Z|±HH[:]MM]" up to the end of `s`.
std::string_view parse_time(std::string_view s, std::size_t at, DateTime& dt) {
  if (s.size() < at + 5) return kTooShort;
  if (!two_digits(s, at, dt.hour)) return "invalid character in hour";
  if (s[at + 2] != ':') return "invalid time separator, expected `:`";
  if (!two_digits(s, at + 3, dt.minute)) return "invalid character in minute";
  std::size_t pos = at + 5;
  if (pos < s.size() && s[pos] == ':') {
    if (s.size() < pos + 3) return kTooShort;
    if (!two_digits(s, pos + 1, dt.second)) return "invalid character in second";
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      std::size_t digits = 0;
      int micro = 0;
      while (pos < s.size() && is_digit(s[pos])) {
        if (digits < 6) micro = micro * 10 + (s[pos] - '0');
        ++digits;  // digits past the sixth are truncated, as Pydantic does
        ++pos;
      }
      if (digits == 0) return "second fraction is missing";
      for (std::size_t k = digits; k < 6; ++k) micro *= 10;
      dt.microsecond = micro;
    }
  }
  if (dt.hour > 23) return "hour value is outside expected range of 0-23";
  if (dt.minute > 59) return "minute value is outside expected range of 0-59";
  if (dt.second > 59) return "second value is outside expected range of 0-59";
  if (pos < s.size()) {
    char c = s[pos];
    if (c == 'Z' || c == 'z') {
      dt.offset_seconds = 0;
      ++pos;
    } else if (c == '+' || c == '-') {
      int hours = 0, minutes = 0;
      if (!two_digits(s, pos + 1, hours)) return "invalid timezone hour";
      pos += 3;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (!two_digits(s, pos, minutes)) return "invalid timezone minute";
      pos += 2;
      int total = hours * 3600 + minutes * 60;
      if (total >= 24 * 3600) return "timezone offset must be less than 24 hours";
      dt.offset_seconds = c == '-' ? -total : total;
    }
  }
  if (pos != s.size()) return kExtra;
  return {};
}

// "123", "-1.5": the number speedate reads as a timestamp; nullopt when it is not one.
std::optional<double> number_text(std::string_view s, bool allow_fraction) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (digits == 0) return std::nullopt;
  if (allow_fraction && i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i != s.size()) return std::nullopt;
  return decimal_number_value(s);
}

}  // namespace

std::optional<std::int64_t> parse_int_text(std::string_view text, bool& too_large) {
  too_large = false;
  text = trim(text);
  // "3.000" is an integer too: a fraction of zeros only.
  if (auto dot = text.find('.'); dot != std::string_view::npos) {
    std::string_view fraction = text.substr(dot + 1);
    if (fraction.empty() || fraction.find_first_not_of('0') != std::string_view::npos) {
      return std::nullopt;
    }
    text = text.substr(0, dot);
  }
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || !is_digit(text.front()) || !is_digit(text.back())) return std::nullopt;
  // Magnitudes up to 2^63 (so that -2^63 fits); accumulate unsigned.
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;
  std::uint64_t magnitude = 0;
  bool overflow = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') {
      if (!is_digit(text[i - 1]) || !is_digit(text[i + 1])) return std::nullopt;
      continue;
    }
    if (!is_digit(c)) return std::nullopt;
    auto digit = static_cast<std::uint64_t>(c - '0');
    if (magnitude > (kLimit - digit) / 10) overflow = true;
    if (!overflow) magnitude = magnitude * 10 + digit;
  }
  if (overflow || (!negative && magnitude == kLimit)) {
    too_large = true;
    return std::nullopt;
  }
  if (negative)
    return magnitude == kLimit ? std::numeric_limits<std::int64_t>::min()
                               : -static_cast<std::int64_t>(magnitude);
  return static_cast<std::int64_t>(magnitude);
}

std::optional<bool> parse_bool_text(std::string_view text) {
  for (std::string_view yes : {"1", "on", "t", "true", "y", "yes"}) {
    if (equals_ignoring_case(text, yes)) return true;
  }
  for (std::string_view no : {"0", "off", "f", "false", "n", "no"}) {
    if (equals_ignoring_case(text, no)) return false;
  }
  return std::nullopt;
}

Parsed parse_uuid(std::string_view input) {
  // Accepted: 32 hex digits, 8-4-4-4-12, the same in braces, or with a `urn:uuid:` prefix.
  std::string_view body = input;
  std::size_t offset = 0;
  bool simple = true;
  if (body.size() >= 2 && body.front() == '{' && body.back() == '}') {
    body = body.substr(1, body.size() - 2);
    offset = 1;
    simple = false;
  } else if (body.starts_with("urn:uuid:")) {
    body.remove_prefix(9);
    offset = 9;
    simple = false;
  }
  std::string hex;
  constexpr std::array<std::size_t, 5> kGroupStarts = {0, 9, 14, 19, 24};
  constexpr std::array<std::size_t, 5> kGroupLengths = {8, 4, 4, 4, 12};
  std::array<std::size_t, 4> hyphens{};
  std::size_t hyphen_count = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (static_cast<unsigned char>(body[i]) >= 0x80) {  // the whole character, as the crate does
      std::size_t length = decode_utf8(body, i).length;
      return {false, "invalid character: found `" + std::string(body.substr(i, length)) + "` at " +
                         std::to_string(i + offset + 1)};
    }
    if (body[i] == '-') {
      if (hyphen_count < 4) hyphens[hyphen_count] = i;
      ++hyphen_count;
    } else if (!is_hex(body[i])) {
      return {false, "invalid character: found `" + std::string(1, body[i]) + "` at " +
                         std::to_string(i + offset + 1)};
    }
  }
  bool well_formed = false;
  if (hyphen_count == 0 && body.size() == 32 && simple) {
    well_formed = true;
  } else if (hyphen_count == 4 && body.size() == 36) {
    well_formed = hyphens[0] == 8 && hyphens[1] == 13 && hyphens[2] == 18 && hyphens[3] == 23;
  }
  if (well_formed) {
    for (char c : body) {
      if (c != '-') hex += lower(c);
    }
    return {true, hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
                      hex.substr(16, 4) + '-' + hex.substr(20)};
  }
  if (hyphen_count == 0 && simple) {
    return {false, "invalid length: expected length 32 for simple format, found " +
                       std::to_string(input.size())};
  }
  if (hyphen_count != 4) {
    return {false, "invalid group count: expected 5, found " + std::to_string(hyphen_count + 1)};
  }
  for (std::size_t group = 0; group < 4; ++group) {
    if (hyphens[group] != kGroupStarts[group + 1] - 1) {
      return {false, "invalid group length in group " + std::to_string(group) + ": expected " +
                         std::to_string(kGroupLengths[group]) + ", found " +
                         std::to_string(hyphens[group] - kGroupStarts[group])};
    }
  }
  return {false, "invalid group length in group 4: expected 12, found " +
                     std::to_string(body.size() - kGroupStarts[4])};
}

Parsed datetime_from_timestamp(double number) {
  if (std::isnan(number)) return {false, "NaN values not permitted"};
  // Pydantic splits the number into its floor (a saturating i64) and the magnitude of its
  // fraction in microseconds, a thousandth of that beyond the watershed (so -1.25 reads as
  // -2 s + 250000 us, as Pydantic reads it). Then speedate takes an integer beyond ±2e10 as
  // milliseconds.
  constexpr double kWatershed = 2e10;
  constexpr double kInt64Limit = 9.2233720368547758e18;  // 2^63
  const double floor_part = std::floor(number);
  std::int64_t timestamp = floor_part >= kInt64Limit    ? std::numeric_limits<std::int64_t>::max()
                           : floor_part <= -kInt64Limit ? std::numeric_limits<std::int64_t>::min()
                                                        : static_cast<std::int64_t>(floor_part);
  const double fraction = std::fabs(number - std::trunc(number));
  std::int64_t micro = std::isfinite(fraction)
                           ? std::llround(fraction * (std::fabs(number) > kWatershed ? 1e3 : 1e6))
                           : 0;
  if (micro >= 1'000'000) {
    micro -= 1'000'000;
    ++timestamp;
  }
  if (timestamp == std::numeric_limits<std::int64_t>::min()) {  // no magnitude: too small
    return {false, "dates before 0000 are not supported as unix timestamps"};
  }
  std::int64_t total = timestamp;
  if (timestamp > 20'000'000'000 || timestamp < -20'000'000'000) {
    total = timestamp / 1000;
    std::int64_t rest = timestamp % 1000;
    if (rest < 0) {
      --total;
      rest += 1000;
    }
    micro += rest * 1000;
    if (micro >= 1'000'000) {
      micro -= 1'000'000;
      ++total;
    }
  }
  // speedate's range is 0000-01-01T00:00:00 to 9999-12-31T23:59:59; Python's datetime starts
  // at year 1.
  if (total < -62'167'219'200) {
    return {false, "dates before 0000 are not supported as unix timestamps"};
  }
  if (total > 253'402'300'799)
    return {false, "dates after 9999 are not supported as unix timestamps"};
  if (total < -62'135'596'800) return {false, "year 0 is out of range"};
  std::int64_t days = total >= 0 ? total / 86400 : (total - 86399) / 86400;
  std::int64_t rest = total - days * 86400;
  DateTime dt;
  civil_from_days(days, dt);
  dt.hour = static_cast<int>(rest / 3600);
  dt.minute = static_cast<int>((rest % 3600) / 60);
  dt.second = static_cast<int>(rest % 60);
  dt.microsecond = static_cast<int>(micro);
  dt.offset_seconds = 0;
  return {true, format(dt)};
}

Parsed parse_datetime_text(std::string_view text) {
  DateTime dt;
  std::string_view error = parse_date_prefix(text, dt);
  if (error.empty()) {
    char separator = text.size() > 10 ? text[10] : '\0';
    if (separator != 'T' && separator != 't' && separator != ' ' && separator != '_') {
      error = "invalid datetime separator, expected `T`, `t`, `_` or space";
    } else {
      error = parse_time(text, 11, dt);
    }
  }
  if (error.empty()) return {true, format(dt)};
  if (auto seconds = number_text(text, true)) return datetime_from_timestamp(*seconds);
  return {false, std::string(error)};
}

Parsed parse_date_as_datetime(std::string_view text) {
  DateTime dt;
  std::string_view error = parse_date_prefix(text, dt);
  if (error.empty() && text.size() > 10) error = kExtra;
  if (error.empty()) return {true, format(dt)};
  if (auto seconds = number_text(text, false)) return datetime_from_timestamp(*seconds);
  return {false, std::string(error)};
}

}  // namespace artifacts::detail
