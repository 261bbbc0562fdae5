// The one sentence a reader of <csc-dataset-summary> gets first: what the file holds. Its own module
// because the kit exports it (a page can write the same sentence elsewhere) and the lazily loaded view
// (dataset-summary.view.ts) shows it.
import type { DatasetSummary } from '../../workers/api.js';
import { formatMonth, plural } from '../internal/format.js';

/** The sentence a reader gets first. */
export function summarySentence(s: DatasetSummary): string {
  if (s.kind === 'pupils') {
    return `${plural(s.records, 'key stage result')} for ${plural(s.children, 'pupil')}.`;
  }
  const dates =
    s.firstReferral && s.lastReferral
      ? ` with referrals from ${formatMonth(s.firstReferral)} to ${formatMonth(s.lastReferral)}`
      : '';
  const excluded = s.rowsExcluded
    ? ` ${plural(s.rowsExcluded, 'row')} could not be used and ${s.rowsExcluded === 1 ? 'is' : 'are'} listed below.`
    : '';
  return `${plural(s.records, 'assessment')} of ${plural(s.children, 'child', 'children')} in ${plural(s.episodes ?? 0, 'episode')}${dates}.${excluded}`;
}
