// Opens a source for the data layer and reads it: a URL is fetched and its body streamed, a File or
// Blob is streamed from disk (never read whole, never uploaded), rows in memory go to the row reader.
// A CIN census return (XML) is recognised from its first bytes by the data layer; several returns
// (`blobs`) are read together and merged (src/data/load-cin.ts).
// JSON (a `.json` name or a JSON content type) is an array of row objects, or `{rows: [...]}`.
// Progress: bytes read of the total when the size is known (Content-Length without compression,
// Blob.size), phase 'read'. Cancellation: checked between chunks by the data layer, and the fetch is
// aborted with it. A source that goes `stallTimeoutMs` (30 s) without an answer or a byte fails with
// 'fetch-timeout', a transient error (worth a retry), and the request is cut off.
import type { DatasetOptions, SourceRef } from './api.js';
import type { ByteSource, LoadOptions, LoadResult } from '../src/data/types.js';
import { loadTable, loadRows } from '../src/data/load.js';
import type { Phase } from './request-context.js';

/** What a load may ask of its caller (a shared load answers for every request waiting on it). */
export interface LoadJob {
  /** Aborted when every request waiting for this load was cancelled. */
  signal: AbortSignal;
  progress(phase: Phase, done: number, total: number | null): void;
  checkpoint(): Promise<void>;
}

/** `transient`: the same request may succeed later (a network failure, a stall, a busy server). */
function fail(message: string, code: string, transient = false): Error {
  return Object.assign(new Error(message), { name: 'AnalysisError', code, transient });
}

/** How long a download or file may go without a byte before the read fails; DatasetOptions overrides. */
export const STALL_TIMEOUT_MS = 30000;

/**
 * `p`, or a 'fetch-timeout' failure when it has not settled after `ms`. A stalled response (headers
 * sent, then nothing) would otherwise leave an element on "Reading the data..." for ever.
 */
function beforeStall<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(fail(what(), 'fetch-timeout', true)), ms);
  });
  return Promise.race([p, stalled]).finally(() => clearTimeout(timer));
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

function isJson(name: string, contentType = ''): boolean {
  return /\.json$/i.test(name) || /[/+]json\b/i.test(contentType);
}

/** Largest piece handed to the parser between checkpoints. */
const CHUNK = 1 << 20;

/**
 * The stream's chunks, reporting bytes read and passing a checkpoint after each chunk: the yield to
 * the event loop is what lets a `cancel` message in while a fast local file is read.
 */
async function* chunks(
  stream: ReadableStream<Uint8Array>,
  total: number | null,
  job: LoadJob,
  name: string,
  stallMs: number,
  abort: () => void,
) {
  const reader = stream.getReader();
  let done = 0;
  // A checkpoint per CHUNK bytes, not per read: a network stream hands over 64 KB at a time, and
  // a yield to the event loop for each cost over a second at national scale.
  let checked = -CHUNK;
  try {
    for (;;) {
      if (done - checked >= CHUNK) {
        await job.checkpoint();
        checked = done;
      }
      const { value, done: end } = await beforeStall(
        reader.read(),
        stallMs,
        () =>
          `Reading ${name} stopped: no data arrived for ${seconds(stallMs)} after ${done} bytes${total !== null ? ` of ${total}` : ''}. The server or the connection stalled; try again later.`,
      );
      if (end) return;
      // Some streams hand over a whole in-memory file at once (Firefox): cut it into views of at
      // most CHUNK bytes (no copy) so progress moves and a cancel is seen within one of them.
      for (let i = 0; i < value.byteLength; i += CHUNK) {
        if (i > 0) {
          await job.checkpoint();
          checked = done;
        }
        const part = value.subarray(i, Math.min(i + CHUNK, value.byteLength));
        done += part.byteLength;
        job.progress('read', done, total);
        yield part;
      }
    }
  } finally {
    // Cut the connection too, not only the stream: Firefox keeps a stalled response's cache entry
    // (and a retry of the same URL waiting on it) until the request itself is aborted.
    abort();
    reader.cancel().catch(() => {});
  }
}

async function readText(source: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  for await (const chunk of source) parts.push(decoder.decode(chunk, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}

function rowsOf(json: unknown, name: string): Record<string, unknown>[] {
  const rows = Array.isArray(json) ? json : (json as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows))
    throw fail(`${name}: expected a JSON array of rows (or an object with a "rows" array)`, 'invalid-source');
  return rows as Record<string, unknown>[];
}

/** HTTP statuses worth a retry: a timeout, too many requests, the server's own failures. */
const transientStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

async function fetchBody(
  url: string,
  name: string,
  signal: AbortSignal,
  stallMs: number,
): Promise<{ response: Response; abort: () => void }> {
  let response: Response;
  // Its own controller, following the job's signal for the whole read (the body too), so a server
  // that never answers is cut off as well as a cancelled load.
  const controller = new AbortController();
  if (signal.aborted) controller.abort();
  signal.addEventListener('abort', () => controller.abort(), { once: true });
  try {
    response = await beforeStall(
      fetch(url, { signal: controller.signal, credentials: 'same-origin' }),
      stallMs,
      () => `Could not fetch ${name}: the server sent no answer for ${seconds(stallMs)}; try again later.`,
    );
  } catch (e) {
    if ((e as { code?: string }).code === 'fetch-timeout') controller.abort();
    if ((e as Error).name === 'AbortError' || (e as { code?: string }).code === 'fetch-timeout') throw e;
    throw fail(
      `Could not fetch ${name} from ${url}: the network failed or the server does not allow this page to read it (CORS).`,
      'fetch-failed',
      true,
    );
  }
  if (!response.ok)
    throw fail(
      `Could not fetch ${name}: the server answered ${response.status} ${response.statusText}`.trim(),
      'fetch-failed',
      transientStatus(response.status),
    );
  if (!response.body) throw fail(`Could not fetch ${name}: the response has no body`, 'fetch-failed');
  return { response, abort: () => controller.abort() };
}

/** Reads `source` with the data layer; rejects with an AbortError when the job is cancelled. */
export async function readDataset(
  source: SourceRef,
  options: DatasetOptions,
  job: LoadJob,
): Promise<LoadResult> {
  const base: LoadOptions = {
    fileName: source.name,
    kind: options.kind ?? 'auto',
    monthFirst: options.monthFirst ?? false,
    isCancelled: () => job.signal.aborted,
  };
  const stallMs = options.stallTimeoutMs ?? STALL_TIMEOUT_MS;
  if (source.type === 'rows') {
    const total = source.rows.length;
    job.progress('read', 0, total);
    return loadRows(source.rows, { ...base, onProgress: (done) => job.progress('read', done, total) });
  }
  if (source.type === 'blobs') {
    // Several returns: each streamed in turn; progress counts bytes over all of them.
    const total = source.blobs.reduce((a, b) => a + b.blob.size, 0);
    job.progress('read', 0, total);
    let before = 0;
    const sources = source.blobs.map(({ blob, name }) => {
      const offset = before;
      before += blob.size;
      const part: LoadJob = {
        signal: job.signal,
        checkpoint: () => job.checkpoint(),
        progress: (phase, done) => job.progress(phase, offset + done, total),
      };
      return {
        source: chunks(blob.stream(), blob.size, part, name, stallMs, () => {}),
        fileName: name,
        totalBytes: blob.size,
      };
    });
    // The XML reader loads with the first return (a page given CSV files never fetches it).
    const { loadCinReturns } = await import('../src/data/load-cin.js');
    return loadCinReturns(sources, { monthFirst: base.monthFirst ?? false, isCancelled: base.isCancelled! });
  }
  let stream: ReadableStream<Uint8Array>;
  let total: number | null;
  let json: boolean;
  let abort = (): void => {};
  if (source.type === 'url') {
    const fetched = await fetchBody(source.url, source.name, job.signal, stallMs);
    const response = fetched.response;
    abort = fetched.abort;
    const length = Number(response.headers.get('content-length'));
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    total = Number.isFinite(length) && length > 0 && !encoded ? length : null;
    json = isJson(source.name, response.headers.get('content-type') ?? '');
    stream = response.body!;
  } else {
    stream = source.blob.stream();
    total = source.blob.size;
    json = isJson(source.name, source.blob.type);
  }
  job.progress('read', 0, total);
  const bytes = chunks(stream, total, job, source.name, stallMs, abort);
  if (json) return loadRows(rowsOf(JSON.parse(await readText(bytes)), source.name), base);
  const input: ByteSource = bytes;
  return loadTable(input, { ...base, ...(total !== null ? { totalBytes: total } : {}) });
}
