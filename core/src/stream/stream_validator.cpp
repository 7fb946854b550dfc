// The stream validator: the tokenizer's keys and values turned into events about the model's
// sections, each section and list item validated (by validate()'s own walk) as it closes.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "artifacts/registry.hpp"
#include "artifacts/stream.hpp"
#include "json/json_io.hpp"
#include "registry/resolve.hpp"
#include "stream/tokenizer.hpp"
#include "validate/validate_value.hpp"

namespace artifacts {

struct StreamValidator::State final : detail::TokenListener {
  // An open container below a root object, and the member or item being read in it.
  struct Frame {
    bool object = false;
    const ModelSpec* model = nullptr;  // an object the schema knows as this model
    const TypeSpec* item = nullptr;    // an array the schema knows as a list of this
    std::string key;                   // object: the current member's key
    std::size_t index = 0;             // array: the current item's index
    const TypeSpec* child_type = nullptr;
  };

  State(std::string_view type, const ValidateOptions& given)
      : type_name(type), tier_name(given.tier), options(given) {
    options.tier = tier_name;
    model = detail::resolve_model(type_name, setup);
    if (model != nullptr && !tier_name.empty()) tier = detail::resolve_tier(tier_name, setup);
  }

  void on_key(std::string_view key) override {
    if (frames.empty()) return;
    Frame& frame = frames.back();
    frame.key.assign(key);
    const FieldSpec* field = frame.model ? find_field(*frame.model, key) : nullptr;
    frame.child_type = field ? field->type : nullptr;
    if (frames.size() != 1) return;
    section = field != nullptr && is_section(*field) ? field : nullptr;
    if (field == nullptr) {
      warning(Issue{IssueType::unknown_key, {frame.key}, "Unknown key is ignored", {}, {}});
    }
  }

  void on_value_start(std::size_t, char first, std::size_t depth) override {
    string_reported = false;
    if (depth == 0) {
      root_object = first == '{';
      if (root_object) {
        frames.emplace_back();
        frames.back().object = true;
        frames.back().model = model;
      }
      return;
    }
    if (!root_object) return;
    const Frame& parent = frames.back();
    if (depth == 1 && section != nullptr) {
      add(StreamEventKind::section_start).section = parent.key;
      // validate() lets a nullable section's null through without a word.
      if (tier && !tier_allows(*tier, section->tier) && !(first == 'n' && section->nullable)) {
        warning(Issue{IssueType::tier_locked,
                      {parent.key},
                      "Section needs the " + std::string(tier_name_of(section->tier)) +
                          " tier; gating removes it",
                      {},
                      {}});
      }
    }
    if (first != '{' && first != '[') return;
    const TypeSpec* type = parent.child_type;
    Frame frame;
    frame.object = first == '{';
    if (type && frame.object && type->kind == Kind::model) frame.model = type->model;
    if (type && !frame.object && type->kind == Kind::list) {
      frame.item = type->item;
      frame.child_type = type->item;
    }
    frames.push_back(std::move(frame));
  }

  void on_value_end(std::size_t start, std::size_t end, std::size_t) override {
    const char first = received[start];
    if (first == '"') {
      if (tracking() && !tokenizer.text().empty()) text();
      tokenizer.clear_text();
    }
    if (!root_object) return;
    if (first == '{' || first == '[') frames.pop_back();
    if (frames.empty() || section == nullptr) return;
    Frame& parent = frames.back();
    std::string_view slice(received.data() + start, end - start);
    if (!parent.object) {
      if (parent.item != nullptr) {
        auto checked = detail::validate_value(*parent.item, path(), slice, tier, options.strict);
        StreamEvent& event = add(StreamEventKind::item_complete);
        event.path = path();
        event.ok = checked.errors.empty();
        event.value = std::move(checked.value);
        event.errors = std::move(checked.errors);
      }
      ++parent.index;
    }
    if (frames.size() == 1) section_complete(parent.key, slice);
  }

  void on_error(std::string_view detail, std::size_t at) override {
    // The open string's text before the fault, as a chunk ending there would have reported it.
    if (tokenizer.in_string_value() && !tokenizer.text().empty()) {
      if (tracking()) text();
      tokenizer.clear_text();
    }
    // The text up to the offending byte: the same however the stream was chunked.
    add(StreamEventKind::error).issue = detail::json_invalid(received.substr(0, at + 1), detail);
  }

  void push(std::string_view bytes) {
    used = 0;
    if (!setup.ok()) return;
    if (over_limit) {
      total += bytes.size();
      return;
    }
    if (bytes.size() > kMaxInputBytes - received.size()) {
      over_limit = true;
      total = received.size() + bytes.size();
      if (!tokenizer.failed()) {
        add(StreamEventKind::error).issue = detail::input_too_large(total);
      }
      return;
    }
    const std::size_t from = received.size();
    received.append(bytes);
    if (tokenizer.failed()) return;
    tokenizer.feed(received, from);
    // The open string's growth in this chunk.
    if (tokenizer.in_string_value() && !tokenizer.text().empty()) {
      if (tracking() && !tokenizer.failed()) text();
      tokenizer.clear_text();
    }
  }

  ValidationResult end() {
    if (over_limit) {
      // validate() refuses such input before reading it; the bytes past the limit were not kept.
      ValidationResult result;
      detail::fail(result, Status::invalid_input, detail::input_too_large(total));
      return result;
    }
    return validate(type_name, received, options);
  }

  // Inside a section of a root object: where strings and items are reported.
  bool tracking() const { return root_object && section != nullptr && !frames.empty(); }

  Path path() const {
    Path out;
    fill_path(out);
    return out;
  }

  // `out` as the path to the current value, reusing its storage (a slot's, between pushes).
  void fill_path(Path& out) const {
    out.resize(frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const Frame& frame = frames[i];
      auto* key = std::get_if<std::string>(&out[i]);
      if (frame.object && key != nullptr) {
        key->assign(frame.key);
      } else if (frame.object) {
        out[i] = frame.key;
      } else {
        out[i] = frame.index;
      }
    }
  }

  void text() {
    StreamEvent& event = add(StreamEventKind::text);
    fill_path(event.path);
    event.delta.assign(tokenizer.text());
    event.continues = string_reported;
    string_reported = true;
  }

  void warning(Issue issue) { add(StreamEventKind::warning).issue = std::move(issue); }

  void section_complete(const std::string& key, std::string_view slice) {
    StreamEvent& event = add(StreamEventKind::section_complete);
    event.section = key;
    if (slice == "null" && section->nullable) {
      event.value = "null";
    } else {
      auto checked = detail::validate_value(*section->type, Path{key}, slice, tier, options.strict);
      event.ok = checked.errors.empty();
      event.value = std::move(checked.value);
      event.errors = std::move(checked.errors);
    }
  }

  // The next event, in a slot whose strings keep their buffers between pushes: a token stream's
  // usual chunk (a few characters of one string) allocates nothing.
  StreamEvent& add(StreamEventKind kind) {
    if (used == events.size()) events.emplace_back();
    StreamEvent& event = events[used++];
    event.kind = kind;
    event.section.clear();
    event.path.clear();
    event.delta.clear();
    event.value.clear();
    event.ok = true;
    event.continues = false;
    event.errors.clear();
    if (!event.issue.msg.empty()) event.issue = Issue{};
    return event;
  }

  static std::string_view tier_name_of(SectionTier section_tier) {
    return artifacts::tier_name(minimum_tier(section_tier));
  }

  std::string type_name;
  std::string tier_name;
  ValidateOptions options;
  Outcome setup;
  const ModelSpec* model = nullptr;
  std::optional<Tier> tier;

  std::string received;
  std::size_t total = 0;  // bytes pushed, once over the limit
  bool over_limit = false;
  detail::Tokenizer tokenizer{*this};
  std::vector<StreamEvent> events;  // slots; the first `used` are this chunk's events
  std::size_t used = 0;
  std::vector<Frame> frames;
  bool root_object = false;
  const FieldSpec* section = nullptr;  // the section whose value is being read, if any
  bool string_reported = false;        // the open string has had a text event
};

StreamValidator::StreamValidator(std::string_view type, const ValidateOptions& options)
    : state_(std::make_unique<State>(type, options)) {}

StreamValidator::~StreamValidator() = default;

const Outcome& StreamValidator::setup() const {
  return state_->setup;
}

std::span<const StreamEvent> StreamValidator::push(std::string_view bytes) {
  state_->push(bytes);
  return {state_->events.data(), state_->used};
}

std::string StreamValidator::snapshot() const {
  if (!state_->setup.ok()) return "null";
  return state_->tokenizer.snapshot(state_->received);
}

ValidationResult StreamValidator::end() {
  return state_->end();
}

}  // namespace artifacts
