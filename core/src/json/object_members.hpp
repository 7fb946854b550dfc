// The top-level object of a document, with each registry field's value picked out.
#pragma once

#include <optional>
#include <vector>

#include "artifacts/registry.hpp"
#include "artifacts/result.hpp"
#include "json/json_io.hpp"

namespace artifacts::detail {

// Per field of `model` (by index), the field's value in `object`; a duplicated key's last value
// wins, as in Pydantic and JSON.parse. Keys the model does not know go to `unknown` if given.
std::vector<std::optional<Element>> pick_fields(const ModelSpec& model, Element object,
                                                std::vector<std::string_view>* unknown = nullptr);

// The value of the member `key` of `object`; a repeated key's last value wins, as above.
std::optional<Element> last_member(Element object, std::string_view key);

// The root of `document` if it is an object; otherwise records why in `outcome`.
std::optional<Element> object_root(const JsonDocument& document, const ModelSpec& model,
                                   Outcome& outcome);

}  // namespace artifacts::detail
