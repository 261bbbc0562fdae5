// Tables of numbers: every chart's figures as an accessible HTML table (a caption, column headers
// with scope, the first column as row headers, numbers right-aligned), and the same table as CSV.
// Cells are always text (Lit escapes them): labels from data cannot inject markup.
import { html, nothing, type TemplateResult } from 'lit';
import { toCsv } from './download.js';
import { isSymbol, symbolNotes } from './format.js';

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
  /**
   * Counts from 1 to this are suppressed (published figures): the footnote of a `c` says so. Every
   * symbol (`c`, `z`, `x`, `low`) a numeric cell shows gets its footnote; default 5.
   */
  threshold?: number;
}

/** The footnotes with one for each symbol the numeric cells show (unless a footnote already explains it). */
function withSymbolNotes<Row>(spec: TableSpec<Row>): readonly string[] {
  const used = new Set<string>();
  for (const row of spec.rows)
    for (const c of spec.columns) {
      if (!c.numeric) continue;
      const v = shown(c, row);
      if (isSymbol(v)) used.add(v);
    }
  const own = spec.footnotes ?? [];
  const explained = (s: string) => own.some((f) => f.startsWith(`${s}:`) || f.startsWith(`${s} :`));
  return [
    ...own,
    ...symbolNotes(
      [...used].filter((s) => !explained(s)),
      spec.threshold,
    ),
  ];
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
  const footnotes = withSymbolNotes(spec);
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
      footnotes.length
        ? html`<div class="secondary footnotes">${footnotes.map((f) => html`<p>${f}</p>`)}</div>`
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
