// The projects in the store, and a new one.
import { useProjectIds } from 'cofounder-artifacts/react';

export function ProjectList({ selected, onSelect }: { selected: string; onSelect: (id: string) => void }) {
  const projects = useProjectIds();
  if (projects.status !== 'ready') return <nav data-testid="projects">Projects: {projects.status}</nav>;
  const ids = projects.ids.includes(selected) ? projects.ids : [...projects.ids, selected];
  return (
    <nav data-testid="projects">
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <button type="button" aria-pressed={id === selected} onClick={() => onSelect(id)}>{id.slice(0, 8)}</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onSelect(crypto.randomUUID())}>New project</button>
    </nav>
  );
}
