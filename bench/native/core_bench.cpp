// Google Benchmark over the core, on the inputs bench/node/bench.mjs writes to
// build/bench-inputs (ARTIFACTS_BENCH_INPUTS), so native and wasm run the same documents; without
// them, on the sample plan. Reports bytes/s of input JSON (or text).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "artifacts/markdown.hpp"
#include "artifacts/operations.hpp"

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

struct Input {
  std::string size, before, after;
};

std::vector<Input> inputs(const char* prefix, const char* extension) {
  std::vector<Input> found;
  const char* dir = std::getenv("ARTIFACTS_BENCH_INPUTS");
  if (dir != nullptr) {
    for (const char* size : {"1KB", "16KB", "256KB", "4MB"}) {
      std::filesystem::path before =
          std::filesystem::path(dir) / (std::string(prefix) + "." + size + extension);
      std::filesystem::path after =
          std::filesystem::path(dir) / (std::string(prefix) + "." + size + ".edited" + extension);
      if (std::filesystem::exists(before)) found.push_back({size, read(before), read(after)});
    }
  }
  if (found.empty()) {
    std::string plan = read(std::string(ARTIFACTS_FIXTURES_DIR) + "/plan/risk_log.json");
    found.push_back({"sample", plan, plan});
  }
  return found;
}

template <typename Run>
void add(const std::string& name, const Input& input, std::size_t bytes, Run run) {
  benchmark::RegisterBenchmark(
      (name + "/" + input.size).c_str(), [input, bytes, run](benchmark::State& state) {
        for (auto _ : state) run(input);
        state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
      });
}

void register_all() {
  using namespace artifacts;
  for (const auto& input : inputs("risk_log", ".json")) {
    const auto bytes = input.before.size();
    add("validate", input, bytes, [](const Input& in) {
      benchmark::DoNotOptimize(validate("risk_log", in.before).to_json());
    });
    add("gate", input, bytes, [](const Input& in) {
      benchmark::DoNotOptimize(gate("risk_log", in.before, "partner").to_json());
    });
    add("migrate", input, bytes, [](const Input& in) {
      benchmark::DoNotOptimize(migrate("risk_log", in.before).to_json());
    });
    add("diff", input, bytes, [](const Input& in) {
      benchmark::DoNotOptimize(diff("risk_log", in.before, in.after).to_json());
    });
    add("merge", input, bytes, [](const Input& in) {
      benchmark::DoNotOptimize(
          merge({"risk_log", in.before, in.after, in.before, {"technical_risks"}, false})
              .to_json());
    });
    // The Markdown export (validation included): readable, and technical with its links.
    add("markdown_readable", input, bytes, [](const Input& in) {
      benchmark::DoNotOptimize(to_markdown("risk_log", in.before).to_json());
    });
    add("markdown_technical", input, bytes, [](const Input& in) {
      benchmark::DoNotOptimize(
          to_markdown("risk_log", in.before, {.variant = "technical", .startup_name = "StockPilot"})
              .to_json());
    });
  }
  for (const auto& input : inputs("prose", ".txt")) {
    add("word_diff", input, input.before.size(),
        [](const Input& in) { benchmark::DoNotOptimize(word_diff(in.before, in.after)); });
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
