// The number-at-risk table of <rereferral-curve>: one row per group, one column per whole year of
// follow-up, lined up under the chart's x axis as survminer draws it. The columns are centred on the
// axis ticks from the chart's own layout (curveLayout in rereferral-curve.spec-layout.ts): the first column
// (the group names) fills the space left of the first tick, each year column is one year of axis
// wide. Where that leaves too little room (a narrow screen, many years) the table is laid out as an
// ordinary table instead. Sizes are set on the elements' style objects after rendering (CSSOM), which
// a strict CSP allows; a style attribute in the markup (what styleMap writes on first render) it refuses.
import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { formatCount, symbolNotes } from '../internal/format.js';
import { curveLayout } from './rereferral-curve.spec-layout.js';
import { riskTable, type RereferralShown } from './rereferral-curve.text.js';

/** Column widths (px) of the aligned table, or null when it cannot line up with the axis. */
export function riskColumns(
  result: RereferralShown,
  width: number,
): { label: number; year: number; total: number } | null {
  const layout = curveLayout(
    width,
    result.groups.filter((g) => g.months.length > 0).map((g) => g.label),
  );
  const years = result.overall.risk.length;
  const year = (layout.plotWidth * 12) / Math.max(result.horizonMonths, 1e-9);
  const label = layout.left - year / 2;
  const total = label + years * year;
  return label >= 80 && year >= 44 && total <= layout.width + 1 ? { label, year, total } : null;
}

/**
 * The number-at-risk table for a chart `width` px wide.
 * @example renderRiskTable(result, 800) // a table whose year columns sit under the axis ticks
 */
export function renderRiskTable(result: RereferralShown, width: number): TemplateResult {
  const t = riskTable(result);
  const cols = riskColumns(result, width);
  const notes = symbolNotes(
    t.rows.flatMap((row) => row.counts.map(String)),
    result.publication?.threshold,
  );
  const px = (v: number) => `${Math.floor(v)}px`;
  // After the render has put every <col> in place (the ref fires as the table itself is committed).
  const size = (table: Element | undefined): void => {
    if (!(table instanceof HTMLTableElement)) return;
    queueMicrotask(() => {
      table.style.width = cols ? px(cols.total) : '';
      table.querySelectorAll('col').forEach((col, k) => {
        col.style.width = cols ? px(k === 0 ? cols.label : cols.year) : '';
      });
    });
  };
  return html`<div class="table-wrap" part="risk-table" role="region" aria-label=${t.caption} tabindex="0">
    <table class="risk ${cols ? 'aligned' : ''}" ${ref(size)}>
      <caption>
        ${t.caption}
      </caption>
      <colgroup>
        <col />
        ${t.years.map(() => html`<col />`)}
      </colgroup>
      <thead>
        <tr>
          <th scope="col">${result.options.group === 'none' ? 'Episodes' : result.groupTitle}</th>
          ${t.years.map((m) => html`<th scope="col" class="num">${m}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${t.rows.map(
          (row) =>
            html`<tr>
              <th scope="row">${row.label}</th>
              ${row.counts.map((c) => html`<td class="num">${formatCount(c)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
    ${notes.length ? html`<div class="secondary footnotes">${notes.map((n) => html`<p>${n}</p>`)}</div>` : nothing}
  </div>`;
}
