// Whether a CSV header is the LIIA flat CIN table's (./liia-flat.ts): its own module, as the CSV
// reader asks this of every file's header and the table's reader (with the CIN census child and row
// writer it shares with the XML reader) is imported only when the answer is yes.
import { columnKey } from './columns.js';

/** Whether a header is the LIIA flat CIN table's. */
export function isLiiaHeader(headers: readonly string[]): boolean {
  const keys = new Set(headers.map(columnKey));
  return ['lachildid', 'date', 'type', 'cinreferraldate', 'assessmentauthorisationdate'].every((k) =>
    keys.has(k),
  );
}
