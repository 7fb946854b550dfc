// The fuzz targets' entry functions, one file each here; table.cpp lists them as fuzz/targets.hpp's
// table. Each decodes an input (inputs.hpp), makes its calls and checks their invariants
// (oracles.hpp); an empty string when every invariant holds, else what broke.
#pragma once

#include <string>
#include <string_view>

namespace artifacts::fuzz {

std::string run_validate(std::string_view bytes);
std::string run_gate(std::string_view bytes);
std::string run_migrate(std::string_view bytes);
std::string run_merge(std::string_view bytes);
std::string run_diff(std::string_view bytes);
std::string run_markdown(std::string_view bytes);
std::string run_stream(std::string_view bytes);
std::string run_document(std::string_view bytes);

}  // namespace artifacts::fuzz
