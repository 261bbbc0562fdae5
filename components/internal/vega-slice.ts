// A chart's first drawing in slices of the main thread: Vega runs a view's dataflow (every data
// transform, scale, encoder and layout operator) in one go, so a curve of thousands of points held the
// page for hundreds of milliseconds in one task, and the reader's scrolling and typing waited. Vega's
// own evaluation loop awaits an operator that returns a promise (as it does for a data load), so here
// every operator of a view being drawn checks the clock after it runs: past the budget, it hands its
// result over a fresh task (a MessageChannel message) instead, and the page gets its turn between.
// What runs and in which order is unchanged: only where the tasks break.
//
// - Only a view's first evaluation is sliced (the one vega-embed's `runAsync` awaits): later ones
//   (an autosize rerun, a resize) stay whole, so when the draw resolves the chart is complete.
// - An operator whose result is itself asynchronous (a promise, a data load's `async` pulse) is
//   left alone: Vega handles those its own way.
// - Printing cannot wait for a task (the browser lays the page out for print as soon as the print
//   listeners return), so `finishNow()` (called from `beforeprint` and the print media query) runs
//   every parked continuation at once and stops slicing until `resumeSlicing()`: the rest of each
//   drawing then completes in microtasks, before the printout, as unsliced drawings always did.
import { Operator, Transform, type View } from 'vega';
import { inFreshTask } from './next-task.js';

/** How long a slice may run before the next operator's result waits for a fresh task (ms). */
export const SLICE_MS = 20;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Vega's operators and pulses are untyped
type Any = any;

/** Views being drawn, with the stamp of their first pulse once it is seen (0 before). */
const slicing = new WeakMap<object, number>();
/** Continuations waiting for their task: run at once when printing starts. */
const parked = new Set<() => void>();
let printing = false;
let sliceStart = 0;

const now = (): number => globalThis.performance?.now() ?? Date.now();

/** Resolves in a fresh task (or at once, when printing starts meanwhile). */
export function nextTask(): Promise<void> {
  if (printing) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const go = () => {
      if (!parked.delete(go)) return;
      sliceStart = now();
      resolve();
    };
    parked.add(go);
    inFreshTask(go);
  });
}

/** Printing begins: every parked drawing goes on now, and none is sliced until `resumeSlicing()`. */
export function finishNow(): void {
  printing = true;
  for (const go of [...parked]) go();
}

/** Printing is over: drawings are sliced again. */
export function resumeSlicing(): void {
  printing = false;
}

/** A drawing starts: the current slice counts from now. */
export function startSlice(): void {
  sliceStart = now();
}

/** Slices `view`'s first evaluation (call before running it). */
export function sliceFirstRun(view: View): void {
  patch();
  slicing.set(view, 0);
}

/** Stops slicing `view` (its first evaluation is over, or it failed). */
export function stopSlicing(view: View): void {
  slicing.delete(view);
}

let patched = false;

/** Wraps Operator#run and Transform#run (Transform overrides it) once per page. */
function patch(): void {
  if (patched) return;
  patched = true;
  for (const proto of [(Operator as Any).prototype, (Transform as Any).prototype]) {
    const run = proto.run as (pulse: Any) => Any;
    proto.run = function (this: Any, pulse: Any): Any {
      const rv = run.call(this, pulse);
      const df = pulse?.dataflow;
      if (!df || printing || !slicing.has(df)) return rv;
      const first = slicing.get(df)!;
      if (first === 0) slicing.set(df, pulse.stamp);
      else if (first !== pulse.stamp) return rv;
      if (!rv || rv.then || rv.async || now() - sliceStart < SLICE_MS) return rv;
      return nextTask().then(() => rv);
    };
  }
}
