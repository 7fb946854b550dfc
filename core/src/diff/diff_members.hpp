// diff() of two contents given as their top-level members' texts (documents held open): members
// whose text is the same on both sides are equal without being read.
#pragma once

#include <span>
#include <string_view>

#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"

namespace artifacts::detail {

struct MemberText {
  std::string_view key;    // decoded
  std::string_view value;  // compact JSON text
};

// diff() of two contents that validate as `model`, no key repeated on either side; the same
// patch and sections diff() gives for their texts.
DiffResult diff_members(const ModelSpec& model, std::span<const MemberText> before,
                        std::span<const MemberText> after);

}  // namespace artifacts::detail
