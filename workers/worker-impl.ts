// The analysis worker's implementation: the object comlink exposes in analysis.worker.ts, and the
// same object the client runs on the page's main thread when no worker can start (a console warning
// says so). It owns the request bookkeeping (ids, cancellation, progress) and the dataset cache; the
// reading itself is read-dataset.ts and the statistics are the core's (src/).
//
// Policies:
// - a dataset is read once per key; requests for a key already loading wait for that load, and the
//   load stops at its next chunk only when every request waiting for it was cancelled;
// - at most MAX_DATASETS datasets stay cached (least recently used dropped first): a national file
//   takes a few hundred MB in typed arrays;
// - every failure leaves as a plain WireError (errors.ts) so the page can show file, line and column;
// - what is in view goes first: each request has the priority the client sets (`setPriority`, 0 by
//   default), a load the best of its waiters', and a checkpoint parks its request (or load) while
//   a better one is working (preempt.ts).
import type {
  AggregateFile,
  AnalysisApi,
  DatasetInfo,
  DatasetOptions,
  ProgressSink,
  SourceRef,
  SummaryKeys,
  SummaryRequestOptions,
  WorkerInfo,
  WorkerStats,
} from './api.js';
import { transfer } from 'comlink';
import type { AssessmentData, Dataset, LoadResult, PupilData } from '../src/data/types.js';
import { VERSION } from '../src/version.js';
import { attainmentAsync } from '../src/analyses/attainment.js';
import type {
  AssessmentCategories,
  AttainmentOptions,
  AttainmentResult,
} from '../src/analyses/attainment-types.js';
import { nationalCategories } from '../src/analyses/national-categories.js';
import { demand } from '../src/analyses/demand.js';
import type { DemandOptions, DemandResult } from '../src/analyses/demand-types.js';
import { rereferral } from '../src/analyses/rereferral.js';
import type { RereferralOptions, RereferralResult } from '../src/analyses/rereferral-types.js';
import { pathways } from '../src/analyses/pathways.js';
import type { PathwaysOptions, PathwaysResult } from '../src/analyses/pathways-types.js';
import type { Summary } from '../src/publish/summary-types.js';
import { abortError, toWireError } from './errors.js';
import { readDataset } from './read-dataset.js';
import { readInSpareWorker } from './spare-reader.js';
import { summariseDataset } from './summarise-dataset.js';
import { ProgressThrottle, yieldToEventLoop, type Phase, type RequestContext } from './request-context.js';
import { Preemption } from './preempt.js';

/** Whether a busy worker may read a file in a spare worker (spare-reader.ts); see startLoad. */
const SPARE_READS = true;

/** Datasets kept in the cache at once. */
export const MAX_DATASETS = 3;

interface ActiveRequest {
  cancelled: boolean;
  onCancel: (() => void)[];
  rejectWait: (e: unknown) => void;
  waitForCancel: Promise<never>;
}

interface Load {
  subscribers: Set<number>;
  /** Aborted when the last request waiting for the load is cancelled. */
  controller: AbortController;
  promise: Promise<LoadResult>;
}

interface Cached {
  result: LoadResult;
  info: DatasetInfo;
}

/** Keeps the worker (or main-thread stand-in) state; see AnalysisApi in api.ts for each method. */
export class AnalysisImpl implements AnalysisApi {
  private sink: ProgressSink | null = null;
  private readonly requests = new Map<number, ActiveRequest>();
  private readonly datasets = new Map<string, Cached>();
  private readonly loads = new Map<string, Load>();
  private readonly counters = {
    loadsStarted: 0,
    loadsCompleted: 0,
    loadsCancelled: 0,
    spareReads: 0,
    spareFallbacks: 0,
  };
  private readonly categoryCache = new WeakMap<AssessmentData, AssessmentCategories>();
  /** Priorities the client set, by request id (a request not listed has 0). */
  private readonly priorities = new Map<number, number>();
  /** The highest request id started: a priority for an id at or below it not running comes late. */
  private lastStarted = 0;

  /** `preemption`: the worker's own by default; tests pass one with a window of their choosing. */
  constructor(
    private readonly inWorker: boolean,
    private readonly preemption = new Preemption(),
  ) {}

  async init(sink: ProgressSink | null, lockName?: string): Promise<WorkerInfo> {
    this.sink = sink;
    // Hold a Web Lock for the worker's lifetime: the page asks for the same lock and is granted it
    // the moment this worker dies (crash, out of memory, terminate), so no call waits forever.
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (lockName && locks) {
      await new Promise<void>((granted) => {
        void locks.request(lockName, () => {
          granted();
          return new Promise<never>(() => {});
        });
      });
    }
    return this.ping();
  }

  async ping(): Promise<WorkerInfo> {
    return { version: VERSION, inWorker: this.inWorker };
  }

  async stats(): Promise<WorkerStats> {
    return { datasetsCached: this.datasets.size, ...this.counters, requestsActive: this.requests.size };
  }

  async cancel(requestId: number): Promise<void> {
    const req = this.requests.get(requestId);
    if (!req || req.cancelled) return;
    req.cancelled = true;
    for (const f of req.onCancel) f();
    req.rejectWait(abortError());
    this.preemption.wake();
  }

  async setPriority(requestId: number, priority: number): Promise<void> {
    // Sent before the request itself (messages keep their order), or later when it changes; an
    // update for a request that has already ended is dropped, so the map holds live requests only.
    if (!this.requests.has(requestId) && requestId <= this.lastStarted) return;
    this.priorities.set(requestId, priority);
    this.preemption.wake();
  }

  async dropDataset(key: string): Promise<boolean> {
    return this.datasets.delete(key);
  }

  async takeDataset(key: string): Promise<LoadResult> {
    const cached = this.datasets.get(key);
    if (!cached) throw toWireError(abortError('The dataset is not in the cache.'));
    this.datasets.delete(key);
    return transfer(cached.result, buffersOf(cached.result.data));
  }

  echo<T>(requestId: number, value: T, { delayMs = 0 }: { delayMs?: number } = {}): Promise<T> {
    return this.run(requestId, async (ctx, wait) => {
      if (delayMs > 0) await wait(new Promise((r) => setTimeout(r, delayMs)));
      ctx.throwIfCancelled();
      return value;
    });
  }

  loadDataset(
    requestId: number,
    key: string,
    source: SourceRef,
    options: DatasetOptions,
  ): Promise<DatasetInfo> {
    return this.run(requestId, async (ctx, wait, onCancel) => {
      const cached = this.datasets.get(key);
      if (cached) {
        this.datasets.delete(key); // re-insert: most recently used last
        this.datasets.set(key, cached);
        return cached.info;
      }
      const load = this.loads.get(key) ?? this.startLoad(key, source, options);
      load.subscribers.add(ctx.requestId);
      this.preemption.wake(); // the load may now run at a better priority
      onCancel(() => {
        load.subscribers.delete(ctx.requestId);
        if (load.subscribers.size === 0 && this.loads.get(key) === load) {
          load.controller.abort();
          this.loads.delete(key);
        }
      });
      await wait(load.promise);
      const entry = this.datasets.get(key);
      if (!entry) throw toWireError(abortError('The dataset was dropped from the cache while loading.'));
      return entry.info;
    });
  }

  attainment(
    requestId: number,
    assessmentsKey: string,
    pupilsKey: string,
    options: AttainmentOptions,
  ): Promise<AttainmentResult> {
    return this.run(requestId, async (ctx) => {
      const assessments = this.assessments(assessmentsKey);
      const pupils = this.pupils(pupilsKey);
      ctx.progress('analyse', 0, 6);
      await ctx.checkpoint();
      const categories = this.categoriesOf(assessments);
      ctx.progress('analyse', 2, 6);
      await ctx.checkpoint();
      // The fit's own stages after the categories: 3 to 6 of 6, a checkpoint between each.
      const result = await attainmentAsync(assessments, pupils, categories, options, {
        onProgress: (done, total) => ctx.progress('analyse', 2 + done, 2 + total),
        checkpoint: () => ctx.checkpoint(),
      });
      const inputs = [assessmentsKey, pupilsKey].map((key) => {
        const s = this.datasets.get(key)!.info.summary;
        return {
          kind: s.kind,
          file: s.file,
          rowsRead: s.rowsRead,
          rowsExcluded: s.rowsExcluded,
          excluded: s.excluded,
        };
      });
      return { ...result, inputs };
    });
  }

  rereferral(requestId: number, key: string, options: RereferralOptions = {}): Promise<RereferralResult> {
    return this.run(requestId, async (ctx) => {
      const data = this.assessments(key);
      const { summary } = this.datasets.get(key)!.info;
      ctx.progress('analyse', 0, 2);
      await ctx.checkpoint();
      const group = options.group ?? 'category';
      const c = group === 'category' ? this.categoriesOf(data) : null;
      ctx.progress('analyse', 1, 2);
      await ctx.checkpoint();
      const result = rereferral(data, options, {
        file: summary.file,
        loadExcluded: summary.excluded,
        categories: c
          ? { codes: c.ofAssessment, levels: c.labels, labels: c.labels, source: c.source }
          : undefined,
      });
      ctx.progress('analyse', 2, 2);
      return result;
    });
  }

  pathways(requestId: number, key: string, options: PathwaysOptions = {}): Promise<PathwaysResult> {
    return this.run(requestId, async (ctx) => {
      const data = this.assessments(key);
      const { summary } = this.datasets.get(key)!.info;
      ctx.progress('analyse', 0, 2);
      await ctx.checkpoint();
      const c = this.categoriesOf(data);
      ctx.progress('analyse', 1, 2);
      await ctx.checkpoint();
      const result = pathways(data, options, {
        file: summary.file,
        loadExcluded: summary.excluded,
        categories: { codes: c.ofAssessment, levels: c.labels, labels: c.labels, source: c.source },
      });
      ctx.progress('analyse', 2, 2);
      return result;
    });
  }

  demand(requestId: number, key: string, options: DemandOptions = {}): Promise<DemandResult> {
    return this.run(requestId, async (ctx) => {
      const data = this.assessments(key);
      const { summary } = this.datasets.get(key)!.info;
      const result = await demand(data, options, {
        onProgress: (done, total) => ctx.progress('analyse', done, total),
        checkpoint: () => ctx.checkpoint(),
      });
      const { file, rowsRead, rowsExcluded, excluded } = summary;
      return { ...result, input: { file, rowsRead, rowsExcluded, excluded } };
    });
  }

  publishSummary(
    requestId: number,
    { assessmentsKey, pupilsKey = null }: SummaryKeys,
    { generatedAt, ...options }: SummaryRequestOptions = {},
  ): Promise<Summary> {
    return this.run(requestId, async (ctx) => {
      const assessments = this.assessments(assessmentsKey);
      const pupils = pupilsKey ? this.pupils(pupilsKey) : null;
      const { file } = this.datasets.get(assessmentsKey)!.info.summary;
      // Loaded only when asked (a download, or an element publishing): a page that only shows its
      // data never fetches the summary's parts and disclosure control.
      const { buildSummary } = await import('../src/publish/summary.js');
      // As `csc-demand analyse` calls it (the file's name, the time now unless given), so the same
      // data and options give the same file.
      return buildSummary(
        { assessments, pupils, assessmentsFile: file },
        { ...options, generatedAt: generatedAt ?? new Date().toISOString() },
        {
          onProgress: (done, total) => ctx.progress('analyse', done, total),
          checkpoint: () => ctx.checkpoint(),
        },
      );
    });
  }

  publishSummaryFromAggregates(
    requestId: number,
    files: AggregateFile[],
    { generatedAt, ...options }: SummaryRequestOptions = {},
  ): Promise<Summary> {
    return this.run(requestId, async () => {
      // Loaded only when asked (as the CIN return reader is): a page on rows never fetches it.
      const { summaryFromAggregateFiles } = await import('../src/sql/aggregate-files.js');
      return summaryFromAggregateFiles(files, {
        ...options,
        generatedAt: generatedAt ?? new Date().toISOString(),
      });
    });
  }

  /**
   * Demand categories of an assessments dataset under the national model (assignCategories), computed
   * once per dataset. Rows with no factors and rows with only codes outside the scheme both count as
   * "no category" (-1) here.
   */
  private categoriesOf(assessments: AssessmentData): AssessmentCategories {
    let c = this.categoryCache.get(assessments);
    if (!c) {
      c = nationalCategories(assessments);
      this.categoryCache.set(assessments, c);
    }
    return c;
  }

  /** The cached dataset under `key`; throws 'unknown-dataset' (the client then reloads it once). */
  dataset(key: string): Dataset {
    const entry = this.datasets.get(key);
    if (!entry)
      throw toWireError({
        name: 'AnalysisError',
        code: 'unknown-dataset',
        message: 'The analysis worker does not hold this dataset (it may have restarted); load it again.',
      });
    return entry.result.data;
  }

  /** The cached assessments under `key`; throws if it is another kind of file. */
  assessments(key: string): AssessmentData {
    const d = this.dataset(key);
    if (d.kind !== 'assessments') throw wrongKind('assessments', d.kind);
    return d;
  }

  /** The cached pupils under `key`; throws if it is another kind of file. */
  pupils(key: string): PupilData {
    const d = this.dataset(key);
    if (d.kind !== 'pupils') throw wrongKind('pupils', d.kind);
    return d;
  }

  /**
   * Runs one request: registers it for cancellation, gives `fn` its context, a `wait(promise)` that
   * rejects as soon as the request is cancelled, and `onCancel(f)`; turns failures into WireErrors.
   */
  protected async run<T>(
    requestId: number,
    fn: (
      ctx: RequestContext,
      wait: <U>(p: Promise<U>) => Promise<U>,
      onCancel: (f: () => void) => void,
    ) => Promise<T>,
  ): Promise<T> {
    let rejectWait: (e: unknown) => void = () => {};
    const waitForCancel = new Promise<never>((_, reject) => (rejectWait = reject));
    waitForCancel.catch(() => {});
    const req: ActiveRequest = { cancelled: false, onCancel: [], rejectWait, waitForCancel };
    this.requests.set(requestId, req);
    this.lastStarted = Math.max(this.lastStarted, requestId);
    const runner = this.preemption.enter(() => this.priorities.get(requestId) ?? 0);
    const throttle = new ProgressThrottle();
    const ctx: RequestContext = {
      requestId,
      isCancelled: () => req.cancelled,
      throwIfCancelled: () => {
        if (req.cancelled) throw abortError();
      },
      progress: (phase, done, total) => {
        const u = throttle.next(phase, done, total);
        if (u) this.send(requestId, u);
      },
      checkpoint: async () => {
        this.preemption.worked(runner);
        await yieldToEventLoop();
        ctx.throwIfCancelled();
        await this.preemption.gate(runner, () => req.cancelled);
        ctx.throwIfCancelled();
      },
    };
    try {
      return await fn(
        ctx,
        (p) => Promise.race([p, waitForCancel]),
        (f) => req.onCancel.push(f),
      );
    } catch (e) {
      throw toWireError(e);
    } finally {
      this.requests.delete(requestId);
      this.priorities.delete(requestId);
      this.preemption.leave(runner);
    }
  }

  private send(requestId: number, u: ReturnType<ProgressThrottle['next']>): void {
    if (!u) return;
    // In a worker, progress goes on the worker's own port, where comlink posts results: messages on
    // one port arrive in order, so a request's last update reaches the page before its result. The
    // proxied sink has a port of its own, and Firefox can deliver the result first (the update then
    // finds its request gone). On the main thread the sink is a plain function call.
    if (this.inWorker) {
      (globalThis as unknown as { postMessage(m: unknown): void }).postMessage({
        cscProgress: { requestId, ...u },
      });
      return;
    }
    if (!this.sink) return;
    // Through comlink this returns a promise; a page that has gone away must not break the worker.
    Promise.resolve(this.sink.progress({ requestId, ...u })).catch(() => {});
  }

  private startLoad(key: string, source: SourceRef, options: DatasetOptions): Load {
    const throttles = new Map<number, ProgressThrottle>();
    const load: Load = {
      subscribers: new Set(),
      controller: new AbortController(),
      promise: Promise.resolve() as never,
    };
    const { signal } = load.controller;
    const broadcast = (phase: Phase, done: number, total: number | null) => {
      for (const id of load.subscribers) {
        let t = throttles.get(id);
        if (!t) throttles.set(id, (t = new ProgressThrottle()));
        this.send(id, t.next(phase, done, total));
      }
    };
    this.counters.loadsStarted++;
    // A file read while this worker is busy with another request or load is read beside it, in a
    // spare worker (spare-reader.ts): a URL or a file, not rows already in memory. A spare that
    // fails or goes silent mid-read is given up and the file read here (spareFallbacks).
    const elsewhere =
      SPARE_READS &&
      this.inWorker &&
      (this.loads.size > 0 || this.requests.size > 1) &&
      (source.type === 'url' || source.type === 'blob');
    // The load works at the best priority of the requests waiting for it (0 while none is yet).
    const runner = this.preemption.enter(() => {
      let best = Infinity;
      for (const id of load.subscribers) best = Math.min(best, this.priorities.get(id) ?? 0);
      return best === Infinity ? 0 : best;
    });
    load.promise = (async () => {
      // Start on the next microtask: the request that asked for the load subscribes first, so it
      // gets the first progress update.
      await null;
      try {
        const job = {
          signal,
          progress: broadcast,
          checkpoint: async () => {
            this.preemption.worked(runner);
            await yieldToEventLoop();
            if (signal.aborted) throw abortError();
            await this.preemption.gate(runner, () => signal.aborted);
            if (signal.aborted) throw abortError();
          },
        };
        const hooks = {
          onStarted: () => void this.counters.spareReads++,
          onLost: () => void this.counters.spareFallbacks++,
        };
        // Not while better work runs: a spare reading the pupils below the fold would take the
        // second core from the chart in view. The gate holds until nothing better is working. It
        // cannot hold for a request waiting on this load: the load's priority is the best of its
        // waiters', and only a strictly better runner holds another (preempt.ts).
        if (elsewhere) await job.checkpoint();
        let result = elsewhere ? await readInSpareWorker(source, options, job, hooks) : null;
        result ??= await readDataset(source, options, job);
        if (signal.aborted) throw abortError();
        this.datasets.set(key, { result, info: { key, summary: summariseDataset(result) } });
        while (this.datasets.size > MAX_DATASETS) this.datasets.delete(this.datasets.keys().next().value!);
        this.counters.loadsCompleted++;
        return result;
      } catch (e) {
        if (signal.aborted) this.counters.loadsCancelled++;
        throw e;
      } finally {
        this.preemption.leave(runner);
        if (this.loads.get(key) === load) this.loads.delete(key);
      }
    })();
    load.promise.catch(() => {});
    this.loads.set(key, load);
    return load;
  }
}

/** Every buffer under a dataset's columns, once each (two columns may share one). */
function buffersOf(data: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(data)) {
    if (data.buffer instanceof ArrayBuffer) out.add(data.buffer);
  } else if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const v of Object.values(data)) buffersOf(v, out);
  }
  return [...out];
}

function wrongKind(wanted: string, got: string): unknown {
  return {
    name: 'AnalysisError',
    code: 'wrong-kind',
    message: `This view needs an ${wanted} file, but the file given is a ${got} file.`,
  };
}

/** A fresh implementation object: `inWorker` false when it runs on the page's main thread. */
export function createAnalysisImpl(inWorker: boolean): AnalysisImpl {
  return new AnalysisImpl(inWorker);
}
