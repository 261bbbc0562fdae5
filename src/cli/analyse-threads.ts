// `csc-demand analyse` on two threads: the summary buildSummary publishes (src/publish/summary.ts),
// byte for byte, in about half the wall time on a machine with two cores or more.
//
// Contract
// - analyseInThreads(request): loads the files and runs the summary's parts (summary-parts.ts) on
//   this thread and one worker thread; resolves to the summary and what each file's load reported.
//   Errors are those of the one-thread run: an unreadable assessments file first, then the pupils
//   file; an analysis that fails is a warning in the summary, as buildSummary makes it.
// - How the work is shared: the worker reads the pupils file while this thread reads the
//   assessments (two files, two parsers; no file is read twice). The assessments' columns are then
//   copied once into shared memory (SharedArrayBuffer), which both threads read without another
//   copy. The worker runs attainment (it holds the pupils, which never cross) once it has read
//   them; this thread, without waiting for that, demand and re-referral; then each thread takes the next of the remaining parts (pathways, re-entry to
//   care, repeat plans) from a shared counter until none is left. Every part is deterministic, so
//   which thread runs it changes nothing; the results are published in buildSummary's order.
// - Memory: garbage is collected after each load and each part (collect-garbage.ts), when most of
//   what they allocated has just died: two threads' analyses at once would otherwise stack their
//   garbage on each other's.
// - The worker is this module's own file (dist/cli.js once bundled: src/cli.ts starts it there),
//   with `workerData.cscDemandPart` set. CSC_DEMAND_THREADS=1 in the environment runs everything on
//   one thread (buildSummary), for comparison.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AssessmentData, LoadResult, PupilData } from '../data/types.js';
import {
  runSummaryPart,
  summaryCategories,
  type PartOutput,
  type SummaryCategories,
  type SummaryPart,
} from '../publish/summary-parts.js';
import {
  buildSummary,
  publishSummary,
  summaryDemand,
  SUMMARY_SECTIONS,
  type SummaryOptions,
} from '../publish/summary.js';
import type { Summary } from '../publish/summary-types.js';
import { collectGarbage } from './collect-garbage.js';
import { loadFiles } from './load-files.js';

export interface AnalyseRequest {
  assessmentPaths: string[];
  pupilsPath: string | undefined;
  monthFirst: boolean;
  options: SummaryOptions;
}

/** A load's account without its data (what the CLI prints about each file). */
export type LoadReport = Omit<LoadResult, 'data'>;

export interface AnalyseOutcome {
  summary: Summary;
  assessments: LoadReport;
  pupils: LoadReport | null;
}

const MARK = 'cscDemandPart';
/** Parts either thread takes when free, the longest first. */
const SHARED_PARTS: SummaryPart[] = ['pathways', 'careReentry', 'repeatPlans'];

type ToWorker = {
  type: 'start';
  assessments: AssessmentData;
  shared: SummaryCategories;
  assessmentsFile: string;
  options: SummaryOptions;
  counter: Int32Array;
  parts: SummaryPart[];
};
type FromWorker =
  | { type: 'pupils'; report: LoadReport | null; error?: undefined }
  | { type: 'pupils'; error: string }
  | { type: 'part'; output: PartOutput }
  | { type: 'done' }
  | { type: 'failed'; error: string };

const withoutData = ({ data: _data, ...report }: LoadResult): LoadReport => report;

/** Run the summary on two threads (see the file comment). */
export async function analyseInThreads(request: AnalyseRequest): Promise<AnalyseOutcome> {
  if (process.env['CSC_DEMAND_THREADS'] === '1') return oneThread(request);
  const self = new URL(import.meta.url);
  // Run from source (the tests, under tsx): a worker does not inherit tsx's loader, so it registers
  // it before loading this file.
  const fromSource = self.pathname.endsWith('.ts');
  const script = fromSource
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); return import(${JSON.stringify(self.href)}); });`
    : self;
  const worker = new Worker(script, {
    eval: fromSource,
    workerData: { [MARK]: true, pupilsPath: request.pupilsPath, monthFirst: request.monthFirst },
  });
  const messages: FromWorker[] = [];
  let wake: (() => void) | null = null;
  let crashed: Error | null = null;
  worker.on('message', (m: FromWorker) => {
    messages.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    crashed = e;
    wake?.();
  });
  worker.on('exit', (code) => {
    crashed ??= new Error(`the analysis thread stopped (exit code ${code})`);
    wake?.();
  });
  /** The next message of a type, waiting for it. */
  const next = async <T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> => {
    for (;;) {
      const i = messages.findIndex((m) => m.type === type || m.type === 'failed');
      if (i >= 0) {
        const m = messages.splice(i, 1)[0]!;
        if (m.type === 'failed') throw new Error(m.error);
        return m as Extract<FromWorker, { type: T }>;
      }
      if (crashed) throw crashed;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  };
  try {
    // Columns grown in shared memory, so that few are copied into it below.
    let loaded: LoadResult | null = await loadFiles(
      request.assessmentPaths,
      'assessments',
      request.monthFirst,
      true,
    );
    const report = withoutData(loaded);
    // This thread does not wait for the pupils: the worker takes the start message once it has read
    // them (messages wait on its port till then), while this thread runs its own parts. A bad
    // pupils file is still reported, after an unreadable assessments file, as one thread does.
    const assessments = shareColumns(loaded.data as AssessmentData);
    loaded = null; // the unshared columns can go
    collectGarbage();
    const shared = summaryCategories(assessments);
    const sections = request.options.sections ?? SUMMARY_SECTIONS;
    const parts = SHARED_PARTS.filter((p) => sections.includes(p));
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const start: ToWorker = {
      type: 'start',
      assessments,
      shared,
      assessmentsFile: report.file,
      options: request.options,
      counter,
      parts,
    };
    worker.postMessage(start);
    const first = await summaryDemand(assessments, request.options);
    const inputs = { assessments, assessmentsFile: report.file };
    const outputs: PartOutput[] = [];
    if (sections.includes('rereferral')) {
      outputs.push(runSummaryPart('rereferral', inputs, shared, request.options));
      collectGarbage();
    }
    for (let k = Atomics.add(counter, 0, 1); k < parts.length; k = Atomics.add(counter, 0, 1)) {
      outputs.push(runSummaryPart(parts[k]!, inputs, shared, request.options));
      collectGarbage();
    }
    const pupils = await next('pupils');
    if (pupils.error !== undefined) throw new Error(pupils.error);
    await next('done');
    for (const m of messages.splice(0)) if (m.type === 'part') outputs.push(m.output);
    return {
      summary: publishSummary(assessments, first, outputs, request.options),
      assessments: report,
      pupils: pupils.report,
    };
  } finally {
    await worker.terminate();
  }
}

/** The same on one thread: buildSummary after both loads. */
async function oneThread(request: AnalyseRequest): Promise<AnalyseOutcome> {
  const assessments = await loadFiles(request.assessmentPaths, 'assessments', request.monthFirst);
  const pupils = request.pupilsPath
    ? await loadFiles([request.pupilsPath], 'pupils', request.monthFirst)
    : null;
  const summary = await buildSummary(
    {
      assessments: assessments.data as AssessmentData,
      pupils: (pupils?.data as PupilData | undefined) ?? null,
      assessmentsFile: assessments.file,
    },
    request.options,
  );
  return { summary, assessments: withoutData(assessments), pupils: pupils ? withoutData(pupils) : null };
}

/**
 * The dataset with every typed array in shared memory: a message then shares the columns instead
 * of copying them. Columns the load grew there already are kept; the others (small files' first
 * columns, arrays made when the load ended) are copied in, one at a time (each original is garbage
 * once replaced).
 */
function shareColumns<T extends object>(data: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof SharedArrayBuffer) out[key] = value;
    else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const typed = value as unknown as Int32Array;
      const Ctor = typed.constructor as new (buffer: SharedArrayBuffer) => Int32Array;
      const copy = new Ctor(new SharedArrayBuffer(typed.byteLength));
      copy.set(typed);
      out[key] = copy;
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = shareColumns(value as object);
    } else out[key] = value;
  }
  return out as T;
}

let serving = false;

/** The worker's side (see the file comment); runs once however many times it is called. */
export async function servePart(): Promise<void> {
  if (serving || isMainThread || !parentPort || !workerData?.[MARK]) return;
  serving = true;
  const port = parentPort;
  const post = (m: FromWorker): void => port.postMessage(m);
  const { pupilsPath, monthFirst } = workerData as { pupilsPath?: string; monthFirst: boolean };
  let pupils: PupilData | null = null;
  try {
    const loaded = pupilsPath ? await loadFiles([pupilsPath], 'pupils', monthFirst) : null;
    pupils = (loaded?.data as PupilData | undefined) ?? null;
    collectGarbage();
    post({ type: 'pupils', report: loaded ? withoutData(loaded) : null });
  } catch (e) {
    post({ type: 'pupils', error: e instanceof Error ? e.message : String(e) });
    return;
  }
  port.once('message', (m: ToWorker) => {
    try {
      const inputs: { assessments: AssessmentData; pupils: PupilData | null; assessmentsFile: string } = {
        assessments: m.assessments,
        pupils,
        assessmentsFile: m.assessmentsFile,
      };
      const sections = m.options.sections ?? SUMMARY_SECTIONS;
      if (sections.includes('attainment'))
        post({
          type: 'part',
          // Garbage collected between key stages too: each places 2 million pupils at national scale.
          output: runSummaryPart('attainment', inputs, m.shared, m.options, { between: collectGarbage }),
        });
      inputs.pupils = pupils = null; // no other part reads them: their memory can go
      collectGarbage();
      for (let k = Atomics.add(m.counter, 0, 1); k < m.parts.length; k = Atomics.add(m.counter, 0, 1)) {
        post({ type: 'part', output: runSummaryPart(m.parts[k]!, inputs, m.shared, m.options) });
        collectGarbage();
      }
      post({ type: 'done' });
    } catch (e) {
      post({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  });
}

void servePart();
