// The migrate target: the status is the stamp's, the value is the input with the current stamp
// first, migrating twice changes nothing and valid content stays valid.
#include "entries.hpp"

#include <cstdint>

#include "inputs.hpp"
#include "oracles.hpp"

namespace artifacts::fuzz {

std::string run_migrate(std::string_view bytes) {
  const Input input{bytes, 1};
  const std::string_view type = model_at(input.byte(0));
  const std::string_view json = input.payload();

  auto result = migrate(type, json);
  FUZZ_PROPAGATE(check_envelope(result, result.to_json()));
  if (find_artifact_type(type) == nullptr || !library_reads_object(json)) {
    FUZZ_EXPECT(!result.ok(), "migrate accepted an unknown type or a non-object");
    return {};
  }
  // Repeated keys: the last one wins, as everywhere (the stamp too).
  auto source = deduped_tree(json);
  FUZZ_EXPECT(source != nullptr, "the oracle does not read migrate's input");
  const Value* stamp = find(*source, kSchemaVersionKey);
  Status expected = Status::ok;
  std::int64_t version = 0;
  if (stamp != nullptr) {
    if (!stamp->IsInt64()) {
      expected = Status::invalid_input;
    } else {
      version = stamp->GetInt64();
      if (version < 0 || version > kCurrentSchemaVersion) {
        expected = Status::schema_version_unsupported;
      }
    }
  }
  FUZZ_EXPECT(result.status == expected,
              "migrate's status is not the stamp's: " + result.to_json());
  if (!result.ok()) {
    FUZZ_EXPECT(result.value.empty(), "a failed migration has a value");
    return {};
  }
  FUZZ_EXPECT(result.from_version == version && result.to_version == kCurrentSchemaVersion,
              "migrate reports the wrong versions");

  // The value: the stamp first and only once, then the input's other members in their order.
  auto value = tree(result.value);
  FUZZ_EXPECT(value && value->IsObject() && value->MemberCount() > 0, "migrate's value is empty");
  auto members = value->MemberBegin();
  FUZZ_EXPECT(view(members->name) == kSchemaVersionKey && members->value.IsInt64() &&
                  members->value.GetInt64() == kCurrentSchemaVersion,
              "the migrated value does not start with the current stamp");
  ++members;
  for (const auto& member : source->GetObject()) {
    if (view(member.name) == kSchemaVersionKey) continue;
    FUZZ_EXPECT(members != value->MemberEnd() && members->name == member.name &&
                    members->value == member.value,
                "migrate changed or lost a member");
    ++members;
  }
  FUZZ_EXPECT(members == value->MemberEnd(), "the migrated value has an extra member");

  auto again = migrate(type, result.value);
  FUZZ_EXPECT(
      again.ok() && again.from_version == kCurrentSchemaVersion && again.value == result.value,
      "migrating a migrated value changes it");
  if (validate(type, json, {.want_value = false}).ok()) {
    FUZZ_EXPECT(validate(type, result.value, {.want_value = false}).ok(),
                "migrating valid content makes it invalid");
  }
  return {};
}

}  // namespace artifacts::fuzz
