// Compiled with `tsc --noEmit` by tests/js/types.test.js: the published types describe the API
// a frontend uses (including the generated content types) without errors.
import {
  init, validate, gate, migrate, merge, diff, wordDiff, jsonSchema, ArtifactStore, generateAll,
  regenerate, createStreamValidator, openDocument, type StreamEvent, ArtifactType, GENERATION_ORDER, Tier, ARTIFACTS, sectionsFor, ArtifactsError,
  ValidationFailedError, GenerationStatus, type ProductBriefContent, type MilestonesContent, type ArtifactRecordOf,
  SyncClient, type SyncStatus, type OutboxEntry, OutboxKind, OutboxState, toHtml, planToHtml, printPlan,
  type HtmlOptions, PrintUnavailableError,
  exportProject, importProject, backupText, backupBlob, ImportMode, BackupError, StorageFullError, StorageError,
  type ProjectBackup, type ImportSummary, type BackupErrorCode,
} from 'cofounder-artifacts';
import { RunnerFake, SAMPLE_PLAN } from 'cofounder-artifacts/testing';

export async function main(): Promise<void> {
  await init({ wasmUrl: new URL('https://example.invalid/artifacts-core.wasm') });
  const checked = validate(ArtifactType.MILESTONES, SAMPLE_PLAN.milestones, { tier: Tier.PARTNER });
  if (checked.ok) {
    const milestones: MilestonesContent = checked.value;
    const weeks: number = milestones.milestones[0].estimated_weeks;
    console.log(weeks);
  } else {
    for (const error of checked.errors) console.log(error.type, error.loc.join('.'), error.msg);
  }
  const { value, locked } = gate('brief', '{}', 'bootstrapper');
  const brief: Partial<ProductBriefContent> = value;
  console.log(brief.problem_statement, locked.length, migrate('brief', {}).toVersion);
  const merged = merge({ type: 'brief', base: null, ours: SAMPLE_PLAN.brief, theirs: SAMPLE_PLAN.brief,
    editedSections: ['target_user'] });
  console.log(merged.conflicts.map((c) => c.path), diff('brief', null, merged.value).patch.length);
  console.log(wordDiff('a', 'b')[0]?.op, jsonSchema('risk_log', { tier: 'cto_scale' }),
    jsonSchema('brief', { tier: 'partner', target: 'openai' }));
  console.log(GENERATION_ORDER[0], ARTIFACTS.brief.sections[0].title, sectionsFor('brief', 'partner'));
  const htmlOptions: HtmlOptions = { tier: Tier.PARTNER, startupName: 'StockPilot', generatedAt: new Date() };
  const deck: string = planToHtml({ brief: SAMPLE_PLAN.brief, mvp_scope: null }, htmlOptions);
  console.log(deck.length, toHtml('risk_log', SAMPLE_PLAN.risk_log, { tier: 'bootstrapper' }).length);
  await printPlan(SAMPLE_PLAN, htmlOptions).catch((error: unknown) => error instanceof PrintUnavailableError);

  const stream = createStreamValidator(ArtifactType.BRIEF, { tier: Tier.PARTNER });
  const events: StreamEvent[] = [...stream.push('{"problem_statement": "We'), ...stream.push(new Uint8Array([34, 125]))];
  for (const event of events) {
    if (event.kind === 'text') console.log(event.path.join('.'), event.delta);
    else if (event.kind === 'section_complete' && !event.ok) console.log(event.section, event.errors[0]?.msg);
    else if (event.kind === 'error') console.log(event.issue.type);
  }
  const streamed = stream.end();
  if (streamed.ok) console.log(streamed.value.problem_statement, stream.snapshot === undefined);

  const held = openDocument(ArtifactType.RISK_LOG, SAMPLE_PLAN.risk_log, { tier: Tier.PARTNER });
  const share = held.setSection('market_risks', SAMPLE_PLAN.risk_log.market_risks);
  if (!share.ok) console.log(share.errors[0]?.loc);
  const heldResult = held.validate({ strict: true });
  if (heldResult.ok) console.log(heldResult.value.technical_risks.length);
  const other = openDocument('risk_log', held.text);
  console.log(diff(held, other).sections.length, merge({ base: null, ours: held, theirs: other }).kept, held.toJSON());
  held.dispose();
  other.dispose();

  const store = await ArtifactStore.open({ name: 'plans' });
  const runner = new RunnerFake({ scenario: 'happy_path', latencyMs: 10 });
  const summary = await generateAll(store, runner, { projectId: 'p', onProgress: (e) => console.log(e.type, e.status) });
  console.log(summary.failed);
  const preview = await regenerate(store, runner, { projectId: 'p', type: 'brief', preview: true });
  const applied = await regenerate(store, null, { projectId: 'p', type: 'brief', generated: preview.generated });
  const record: ArtifactRecordOf<'brief'> = applied.record;
  // Streaming: the runner's chunks through a stream validator, each event a progress event.
  const streaming = new RunnerFake({ stream: true, chunkSize: 32, chunkDelayMs: 5 });
  await generateAll(store, streaming, { projectId: 'p', onProgress: (e) => {
    if (e.status === 'streaming' && e.event.kind === 'text') console.log(e.event.path.join('.'), e.event.delta);
    else console.log(e.type, e.status, e.record?.version_number);
  } });
  await regenerate(store, streaming, { projectId: 'p', type: 'brief', preview: true, onProgress: (e) => console.log(e.index) });
  const sv = createStreamValidator('brief', { tier: 'partner' });
  for (const event of sv.push('{"problem_statement": "Sho')) if (event.kind === 'section_start') console.log(event.section);
  const ended = sv.end();
  if (ended.ok) console.log(ended.value.problem_statement);
  sv.dispose();
  console.log(record.current_content?.target_user, preview.diff.sections.length);
  // A record of any type narrows by its artifact_type: content and section ids follow.
  for (const any of await store.listProject('p')) {
    if (any.artifact_type === 'milestones') {
      const weeks: number | undefined = any.current_content?.total_duration_weeks;
      const edited: Array<'milestones' | 'critical_path' | 'total_duration_weeks' | 'resource_plan' | 'risk_mitigation_timeline'> | null | undefined = any.edited_sections;
      const status: GenerationStatus = any.generation_status;
      console.log(weeks, edited, status === GenerationStatus.FAILED);
    }
  }
  // Sync: the outbox to a backend, its status, conflicts and dead letters.
  const sync = await SyncClient.start(store, { baseUrl: 'https://example.com/api', getAuthToken: () => 'token', intervalMs: 5000 });
  const unsubscribe = sync.subscribe((status: SyncStatus) => console.log(status.pending, status.online, status.lastSyncAt));
  await sync.flush();
  const pulled = await sync.pull('p');
  console.log(pulled.updated, pulled.error?.detail);
  for (const conflict of await sync.conflicts()) {
    if (conflict.sectionId !== null) await sync.resolve(conflict.id, { take: 'mine' });
  }
  for (const letter of await sync.deadLetters()) console.log(letter.error?.status, letter.kind === OutboxKind.EDIT);
  const waiting: OutboxEntry[] = await store.outbox();
  console.log(waiting.filter((entry) => entry.state === OutboxState.PENDING).length);
  unsubscribe();
  await sync.stop();
  // Backup and restore; the browser's storage.
  const backup: ProjectBackup = await exportProject(store, 'p', { project: { name: 'StockPilot' } });
  const file: Blob = backupBlob(backup);
  const restored: ImportSummary = await importProject(store, backupText(backup), { mode: ImportMode.REPLACE });
  await importProject(store, file);
  console.log(restored.written, restored.kept, restored.outbox, restored.project.id, backup.checksum, backup.records[0]?.version_number);
  const kept = await store.persist();
  const space = await store.estimate();
  if (space.supported && kept.persisted) console.log(space.usage, space.quota, space.persisted);
  try {
    await importProject(store, 'not json', { mode: 'merge' });
  } catch (error) {
    if (error instanceof BackupError) {
      const code: BackupErrorCode = error.code;
      console.log(code === 'backup_truncated', error.message);
    }
    if (error instanceof StorageFullError) console.log(error.code === 'storage_full');
    if (error instanceof StorageError) console.log(error.code === 'storage_failed' || error.code === 'storage_full');
  }
  try {
    await store.editSection('p', 'brief', 'market_analysis', 'x', { tier: 'bootstrapper' });
  } catch (error) {
    if (error instanceof ArtifactsError) console.log(error.code);
    if (error instanceof ValidationFailedError) console.log(error.errors?.length);
  }
}
