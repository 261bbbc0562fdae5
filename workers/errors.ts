// Errors across the worker boundary. comlink keeps only an Error's name and message, and a page
// needs more to tell a reader what went wrong (the file, the problems with their line numbers), so
// the worker throws plain `WireError` data and the client turns it back into an `AnalysisError`.
// Both sides of the boundary use this file; it imports nothing at run time.
import type { AnalysisErrorCode, ProblemInfo, WireError } from './api.js';

/** A failed request: `code` says why (see AnalysisErrorCode); bad files carry their problems. */
export class AnalysisError extends Error {
  override name = 'AnalysisError';
  readonly code: AnalysisErrorCode;
  readonly file: string | undefined;
  readonly problems: ProblemInfo[];
  readonly problemCount: number;
  /**
   * Whether the same request may succeed later (a network failure, a stall, a crashed worker), so a
   * "Try again" makes sense; a bad file or a bug gives the same error however often it is tried.
   */
  readonly transient: boolean;
  constructor(
    message: string,
    code: AnalysisErrorCode,
    extra: { file?: string; problems?: ProblemInfo[]; problemCount?: number; transient?: boolean } = {},
  ) {
    super(message);
    this.code = code;
    this.file = extra.file;
    this.problems = extra.problems ?? [];
    this.problemCount = extra.problemCount ?? this.problems.length;
    this.transient = extra.transient ?? TRANSIENT.has(code);
  }
}

/** Codes transient unless their maker says otherwise ('fetch-failed' for a 404 is not). */
const TRANSIENT = new Set<string>(['worker-crashed', 'fetch-failed', 'fetch-timeout']);

/** The error a cancelled request rejects with (`code` 'aborted', name 'AbortError' like fetch's). */
export function abortError(
  message = 'The request was cancelled because a newer one replaced it.',
): AnalysisError {
  const e = new AnalysisError(message, 'aborted');
  e.name = 'AbortError';
  return e;
}

/** Whether `e` is a cancellation (ours, fetch's or the data layer's), not a failure to report. */
export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

function pick<T>(o: Record<string, unknown>, k: string, test: (v: unknown) => boolean): T | undefined {
  return test(o[k]) ? (o[k] as T) : undefined;
}

/** Worker side: any thrown value as plain data (keeps a DataError's code, file and problems). */
export function toWireError(e: unknown): WireError {
  if (typeof e === 'object' && e !== null && (e as WireError).cscError === true) return e as WireError;
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const details = (typeof o.details === 'object' && o.details !== null ? o.details : {}) as Record<
    string,
    unknown
  >;
  const name = typeof o.name === 'string' ? o.name : 'Error';
  const message = typeof o.message === 'string' ? o.message : String(e);
  const code =
    name === 'AbortError'
      ? 'aborted'
      : (pick<string>(o, 'code', (v) => typeof v === 'string') ??
        (name === 'DataError' ? 'invalid-source' : 'internal'));
  const wire: WireError = { cscError: true, name, message, code };
  const file = pick<string>(o, 'file', (v) => typeof v === 'string');
  if (file !== undefined) wire.file = file;
  const problems =
    pick<ProblemInfo[]>(details, 'problems', Array.isArray) ?? pick(o, 'problems', Array.isArray);
  if (problems) wire.problems = problems.map((p) => ({ ...p }));
  const count = pick<number>(details, 'problemCount', (v) => typeof v === 'number');
  if (count !== undefined) wire.problemCount = count;
  const transient = pick<boolean>(o, 'transient', (v) => typeof v === 'boolean');
  if (transient !== undefined) wire.transient = transient;
  return wire;
}

/** Page side: whatever a call rejected with, as an AnalysisError. */
export function toAnalysisError(e: unknown): AnalysisError {
  if (e instanceof AnalysisError) return e;
  const w = toWireError(e);
  const err = new AnalysisError(w.message, w.code, {
    ...(w.file !== undefined ? { file: w.file } : {}),
    ...(w.problems ? { problems: w.problems } : {}),
    ...(w.problemCount !== undefined ? { problemCount: w.problemCount } : {}),
    ...(w.transient !== undefined ? { transient: w.transient } : {}),
  });
  if (w.name === 'AbortError') err.name = 'AbortError';
  return err;
}
