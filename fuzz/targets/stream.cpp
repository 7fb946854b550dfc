// The stream target: a document pushed in pieces cut at random points. end() is validate() on
// the whole text; the events do not depend on the cuts; sections, items and text deltas agree
// with validate()'s value and errors; snapshots are JSON and only grow.
#include <algorithm>
#include <map>

#include "artifacts/stream.hpp"
#include "entries.hpp"
#include "inputs.hpp"
#include "oracles.hpp"

namespace artifacts::fuzz {
namespace {

struct Run {
  std::vector<StreamEvent> events;
  std::vector<std::string> snapshots;  // after some pushes and after the last
  ValidationResult result;
};

Run stream(std::string_view type, std::string_view text, const ValidateOptions& options,
           std::span<const std::size_t> cuts) {
  Run run;
  StreamValidator validator(type, options);
  std::size_t from = 0;
  // Snapshots (each the size of the text so far) at about 32 points and at the end: every push
  // would make a run quadratic.
  const std::size_t stride = cuts.size() / 32 + 1;
  std::size_t pushes = 0;
  auto push = [&](std::size_t to, bool last) {
    const auto events = validator.push(text.substr(from, to - from));
    run.events.insert(run.events.end(), events.begin(), events.end());
    if (last || pushes++ % stride == 0) run.snapshots.push_back(validator.snapshot());
    from = to;
  };
  for (std::size_t cut : cuts) push(std::max(from, std::min(cut, text.size())), false);
  push(text.size(), true);
  run.result = validator.end();
  return run;
}

// The events with each string's consecutive deltas joined: what any chunking gives.
std::vector<std::string> joined(const std::vector<StreamEvent>& events) {
  std::vector<std::string> out;
  std::vector<StreamEvent> pending;
  for (const auto& event : events) {
    if (event.kind == StreamEventKind::text && !pending.empty() &&
        pending.back().kind == StreamEventKind::text && pending.back().path == event.path) {
      pending.back().delta += event.delta;
    } else {
      pending.push_back(event);
    }
  }
  for (const auto& event : pending) out.push_back(stream_events_json(std::span(&event, 1)));
  return out;
}

bool any_repeated_key(const Value& value) {
  if (value.IsObject()) {
    if (has_repeated_key(value)) return true;
    for (const auto& member : value.GetObject()) {
      if (any_repeated_key(member.value)) return true;
    }
  } else if (value.IsArray()) {
    for (const auto& item : value.GetArray()) {
      if (any_repeated_key(item)) return true;
    }
  }
  return false;
}

// `later` holds everything `earlier` held: same kinds, strings extended, containers grown.
bool grows(const Value& earlier, const Value& later) {
  if (earlier.IsNumber() && later.IsNumber()) return earlier == later;
  if (earlier.GetType() != later.GetType()) return false;
  if (earlier.IsString()) return view(later).starts_with(view(earlier));
  if (earlier.IsArray()) {
    if (earlier.Size() > later.Size()) return false;
    for (rapidjson::SizeType i = 0; i < earlier.Size(); ++i) {
      if (!grows(earlier[i], later[i])) return false;
    }
    return true;
  }
  if (earlier.IsObject()) {
    for (const auto& member : earlier.GetObject()) {
      const Value* next = find(later, view(member.name));
      if (next == nullptr || !grows(member.value, *next)) return false;
    }
    return true;
  }
  return earlier == later;
}

const Value* at_path(const Value& root, const Path& path) {
  const Value* value = &root;
  for (const auto& item : path) {
    if (const auto* key = std::get_if<std::string>(&item)) {
      if (!value->IsObject()) return nullptr;
      value = find(*value, *key);
    } else {
      auto index = std::get<std::size_t>(item);
      if (!value->IsArray() || index >= value->Size()) return nullptr;
      value = &(*value)[static_cast<rapidjson::SizeType>(index)];
    }
    if (value == nullptr) return nullptr;
  }
  return value;
}

std::string issue_text(const Issue& issue) {
  StreamEvent event;
  event.kind = StreamEventKind::error;
  event.issue = issue;
  return stream_events_json(std::span(&event, 1));
}

bool starts_with(const Path& loc, const Path& prefix) {
  return loc.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), loc.begin());
}

std::string check_snapshots(const Run& run) {
  std::unique_ptr<rapidjson::Document> previous;
  for (const auto& snapshot : run.snapshots) {
    auto current = tree(snapshot);
    FUZZ_EXPECT(current != nullptr, "a snapshot is not JSON: " + snapshot.substr(0, 200));
    if (any_repeated_key(*current)) return {};  // a repeated key's value may start over
    // `null` before the root begins: then any value.
    if (previous && !previous->IsNull()) {
      FUZZ_EXPECT(grows(*previous, *current), "a snapshot shrank: " + snapshot);
    }
    previous = std::move(current);
  }
  return {};
}

}  // namespace

std::string check_stream(std::string_view type, std::string_view text,
                         const ValidateOptions& options, std::span<const std::size_t> cuts) {
  const Run run = stream(type, text, options, cuts);
  const ValidationResult expected = validate(type, text, options);
  FUZZ_EXPECT(run.result.to_json() == expected.to_json(),
              "end() is not validate(): " + run.result.to_json() + " vs " + expected.to_json());
  FUZZ_EXPECT(run.result.value_is_input == expected.value_is_input, "value_is_input differs");

  // The events do not depend on where the text was cut. (The uncut run's are kept for the next
  // check of the same document: the tests cut one document many ways.)
  static thread_local std::string last_key;
  static thread_local std::vector<std::string> last_events;
  std::string key = std::string(type) + '\0' + std::string(options.tier) + '\0' +
                    (options.strict ? "1" : "0") + '\0' + std::string(text);
  if (key != last_key) {
    last_events = joined(stream(type, text, options, {}).events);
    last_key = std::move(key);
  }
  FUZZ_EXPECT(joined(run.events) == last_events, "the events depend on the chunking");

  // An error is the last event, and only when validate() refuses the text as input.
  for (std::size_t i = 0; i < run.events.size(); ++i) {
    if (run.events[i].kind != StreamEventKind::error) continue;
    FUZZ_EXPECT(i + 1 == run.events.size(), "an event after the error");
    FUZZ_EXPECT(expected.status == Status::invalid_input,
                "a stream error on text validate() reads: " + issue_text(run.events[i].issue));
  }
  FUZZ_PROPAGATE(check_snapshots(run));

  auto document = tree(text);
  if (!document || !document->IsObject() || any_repeated_key(*document) ||
      library_reads(text) != Root::object) {
    return {};
  }
  // The text is a JSON object: the events tell its story.
  std::vector<std::string> sections;
  for (const auto& member : document->GetObject()) {
    const auto* model = find_model(type);
    const FieldSpec* field = model ? find_field(*model, view(member.name)) : nullptr;
    if (field != nullptr && is_section(*field)) sections.emplace_back(view(member.name));
  }
  if (!expected.errors.empty() && expected.status != Status::validation_failed) return {};
  auto value = expected.ok() ? tree(expected.value) : nullptr;
  std::vector<std::string> completed;
  std::map<Path, std::string> texts;
  for (const auto& event : run.events) {
    FUZZ_EXPECT(event.kind != StreamEventKind::error, "an error event on a JSON object");
    if (event.kind == StreamEventKind::text) texts[event.path] += event.delta;
    if (event.kind != StreamEventKind::section_complete &&
        event.kind != StreamEventKind::item_complete) {
      continue;
    }
    const bool is_section_event = event.kind == StreamEventKind::section_complete;
    const Path where = is_section_event ? Path{event.section} : event.path;
    if (is_section_event) completed.push_back(event.section);
    FUZZ_EXPECT(event.ok == event.errors.empty(), "ok says something else than errors");
    if (value) {
      FUZZ_EXPECT(event.ok,
                  "a part of a valid document fails: " + stream_events_json(std::span(&event, 1)));
      const Value* part = at_path(*value, where);
      FUZZ_EXPECT(
          part != nullptr && same_json(event.value, to_json(*part)),
          "a part's value differs from validate()'s: " + stream_events_json(std::span(&event, 1)));
    }
    // The part's errors are validate()'s errors there (each one, in order).
    std::vector<std::string> theirs;
    for (const auto& error : expected.errors) {
      if (starts_with(error.loc, where)) theirs.push_back(issue_text(error));
    }
    std::vector<std::string> ours;
    for (const auto& error : event.errors) ours.push_back(issue_text(error));
    FUZZ_EXPECT(ours == theirs, "a part's errors differ from validate()'s: " +
                                    stream_events_json(std::span(&event, 1)) + " vs " +
                                    expected.to_json());
  }
  FUZZ_EXPECT(completed == sections, "sections completed are not the document's sections");
  // The top-level warnings, as validate() words them (it lists them in another order).
  std::vector<std::string> warned, theirs;
  for (const auto& event : run.events) {
    if (event.kind == StreamEventKind::warning) warned.push_back(issue_text(event.issue));
  }
  for (const auto& warning : expected.warnings) {
    if (warning.loc.size() == 1) theirs.push_back(issue_text(warning));
  }
  std::sort(warned.begin(), warned.end());
  std::sort(theirs.begin(), theirs.end());
  FUZZ_EXPECT(warned == theirs, "the warnings differ from validate()'s: " + expected.to_json());
  for (const auto& [path, joined_text] : texts) {
    const Value* string = at_path(*document, path);
    FUZZ_EXPECT(string != nullptr && string->IsString() && view(*string) == joined_text,
                "a string's deltas do not give the string: " + joined_text);
  }
  const std::string& last = run.snapshots.back();
  FUZZ_EXPECT(same_json(last, text), "the last snapshot is not the document");
  return {};
}

std::string run_stream(std::string_view bytes) {
  const Input input{bytes, 3};
  const std::string_view model = model_at(input.byte(0));
  const std::uint8_t flags = input.byte(1);
  const ValidateOptions options{.tier = validate_tier(flags), .strict = (flags & 8u) != 0};
  const std::string_view text = input.payload();
  // Pieces of 1 to `longest` bytes, from a generator seeded by the third header byte.
  std::uint32_t state = 0x9E3779B9u ^ input.byte(2);
  const std::uint32_t longest = (input.byte(2) & 15u) + 1;
  std::vector<std::size_t> cuts;
  for (std::size_t at = 0; at < text.size();) {
    state = state * 1664525u + 1013904223u;
    at += 1 + (state >> 16) % longest;
    cuts.push_back(at);
  }
  return check_stream(model, text, options, cuts);
}

}  // namespace artifacts::fuzz
