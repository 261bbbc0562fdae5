// The ready state of <demand-category-chart>: the view switch, the chart, the tables, the downloads
// and the notes, drawn from a result. The element (demand-category-chart.ts) imports this module
// lazily, in its loadView, while the analysis runs, so the sentences, tables and spec builders stay
// out of what a page loads first (a page's first load stays small); its chart (render-chart.ts)
// registers <csc-vega-chart>. Rendering is a pure function of the result and of what the host
// passes (view, dimension, width, theme); the host owns state and events, this module owns none
// beyond a cache of the last spec.
import { readyStyles } from '../internal/ready-styles.js';
import { demandCategoryChartStyles } from './demand-category-chart.styles.js';
import { html, nothing, type TemplateResult } from 'lit';
import { renderChart } from '../internal/render-chart.js';
import {
  renderCaption,
  renderDownloads,
  renderRadios,
  renderSummary,
  type DownloadAction,
} from '../internal/render.js';
import { renderTable, tableToCsv } from '../internal/table.js';
import { downloadBlob, downloadCsv, safeFileName } from '../internal/download.js';
import { chartDownloads } from '../internal/chart-downloads.js';
import { themeColors } from '../internal/theme-colors.js';
import type { DemandResult } from '../../src/analyses/demand-types.js';
import {
  LIGHT_COLORS,
  viewSpec,
  type DemandView,
  type Dimension,
  type SpecColors,
} from './demand-category-chart.spec.js';
import {
  DIMENSIONS,
  VIEWS,
  accountTable,
  captionText,
  characteristicsCsv,
  characteristicsTable,
  codeNotes,
  fitTable,
  profileTable,
  shareTable,
  summaryText,
  trendCsv,
  trendTable,
  type DemandShown,
} from './demand-category-chart.text.js';

/** The ready state's styles: the element adopts them once this module has loaded (adoptViewStyles). */
export const viewStyles = [readyStyles, demandCategoryChartStyles];

/** What the element tells its view. */
export interface DemandHost {
  /** The element (its computed style gives the theme's colours; its shadow root holds the chart). */
  element: HTMLElement;
  view: DemandView;
  dimension: Dimension;
  theme: string | null;
  /** The chart's width in CSS pixels. */
  width: number;
  /** The reader chose a view or dimension. */
  change: (view: DemandView, dimension: Dimension) => void;
  /** The base element's "Download summary" action, if this element can offer one. */
  summaryDownload: DownloadAction | null;
}

type Spec = ReturnType<typeof viewSpec>;
type SpecCache = { key: string; result: DemandShown; spec: Spec };
/** The last spec of each element: redrawing on every render would cost a Vega parse each time. */
const specs = new WeakMap<HTMLElement, SpecCache>();

/** The chart spec of the view, rebuilt only when the result, view, dimension, width or theme change. */
function specOf(r: DemandShown, host: DemandHost): Spec {
  const c: SpecColors = themeColors(host.element, LIGHT_COLORS);
  const key = `${host.view}|${host.dimension}|${host.width}|${Object.values(c).join(',')}`;
  let cache = specs.get(host.element);
  if (cache?.key !== key || cache.result !== r) {
    // Published figures: a suppressed share, index or ratio is null, and the spec leaves it out.
    const spec = viewSpec(r as DemandResult, host.view, {
      width: host.width,
      colors: c,
      dimension: host.dimension,
    });
    cache = { key, result: r, spec };
    specs.set(host.element, cache);
  }
  return cache.spec;
}

function renderSwitches(host: DemandHost): TemplateResult {
  const views = VIEWS.map((v) => ({ value: v.view, label: v.label }));
  const dims = DIMENSIONS.map((d) => ({ value: d.dimension, label: d.label }));
  return html`${renderRadios(
    { name: 'view', legend: 'Show', part: 'view-switch', className: 'switch' },
    views,
    host.view,
    (view) => host.change(view, host.dimension),
  )}
  ${
    host.view === 'characteristics'
      ? renderRadios(
          { name: 'dimension', legend: 'By', part: 'dimension-switch', className: 'switch' },
          dims,
          host.dimension,
          (dimension) => host.change(host.view, dimension),
        )
      : nothing
  }`;
}

function downloads(r: DemandShown, host: DemandHost, csv: () => string): TemplateResult | typeof nothing {
  const file = r.input?.file ?? 'assessments';
  const base = `${file.replace(/\.[a-z]+$/i, '')}-demand-${host.view}${host.view === 'characteristics' ? `-${host.dimension}` : ''}`;
  const actions: DownloadAction[] = [
    { label: 'Download the table (CSV)', run: () => downloadCsv(csv(), safeFileName(base, 'csv')) },
  ];
  if (specOf(r, host)) actions.push(...chartDownloads(host.element, (ext) => safeFileName(base, ext)));
  if (host.summaryDownload) actions.push(host.summaryDownload);
  if (r.localScheme && host.view === 'share')
    actions.push({
      label: 'Download the groups as a scheme (JSON)',
      run: () =>
        downloadBlob(
          new Blob([JSON.stringify(r.localScheme, null, 2)], { type: 'application/json' }),
          safeFileName(`${file.replace(/\.[a-z]+$/i, '')}-demand-scheme`, 'json'),
        ),
    });
  return renderDownloads(actions);
}

function renderView(r: DemandShown, host: DemandHost, summary: string): TemplateResult {
  const spec = specOf(r, host);
  const chart = spec
    ? html`<div class="chart-area">${renderChart(spec, summary, host.theme)}</div>`
    : nothing;
  switch (host.view) {
    case 'trend': {
      const counts = trendTable(r, 'counts');
      return html`${chart} ${renderTable(trendTable(r, 'index'))} ${renderTable(counts)}
      ${downloads(r, host, () => trendCsv(r))}`;
    }
    case 'profile': {
      const table = profileTable(r);
      return html`${chart} ${renderTable(table)} ${downloads(r, host, () => tableToCsv(table))}`;
    }
    case 'characteristics': {
      const table = characteristicsTable(r, host.dimension);
      return html`${chart} ${renderTable(table)} ${downloads(r, host, () => characteristicsCsv(r))}`;
    }
    default: {
      const table = shareTable(r);
      return html`${chart} ${renderTable(table)} ${downloads(r, host, () => tableToCsv(table))}`;
    }
  }
}

/** The ready state: summary, caption, switches, the view, and how the assessments were counted. */
export function renderDemand(r: DemandShown, host: DemandHost): TemplateResult {
  const summary = summaryText(r, host.view, host.dimension);
  const fits = fitTable(r);
  const notes = [...codeNotes(r), ...r.warnings.map((w) => w.message)];
  return html`${renderSummary(summary)} ${renderCaption(captionText(r, host.view, host.dimension))}
    ${renderSwitches(host)} ${renderView(r, host, summary)}
    <details>
      <summary>How the assessments were counted and grouped</summary>
      <p>${r.method}</p>
      ${renderTable(accountTable(r))} ${fits ? renderTable(fits) : nothing}
      ${
        notes.length
          ? html`<ul class="notes">
              ${notes.map((n) => html`<li>${n}</li>`)}
            </ul>`
          : nothing
      }
    </details>`;
}
