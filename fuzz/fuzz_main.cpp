// One libFuzzer binary per target: ARTIFACTS_FUZZ_TARGET names the entry function
// (fuzz/targets.hpp) this binary runs. A broken invariant is a crash, so libFuzzer keeps the input
// that broke it.
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "targets.hpp"

#ifndef ARTIFACTS_FUZZ_TARGET
#error "ARTIFACTS_FUZZ_TARGET must name a fuzz target"
#endif

namespace {

const artifacts::fuzz::Target& target() {
  static const artifacts::fuzz::Target* found = [] {
    const auto* named = artifacts::fuzz::find_target(ARTIFACTS_FUZZ_TARGET);
    if (named == nullptr) {
      std::fprintf(stderr, "unknown fuzz target %s\n", ARTIFACTS_FUZZ_TARGET);
      __builtin_trap();
    }
    return named;
  }();
  return *found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string failure = target().run(input);
  if (!failure.empty()) {
    std::fprintf(stderr, "broken invariant in fuzz target %s: %s\n", ARTIFACTS_FUZZ_TARGET,
                 failure.c_str());
    __builtin_trap();
  }
  return 0;
}
