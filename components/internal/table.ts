// Tables of numbers: every chart's figures as an accessible HTML table (a caption, column headers
// with scope, the first column as row headers, numbers right-aligned), and the same table as CSV.
// Cells are always text (Lit escapes them): labels from data cannot inject markup.
import { html, nothing, type TemplateResult } from 'lit';
import { toCsv } from './download.js';

export interface TableColumn<Row> {
  /** Header text. */
  label: string;
  /** The cell's value (kept raw for CSV: numbers stay numbers). */
  value: (row: Row) => string | number | null;
  /** How the value is shown; default String(value), '–' for null. */
  format?: (value: string | number | null, row: Row) => string;
  /** Right-aligned with tabular figures. */
  numeric?: boolean;
}

export interface TableSpec<Row> {
  caption: string;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  /** The first column names the row (`<th scope="row">`); default true. */
  rowHeaders?: boolean;
  /** Lines under the table: notes, symbols (`c` suppressed, ...), the source. */
  footnotes?: readonly string[];
}

function shown<Row>(col: TableColumn<Row>, row: Row): string {
  const v = col.value(row);
  if (col.format) return col.format(v, row);
  return v === null || v === undefined ? '–' : String(v);
}

/**
 * The table, inside a region that scrolls sideways on a narrow screen and takes keyboard focus
 * (so it can be scrolled without a mouse). `part` names the CSS part (default 'table').
 */
export function renderTable<Row>(spec: TableSpec<Row>, part = 'table'): TemplateResult {
  const rowHeaders = spec.rowHeaders ?? true;
  return html`<div class="table-wrap" part="${part}" role="region" aria-label=${spec.caption} tabindex="0">
    <table>
      <caption>
        ${spec.caption}
      </caption>
      <thead>
        <tr>
          ${spec.columns.map((c) => html`<th scope="col" class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${spec.rows.map(
          (row) =>
            html`<tr>
              ${spec.columns.map((c, i) =>
                i === 0 && rowHeaders
                  ? html`<th scope="row" class=${c.numeric ? 'num' : ''}>${shown(c, row)}</th>`
                  : html`<td class=${c.numeric ? 'num' : ''}>${shown(c, row)}</td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      spec.footnotes?.length
        ? html`<div class="secondary footnotes">${spec.footnotes.map((f) => html`<p>${f}</p>`)}</div>`
        : nothing
    }
  </div>`;
}

/** The table as CSV: header row, then the raw values (numbers unformatted), formula-safe. */
export function tableToCsv<Row>(spec: TableSpec<Row>): string {
  return toCsv([
    spec.columns.map((c) => c.label),
    ...spec.rows.map((r) => spec.columns.map((c) => c.value(r))),
  ]);
}
