// The publishable summary from saved aggregate files given as texts (the worker's
// publishSummaryFromAggregates): each `<query>.csv` read into rows, then aggregateSummary. One module,
// so the worker imports it only when asked: a page analysing rows never fetches the aggregate path.
import type { Summary } from '../publish/summary-types.js';
import type { SummaryOptions } from '../publish/summary.js';
import { aggregateSummary } from './aggregate-summary.js';
import { csvRows } from './csv-rows.js';

/** One saved aggregate: its file name (`demand.csv`) and its CSV text. */
export interface AggregateText {
  name: string;
  text: string;
}

export function summaryFromAggregateFiles(files: AggregateText[], options: SummaryOptions): Promise<Summary> {
  const aggregates = new Map(files.map((f) => [f.name.replace(/\.csv$/i, ''), csvRows(f.text, f.name)]));
  return aggregateSummary(aggregates, options);
}
