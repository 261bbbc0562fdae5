// The ready state of <csc-dataset-summary>: the sentence, the file read, the tables at a glance, the
// factor codes with their meanings, the excluded rows, the problems and the download, drawn from a
// DatasetSummary. The element (dataset-summary.ts) imports this module lazily, in its loadView, so the
// tables stay out of what a page loads first (a page's first load stays small).
import { readyStyles } from '../internal/ready-styles.js';
import { datasetSummaryStyles } from './dataset-summary.styles.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { DatasetSummary } from '../../workers/api.js';
import { renderCaption, renderDownloads, renderSummary } from '../internal/render.js';
import { renderTable, tableToCsv, type TableSpec } from '../internal/table.js';
import { downloadCsv, safeFileName } from '../internal/download.js';
import { formatCount, formatDate, formatPercent, plural } from '../internal/format.js';
import { summarySentence } from './summary-sentence.js';

/** The ready state's styles: the element adopts them once this module has loaded (adoptViewStyles). */
export const viewStyles = [readyStyles, datasetSummaryStyles];

type Factor = DatasetSummary['factors'][number];

const SHOWN_PROBLEMS = 20;
/** Up to this many factor codes show as an open table; more go in a <details>. */
const FACTORS_OPEN = 12;

/** What the element tells its view. */
export interface DatasetSummaryHost {
  /** A subheading one level under the element's heading. */
  subheading: (text: string) => TemplateResult;
}

function glance(s: DatasetSummary): TableSpec<[string, string]> {
  const rows: [string, string][] =
    s.kind === 'assessments'
      ? [
          ['Assessments', formatCount(s.records)],
          ['Children', formatCount(s.children)],
          ['Episodes (referrals)', formatCount(s.episodes)],
          ['First referral', formatDate(s.firstReferral)],
          ['Last referral', formatDate(s.lastReferral)],
          ['Last assessment', formatDate(s.lastAssessment)],
        ]
      : [
          ['Key stage results', formatCount(s.records)],
          ['Pupils', formatCount(s.children)],
        ];
  rows.push(['Rows read', formatCount(s.rowsRead)], ['Rows excluded', formatCount(s.rowsExcluded)]);
  return {
    caption: 'The dataset at a glance',
    columns: [
      { label: 'Measure', value: (r) => r[0] },
      { label: 'Value', value: (r) => r[1], numeric: true },
    ],
    rows,
  };
}

function factorTable(s: DatasetSummary): TableSpec<Factor> {
  return {
    caption: 'Factors identified at assessment',
    columns: [
      { label: 'Code', value: (f) => f.code },
      { label: 'Meaning', value: (f) => f.meaning ?? 'Not in the CIN census guide' },
      {
        label: 'Assessments',
        value: (f) => f.count,
        format: (v) => formatCount(v as number),
        numeric: true,
      },
      {
        label: 'Share of assessments',
        value: (f) => (s.records ? f.count / s.records : null),
        format: (v) => formatPercent(v as number | null),
        numeric: true,
      },
    ],
    rows: s.factors,
    footnotes: ['An assessment can record several factors, so the shares add up to more than 100%.'],
  };
}

function excludedTable(s: DatasetSummary): TableSpec<DatasetSummary['excluded'][number]> {
  return {
    caption: 'Rows excluded, by reason',
    columns: [
      { label: 'Reason', value: (e) => e.reason.charAt(0).toUpperCase() + e.reason.slice(1) },
      { label: 'Rows', value: (e) => e.rows, format: (v) => formatCount(v as number), numeric: true },
    ],
    rows: s.excluded,
  };
}

/** The ready state: the sentence, the file, the tables, unknown codes, problems and the download. */
export function renderDatasetSummary(s: DatasetSummary, host: DatasetSummaryHost): TemplateResult {
  const factors = factorTable(s);
  const name = s.file.replace(/\.[a-z]+$/i, '');
  return html`${renderSummary(summarySentence(s))}
    ${renderCaption(`Read from ${s.file} (${s.delimiter === '' && s.encoding !== 'json' ? 'CIN census return, ' : ''}${encodingName(s.encoding)}${s.delimiter ? `, ${delimiterName(s.delimiter)}` : ''}).`)}
    <div class="glance">${renderTable(glance(s))}</div>
    ${renderFactors(s, factors)}
    ${
      s.unknownFactorCodes.length
        ? html`<p>
            Codes not in the CIN census guide (kept and counted):
            ${s.unknownFactorCodes.map((u) => `${u.code} (${plural(u.count, 'assessment')})`).join(', ')}.
          </p>`
        : nothing
    }
    ${renderNotes(s, host)} ${s.excluded.length ? renderTable(excludedTable(s)) : nothing}
    ${renderProblems(s, host)}
    ${
      s.factors.length
        ? renderDownloads([
            {
              label: 'Download the factor table (CSV)',
              run: () => downloadCsv(tableToCsv(factors), safeFileName(`${name}-factors`, 'csv')),
            },
          ])
        : nothing
    }`;
}

/** A long list of codes goes in a disclosure, after the three most recorded. */
function renderFactors(s: DatasetSummary, table: TableSpec<Factor>): TemplateResult | typeof nothing {
  if (!s.factors.length) return nothing;
  if (s.factors.length <= FACTORS_OPEN) return renderTable(table);
  const top = [...s.factors].sort((a, b) => b.count - a.count).slice(0, 3);
  return html`<p>
      Most recorded factors:
      ${top
        .map((f) => `${f.meaning ?? f.code} (${formatPercent(s.records ? f.count / s.records : null)})`)
        .join('; ')}.
    </p>
    <details class="details">
      <summary>All ${s.factors.length} factor codes seen, with their meanings and counts</summary>
      ${renderTable(table)}
    </details>`;
}

/**
 * What reading CIN census returns did that a reader should know: episodes merged across returns,
 * elements skipped, plans on no row. (A CSV's warnings show elsewhere: unknown codes above.)
 */
const NOTES = new Set(['merged-episodes', 'unknown-elements', 'plans-not-on-a-row', 'liia-flat-table']);

function renderNotes(s: DatasetSummary, host: DatasetSummaryHost): TemplateResult | typeof nothing {
  const notes = (s.warnings ?? []).filter((w) => NOTES.has(w.code));
  if (!notes.length) return nothing;
  return html`${host.subheading('Notes on reading')}
    <ul class="notes">
      ${notes.map((w) => html`<li>${w.message}</li>`)}
    </ul>`;
}

function renderProblems(s: DatasetSummary, host: DatasetSummaryHost): TemplateResult | typeof nothing {
  if (!s.problems.length) return nothing;
  const shown = s.problems.slice(0, SHOWN_PROBLEMS);
  return html`${host.subheading('Problems found')}
    <p>
      ${
        s.problemCount > shown.length
          ? `The first ${shown.length} of ${formatCount(s.problemCount)} problems, in file order:`
          : `${plural(s.problemCount, 'problem')}, in file order:`
      }
    </p>
    <ul class="problems">
      ${shown.map((p) => html`<li>${p.message}</li>`)}
    </ul>`;
}

function encodingName(e: string): string {
  return e === 'json' ? 'JSON' : e.replace(/^utf/i, 'UTF').replace(/^windows/i, 'Windows');
}

function delimiterName(d: string): string {
  return d === ','
    ? 'comma-separated'
    : d === ';'
      ? 'semicolon-separated'
      : d === '\t'
        ? 'tab-separated'
        : `separated by ${d}`;
}
