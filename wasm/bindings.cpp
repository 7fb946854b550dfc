// The embind surface of the core: adapts calls, holds no logic. JSON crosses as UTF-8 bytes in
// wasm memory: JS encodes its input into the reused input buffer (TextEncoder.encodeInto) and
// decodes the result from the output buffer, so no embind string conversion sits on the hot path.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/diagnostics.hpp"
#include "artifacts/document.hpp"
#include "artifacts/html.hpp"
#include "artifacts/markdown.hpp"
#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"
#include "artifacts/stream.hpp"

namespace {

// Buffers that grew past this are given back after the call that needed them.
constexpr std::size_t kRetainedBytes = std::size_t{1} << 20;

std::string input;   // the caller's JSON, written by JS
std::string output;  // the last result's JSON, read by JS

// Makes room for `size` bytes of input and returns where JS should write them.
std::uintptr_t input_buffer(std::size_t size) {
  if (input.size() < size) input.resize(size);
  return reinterpret_cast<std::uintptr_t>(input.data());
}

std::uintptr_t output_pointer() {
  return reinterpret_cast<std::uintptr_t>(output.data());
}

// Gives back memory a large call needed, so one burst does not pin it.
void release_buffers() {
  if (input.capacity() > kRetainedBytes) std::string().swap(input);
  if (output.capacity() > kRetainedBytes) std::string().swap(output);
}

// Bytes the two buffers hold between calls (diagnostics: a burst of large input must not pin
// its memory).
std::size_t retained_bytes() {
  return input.capacity() + output.capacity();
}

std::string_view input_view(std::size_t length) {
  return std::string_view(input.data(), std::min(length, input.size()));
}

template <typename Result>
std::size_t publish(const Result& result) {
  output = result.to_json();
  return output.size();
}

// validate() on the input buffer: the result's length, or -1 for the common answer "valid as
// written, no warnings" (nothing written: JS holds the input, which is the value).
int validate_input(std::string_view type, std::size_t length, std::string_view tier, bool strict) {
  auto result = artifacts::validate(type, input_view(length),
                                    {.tier = tier, .strict = strict, .want_value = false});
  if (result.value_is_input && result.warnings.empty()) return -1;
  return static_cast<int>(publish(result));
}

int validate(const std::string& type, std::size_t length, const std::string& tier, bool strict) {
  return validate_input(type, length, tier, strict);
}

std::size_t gate(const std::string& type, std::size_t length, const std::string& tier) {
  return publish(artifacts::gate(type, input_view(length), tier));
}

std::size_t migrate(const std::string& type, std::size_t length) {
  return publish(artifacts::migrate(type, input_view(length)));
}

std::size_t merge(std::size_t length) {
  return publish(artifacts::merge_request(input_view(length)));
}

std::size_t diff(std::size_t length) {
  return publish(artifacts::diff_request(input_view(length)));
}

// The two texts sit back to back in the input buffer, as UTF-8: no JSON around them.
std::size_t word_diff(std::size_t before_length, std::size_t after_length) {
  std::string_view both = input_view(before_length + after_length);
  artifacts::WordDiffResult result;
  result.pieces = artifacts::word_diff(both.substr(0, before_length), both.substr(before_length));
  return publish(result);
}

std::size_t json_schema(const std::string& type, const std::string& tier,
                        const std::string& target) {
  return publish(artifacts::json_schema(type, tier, target));
}

// The Markdown export of the content in the input buffer; the options are short texts.
std::size_t to_markdown(const std::string& type, std::size_t length, const std::string& variant,
                        const std::string& tier, const std::string& startup_name,
                        const std::string& generated_at) {
  return publish(artifacts::to_markdown(type, input_view(length),
                                        {variant, tier, startup_name, generated_at}));
}

// The combined export of the plan {"brief": content, ...} in the input buffer.
std::size_t plan_to_markdown(std::size_t length, const std::string& variant,
                             const std::string& tier, const std::string& startup_name,
                             const std::string& generated_at) {
  return publish(artifacts::plan_to_markdown_json(input_view(length),
                                                  {variant, tier, startup_name, generated_at}));
}

// The print-ready HTML export of the content in the input buffer (the Markdown options but the
// variant).
std::size_t to_html(const std::string& type, std::size_t length, const std::string& tier,
                    const std::string& startup_name, const std::string& generated_at) {
  return publish(artifacts::to_html(type, input_view(length), {tier, startup_name, generated_at}));
}

// The HTML export of the plan {"brief": content, ...} in the input buffer.
std::size_t plan_to_html(std::size_t length, const std::string& tier,
                         const std::string& startup_name, const std::string& generated_at) {
  return publish(
      artifacts::plan_to_html_json(input_view(length), {tier, startup_name, generated_at}));
}

// validate() with the model and tier named by their index in the registry (model_at(); tiers;
// -1: no tier): no string crosses on the hot path.
int validate_indexed(int model, std::size_t length, int tier, bool strict) {
  const auto* spec = model < 0 ? nullptr : artifacts::model_at(static_cast<std::size_t>(model));
  std::string_view tier_text =
      tier < 0 ? std::string_view() : artifacts::tier_names()[static_cast<std::size_t>(tier)];
  return validate_input(spec ? spec->id : std::string_view(), length, tier_text, strict);
}

// ---- the stream validator ----------------------------------------------------------------
// Validators live here between pushes, named to JS by a handle (their slot + 1). Each chunk
// crosses through its own buffer, which JS reserves once and reuses while it is large enough:
// a push is one call with no string conversion, and the output is written only when the chunk
// produced events.

std::vector<std::unique_ptr<artifacts::StreamValidator>> streams;
std::string chunk;  // the chunk being pushed, written by JS
// Where a push's output starts, at an address JS learns once: no second call to find it.
std::uint32_t stream_output_at = 0;

std::uintptr_t stream_output_cell() {
  return reinterpret_cast<std::uintptr_t>(&stream_output_at);
}

artifacts::StreamValidator* stream_at(int handle) {
  if (handle <= 0 || static_cast<std::size_t>(handle) > streams.size()) return nullptr;
  return streams[static_cast<std::size_t>(handle) - 1].get();
}

// A validator for the model and tier named by index (as validate_indexed); JS checks the names
// first, so both are known. Returns its handle.
int stream_create(int model, int tier, bool strict) {
  const auto* spec = artifacts::model_at(static_cast<std::size_t>(model));
  std::string_view tier_text =
      tier < 0 ? std::string_view() : artifacts::tier_names()[static_cast<std::size_t>(tier)];
  auto validator = std::make_unique<artifacts::StreamValidator>(
      spec ? spec->id : std::string_view(),
      artifacts::ValidateOptions{.tier = tier_text, .strict = strict});
  for (std::size_t i = 0; i < streams.size(); ++i) {
    if (!streams[i]) {
      streams[i] = std::move(validator);
      return static_cast<int>(i + 1);
    }
  }
  streams.push_back(std::move(validator));
  return static_cast<int>(streams.size());
}

std::uintptr_t stream_chunk_buffer(std::size_t size) {
  if (chunk.size() < size) chunk.resize(size);
  return reinterpret_cast<std::uintptr_t>(chunk.data());
}

// Pushes `length` bytes of the chunk buffer: the events' JSON length in the output, 0 for none,
// or minus the length of a lone delta continuing the previous text event (stream_events_wire).
int stream_push(int handle, std::size_t length) {
  auto* validator = stream_at(handle);
  if (validator == nullptr) return 0;
  const auto events =
      validator->push(std::string_view(chunk.data(), std::min(length, chunk.size())));
  if (events.empty()) return 0;
  bool delta_only = false;
  artifacts::stream_events_wire(events, output, delta_only);
  stream_output_at = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(output.data()));
  const int size = static_cast<int>(output.size());
  return delta_only ? -size : size;
}

}  // namespace

// The push again as a plain wasm export: JS calls it directly, without embind's generic invoker
// (the module is built without dynamic code, so embind cannot specialise one), once per chunk.
extern "C" EMSCRIPTEN_KEEPALIVE int artifacts_stream_push(int handle, std::size_t length) {
  return stream_push(handle, length);
}

namespace {

std::size_t stream_snapshot(int handle) {
  auto* validator = stream_at(handle);
  output = validator ? validator->snapshot() : "null";
  return output.size();
}

// validate()'s result for everything pushed (with the value: JS no longer holds the text).
std::size_t stream_end(int handle) {
  auto* validator = stream_at(handle);
  if (validator == nullptr) return 0;
  return publish(validator->end());
}

void stream_free(int handle) {
  if (stream_at(handle) != nullptr) streams[static_cast<std::size_t>(handle) - 1].reset();
  if (chunk.capacity() > kRetainedBytes) std::string().swap(chunk);
}

// ---- documents held open -----------------------------------------------------------------
// Documents live here between calls, named to JS by a handle (their slot + 1), as validators
// are. Only a new section's text crosses; validate, diff and merge read the texts held here.

std::vector<std::unique_ptr<artifacts::Document>> documents;

const artifacts::Document* document_at(int handle) {
  if (handle <= 0 || static_cast<std::size_t>(handle) > documents.size()) return nullptr;
  return documents[static_cast<std::size_t>(handle) - 1].get();
}

// Opens the content in the input buffer: its handle, or minus the length of the failure's result.
int document_open(const std::string& type, std::size_t length, const std::string& tier) {
  artifacts::ValidationResult failure;
  auto document = artifacts::Document::open(type, input_view(length), tier, failure);
  if (!document) return -static_cast<int>(publish(failure));
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (!documents[i]) {
      documents[i] = std::move(document);
      return static_cast<int>(i + 1);
    }
  }
  documents.push_back(std::move(document));
  return static_cast<int>(documents.size());
}

// The last document_validate's normalised value, until JS takes it.
std::string document_value;

// As validate_input: -1 for "valid as written, no warnings" (JS reads the text if it wants it).
// Otherwise the envelope, without the value: that crosses as text beside it (document_take_value),
// so JS parses it only if it is read.
int document_validate(int handle, bool strict) {
  const auto* document = document_at(handle);
  if (document == nullptr) return 0;
  auto result = document->validate(strict, /*want_value=*/false);
  if (result.value_is_input && result.warnings.empty()) return -1;
  document_value = std::move(result.value);
  result.value.clear();
  return static_cast<int>(publish(result));
}

// The value document_validate kept, in the output buffer.
std::size_t document_take_value() {
  output = std::move(document_value);
  document_value.clear();
  return output.size();
}

// Sets section `id` to the JSON text in the input buffer (length 0: removes it).
int document_set_section(int handle, const std::string& id, std::size_t length, bool strict) {
  if (document_at(handle) == nullptr) return 0;
  auto& document = *documents[static_cast<std::size_t>(handle) - 1];
  auto result = document.set_section(id, input_view(length), strict);
  // As validate_input: -1 for "valid as written, no warnings" (JS holds the value it sent).
  if (result.value_is_input && result.warnings.empty()) return -1;
  return static_cast<int>(publish(result));
}

// The document's text, in the output buffer.
std::size_t document_text(int handle) {
  const auto* document = document_at(handle);
  output = document ? document->text() : "null";
  return output.size();
}

std::size_t document_diff(int before, int after) {
  const auto* a = document_at(before);
  const auto* b = document_at(after);
  if (a == nullptr || b == nullptr) return 0;
  return publish(artifacts::diff(*a, *b));
}

// {type, edited_sections, force} in the input buffer; 0 names no document (no content).
std::size_t document_merge(int base, int ours, int theirs, std::size_t length) {
  return publish(artifacts::merge_request(input_view(length), document_at(base), document_at(ours),
                                          document_at(theirs)));
}

void document_free(int handle) {
  if (document_at(handle) != nullptr) documents[static_cast<std::size_t>(handle) - 1].reset();
}

// Documents held (diagnostics: dropped documents must be freed).
std::size_t document_count() {
  std::size_t count = 0;
  for (const auto& document : documents) count += document != nullptr;
  return count;
}

#if defined(ARTIFACTS_WASM_DIAGNOSTICS)
// The embind std::string path, only in the diagnostics build (never shipped), so the boundary
// benchmark can compare it with the encodeInto path the package uses.
std::string validate_string(const std::string& type, const std::string& json,
                            const std::string& tier, bool strict) {
  return artifacts::validate(type, json, {.tier = tier, .strict = strict}).to_json();
}

// Takes a document through embind's std::string conversion and nothing else: the benchmark's
// measure of that path's cost.
std::size_t string_argument_length(const std::string& json) {
  return json.size();
}

// Only the parse of the input buffer, as every operation begins: the breakdown benchmark's
// "parse" step.
bool parse_input(std::size_t length) {
  return artifacts::parses_as_json(input_view(length));
}
#endif

}  // namespace

EMSCRIPTEN_BINDINGS(cofounder_artifacts) {
  emscripten::function("inputBuffer", &input_buffer);
  emscripten::function("outputPointer", &output_pointer);
  emscripten::function("releaseBuffers", &release_buffers);
  emscripten::function("retainedBytes", &retained_bytes);
  emscripten::function("validate", &validate);
  emscripten::function("validateIndexed", &validate_indexed);
  emscripten::function("gate", &gate);
  emscripten::function("migrate", &migrate);
  emscripten::function("jsonSchema", &json_schema);
  emscripten::function("merge", &merge);
  emscripten::function("diff", &diff);
  emscripten::function("wordDiff", &word_diff);
  emscripten::function("toMarkdown", &to_markdown);
  emscripten::function("planToMarkdown", &plan_to_markdown);
  emscripten::function("toHtml", &to_html);
  emscripten::function("planToHtml", &plan_to_html);
  emscripten::function("registry", &artifacts::registry_json);
  emscripten::function("streamCreate", &stream_create);
  emscripten::function("streamChunkBuffer", &stream_chunk_buffer);
  emscripten::function("streamOutputCell", &stream_output_cell);
  emscripten::function("streamPush", &stream_push);
  emscripten::function("streamSnapshot", &stream_snapshot);
  emscripten::function("streamEnd", &stream_end);
  emscripten::function("streamFree", &stream_free);
  emscripten::function("documentOpen", &document_open);
  emscripten::function("documentValidate", &document_validate);
  emscripten::function("documentTakeValue", &document_take_value);
  emscripten::function("documentSetSection", &document_set_section);
  emscripten::function("documentText", &document_text);
  emscripten::function("documentDiff", &document_diff);
  emscripten::function("documentMerge", &document_merge);
  emscripten::function("documentFree", &document_free);
  emscripten::function("documentCount", &document_count);
#if defined(ARTIFACTS_WASM_DIAGNOSTICS)
  emscripten::function("validateString", &validate_string);
  emscripten::function("stringArgumentLength", &string_argument_length);
  emscripten::function("parseInput", &parse_input);
#endif
}
