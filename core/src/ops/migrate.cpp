// migrate(): content written at an older `_schema_version`, brought up to the current one.
#include <rapidjson/document.h>

#include <array>

#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"
#include "json/object_members.hpp"
#include "registry/resolve.hpp"

namespace artifacts {
namespace {

using detail::Allocator;

// One upgrade step, from version `from` to `from + 1`, on the content object.
struct MigrationStep {
  std::int64_t from;
  void (*apply)(const ModelSpec& model, rapidjson::Value& content, Allocator& allocator);
};

// Version 0 is the backend's first content, before the stamp existed; its shape is version 1's.
void stamp_only(const ModelSpec&, rapidjson::Value&, Allocator&) {}

constexpr std::array kSteps = {MigrationStep{0, &stamp_only}};
static_assert(kSteps.size() == kCurrentSchemaVersion, "one step per version");

}  // namespace

MigrateResult migrate(std::string_view type, std::string_view json) {
  MigrateResult result;
  // Only content documents carry a `_schema_version`.
  const ModelSpec* model = detail::resolve_model(type, result, /*artifacts_only=*/true);
  if (model == nullptr) return result;
  detail::JsonDocument document(json);
  auto root = detail::object_root(document, *model, result);
  if (!root) return result;

  std::int64_t version = 0;
  // A repeated stamp: the last one wins, as for every key (and as validate reads it).
  if (auto stamp = detail::last_member(*root, kSchemaVersionKey)) {
    const Path loc{std::string(kSchemaVersionKey)};
    if (!stamp->is_int64()) {
      detail::fail(result, Status::invalid_input,
                   Issue{IssueType::int_type,
                         loc,
                         "Input should be a valid integer",
                         detail::element_json(*stamp),
                         {}});
      return result;
    }
    version = stamp->get_int64().value_unsafe();
    if (version < 0 || version > kCurrentSchemaVersion) {
      std::string message = "Content has _schema_version " + std::to_string(version) +
                            "; this library reads versions 0 to " +
                            std::to_string(kCurrentSchemaVersion);
      detail::fail(result, Status::schema_version_unsupported,
                   Issue{IssueType::schema_version_unsupported, loc, std::move(message),
                         std::to_string(version),
                         "{\"supported\":" + std::to_string(kCurrentSchemaVersion) + "}"});
      return result;
    }
  }

  rapidjson::Document content;
  detail::to_value(*root, content, content.GetAllocator());
  for (const auto& step : kSteps) {
    if (step.from >= version) step.apply(*model, content, content.GetAllocator());
  }
  // The stamp goes first, so a reader sees the version before the content; the other members
  // keep their order (RapidJSON's RemoveMember would move the last one into the stamp's place).
  rapidjson::StringBuffer buffer;
  detail::Writer out(buffer);
  out.StartObject();
  detail::write_string(out, kSchemaVersionKey);
  out.Int64(kCurrentSchemaVersion);
  for (auto& member : content.GetObject()) {
    std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (key == kSchemaVersionKey) continue;
    out.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    member.value.Accept(out);
  }
  out.EndObject();
  result.value.assign(buffer.GetString(), buffer.GetSize());
  result.from_version = version;
  result.to_version = kCurrentSchemaVersion;
  return result;
}

}  // namespace artifacts
