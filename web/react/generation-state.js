// What useGeneration shows of a run, as a pure reducer over the pipeline's progress events: each
// artifact's last status, the artifact being written, and for a streaming runner each section as
// it builds up (text so far, completed list items, the section's verdict). No React here.

/** The run's status: none yet, running, finished (see result), aborted, or thrown (see error). */
export const RunStatus = Object.freeze({
  INACTIVE: 'inactive', RUNNING: 'running', FINISHED: 'finished', ABORTED: 'aborted', ERROR: 'error',
});

const STREAMING = 'streaming';
const STARTED = 'started';

export const INITIAL_GENERATION = Object.freeze({
  status: RunStatus.INACTIVE, artifacts: {}, current: null, streams: {}, result: null, error: null,
});

function emptySection() {
  return { text: '', draft: null, items: [], done: false, ok: null, value: undefined, errors: [] };
}

// A stream validator event applied to one artifact's stream {order, sections, warnings, error}.
function streamStep(stream, event) {
  const sectionId = event.kind === 'section_start' || event.kind === 'section_complete' ? event.section : event.path?.[0];
  if (event.kind === 'warning') return { ...stream, warnings: [...stream.warnings, event.issue] };
  if (event.kind === 'error') return { ...stream, error: event.issue };
  if (sectionId === undefined) return stream;
  const known = stream.sections[sectionId];
  const section = { ...(known ?? emptySection()) };
  switch (event.kind) {
    case 'section_start':
      break;
    case 'text':
      if (event.path.length === 1) section.text += event.delta;
      else {
        const same = section.draft && section.draft.path.join('\u0000') === event.path.join('\u0000');
        section.draft = { path: event.path, text: (same ? section.draft.text : '') + event.delta };
      }
      break;
    case 'item_complete':
      section.items = [...section.items, { path: event.path, value: event.value, ok: event.ok, errors: event.errors }];
      section.draft = null;
      break;
    case 'section_complete':
      Object.assign(section, { done: true, ok: event.ok, value: event.value, errors: event.errors, draft: null });
      break;
    default:
      return stream;
  }
  return {
    ...stream,
    order: known ? stream.order : [...stream.order, sectionId],
    sections: { ...stream.sections, [sectionId]: section },
  };
}

const EMPTY_STREAM = Object.freeze({ order: [], sections: {}, warnings: [], error: null });

/** The next state for `action`: {kind: 'start'|'progress'|'finish'|'abort'|'fail', ...}. */
export function generationReducer(state, action) {
  switch (action.kind) {
    case 'start':
      return { ...INITIAL_GENERATION, status: RunStatus.RUNNING };
    case 'progress': {
      const { event } = action;
      if (event.status === STREAMING) {
        const stream = state.streams[event.type] ?? EMPTY_STREAM;
        return { ...state, current: event.type, streams: { ...state.streams, [event.type]: streamStep(stream, event.event) } };
      }
      const streams = event.status === STARTED ? { ...state.streams, [event.type]: EMPTY_STREAM } : state.streams;
      return {
        ...state,
        artifacts: { ...state.artifacts, [event.type]: event.status },
        current: event.status === STARTED ? event.type : (state.current === event.type ? null : state.current),
        streams,
      };
    }
    case 'finish':
      return { ...state, status: RunStatus.FINISHED, current: null, result: action.result };
    case 'abort':
      return { ...state, status: RunStatus.ABORTED, current: null };
    case 'fail':
      return { ...state, status: RunStatus.ERROR, current: null, error: action.error };
    default:
      return state;
  }
}
