// The ready state of <attainment-gap-table>: the summary, the national context, the sortable table
// with its gap bars, warnings, the model's terms and the downloads, drawn from a result. The element
// (attainment-gap-table.ts) imports this module lazily, in its loadView, while the analysis runs, so
// the sentences and table code stay out of what a page loads first (a page's first load stays small).
// Rendering is a pure function of the result and the sort order the host passes.
import { readyStyles } from '../internal/ready-styles.js';
import { attainmentGapTableStyles } from './attainment-gap-table.styles.js';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { renderCaption, renderDownloads, renderSummary, type DownloadAction } from '../internal/render.js';
import { downloadCsv, safeFileName } from '../internal/download.js';
import { barScale, gapBar, renderTerms, sortIcon, type Scale } from './attainment-gap-table.parts.js';
import {
  captionText,
  cellText,
  columnLabels,
  footnotes,
  intervalText,
  nationalContext,
  pText,
  sortRows,
  summaryText,
  tableCsv,
  type AttainmentShown,
  type ShownRow,
  type SortColumn,
  type SortDirection,
} from './attainment-gap-table.text.js';

/** The ready state's styles: the element adopts them once this module has loaded (adoptViewStyles). */
export const viewStyles = [readyStyles, attainmentGapTableStyles];

const COLUMNS: SortColumn[] = ['group', 'n', 'mean', 'raw', 'adjusted', 'p'];
const TOTAL_KINDS = new Set(['all-cin', 'not-known', 'all']);

/** What the element tells its view. */
export interface AttainmentHost {
  sortColumn: SortColumn | null;
  sortDirection: SortDirection;
  /** The reader sorted by a column. */
  sortBy: (column: SortColumn) => void;
  /** The base element's "Download summary" action, if this element can offer one. */
  summaryDownload: DownloadAction | null;
}

/** The ready state: summary, national context, the table, warnings, the model's terms, downloads. */
export function renderAttainment(r: AttainmentShown, host: AttainmentHost): TemplateResult {
  const context = nationalContext(r);
  const notes = footnotes(r);
  const shownWarnings = r.warnings.filter(
    (w) => w.code !== 'suppressed-rows' && w.code !== 'single-level-factor',
  );
  return html`${renderSummary(summaryText(r))} ${renderCaption(context)} ${renderGapTable(r, host, notes)}
  ${
    shownWarnings.length
      ? html`<ul class="warnings secondary">
          ${shownWarnings.map((w) => html`<li>${w.message}</li>`)}
        </ul>`
      : nothing
  }
  ${renderTerms(r)}
  ${renderDownloads([
    {
      label: 'Download the table (CSV)',
      run: () =>
        downloadCsv(
          tableCsv(r),
          safeFileName(`attainment-gaps-ks${r.options.keyStage}-${r.outcome.id}`, 'csv'),
        ),
    },
    ...(host.summaryDownload ? [host.summaryDownload] : []),
  ])}`;
}

function renderGapTable(r: AttainmentShown, host: AttainmentHost, notes: string[]): TemplateResult {
  const labels = columnLabels(r);
  const categories = r.rows.filter((row) => !TOTAL_KINDS.has(row.kind));
  const totals = r.rows.filter((row) => TOTAL_KINDS.has(row.kind));
  // Attribute values outside the lists leave the categories in their own order.
  const column = COLUMNS.includes(host.sortColumn as SortColumn) ? host.sortColumn : null;
  const direction = host.sortDirection === 'descending' ? 'descending' : 'ascending';
  const sorted = sortRows(categories, column, direction);
  const scale = barScale(r.rows);
  const caption = captionText(r);
  const announce = column ? `Categories sorted by ${labels[column]}, ${direction}.` : '';
  return html`<div class="table-wrap" part="table" role="region" aria-label=${caption} tabindex="0">
    <table class="gaps">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${COLUMNS.map(
            (c) =>
              html`<th
                scope="col"
                class=${c === 'group' ? '' : 'num'}
                aria-sort=${ifDefined(column === c ? direction : undefined)}
              >
                <button type="button" class="sort" data-column=${c} @click=${() => host.sortBy(c)}>
                  ${labels[c]}<span class="sort-icon" aria-hidden="true"
                    >${sortIcon(column === c ? direction : null)}</span
                  >
                </button>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${sorted.map((row) => renderRow(r, row, scale))}
      </tbody>
      <tbody class="totals">
        ${totals.map((row) => renderRow(r, row, scale))}
      </tbody>
    </table>
    <div class="visually-hidden sort-status" role="status">${announce}</div>
    <div class="secondary footnotes">
      <p>Sorting orders the categories; the totals and the comparison group stay below them.</p>
      ${notes.map((f) => html`<p>${f}</p>`)}
    </div>
  </div>`;
}

function renderRow(r: AttainmentShown, row: ShownRow, scale: Scale | null): TemplateResult {
  const hidden = row.suppressed !== null;
  const interval = hidden || row.reference ? '' : intervalText(r, row);
  return html`<tr class=${row.kind} data-id=${row.id}>
    <th scope="row">${row.label}</th>
    <td class="num">${cellText(r, row, 'n')}</td>
    <td class="num">${cellText(r, row, 'mean')}</td>
    <td class="num">${cellText(r, row, 'raw')}</td>
    <td class="num adjusted">
      <span class="gap">${cellText(r, row, 'adjusted')}</span>
      ${interval ? html`<span class="interval">${interval}</span>` : nothing}
      ${!hidden && scale && row.adjustedGap !== null ? gapBar(row, scale) : nothing}
    </td>
    <td class="num">${hidden ? 'c' : row.reference ? '\u2013' : pText(row.p)}</td>
  </tr>`;
}
