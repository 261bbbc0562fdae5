// The chart of a view: <csc-vega-chart> with the view's spec, the view's one-sentence summary as the
// SVG's accessible name, and the element's theme. Importing this module registers <csc-vega-chart>
// (a call, see define-chart.ts), so a view that draws a chart always has the element defined.
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineChart } from './define-chart.js';
import type { SpecSource } from './vega-chart.js';

defineChart();

/** `<csc-vega-chart part="chart">` drawing `spec`, named by `label`, in `theme` (null: the reader's). */
export function renderChart(spec: SpecSource | null, label: string, theme: string | null): TemplateResult {
  return html`<csc-vega-chart
    part="chart"
    .spec=${spec}
    label=${label}
    theme=${ifDefined(theme ?? undefined)}
  ></csc-vega-chart>`;
}
