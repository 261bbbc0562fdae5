// A second worker that reads a file while this one analyses another: the device's second core used
// without parsing anything twice. The analysis worker starts a copy of itself (its own script URL),
// asks it to load the source, and takes the result back with every column's buffer transferred (no
// copy); the copy is then terminated, its memory with it.
//
// Why: a page whose attainment table needs a pupils file (4.6 million rows at national scale, about
// 7 s to read) read it in the same worker as the assessments, after the chart in view and the
// re-referral curve, so the table waited for the sum of everything. Read beside them, it waits for
// the longer of the two.
//
// Contract: readInSpareWorker(source, options, job, onStarted) resolves to the LoadResult readDataset would
// give, progress reported through `job` (the spare's own progress messages); rejects with the
// read's own error (a bad file reads the same either way); resolves to null when no spare worker
// can start here (no nested workers, a CSP that refuses the script, a script that is not a worker),
// and the caller then reads in place (onStarted is called once the spare answers, so only then).
// A load aborted through job.signal terminates the spare at once.
import { wrap, type Remote } from 'comlink';
import type { AnalysisApi, DatasetOptions, ProgressUpdate, SourceRef } from './api.js';
import type { LoadResult } from '../src/data/types.js';
import { abortError } from './errors.js';
import type { LoadJob } from './read-dataset.js';

// The classic build (dist/analysis.worker.classic.js) says so (rollup.config.mjs); every other
// build of this file is a module worker.
declare const __CSC_WORKER_TYPE__: string | undefined;
const OWN_TYPE: WorkerType = typeof __CSC_WORKER_TYPE__ === 'string' ? 'classic' : 'module';

/** How long a spare may take to answer before this worker reads in place (and stops asking). */
const START_MS = 5000;
let unavailable = false;

/** A copy of this worker, of this worker's own type, started and answering; or null. */
async function startSpare(): Promise<{ worker: Worker; remote: Remote<AnalysisApi> } | null> {
  const href = (globalThis as { location?: { href?: string } }).location?.href;
  if (unavailable || typeof Worker === 'undefined' || !href) return null;
  const started = await startAs(href, OWN_TYPE);
  if (!started) unavailable = true;
  return started;
}

async function startAs(
  href: string,
  type: WorkerType,
): Promise<{ worker: Worker; remote: Remote<AnalysisApi> } | null> {
  let worker: Worker;
  try {
    worker = new Worker(href, { type });
  } catch {
    return null;
  }
  const remote = wrap<AnalysisApi>(worker);
  const failed = new Promise<null>((resolve) =>
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      resolve(null);
    }),
  );
  const ready = remote.ping().then(() => ({ worker, remote }));
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), START_MS));
  const started = await Promise.race([ready, failed, late]);
  if (!started) worker.terminate();
  return started;
}

/** Read `source` in a spare worker (see the file's contract). */
export async function readInSpareWorker(
  source: SourceRef,
  options: DatasetOptions,
  job: LoadJob,
  onStarted: () => void = () => {},
): Promise<LoadResult | null> {
  const spare = await startSpare();
  if (!spare) return null;
  onStarted();
  const { worker, remote } = spare;
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError());
    job.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    if (job.signal.aborted) throw abortError();
    // A worker posts its progress on its own port (worker-impl.ts `send`), beside comlink's replies.
    worker.addEventListener('message', (e: MessageEvent) => {
      const u = (e.data as { cscProgress?: ProgressUpdate } | null)?.cscProgress;
      if (u) job.progress(u.phase, u.done, u.total);
    });
    await Promise.race([remote.loadDataset(1, 'spare', source, options), aborted]);
    return await Promise.race([remote.takeDataset('spare'), aborted]);
  } finally {
    job.signal.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}
