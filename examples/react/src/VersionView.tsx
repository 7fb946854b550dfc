// The brief's version view: what the last regeneration changed, word by word. Regenerating keeps
// the founder's edits (the package merges them into the new generation).
import { useMemo } from 'react';
import { RunStatus, useGeneration, useVersionDiff } from 'cofounder-artifacts/react';
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';

export function VersionView({ projectId }: { projectId: string }) {
  const versions = useVersionDiff(projectId, 'brief');
  const generation = useGeneration(projectId);
  // A second generation that words the value proposition differently.
  const runner = useMemo(() => new RunnerFake({
    plan: { ...SAMPLE_PLAN, brief: { ...SAMPLE_PLAN.brief, value_proposition: `${SAMPLE_PLAN.brief.value_proposition} Set up in ten minutes.` } },
  }), []);
  if (versions.status !== 'ready' || !versions.record || !versions.diff) {
    return <section data-testid="versions">Versions: {versions.status === 'ready' ? 'none yet' : versions.status}</section>;
  }
  const changed = versions.diff.sections.filter((section) => section.change !== 'unchanged');
  return (
    <section data-testid="versions">
      <h2>Version {versions.record.version_number}</h2>
      <button type="button" disabled={generation.status === RunStatus.RUNNING}
        onClick={() => generation.regenerate(runner, 'brief', { tier: 'partner' })}>Regenerate brief</button>
      {versions.record.previous_content === null && <p>First version.</p>}
      {versions.record.previous_content !== null && changed.map((section) => (
        <div key={section.id} data-changed={section.id}>
          <h3>{section.id}: {section.change}</h3>
          {section.words?.map((piece, i) => (piece.op === 'insert' ? <ins key={i}>{piece.text}</ins>
            : piece.op === 'delete' ? <del key={i}>{piece.text}</del> : <span key={i}>{piece.text}</span>))}
        </div>
      ))}
    </section>
  );
}
