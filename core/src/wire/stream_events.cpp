// The stream validator's events as they cross the boundary: one JSON array per chunk.
#include "artifacts/stream.hpp"
#include "wire/envelope.hpp"

namespace artifacts {

using detail::write_string;
using detail::Writer;

std::string_view stream_event_kind_name(StreamEventKind kind) {
  switch (kind) {
    case StreamEventKind::section_start:
      return "section_start";
    case StreamEventKind::text:
      return "text";
    case StreamEventKind::item_complete:
      return "item_complete";
    case StreamEventKind::section_complete:
      return "section_complete";
    case StreamEventKind::warning:
      return "warning";
    case StreamEventKind::error:
      return "error";
  }
  return "error";
}

namespace {

void write_event(Writer& out, const StreamEvent& event) {
  out.StartObject();
  out.Key("kind");
  write_string(out, stream_event_kind_name(event.kind));
  switch (event.kind) {
    case StreamEventKind::section_start:
      out.Key("section");
      write_string(out, event.section);
      break;
    case StreamEventKind::text:
      out.Key("path");
      detail::write_path(out, event.path);
      out.Key("delta");
      write_string(out, event.delta);
      break;
    case StreamEventKind::item_complete:
    case StreamEventKind::section_complete:
      if (event.kind == StreamEventKind::item_complete) {
        out.Key("path");
        detail::write_path(out, event.path);
      } else {
        out.Key("section");
        write_string(out, event.section);
      }
      detail::write_raw_or_null(out, "value", event.value);
      out.Key("ok");
      out.Bool(event.ok);
      detail::write_issues(out, "errors", event.errors);
      break;
    case StreamEventKind::warning:
    case StreamEventKind::error:
      out.Key("issue");
      detail::write_issue(out, event.issue);
      break;
  }
  out.EndObject();
}

}  // namespace

std::string stream_events_json(std::span<const StreamEvent> events) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartArray();
  for (const auto& event : events) write_event(out, event);
  out.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

void stream_events_wire(std::span<const StreamEvent> events, std::string& out, bool& delta_only) {
  delta_only = events.size() == 1 && events[0].kind == StreamEventKind::text && events[0].continues;
  if (delta_only) {
    out.assign(events[0].delta);
  } else {
    out = stream_events_json(events);
  }
}

}  // namespace artifacts
