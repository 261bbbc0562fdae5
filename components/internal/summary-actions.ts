// Making and saving a summary from an element's record-level data (its "Download summary" button and
// public mode): the datasets loaded into the shared worker, then the worker's publishSummary, as
// `csc-demand analyse` makes it. Loaded lazily by the base element (csc-element.ts), only when a
// summary is asked for: not part of the kit's first load.
import {
  AnalysisError,
  getAnalysisClient,
  type DataSource,
  type ProgressUpdate,
} from '../../workers/client.js';
import type { SummaryKeys, SummaryRequestOptions } from '../../workers/api.js';
import type { Summary } from '../../src/publish/summary-types.js';
import { downloadBlob, safeFileName } from './download.js';

export interface SummaryJob {
  sources: { assessments: DataSource; pupils: DataSource | null };
  request: SummaryRequestOptions;
  monthFirst: boolean;
  signal?: AbortSignal;
  onProgress?: (u: ProgressUpdate) => void;
}

/** The summary of the sources, made in the worker (each dataset read once, as the analyses read them). */
export async function makeSummary({
  sources,
  request,
  monthFirst,
  signal,
  onProgress,
}: SummaryJob): Promise<Summary> {
  const client = getAnalysisClient();
  const call = { monthFirst, signal, onProgress };
  const load = async (): Promise<SummaryKeys> => {
    const [a, p] = await Promise.all([
      client.loadDataset(sources.assessments, { ...call, kind: 'assessments' }),
      sources.pupils ? client.loadDataset(sources.pupils, { ...call, kind: 'pupils' }) : null,
    ]);
    return { assessmentsKey: a.key, pupilsKey: p?.key ?? null };
  };
  let keys = await load();
  try {
    return await client.request('publishSummary', [keys, request], call);
  } catch (e) {
    // The worker restarted and lost the datasets: read them again and retry once.
    if (!(e instanceof AnalysisError) || e.code !== 'unknown-dataset') throw e;
    keys = await load();
    return await client.request('publishSummary', [keys, request], call);
  }
}

/** Saves a summary as the CLI writes it (pretty JSON, a final newline), named after its area. */
export function saveSummary(summary: Summary): void {
  const name = summary.metadata.areaName ? `${summary.metadata.areaName} summary` : 'summary';
  downloadBlob(
    new Blob([JSON.stringify(summary, null, 2) + '\n'], { type: 'application/json' }),
    safeFileName(name, 'json'),
  );
}
