// A full garbage collection on request, for the CLI's national-scale runs: after a file is loaded,
// its parser's scratch (id sequences, grouping tables, oversized column buffers) is garbage, but V8
// collects it only when the heap grows further, and by then the analyses' own arrays are on top of
// it: the peak memory of `analyse` at 3.6 million assessments is the sum of both. Collecting at the
// few points where most of the memory has just died keeps the peak to what is alive.
// Node exposes the collector only with --expose-gc; the flag set at run time makes `gc` available
// in a context created after it (on this thread's isolate). Where that fails, nothing is done.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** Collect garbage now, if the runtime lets us (see the file comment). */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
