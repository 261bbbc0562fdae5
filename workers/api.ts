// The interface between the page and the analysis worker: what crosses `postMessage` (through
// comlink) in both directions. Types only: the page never loads the core to know these shapes.
//
// Shape of the conversation:
// - `init(sink, lockName)` once per worker: when the page gives a lock name, the worker holds that
//   Web Lock for its lifetime so the page learns at once when the worker dies (the lock is released
//   with it). `sink` is the progress receiver of the main-thread fallback (a plain object); a real
//   worker gets null.
// - Every other call is a *request*: its first argument is a `requestId` the client chose. Progress
//   comes back as `{cscProgress: {requestId, ...}}` messages on the worker's own port, where comlink
//   answers too, so a request's last update arrives before its result (on the main thread, through
//   `sink.progress`); `cancel(requestId)` asks the worker to stop
//   at its next checkpoint (between chunks of a file, between iterations of a fit). The client has
//   already rejected a cancelled request on its side, so a late answer can never overwrite a newer one.
// - Datasets are parsed once and cached in the worker under a `key` the client derives from the
//   source (the absolute URL, or the identity of a File or rows array, plus the read options).
//   `loadDataset` returns that key with a small summary; analyses take the key, never the rows.
//
// How to add an analysis method (the element engineers' recipe):
// 1. Here, add to `AnalysisApi` a method `myAnalysis(requestId: number, key: string, options:
//    MyOptions): Promise<MyResult>` (types imported with `import type` from src/). Result: plain
//    cloneable data (STYLE.md), never typed arrays of a million rows.
// 2. In worker-impl.ts, implement it with `this.run(requestId, async (ctx) => { ... })`:
//    `const data = this.assessments(key)` (or `this.pupils(key)`, `this.dataset(key)`) gets the cached
//    dataset (throwing `unknown-dataset` if the worker restarted and lost it: the client then reloads
//    the source and retries once); call `ctx.progress('analyse', done, total)` now and then and
//    `await ctx.checkpoint()` between iterations so a cancel is seen and progress is delivered.
//    A cancel is a message, so it is seen only when the worker yields: a synchronous core function
//    runs to its end. For a fit that takes seconds, give the core an async form that awaits a
//    `checkpoint` option between iterations (src/ cannot import workers/, so pass `ctx.checkpoint`).
//    Keep the method a few lines that delegate to src/analyses/.
// 3. Elements call `client.analyse('myAnalysis', source, options, {signal, onProgress})`; the client
//    needs no change (its types follow this interface). A method over two datasets (two keys)
//    is called with `client.request('method', [key1, key2, options], {signal, onProgress})`.

import type { AttainmentOptions, AttainmentResult } from '../src/analyses/attainment-types.js';
import type { RereferralOptions, RereferralResult } from '../src/analyses/rereferral-types.js';
import type { PathwaysOptions, PathwaysResult } from '../src/analyses/pathways-types.js';
import type { DemandOptions, DemandResult } from '../src/analyses/demand-types.js';
import type { SummaryOptions } from '../src/publish/summary.js';
import type { Summary } from '../src/publish/summary-types.js';
import type { LoadResult } from '../src/data/types.js';

/** The datasets a summary is made from: the assessments, and the pupils for attainment. */
export interface SummaryKeys {
  assessmentsKey: string;
  pupilsKey?: string | null;
}

/**
 * Options of `publishSummary`: those of `csc-demand analyse` (threshold, model, areaName, the
 * rereferral options' extractDate, generatedAt: default now) and of buildSummary (the sections, and
 * each section's analysis options).
 */
export type SummaryRequestOptions = Omit<SummaryOptions, 'generatedAt'> & { generatedAt?: string | null };

/** A data source as the worker receives it (the client builds it from `src`, `file` or `data`). */
export type SourceRef =
  | { type: 'url'; url: string; name: string }
  | { type: 'blob'; blob: Blob; name: string; id: string }
  /** Several CIN census returns read as one dataset (src/data/load-cin.ts merges them). */
  | { type: 'blobs'; blobs: readonly { blob: Blob; name: string }[]; name: string; id: string }
  | { type: 'rows'; rows: readonly Record<string, unknown>[]; name: string; id: string };

/** How to read a dataset: the `LoadOptions` of src/data/types.ts that a page may choose. */
export interface DatasetOptions {
  /** Which input; 'auto' (default) decides from the header. */
  kind?: 'auto' | 'assessments' | 'pupils';
  /** Read `01/04/2023` as 4 January (US order); default false (UK day first). */
  monthFirst?: boolean;
  /**
   * How long a download (or file) may go without an answer or a byte before the read fails with
   * 'fetch-timeout'; default 30000 ms. Not part of the dataset's identity.
   */
  stallTimeoutMs?: number;
}

/** What a request is doing now. `total` is null when unknown (a stream without a length). */
export interface ProgressUpdate {
  requestId: number;
  /** 'download' while fetching a URL, 'read' while parsing, 'analyse' while a method runs. */
  phase: 'download' | 'read' | 'analyse';
  done: number;
  total: number | null;
  /** Fraction done in [0, 1], or null when the total is unknown. */
  fraction: number | null;
}

/** The page side of progress reporting, handed to the worker once (as a comlink proxy). */
export interface ProgressSink {
  progress(update: ProgressUpdate): void;
}

/** How the factor codes of a dataset were used: one entry per code seen. */
export interface FactorCount {
  code: string;
  /** The meaning from the CIN census guide, or null for a code the dictionary lacks. */
  meaning: string | null;
  count: number;
}

/** A row problem as shown to a person (the Problem of src/data/types.ts). */
export interface ProblemInfo {
  file: string;
  line: number;
  column: string;
  value: string;
  expected: string;
  code: string;
  message: string;
}

/**
 * What a loaded dataset looks like: small, cloneable, enough for `<csc-dataset-summary>`.
 * Counts of the assessments file; for a pupils file `children` counts pupils and the dates are null.
 */
export interface DatasetSummary {
  kind: 'assessments' | 'pupils';
  file: string;
  encoding: string;
  delimiter: string;
  rowsRead: number;
  rowsKept: number;
  /** Assessments (or pupil results) kept. */
  records: number;
  /** Distinct children (pupils for a pupils file). */
  children: number;
  /** Distinct CIN episodes (child and referral date); null for a pupils file. */
  episodes: number | null;
  /** First and last referral dates as ISO strings; null when none or for pupils. */
  firstReferral: string | null;
  lastReferral: string | null;
  firstAssessment: string | null;
  lastAssessment: string | null;
  /** Factor codes seen, in the guide's order then unknown codes; empty for pupils. */
  factors: FactorCount[];
  /** Codes the dictionary lacks (kept, reported). */
  unknownFactorCodes: { code: string; count: number }[];
  /** Excluded rows by reason: `code` as in ProblemCode, `reason` a phrase for a person. */
  excluded: { code: string; reason: string; rows: number }[];
  rowsExcluded: number;
  /** The first problems in file order (at most 200), and how many there were in all. */
  problems: ProblemInfo[];
  problemCount: number;
  warnings: { code: string; message: string }[];
}

/** The answer to `loadDataset`: the cache key for later analyses and the summary. */
export interface DatasetInfo {
  key: string;
  summary: DatasetSummary;
}

/** About the worker (or the main-thread core standing in for it). */
export interface WorkerInfo {
  version: string;
  /** True in a worker, false when the core runs on the page's main thread. */
  inWorker: boolean;
}

/** Counters, for tests and for people wondering what the worker did. */
export interface WorkerStats {
  datasetsCached: number;
  loadsStarted: number;
  loadsCompleted: number;
  /** Loads stopped part way because every request waiting for them was cancelled. */
  loadsCancelled: number;
  /** Loads handed to a spare worker beside this one (workers/spare-reader.ts), failed ones too. */
  spareReads: number;
  /**
   * Of those, the ones whose spare was lost mid-read (it failed, or went silent): read again in
   * this worker instead.
   */
  spareFallbacks: number;
  requestsActive: number;
}

/**
 * Error codes a request can fail with, besides the data layer's own (`empty-file`, `missing-column`,
 * `no-usable-rows`, ...): the client turns every failure into an `AnalysisError` with one of these.
 */
export type AnalysisErrorCode =
  | 'aborted'
  | 'worker-crashed'
  | 'unknown-dataset'
  | 'fetch-failed'
  | 'fetch-timeout'
  | 'invalid-source'
  | 'internal'
  | (string & {});

/** An error as it crosses the worker boundary: plain data (comlink would keep only the message). */
export interface WireError {
  cscError: true;
  name: string;
  message: string;
  code: AnalysisErrorCode;
  file?: string;
  problems?: ProblemInfo[];
  problemCount?: number;
  /** The same request may succeed later (a network failure, a stall, a worker crash). */
  transient?: boolean;
}

/** The worker's methods. Request methods take the client's `requestId` first. */
export interface AnalysisApi {
  /** Handshake. `lockName`: a Web Lock the worker holds until it dies (omit on the main thread). */
  init(sink: ProgressSink | null, lockName?: string): Promise<WorkerInfo>;
  ping(): Promise<WorkerInfo>;
  stats(): Promise<WorkerStats>;
  /** Stop request `requestId` at its next checkpoint; unknown or finished ids are ignored. */
  cancel(requestId: number): Promise<void>;
  /**
   * The priority of request `requestId` (0 in view, the default; 1 below the fold): sent before the
   * request and again when it changes. While a request of better (lower) priority works, the others
   * wait at their checkpoints (workers/preempt.ts). Ended ids are ignored.
   */
  setPriority(requestId: number, priority: number): Promise<void>;
  /** Forget a cached dataset (memory); true if it was cached. */
  dropDataset(key: string): Promise<boolean>;
  /**
   * Hand over a cached dataset and forget it: its columns' buffers are transferred, not copied. For
   * an analysis worker that had a spare worker read a file beside it (workers/spare-reader.ts).
   */
  takeDataset(key: string): Promise<LoadResult>;
  /** Returns `value` after `delayMs` (default 0): a round trip for health checks and tests; cancellable. */
  echo<T>(requestId: number, value: T, options?: { delayMs?: number }): Promise<T>;
  /** Fetches or streams the source, parses and validates it once, caches it under `key`. */
  loadDataset(
    requestId: number,
    key: string,
    source: SourceRef,
    options: DatasetOptions,
  ): Promise<DatasetInfo>;
  /**
   * Attainment gaps by demand category (src/analyses/attainment.ts) from two cached datasets: the
   * assessments (for each child's latest category before the exam) and the pupils.
   */
  attainment(
    requestId: number,
    assessmentsKey: string,
    pupilsKey: string,
    options: AttainmentOptions,
  ): Promise<AttainmentResult>;
  /**
   * Re-referral after a child-in-need episode closes (src/analyses/rereferral.ts): Kaplan-Meier curves
   * of the cumulative proportion re-referred by group, the log-rank test and Cox hazard ratios.
   */
  rereferral(requestId: number, key: string, options?: RereferralOptions): Promise<RereferralResult>;
  /**
   * What happened after each assessment (src/analyses/pathways.ts): the highest intervention within a
   * window by demand category, adjusted odds of a plan and of care, the social gradient by
   * deprivation decile and plan categories against the factors assessed.
   */
  pathways(requestId: number, key: string, options?: PathwaysOptions): Promise<PathwaysResult>;
  /**
   * Categories of demand (src/analyses/demand.ts): shares against England, trend by financial year,
   * profiles and characteristics, by the national model or a local fit (progress between EM runs).
   */
  demand(requestId: number, key: string, options?: DemandOptions): Promise<DemandResult>;
  /**
   * The publishable summary of cached datasets (src/publish/summary.ts, as `csc-demand analyse`
   * makes it): the analyses, then disclosure control; aggregates only. An element's "Download
   * summary", and what an element in public mode renders.
   */
  publishSummary(requestId: number, keys: SummaryKeys, options?: SummaryRequestOptions): Promise<Summary>;
  /**
   * The publishable summary from a SQL engine's aggregates (src/sql/aggregate-summary.ts), as
   * `csc-demand analyse --aggregates DIR` makes it: the saved results of the queries `csc-demand sql`
   * prints, as CSV texts named `<query>.csv`. The sections aggregates support: demand (`demand.csv`,
   * required), and re-referral, repeat plans and re-entry to care where their second-pass results
   * (`rereferral.csv`, `repeatPlans.csv`, `careReentry.csv`) are given (without hazard ratios).
   */
  publishSummaryFromAggregates(
    requestId: number,
    files: AggregateFile[],
    options?: SummaryRequestOptions,
  ): Promise<Summary>;
}

/** One saved aggregate: its file name (`demand.csv`) and its CSV text. */
export interface AggregateFile {
  name: string;
  text: string;
}

/** Names of the methods that take `(requestId, key, options)`: the analyses of the cached datasets. */
export type AnalysisMethod = {
  [K in keyof AnalysisApi]: AnalysisApi[K] extends (...args: infer P) => Promise<unknown>
    ? P extends [number, string, unknown] | [number, string, unknown?]
      ? K
      : never
    : never;
}[keyof AnalysisApi];

/** The options of analysis method K. */
export type AnalysisOptions<K extends AnalysisMethod> = Parameters<AnalysisApi[K]>[2];

/** The result of analysis method K. */
export type AnalysisResult<K extends AnalysisMethod> = Awaited<ReturnType<AnalysisApi[K]>>;
