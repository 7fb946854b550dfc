// The project's artifacts with their status and version: renders only when one of them changes.
import { ARTIFACTS } from 'cofounder-artifacts';
import { useProject } from 'cofounder-artifacts/react';

export function ProjectRecords({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  if (project.status === 'error') return <p role="alert">{String(project.error)}</p>;
  if (project.status === 'loading') return <section data-testid="records">Loading the plan…</section>;
  if (project.records.length === 0) return <section data-testid="records">No artifacts yet.</section>;
  return (
    <section data-testid="records">
      <ul>
        {project.records.map((record) => (
          <li key={record.id} data-type={record.artifact_type} data-status={record.generation_status}>
            {ARTIFACTS[record.artifact_type].title} · v{record.version_number} · {record.generation_status}
            {record.has_user_edits ? ' · edited' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
