// The validate target: the fast and the full path agree, want_value changes nothing, values
// validate again unchanged and pass strict mode.
#include "entries.hpp"

#include "inputs.hpp"
#include "oracles.hpp"

namespace artifacts::fuzz {

std::string run_validate(std::string_view bytes) {
  const Input input{bytes, 2};
  const std::string_view model = model_at(input.byte(0));
  const std::uint8_t flags = input.byte(1);
  const ValidateOptions options{.tier = validate_tier(flags), .strict = (flags & 8u) != 0};
  const std::string_view json = input.payload();

  auto result = validate(model, json, options);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));

  // The fast path only ever saves work: the full path alone comes to the same result.
  ValidateOptions full_options = options;
  full_options.fast_path = false;
  auto full = validate(model, json, full_options);
  FUZZ_PROPAGATE(check_envelope(full, full.to_json()));
  FUZZ_EXPECT(!full.value_is_input, "the full path says the input is its own value");
  if (result.value_is_input) {
    FUZZ_EXPECT(result.ok() && result.warnings.empty() && result.value == json,
                "a value_is_input result is not the input, ok and without warnings");
    FUZZ_EXPECT(full.ok(), "the fast path accepted what the full path refuses");
    FUZZ_EXPECT(full.warnings.empty(), "the fast path accepted a document with warnings");
    FUZZ_EXPECT(same_json(result.value, full.value),
                "the fast and the full path give different values");
  } else {
    FUZZ_EXPECT(result.to_json() == full.to_json(), "the fast and the full path disagree");
  }

  // Without a copy of the value, the same verdict.
  ValidateOptions borrowing = options;
  borrowing.want_value = false;
  auto without_copy = validate(model, json, borrowing);
  FUZZ_EXPECT(without_copy.status == result.status &&
                  without_copy.value_is_input == result.value_is_input &&
                  without_copy.value == (result.value_is_input ? "" : result.value),
              "want_value = false changes the result");

  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed validation has a value");
    return {};
  }
  for (const auto& warning : result.warnings) {
    FUZZ_EXPECT(warning.type == IssueType::unknown_key ||
                    (warning.type == IssueType::tier_locked && !options.tier.empty()),
                "an unexpected warning: " + std::string(issue_type_name(warning.type)));
  }
  FUZZ_EXPECT(library_reads_object(result.value), "the value is not a JSON object");

  // Idempotence: the value validates again, unchanged, with no unknown key left.
  auto again = validate(model, result.value, options);
  FUZZ_EXPECT(again.ok(), "a validated value does not validate again: " + again.to_json());
  FUZZ_EXPECT(same_json(again.value, result.value), "validating a value again changes it");
  for (const auto& warning : again.warnings) {
    FUZZ_EXPECT(warning.type == IssueType::tier_locked,
                "a validated value still has an unknown key");
  }
  // Lax conversions leave values strict mode accepts.
  auto strict = validate(model, result.value, {.tier = options.tier, .strict = true});
  FUZZ_EXPECT(strict.ok(), "a normalised value fails strict validation: " + strict.to_json());
  return {};
}

}  // namespace artifacts::fuzz
