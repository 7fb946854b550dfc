// Generation runs in the background of the request that started them: the request takes the
// project's lock (in its transaction) and answers 202; the run starts once that commits and
// releases the lock when it ends, leaving the project idle or failed.
import { generateAll, GenerationStatus, regenerate } from 'cofounder-artifacts';
import { releaseGeneration } from '../store/projects.js';
import { pipelineStore } from './pipeline-store.js';

export class GenerationRuns {
  constructor({ db, runner, ttlMs, log }) {
    this.db = db;
    this.runner = runner;
    this.ttlMs = ttlMs;
    this.log = log;
    this.running = new Set();
  }

  /** The whole cascade (GENERATION_ORDER, the registry's failure rules); `all` redoes done ones. */
  cascade({ projectId, owner, context, tier, all }) {
    return this.track(projectId, owner, (store) => generateAll(store, this.runner,
      { projectId, context, tier, all }).then((summary) => summary.failed.length + summary.skipped.length === 0));
  }

  /** One artifact, given the earlier ones as context (the route has dealt with edits). */
  regenerate({ projectId, owner, type, context, tier }) {
    return this.track(projectId, owner, (store) => regenerate(store, this.runner,
      { projectId, type, context, tier }).then(() => true));
  }

  track(projectId, owner, work) {
    const store = pipelineStore(this.db, { projectId, owner, ttlMs: this.ttlMs });
    const run = (async () => {
      let ok = false;
      try {
        ok = await work(store);
      } catch (error) {
        this.log?.warn({ err: error, projectId }, 'generation run stopped');
      }
      await releaseGeneration(this.db, projectId, owner, ok ? GenerationStatus.IDLE : GenerationStatus.FAILED)
        .catch((error) => this.log?.error({ err: error, projectId }, 'releasing the generation lock failed'));
    })();
    this.running.add(run);
    run.finally(() => this.running.delete(run));
    return run;
  }

  /** Waits for every run in flight (shutdown, tests). */
  async settle() {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
