// Generates the whole plan with the sample runner, streamed: each section builds up as it arrives.
import { useMemo } from 'react';
import { ARTIFACTS, GENERATION_ORDER } from 'cofounder-artifacts';
import type { ArtifactTypeId } from 'cofounder-artifacts';
import { RunStatus, useGeneration } from 'cofounder-artifacts/react';
import type { ArtifactStream } from 'cofounder-artifacts/react';
import { RunnerFake } from 'cofounder-artifacts/testing';

export function Generation({ projectId }: { projectId: string }) {
  const runner = useMemo(() => new RunnerFake({ stream: true, chunkSize: 48, chunkDelayMs: 4 }), []);
  const generation = useGeneration(projectId);
  const running = generation.status === RunStatus.RUNNING;
  const current = generation.current;
  return (
    <section data-testid="generation">
      <button type="button" disabled={running} onClick={() => generation.start(runner, { tier: 'partner', all: true })}>
        Generate plan
      </button>
      <button type="button" disabled={!running} onClick={generation.abort}>Stop</button>
      <span data-testid="run-status">{generation.status}</span>
      <ol>
        {GENERATION_ORDER.map((type) => (
          <li key={type}>{ARTIFACTS[type].title}: {generation.artifacts[type] ?? '—'}</li>
        ))}
      </ol>
      {current && <StreamView type={current} stream={generation.streams[current]} />}
    </section>
  );
}

function StreamView({ type, stream }: { type: ArtifactTypeId; stream?: ArtifactStream }) {
  if (!stream) return null;
  const titles = new Map(ARTIFACTS[type].sections.map((section) => [section.id, section.title]));
  return (
    <div data-testid="stream" data-type={type}>
      <h3>Writing {ARTIFACTS[type].title}</h3>
      {stream.order.map((id) => {
        const section = stream.sections[id as keyof typeof stream.sections];
        if (!section) return null;
        const mark = section.done ? (section.ok ? '✓' : '✗') : '…';
        return (
          <p key={id} data-section={id} data-done={section.done}>
            <strong>{titles.get(id) ?? id} {mark}</strong>{' '}
            {section.text || section.draft?.text}
            {section.items.length > 0 ? ` (${section.items.length} items)` : ''}
          </p>
        );
      })}
    </div>
  );
}
