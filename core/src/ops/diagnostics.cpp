#include "artifacts/diagnostics.hpp"

#include "json/json_io.hpp"

namespace artifacts {

bool parses_as_json(std::string_view json) {
  const detail::JsonDocument document(json);
  return document.root().has_value();
}

}  // namespace artifacts
