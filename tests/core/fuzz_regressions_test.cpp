// Every input a fuzzer found and that was fixed stays as a reproducer in
// tests/fuzz-regressions/<target>/, run here through the same entry function as the libFuzzer
// target (fuzz/targets/), with all of its invariants; in the native and the sanitizer builds.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "targets.hpp"
#include "test_support.hpp"

namespace artifacts {
namespace {

namespace fs = std::filesystem;

// The subfolders (or the files) of `folder`, in name order.
std::vector<fs::path> sorted(const fs::path& folder, bool directories) {
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (directories ? entry.is_directory() : entry.is_regular_file()) {
      entries.push_back(entry.path());
    }
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

TEST(FuzzRegressions, EveryReproducerKeepsItsTargetsInvariants) {
  int checked = 0;
  for (const auto& folder : sorted(ARTIFACTS_FUZZ_REGRESSIONS_DIR, true)) {
    const auto* target = fuzz::find_target(folder.filename().string());
    ASSERT_NE(target, nullptr) << folder << " does not name a fuzz target";
    for (const auto& file : sorted(folder, false)) {
      SCOPED_TRACE(file.string());
      EXPECT_EQ(target->run(testing::read_file(file.string())), "");
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

// Inputs too short for a target's header read as zeros: every target takes them.
TEST(FuzzRegressions, EveryTargetTakesHeaderOnlyInputs) {
  for (const auto& target : fuzz::targets()) {
    for (std::string_view input : {std::string_view(""), std::string_view("\x01", 1),
                                   std::string_view("\xFF\xFF\xFF\xFF", 4)}) {
      SCOPED_TRACE(std::string(target.name) + " on " + std::to_string(input.size()) + " bytes");
      EXPECT_EQ(target.run(input), "");
    }
  }
}

}  // namespace
}  // namespace artifacts
