// Contents as their top-level members' texts, the form diff_members and merge_members take: read
// from a document held open, or straight from text that validates exactly as written (what
// JSON.stringify of valid content gives), so the stateless diff and merge cost what changed too.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "diff/diff_members.hpp"
#include "validate/fast_path.hpp"

namespace artifacts::detail {

// The items of `value` (a list member's JSON text) with the text of each one's member `identity`
// as written: empty when the item is not an object, has no member of that key, or has a key
// written with escapes (which might spell it). Nothing when `value` is not an array.
std::vector<ItemText> identified_item_texts(std::string_view value, std::string_view identity);

// The members of `json` when it validates as `model` exactly as written (no tier), each list of
// identified items with its items read, all in one scan. Nothing otherwise: take the full path.
// `for_merge`: only compact text, and each member says whether it writes as it is
// (json/stand_in.hpp); valid text that is not compact gives nothing with `layout.compact` false,
// so the caller compacts it only then.
// The members' items are views into `layout`, which the caller keeps.
std::optional<std::vector<MemberText>> members_as_written(const ModelSpec& model,
                                                          std::string_view json, bool for_merge,
                                                          WrittenLayout& layout);

}  // namespace artifacts::detail
