#include "outcomes.hpp"

namespace artifacts::testing {

std::string loc_text(const Path& loc) {
  std::string out;
  for (const auto& item : loc) {
    if (!out.empty()) out += '.';
    if (const auto* key = std::get_if<std::string>(&item)) {
      out += *key;
    } else {
      out += std::to_string(std::get<std::size_t>(item));
    }
  }
  return out;
}

const Issue* error_at(const Outcome& result, std::string_view loc) {
  for (const auto& issue : result.errors) {
    if (loc_text(issue.loc) == loc) return &issue;
  }
  return nullptr;
}

}  // namespace artifacts::testing
