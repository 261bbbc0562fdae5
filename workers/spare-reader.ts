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
// Contract: readInSpareWorker(source, options, job, hooks) resolves to the LoadResult readDataset
// would give, progress reported through `job` (the spare's own progress messages); rejects with the
// read's own error (a bad file reads the same either way); resolves to null when the caller must
// read in place instead:
// - no spare can start here (no nested workers, a CSP that refuses the script, a script that is
//   not a worker, no answer within START_MS), or none should (Firefox: nestedWorkersMayBlock);
//   `hooks.onStarted` is called only once one answers;
// - the spare was lost during the read: it fired `error` or `messageerror`, its hand-over failed, or
//   it sent nothing (no progress, no reply, no sign of life) for SILENT_MS. It is terminated and
//   `hooks.onLost` called. A spare that vanishes says nothing (a worker killed for memory fires no
//   event), so only the watchdog sees it; in one CI run of four a Firefox worker waited for ever on
//   a spare, and every later load of the page behind it.
// After a failed start or a loss, this worker reads in place from then on: a spare that failed once
// here is likely to fail again, and each loss costs SILENT_MS.
// A load aborted through job.signal terminates the spare at once.
import { releaseProxy, wrap, type Remote } from 'comlink';
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
/**
 * How long a reading spare may stay silent before it counts as lost. It posts progress at every 1%
 * and a sign of life every BEAT_MS (signsOfLife), so only a spare whose thread is stuck or gone goes
 * this long: generous for a slow 2-core machine where the page and this worker share its cores.
 */
export const SILENT_MS = 15000;
/** How often a spare says it is alive, and how often this worker looks at its silence. */
const BEAT_MS = 1000;
/** The name a spare is started with, by which it knows it is one. */
const SPARE_NAME = 'csc-demand-spare';

let unavailable = false;

/** What the caller counts: a spare answered (the read is beside), or a spare was lost (in place). */
export interface SpareHooks {
  onStarted?: () => void;
  onLost?: (why: string) => void;
}

interface Spare {
  worker: Worker;
  remote: Remote<AnalysisApi>;
}

/**
 * In a spare, posts a sign of life every BEAT_MS for as long as its thread runs: a spare waiting on a
 * slow server is alive, one whose thread is stuck or gone is not. Called once by the worker's entry.
 */
export function signsOfLife(): void {
  if ((globalThis as { name?: string }).name !== SPARE_NAME) return;
  const scope = globalThis as unknown as { postMessage(m: unknown): void };
  setInterval(() => scope.postMessage({ cscAlive: true }), BEAT_MS);
}

/**
 * Firefox (Gecko): now and then `new Worker()` called inside a worker never returns. The calling
 * worker's thread is then blocked for good, every later request of the page with it, and no timer
 * of ours runs to notice. With Firefox ESR on this project's machines it happened in roughly one
 * construction in 20-50 (runs of 40-60 spare reads in a row hung in most runs, each time inside the
 * constructor), while Chromium made 360 without a hang; it is what hung the CI run. So no spare there.
 */
function nestedWorkersMayBlock(): boolean {
  const ua = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? '';
  return /\bGecko\/\d/.test(ua); // Chromium and Safari say "like Gecko)", never "Gecko/2..."
}

/** A copy of this worker, of this worker's own type, started and answering; or null. */
async function startSpare(): Promise<Spare | null> {
  const href = (globalThis as { location?: { href?: string } }).location?.href;
  if (unavailable || typeof Worker === 'undefined' || !href) return null;
  if (nestedWorkersMayBlock()) return null;
  const started = await startAs(href, OWN_TYPE);
  if (!started) unavailable = true;
  return started;
}

async function startAs(href: string, type: WorkerType): Promise<Spare | null> {
  let worker: Worker;
  try {
    worker = new Worker(href, { type, name: SPARE_NAME });
  } catch {
    return null;
  }
  const remote = wrap<AnalysisApi>(worker);
  let onError = (_: Event): void => {};
  const failed = new Promise<null>((resolve) => {
    onError = (e) => {
      e.preventDefault();
      resolve(null);
    };
    worker.addEventListener('error', onError);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), START_MS)));
  const ready = remote.ping().then(
    () => ({ worker, remote }),
    () => null,
  );
  const started = await Promise.race([ready, failed, late]);
  clearTimeout(timer);
  worker.removeEventListener('error', onError);
  if (!started) stop({ worker, remote });
  return started;
}

/** Terminates a spare and lets go of its proxy (no reply can come now). */
function stop({ worker, remote }: Spare): void {
  worker.terminate();
  remote[releaseProxy]();
}

/**
 * Test only (tests/browser/worker.test.ts): a worker started from a URL with
 * `?csc-test-spare-fault=silent` terminates each spare as soon as it answers (the spare then says
 * nothing more, as one killed for memory); with `=error`, each spare fires `error` once the read is
 * asked for. Either way the read must fall back to this worker.
 */
function testFault(): string | null {
  const href = (globalThis as { location?: { href?: string } }).location?.href;
  return href ? new URL(href).searchParams.get('csc-test-spare-fault') : null;
}

class Lost extends Error {}

/** Read `source` in a spare worker (see the file's contract). */
export async function readInSpareWorker(
  source: SourceRef,
  options: DatasetOptions,
  job: LoadJob,
  { onStarted = () => {}, onLost = () => {} }: SpareHooks = {},
): Promise<LoadResult | null> {
  const spare = await startSpare();
  if (!spare) return null;
  onStarted();
  const { worker, remote } = spare;
  const fault = testFault();
  if (fault === 'silent') worker.terminate();
  const cleanup: (() => void)[] = [];
  // Settles (rejects) when the load is aborted or the spare is lost, whichever comes first.
  const interrupted = new Promise<never>((_, reject) => {
    const onAbort = () => reject(abortError());
    job.signal.addEventListener('abort', onAbort, { once: true });
    cleanup.push(() => job.signal.removeEventListener('abort', onAbort));
    const lose = (why: string) => reject(new Lost(why));
    const onError = (e: Event) => {
      e.preventDefault(); // the spare's failure is handled here, not the page's worker error
      lose(`error: ${(e as ErrorEvent).message || 'the spare stopped'}`);
    };
    const onMessageError = () => lose('messageerror: a message from the spare could not be read');
    // Any message is a sign of life; progress is also passed on to the load's waiters.
    let heard = performance.now();
    const onMessage = (e: MessageEvent) => {
      heard = performance.now();
      const u = (e.data as { cscProgress?: ProgressUpdate } | null)?.cscProgress;
      if (u) job.progress(u.phase, u.done, u.total);
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onMessageError);
    worker.addEventListener('message', onMessage);
    // The watchdog counts silence only while this worker's own thread was free to hear: after a
    // long synchronous step here, the spare's messages may still be queued behind the tick.
    let ticked = performance.now();
    const watchdog = setInterval(() => {
      const now = performance.now();
      if (now - ticked > 3 * BEAT_MS) heard = Math.max(heard, now);
      ticked = now;
      if (now - heard > SILENT_MS) lose(`silent for ${Math.round((now - heard) / 1000)} s`);
    }, BEAT_MS);
    cleanup.push(() => {
      clearInterval(watchdog);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      worker.removeEventListener('message', onMessage);
    });
  });
  interrupted.catch(() => {});
  try {
    if (job.signal.aborted) throw abortError();
    const loading = remote.loadDataset(1, 'spare', source, options);
    loading.catch(() => {}); // when the spare is lost first, its late answer is nobody's
    if (fault === 'error') worker.dispatchEvent(new ErrorEvent('error', { message: 'test fault' }));
    // A rejection of the read itself is the file's error (as in place): it goes to the caller.
    await Promise.race([loading, interrupted]);
    // The hand-over is the spare's part alone: any failure of it is a lost spare.
    const taken = remote.takeDataset('spare').catch((e: unknown) => {
      throw new Lost(`the hand-over failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    taken.catch(() => {});
    return await Promise.race([taken, interrupted]);
  } catch (e) {
    if (!(e instanceof Lost)) throw e;
    unavailable = true;
    onLost(e.message);
    return null;
  } finally {
    for (const f of cleanup) f();
    stop(spare);
  }
}
