// Pieces of <attainment-gap-table> drawn from the result: the inline gap bars (decorative SVG,
// aria-hidden, one shared scale), the sort indicator, and the model's coefficients table. Pure
// functions of their arguments; data reaches the page only as text and SVG attribute numbers.
import { html, nothing, svg, type TemplateResult } from 'lit';
import { renderTable } from '../internal/table.js';
import {
  pText,
  type AttainmentShown,
  type ShownRow,
  type SortDirection,
} from './attainment-gap-table.text.js';

/** The model's coefficients, in a disclosure widget (for researchers). */
export function renderTerms(r: AttainmentShown): TemplateResult | typeof nothing {
  if (!r.model) return nothing;
  const num = (v: number | null) => (v === null ? '\u2013' : v.toFixed(4));
  return html`<details class="terms">
    <summary>The model’s coefficients</summary>
    ${renderTable({
      caption: `Coefficients of the regression of ${r.outcome.label} (${r.model.type === 'lpm' ? 'linear probability model' : 'ordinary least squares'}, ${r.model.robust ? r.model.robust.toUpperCase() + ' robust' : 'classical'} standard errors)`,
      columns: [
        { label: 'Term', value: (t) => t.term },
        { label: 'Estimate', value: (t) => (t.suppressed ? 'c' : num(t.estimate)), numeric: true },
        { label: 'Standard error', value: (t) => (t.suppressed ? 'c' : num(t.se)), numeric: true },
        {
          label: '95% interval',
          value: (t) =>
            t.suppressed ? 'c' : t.lower === null ? '\u2013' : `${num(t.lower)} to ${num(t.upper)}`,
          numeric: true,
        },
        { label: 'p', value: (t) => (t.suppressed ? 'c' : pText(t.p)), numeric: true },
      ],
      rows: r.model.terms,
      footnotes: r.model.terms.some((t) => t.suppressed)
        ? [
            `c: not shown, to protect children\u2019s privacy: the term\u2019s group is suppressed, or its level, or the level it is compared with, has 1 to ${r.options.threshold} pupils in the model.`,
          ]
        : [],
      threshold: r.options.threshold,
    })}
  </details>`;
}

export interface Scale {
  min: number;
  max: number;
}

/** One scale for every bar: from the lowest interval end to the highest, always including 0. */
export function barScale(rows: readonly ShownRow[]): Scale | null {
  let min = 0;
  let max = 0;
  for (const r of rows) {
    if (r.suppressed || r.adjustedGap === null) continue;
    min = Math.min(min, r.lower ?? r.adjustedGap, r.adjustedGap);
    max = Math.max(max, r.upper ?? r.adjustedGap, r.adjustedGap);
  }
  return max > min ? { min, max } : null;
}

export function gapBar(row: ShownRow, s: Scale): TemplateResult {
  const x = (v: number) => ((v - s.min) / (s.max - s.min)) * 100;
  const zero = x(0);
  const g = x(row.adjustedGap!);
  return html`<svg
    class="gap-bar"
    viewBox="0 0 100 12"
    preserveAspectRatio="none"
    aria-hidden="true"
    focusable="false"
  >
    ${svg`<rect class="bar" x=${Math.min(zero, g)} y="3" width=${Math.max(Math.abs(g - zero), 0.5)} height="6"></rect>`}
    ${
      row.lower !== null && row.upper !== null
        ? svg`<line class="ci" x1=${x(row.lower)} x2=${x(row.upper)} y1="6" y2="6" vector-effect="non-scaling-stroke"></line>
            <line class="ci" x1=${x(row.lower)} x2=${x(row.lower)} y1="2" y2="10" vector-effect="non-scaling-stroke"></line>
            <line class="ci" x1=${x(row.upper)} x2=${x(row.upper)} y1="2" y2="10" vector-effect="non-scaling-stroke"></line>`
        : nothing
    }
    ${svg`<line class="zero" x1=${zero} x2=${zero} y1="0" y2="12" vector-effect="non-scaling-stroke"></line>`}
  </svg>`;
}

export function sortIcon(direction: SortDirection | null): string {
  return direction === 'ascending' ? ' \u25b2' : direction === 'descending' ? ' \u25bc' : ' \u21c5';
}
