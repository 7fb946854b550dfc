// The React bindings' types: records and content narrowed by artifact type, states discriminated.
import { StrictMode } from 'react';
import {
  ArtifactsProvider, RunStatus, useArtifact, useGeneration, useProject, useSyncStatus, useValidation, useVersionDiff,
} from 'cofounder-artifacts/react';
import type { MvpScopeContent, ProductBriefContent } from 'cofounder-artifacts';
import { RunnerFake } from 'cofounder-artifacts/testing';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

function Brief({ projectId }: { projectId: string }) {
  const brief = useArtifact(projectId, 'brief');
  if (brief.status !== 'ready' || !brief.record) return <p>{brief.status}</p>;
  const content = brief.record.current_content;
  const narrowed: Same<typeof content, ProductBriefContent | null> = true;
  // @ts-expect-error: a section of another artifact type
  void brief.editSection('core_features', []);
  void brief.editSection('target_user', 'Corner shops.', { tier: 'partner' });
  return <p>{narrowed && content?.target_user}</p>;
}

function Editor() {
  const result = useValidation('mvp_scope', '{}', { tier: 'partner' });
  if (result?.ok) {
    const value: MvpScopeContent = result.value;
    void value;
  }
  const versions = useVersionDiff('p', 'mvp_scope');
  const sync = useSyncStatus();
  return <p>{versions.diff?.sections.length}{sync?.pending}{result?.errors.map((e) => e.msg)}</p>;
}

function Generate({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  const generation = useGeneration(projectId);
  const running: boolean = generation.status === RunStatus.RUNNING;
  const scope = generation.streams.mvp_scope;
  const text: string | undefined = scope?.sections.technical_architecture?.text;
  const brief: ProductBriefContent | null | undefined = project.byType?.brief?.current_content;
  void generation.start(new RunnerFake({ stream: true }), { tier: 'partner' }).then((result) => result?.completed);
  return <p>{running}{text}{brief?.problem_statement}{project.records?.length}</p>;
}

export function App() {
  return (
    <StrictMode>
      <ArtifactsProvider name="plans" sync={{ baseUrl: '/api' }}>
        <Brief projectId="p" /><Editor /><Generate projectId="p" />
      </ArtifactsProvider>
    </StrictMode>
  );
}
