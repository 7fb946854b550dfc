// The example app: every piece of state comes from cofounder-artifacts/react's hooks.
import { useState } from 'react';
import { ArtifactsProvider, useArtifactStore } from 'cofounder-artifacts/react';
import type { SyncOptions } from 'cofounder-artifacts';
import { ProjectList } from './ProjectList';
import { ProjectRecords } from './ProjectRecords';
import { Generation } from './Generation';
import { BriefEditor } from './BriefEditor';
import { VersionView } from './VersionView';
import { SyncBadge } from './SyncBadge';

export const FIRST_PROJECT = '0b6c52c8-2f5e-4a8e-9d37-3c1a8f0e6d21';

export function App({ sync, name = 'react-example' }: { sync?: SyncOptions; name?: string }) {
  return (
    <ArtifactsProvider name={name} sync={sync}>
      <Workspace />
    </ArtifactsProvider>
  );
}

export function Workspace() {
  const { status, error } = useArtifactStore();
  const [projectId, setProjectId] = useState(FIRST_PROJECT);
  return (
    <main>
      <header>
        <h1>Founder plan</h1>
        <SyncBadge />
      </header>
      {status === 'loading' && <p data-testid="loading">Loading…</p>}
      {status === 'error' && <p role="alert">The plan store could not open: {String(error)}</p>}
      <ProjectList selected={projectId} onSelect={setProjectId} />
      <ProjectRecords projectId={projectId} />
      <Generation projectId={projectId} />
      <BriefEditor projectId={projectId} />
      <VersionView projectId={projectId} />
    </main>
  );
}
