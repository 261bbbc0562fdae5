// The page side of the analysis worker: one worker per page, started on first use and shared by every
// element; requests with ids, progress and cancellation; restart after a crash; and the ways to start
// a worker when the kit's script cannot (another origin, a CSP), down to the main thread.
//
// Worker resolution, first that answers its handshake wins:
// 1. the host's: `configure({workerFactory})`, then `configure({workerUrl})`, the page's
//    `<meta name="csc-demand-worker" content="URL">` or `globalThis.CSC_DEMAND_WORKER_URL`;
// 2. the kit's own `analysis.worker.js` next to this script (a module worker);
// 3. a blob worker that loads the kit's worker by absolute URL (works when the script is on a CDN: a
//    worker's own script must be same-origin, what it loads need not be): first a classic worker with
//    `importScripts` of analysis.worker.classic.js (passes a CSP of `worker-src 'self' blob:` with the
//    CDN in script-src), then a module worker with `import` of analysis.worker.js (needs CORS);
// 4. the same core on the main thread, behind the same interface, with a console warning.
// A worker that fails to load fires `error` (or never answers within `startTimeoutMs`): next way.
//
// Crash policy: a worker that dies after starting (an `error` event, or the Web Lock it holds being
// released: out of memory, killed) is terminated and forgotten; every call waiting on it rejects with
// an AnalysisError 'worker-crashed'; the next call starts a fresh worker. Nothing waits forever.
import { wrap } from 'comlink';
import type {
  AnalysisApi,
  AnalysisMethod,
  AnalysisOptions,
  AnalysisResult,
  DatasetInfo,
  DatasetOptions,
  ProgressSink,
  ProgressUpdate,
  SourceRef,
  WorkerInfo,
  WorkerStats,
} from './api.js';
import { AnalysisError, abortError, toAnalysisError } from './errors.js';
import { Scheduler, type Priority } from './schedule.js';
import { VERSION } from '../src/version.js';

export type { DatasetInfo, DatasetOptions, DatasetSummary, ProgressUpdate, WorkerStats } from './api.js';
export { AnalysisError, isAbort } from './errors.js';
export type { Priority } from './schedule.js';

/** How the analyses run: the kit's worker, a host-supplied one, a blob wrapper, or the main thread. */
export type WorkerMode = 'worker' | 'host-worker' | 'blob-worker' | 'main-thread';

export interface ClientConfig {
  /** URL of `analysis.worker.js` when the host serves it itself (e.g. same origin as the page). */
  workerUrl?: string | URL;
  /** Makes the worker (e.g. `() => new Worker(url, {type: 'module'})`); tried first. */
  workerFactory?: () => Worker;
  /** How long a starting worker may take to answer before the next way is tried; default 20000 ms. */
  startTimeoutMs?: number;
  /**
   * How long a download may go without an answer or a byte before it fails ('fetch-timeout', offered
   * as "Try again"); default 30000 ms.
   */
  stallTimeoutMs?: number;
}

/** A dataset to read: a URL, a File or Blob (streamed, never uploaded), or rows in memory. */
export type DataSource =
  | string
  | URL
  | Blob
  | readonly Record<string, unknown>[]
  | { url: string | URL }
  | { file: Blob; name?: string }
  /** Several CIN census returns (yearly returns, merged into one dataset). */
  | { files: readonly Blob[] }
  | { rows: readonly Record<string, unknown>[]; name?: string };

export interface CallOptions {
  /** Aborting it cancels the request: the promise rejects at once (AbortError), the worker stops. */
  signal?: AbortSignal;
  onProgress?: (update: ProgressUpdate) => void;
  /**
   * When the call may start (schedule.ts): read live, lower sooner; 0 (the default) for what is in
   * view, 1 for what is below the fold. A call waits while a better one runs or waits.
   */
  priority?: Priority;
}

export interface LoadOptions extends DatasetOptions, CallOptions {
  /** Read the source again even if the worker holds it (a URL whose file changed). */
  reload?: boolean;
}

interface Pending {
  onProgress: ((u: ProgressUpdate) => void) | undefined;
  fail: (e: AnalysisError) => void;
  /** The call's priority, and the value the worker was last told (it assumes 0). */
  priority: Priority | undefined;
  told: number;
}

interface Connection {
  api: AnalysisApi;
  mode: WorkerMode;
  worker: Worker | null;
  info: WorkerInfo;
  pending: Map<number, Pending>;
  dead: boolean;
  stopWatching: () => void;
}

type RequestMethod = {
  [K in keyof AnalysisApi]: Parameters<AnalysisApi[K]> extends [number, ...unknown[]]
    ? K extends 'cancel' | 'setPriority'
      ? never
      : K
    : never;
}[keyof AnalysisApi];
type RequestArgs<K extends RequestMethod> =
  Parameters<AnalysisApi[K]> extends [number, ...infer A] ? A : never;

const META_NAME = 'csc-demand-worker';
let ids = 0;
const identities = new WeakMap<object, string>();

function identity(o: object): string {
  let id = identities.get(o);
  if (!id) identities.set(o, (id = `${++ids}`));
  return id;
}

function baseUrl(): string {
  return globalThis.document?.baseURI ?? globalThis.location?.href ?? 'http://localhost/';
}

function nameOf(url: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop();
  try {
    return last ? decodeURIComponent(last) : 'data.csv';
  } catch {
    return last ?? 'data.csv';
  }
}

/** The worker's view of a source, and the part of the cache key that names it. */
export function sourceRef(source: DataSource): SourceRef {
  if (typeof source === 'string' || source instanceof URL) return sourceRef({ url: source });
  if (source instanceof Blob) return sourceRef({ file: source });
  if (Array.isArray(source)) return sourceRef({ rows: source });
  if ('url' in source) {
    const url = new URL(String(source.url), baseUrl()).href;
    return { type: 'url', url, name: nameOf(url) };
  }
  if ('files' in source) {
    const blobs = source.files.map((b, i) => ({ blob: b, name: (b as File).name || `return-${i + 1}.xml` }));
    // One identity per set of files: the same Files in the same order share a dataset.
    const id = source.files.map((b) => identity(b)).join('+');
    return { type: 'blobs', blobs, name: blobs.map((b) => b.name).join(', '), id };
  }
  if ('file' in source) {
    const name = source.name ?? ((source.file as File).name || 'file.csv');
    return { type: 'blob', blob: source.file, name, id: identity(source.file) };
  }
  if ('rows' in source)
    return { type: 'rows', rows: source.rows, name: source.name ?? 'data', id: identity(source.rows) };
  throw new AnalysisError(
    'loadDataset: invalid source; expected a URL, a File or Blob, or an array of rows',
    'invalid-source',
  );
}

function datasetKey(ref: SourceRef, { kind = 'auto', monthFirst = false }: DatasetOptions): string {
  const id = ref.type === 'url' ? ref.url : `${ref.type}#${ref.id}`;
  return `${id}|${kind}|${monthFirst ? 'month-first' : 'day-first'}`;
}

function hostWorkerUrl(): string | null {
  const meta = globalThis.document?.querySelector<HTMLMetaElement>(`meta[name="${META_NAME}"]`);
  if (meta?.content) return meta.content;
  const g = (globalThis as { CSC_DEMAND_WORKER_URL?: unknown }).CSC_DEMAND_WORKER_URL;
  return typeof g === 'string' || g instanceof URL ? String(g) : null;
}

function sameOrigin(url: URL): boolean {
  return globalThis.location === undefined || url.origin === globalThis.location.origin;
}

/**
 * The URL of a file of the kit next to this script (the blob wrappers' targets, for the kit on a
 * CDN). A function of a variable, not `new URL('<literal>', import.meta.url)`, on purpose: bundlers
 * treat that pattern as an asset to copy (Vite inlines small ones as data: URLs), which would emit
 * the worker a second and third time in a bundled app, where these files are not needed.
 */
function sibling(file: string): URL {
  // Not a template literal either: Vite turns `./${x}` next to import.meta.url into a glob of the folder.
  return new URL(file, import.meta.url);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface Attempt {
  label: string;
  mode: WorkerMode;
  make: () => { worker: Worker; cleanup?: () => void };
}

/**
 * A worker from a blob: URL that loads `url`: a classic worker calling importScripts (the import counts
 * as script-src, so it passes a CSP with `worker-src 'self' blob:` and the kit's CDN in script-src),
 * or a module worker with `import` (the import counts as worker-src, and needs CORS).
 */
function blobAttempt(url: URL, mode: WorkerMode, type: 'classic' | 'module'): Attempt {
  return {
    label: `${type} blob wrapper for ${url.href}`,
    mode: mode === 'worker' ? 'blob-worker' : mode,
    make: () => {
      const href = JSON.stringify(url.href);
      const code = type === 'classic' ? `importScripts(${href});\n` : `import ${href};\n`;
      const blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      try {
        return { worker: new Worker(blobUrl, { type }), cleanup: () => URL.revokeObjectURL(blobUrl) };
      } catch (e) {
        URL.revokeObjectURL(blobUrl);
        throw e;
      }
    },
  };
}

/**
 * Talks to the analysis worker. Use the page's shared one (`getAnalysisClient()`); create your own
 * only to isolate (tests, a host with its own worker). Fires `crash` (a worker died) and `start`.
 */
export class AnalysisClient extends EventTarget {
  private connecting: Promise<Connection> | null = null;
  private current: Connection | null = null;
  private nextRequestId = 1;
  private config: ClientConfig;
  private readonly scheduler = new Scheduler();

  constructor(config: ClientConfig = {}) {
    super();
    this.config = { ...config };
  }

  /** Changes how the worker is found; applies from the next start (call before the first request). */
  configure(config: ClientConfig): void {
    this.config = { ...this.config, ...config };
  }

  /** How the analyses run now, or null before the first request. */
  get mode(): WorkerMode | null {
    return this.current?.mode ?? null;
  }

  ping(): Promise<WorkerInfo> {
    return this.connection().then((c) => c.api.ping());
  }

  stats(): Promise<WorkerStats> {
    return this.connection().then((c) => c.api.stats());
  }

  /** A round trip through the worker (after `delayMs`); cancellable like any request. */
  echo<T>(value: T, options: { delayMs?: number } = {}, call: CallOptions = {}): Promise<T> {
    return this.request('echo', [value, options], call) as Promise<T>;
  }

  /** Reads a dataset into the worker (once per source and options) and returns its key and summary. */
  async loadDataset(source: DataSource, options: LoadOptions = {}): Promise<DatasetInfo> {
    const { kind = 'auto', monthFirst = false, reload = false, signal, onProgress, priority } = options;
    const ref = sourceRef(source);
    const key = datasetKey(ref, { kind, monthFirst });
    if (reload) await this.connection().then((c) => c.api.dropDataset(key));
    const stall = options.stallTimeoutMs ?? this.config.stallTimeoutMs;
    const read = { kind, monthFirst, ...(stall !== undefined ? { stallTimeoutMs: stall } : {}) };
    return this.request('loadDataset', [key, ref, read], { signal, onProgress, priority });
  }

  /**
   * Runs analysis `method` on a source: loads it if the worker does not hold it yet (progress
   * 'read'), then runs the method (progress 'analyse'). If the worker lost the dataset (restarted),
   * loads it again and retries once.
   */
  async analyse<K extends AnalysisMethod>(
    method: K,
    source: DataSource,
    options: AnalysisOptions<K>,
    call: LoadOptions = {},
  ): Promise<AnalysisResult<K>> {
    // The load and the run hold one place in the queue, so nothing of lower priority starts between.
    const release = this.scheduler.hold(call.priority);
    try {
      const { key } = await this.loadDataset(source, call);
      const args = [key, options] as unknown as RequestArgs<K>;
      try {
        return (await this.request(method, args, call)) as AnalysisResult<K>;
      } catch (e) {
        if (!(e instanceof AnalysisError) || e.code !== 'unknown-dataset') throw e;
        await this.loadDataset(source, call);
        return (await this.request(method, args, call)) as AnalysisResult<K>;
      }
    } finally {
      release();
    }
  }

  /**
   * Re-reads the calls' priorities (an element came into view): starts the waiting calls that may
   * start, and tells the worker of each running request whose priority changed, so that it goes
   * ahead of worse ones at once (preempt.ts).
   */
  reschedule(): void {
    this.scheduler.reschedule();
    const conn = this.current;
    if (!conn || conn.dead) return;
    for (const [requestId, p] of conn.pending) this.tell(conn, requestId, p);
  }

  private tell(conn: Connection, requestId: number, p: Pending): void {
    if (!p.priority) return;
    const now = p.priority();
    if (now === p.told) return;
    p.told = now;
    conn.api.setPriority(requestId, now).catch(() => {});
  }

  /** Calls request method `method` of the worker with a fresh request id. */
  async request<K extends RequestMethod>(
    method: K,
    args: RequestArgs<K>,
    call: CallOptions = {},
  ): Promise<Awaited<ReturnType<AnalysisApi[K]>>> {
    if (call.signal?.aborted) throw abortError('The request was cancelled.');
    let release: () => void;
    try {
      release = await this.scheduler.turn(call.priority, call.signal);
    } catch {
      throw abortError('The request was cancelled.');
    }
    try {
      return await this.send(method, args, call);
    } finally {
      release();
    }
  }

  private async send<K extends RequestMethod>(
    method: K,
    args: RequestArgs<K>,
    { signal, onProgress, priority }: CallOptions,
  ): Promise<Awaited<ReturnType<AnalysisApi[K]>>> {
    const conn = await this.connection();
    if (signal?.aborted) throw abortError('The request was cancelled.');
    const requestId = this.nextRequestId++;
    type R = Awaited<ReturnType<AnalysisApi[K]>>;
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        conn.pending.delete(requestId);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        settle();
        conn.api.cancel(requestId).catch(() => {});
        reject(abortError('The request was cancelled.'));
      };
      const pending: Pending = {
        onProgress,
        fail: (e) => {
          if (settled) return;
          settle();
          reject(e);
        },
        priority,
        told: 0,
      };
      conn.pending.set(requestId, pending);
      // Before the request: messages keep their order, so the worker knows it when the request starts.
      this.tell(conn, requestId, pending);
      signal?.addEventListener('abort', onAbort, { once: true });
      let call: Promise<R>;
      try {
        // Reflect.apply, not fn.call: on a comlink proxy `.call` would be a remote property.
        const fn = conn.api[method] as unknown as (...a: unknown[]) => Promise<R>;
        call = Promise.resolve(Reflect.apply(fn, conn.api, [requestId, ...(args as unknown[])]));
      } catch (e) {
        call = Promise.reject(e);
      }
      call.then(
        (value) => {
          if (settled) return;
          settle();
          resolve(value);
        },
        (e) => {
          if (settled) return;
          settle();
          reject(toAnalysisError(e));
        },
      );
    });
  }

  /** Stops the worker; waiting calls reject ('worker-crashed' is not used: code 'aborted'). */
  terminate(): void {
    const c = this.current;
    this.current = null;
    this.connecting = null;
    if (c) this.retire(c, abortError('The analysis worker was stopped.'));
  }

  /** The live connection, starting a worker if there is none. */
  private connection(): Promise<Connection> {
    if (this.current && !this.current.dead) return Promise.resolve(this.current);
    if (!this.connecting) {
      this.connecting = this.start().then(
        (c) => {
          this.current = c;
          this.connecting = null;
          this.dispatchEvent(new CustomEvent('start', { detail: { mode: c.mode } }));
          return c;
        },
        (e) => {
          this.connecting = null;
          throw e;
        },
      );
    }
    return this.connecting;
  }

  private attempts(): Attempt[] {
    const list: Attempt[] = [];
    const { workerFactory } = this.config;
    if (workerFactory)
      list.push({
        label: 'host worker factory',
        mode: 'host-worker',
        make: () => ({ worker: workerFactory() }),
      });
    const hostUrl = this.config.workerUrl ?? hostWorkerUrl();
    if (hostUrl) {
      const url = new URL(String(hostUrl), baseUrl());
      if (sameOrigin(url))
        list.push({
          label: `worker ${url.href}`,
          mode: 'host-worker',
          make: () => ({ worker: new Worker(url, { type: 'module' }) }),
        });
      list.push(blobAttempt(url, 'host-worker', 'module'));
    }
    // The kit's worker sits next to this script, so it is same-origin exactly when the script is.
    if (sameOrigin(new URL(import.meta.url)))
      list.push({
        label: "the kit's worker (analysis.worker.js next to the kit)",
        mode: 'worker',
        // The one place the worker is named the way bundlers look for it: Vite, webpack 5 and a Rollup
        // plugin see `new Worker(new URL('<literal>', import.meta.url), ...)`, bundle the worker and
        // put its hashed URL here. Every other mention goes through sibling(), which they leave alone,
        // so a bundled app gets the worker once (not also as an asset or an inlined data: URL).
        make: () => ({
          worker: new Worker(new URL('./analysis.worker.js', import.meta.url), { type: 'module' }),
        }),
      });
    list.push(blobAttempt(sibling('analysis.worker.classic.js'), 'worker', 'classic'));
    list.push(blobAttempt(sibling('analysis.worker.js'), 'worker', 'module'));
    return list;
  }

  private async start(): Promise<Connection> {
    const failures: string[] = [];
    if (typeof Worker !== 'undefined') {
      for (const attempt of this.attempts()) {
        try {
          return await this.startWorker(attempt);
        } catch (e) {
          failures.push(`${attempt.label}: ${message(e)}`);
        }
      }
    } else failures.push('this browser has no Web Workers');
    console.warn(
      `csc-demand-widgets: no analysis worker could start (${failures.join('; ')}). The analyses run on ` +
        "the page's main thread instead, so the page may pause while a large file is read. " +
        'See "Embedding basics" in the README to serve the worker.',
    );
    return this.startMainThread();
  }

  private newConnection(api: AnalysisApi, mode: WorkerMode, worker: Worker | null): Connection {
    return {
      api,
      mode,
      worker,
      info: { version: VERSION, inWorker: false },
      pending: new Map(),
      dead: false,
      stopWatching: () => {},
    };
  }

  private sinkFor(conn: Connection): ProgressSink {
    return { progress: (u: ProgressUpdate) => conn.pending.get(u.requestId)?.onProgress?.(u) };
  }

  private startWorker(attempt: Attempt): Promise<Connection> {
    const timeout = this.config.startTimeoutMs ?? 20000;
    return new Promise<Connection>((resolve, reject) => {
      let made: { worker: Worker; cleanup?: () => void };
      try {
        made = attempt.make();
      } catch (e) {
        reject(e);
        return;
      }
      const { worker } = made;
      const conn = this.newConnection(
        wrap<AnalysisApi>(worker) as unknown as AnalysisApi,
        attempt.mode,
        worker,
      );
      // Progress comes on the worker's own port (worker-impl.ts `send`), the one comlink answers on,
      // so a request's last update arrives before its result; comlink ignores these messages (no id).
      worker.addEventListener('message', (ev: MessageEvent) => {
        const u = (ev.data as { cscProgress?: ProgressUpdate } | null)?.cscProgress;
        if (u) conn.pending.get(u.requestId)?.onProgress?.(u);
      });
      let done = false;
      const finish = () => {
        done = true;
        clearTimeout(timer);
        worker.removeEventListener('error', onError);
        made.cleanup?.();
      };
      const fail = (why: string) => {
        if (done) return;
        finish();
        worker.terminate();
        reject(new Error(why));
      };
      const onError = (ev: Event) =>
        fail((ev as ErrorEvent).message || 'the worker script could not be loaded or was blocked');
      worker.addEventListener('error', onError);
      const timer = setTimeout(() => fail(`no answer within ${timeout} ms`), timeout);
      const locks = globalThis.navigator?.locks;
      const lockName = locks
        ? `csc-demand-worker-${VERSION}-${Math.random().toString(36).slice(2)}`
        : undefined;
      conn.api.init(null, lockName).then(
        (info) => {
          if (done) return;
          finish();
          conn.info = info;
          if (info.version !== VERSION)
            console.warn(`csc-demand-widgets ${VERSION}: the analysis worker is version ${info.version}.`);
          this.watch(conn, lockName);
          resolve(conn);
        },
        (e) => fail(message(e)),
      );
    });
  }

  /** After start: an error event or the release of the worker's lock means it died. */
  private watch(conn: Connection, lockName: string | undefined): void {
    const worker = conn.worker!;
    const onError = (ev: Event) => {
      ev.preventDefault();
      this.died(conn, (ev as ErrorEvent).message || 'an error event');
    };
    const onMessageError = () => this.died(conn, 'a message could not be read');
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onMessageError);
    const controller = new AbortController();
    if (lockName)
      globalThis.navigator.locks
        .request(lockName, { signal: controller.signal }, () => this.died(conn, 'it stopped running'))
        .catch(() => {});
    conn.stopWatching = () => {
      controller.abort();
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
    };
  }

  private died(conn: Connection, why: string): void {
    if (conn.dead) return;
    if (this.current === conn) this.current = null;
    this.retire(
      conn,
      new AnalysisError(
        `The analysis worker stopped unexpectedly (${why}). It will be restarted: try again. If it stops ` +
          "again, the file may be too large for this device's memory.",
        'worker-crashed',
      ),
    );
    this.dispatchEvent(new CustomEvent('crash', { detail: { reason: why } }));
  }

  private retire(conn: Connection, error: AnalysisError): void {
    conn.dead = true;
    conn.stopWatching();
    conn.worker?.terminate();
    const pending = [...conn.pending.values()];
    conn.pending.clear();
    for (const p of pending) p.fail(error);
  }

  private async startMainThread(): Promise<Connection> {
    const { createAnalysisImpl } = await import('./worker-impl.js');
    const conn = this.newConnection(createAnalysisImpl(false), 'main-thread', null);
    conn.info = await conn.api.init(this.sinkFor(conn));
    return conn;
  }
}

const SHARED = Symbol.for(`csc-demand-widgets.client@${VERSION}`);

/** The page's shared client (one per kit version on the page): every element uses it. */
export function getAnalysisClient(): AnalysisClient {
  const g = globalThis as unknown as Record<symbol, AnalysisClient | undefined>;
  return (g[SHARED] ??= new AnalysisClient());
}

/** Configures the shared client's worker resolution; call before the first element loads data. */
export function configure(config: ClientConfig): void {
  getAnalysisClient().configure(config);
}

/** A new client with its own worker (tests; hosts that want isolation). */
export function createAnalysisClient(config: ClientConfig = {}): AnalysisClient {
  return new AnalysisClient(config);
}

export { VERSION };
