// The ready state of <pathway-chart>: the view switch, the chart, its table twin, the downloads and
// the notes, drawn from what the element shows. The element (pathway-chart.ts) imports this module
// lazily, in its loadView, while the analysis runs, so the sentences, tables and spec builders stay
// out of what a page loads first; its chart (render-chart.ts) registers <csc-vega-chart>. Rendering
// is a pure function of the result and of what the host passes (view, width, theme); the host owns
// state and events, this module owns none beyond a cache of the last spec. The attribute checks
// live here too (checkOptions), for the same reason: the first load has no room for them.
import { html, nothing, type TemplateResult } from 'lit';
import { renderChart } from '../internal/render-chart.js';
import { readyStyles } from '../internal/ready-styles.js';
// The demand chart's ready-state styles (chart area, notes) are what this view needs too: one module
// for both, so a page with both elements loads them once.
import { demandCategoryChartStyles } from '../demand-category-chart/demand-category-chart.styles.js';
import {
  renderCaption,
  renderDownloads,
  renderRadios,
  renderSummary,
  type DownloadAction,
} from '../internal/render.js';
import { renderTable } from '../internal/table.js';
import { downloadCsv, safeFileName } from '../internal/download.js';
import { chartDownloads } from '../internal/chart-downloads.js';
import { themeColors } from '../internal/theme-colors.js';
import { AnalysisError } from '../../workers/client.js';
import type { GradientSplit, PathwaysOptions } from '../../src/analyses/pathways-types.js';
import { LIGHT_COLORS, viewSpec, type PathwayView, type SpecColors } from './pathway-chart.spec.js';
import { VIEWS, captionText, notes, summaryText } from './pathway-chart.text.js';
import { viewCsv, viewTables } from './pathway-chart.tables.js';
import type { PathwaysShown } from './pathway-chart.types.js';

export { VIEWS };

/** The ready state's styles: the element adopts them once this module has loaded (adoptViewStyles). */
export const viewStyles = [readyStyles, demandCategoryChartStyles];

/** What the element tells its view. */
export interface PathwayHost {
  element: HTMLElement;
  view: PathwayView;
  theme: string | null;
  width: number;
  change: (view: PathwayView) => void;
  summaryDownload: DownloadAction | null;
}

const SPLITS: GradientSplit[] = ['age', 'neglect', 'ethnicity', 'none'];

/** The analysis options from the attributes; an AnalysisError names a bad attribute. */
export function checkOptions(a: {
  window: string | null;
  split: string | null;
  reference: string | null;
}): PathwaysOptions {
  const bad = (attr: string, expected: string, got: unknown) =>
    new AnalysisError(`The ${attr} attribute should be ${expected}; got "${String(got)}".`, 'invalid-option');
  const w = a.window === null || a.window === '' ? 12 : Number(a.window);
  if (!(Number.isInteger(w) && w >= 1 && w <= 120))
    throw bad('window', 'a whole number of months from 1 to 120', a.window);
  const split = (a.split || 'age') as GradientSplit;
  if (!SPLITS.includes(split)) throw bad('split', SPLITS.join(', '), a.split);
  return { windowMonths: w, split, ...(a.reference ? { reference: a.reference } : {}) };
}

/** The outcomes' fills from the theme: grey, then the palette's second, first and third colours. */
function colorsOf(element: HTMLElement): SpecColors {
  const base = themeColors(element, LIGHT_COLORS as Omit<SpecColors, 'outcomes'>);
  const style = getComputedStyle(element);
  const token = (name: string, k: number) => style.getPropertyValue(name).trim() || LIGHT_COLORS.outcomes[k]!;
  return {
    ...base,
    outcomes: [token('--_border', 0), token('--_c2', 1), token('--_c1', 2), token('--_c3', 3)],
  };
}

type Spec = ReturnType<typeof viewSpec>;
const specs = new WeakMap<HTMLElement, { key: string; result: PathwaysShown; spec: Spec }>();

/** The chart spec of the view, rebuilt only when the result, view, width or colours change. */
function specOf(r: PathwaysShown, host: PathwayHost): Spec {
  const colors = colorsOf(host.element);
  const key = `${host.view}|${host.width}|${JSON.stringify(colors)}`;
  let cache = specs.get(host.element);
  if (cache?.key !== key || cache.result !== r) {
    cache = { key, result: r, spec: viewSpec(r, host.view, { width: host.width, colors }) };
    specs.set(host.element, cache);
  }
  return cache.spec;
}

function downloads(r: PathwaysShown, host: PathwayHost, hasChart: boolean): TemplateResult | typeof nothing {
  const base = `${(r.file ?? 'assessments').replace(/\.[a-z]+$/i, '')}-pathways-${host.view}`;
  const actions: DownloadAction[] = [
    {
      label: 'Download the table (CSV)',
      run: () => downloadCsv(viewCsv(r, host.view), safeFileName(base, 'csv')),
    },
  ];
  if (hasChart) actions.push(...chartDownloads(host.element, (ext) => safeFileName(base, ext)));
  if (host.summaryDownload) actions.push(host.summaryDownload);
  return renderDownloads(actions);
}

/** The ready state: summary, caption, view switch, chart, tables, downloads and notes. */
export function renderPathways(r: PathwaysShown, host: PathwayHost): TemplateResult {
  const summary = summaryText(r, host.view);
  const spec = specOf(r, host);
  const tables = viewTables(r, host.view);
  const list = notes(r);
  return html`${renderSummary(summary)} ${renderCaption(captionText(r, host.view))}
  ${renderRadios(
    { name: 'view', legend: 'Show', part: 'view-switch', className: 'switch' },
    VIEWS.map((v) => ({ value: v.view, label: v.label })),
    host.view,
    (view) => host.change(view),
  )}
  ${spec ? html`<div class="chart-area">${renderChart(spec, summary, host.theme)}</div>` : nothing}
  ${tables.map((t) => renderTable(t))} ${tables.length ? downloads(r, host, spec !== null) : nothing}
  ${
    list.length
      ? html`<details>
          <summary>How the assessments were counted</summary>
          <ul class="notes">
            ${list.map((n) => html`<li>${n}</li>`)}
          </ul>
        </details>`
      : nothing
  }`;
}
