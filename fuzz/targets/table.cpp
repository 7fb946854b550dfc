#include <array>

#include "entries.hpp"
#include "targets.hpp"

namespace artifacts::fuzz {
namespace {

constexpr std::array kTargets = {
    Target{"validate", &run_validate}, Target{"gate", &run_gate},
    Target{"migrate", &run_migrate},   Target{"merge", &run_merge},
    Target{"diff", &run_diff},         Target{"markdown", &run_markdown},
    Target{"stream", &run_stream},     Target{"document", &run_document},
};

}  // namespace

std::span<const Target> targets() {
  return kTargets;
}

const Target* find_target(std::string_view name) {
  for (const auto& target : kTargets) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

}  // namespace artifacts::fuzz
