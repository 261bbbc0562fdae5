// The ready state of <rereferral-curve>: the view switch, the curves with their number-at-risk table
// or the forest plot of hazard ratios, the tables, the downloads and the notes, drawn from a result.
// The element (rereferral-curve.ts) imports this module lazily, in its loadView, while the analysis
// runs, so the sentences, tables and spec builders stay out of what a page loads first (the size
// first-load budget); its chart (render-chart.ts) registers <csc-vega-chart>. Rendering is a pure
// function of the result and of what the host passes (view, width, theme); the host owns state and
// events.
import { readyStyles } from '../internal/ready-styles.js';
import { rereferralCurveStyles } from './rereferral-curve.styles.js';
import { html, nothing, type TemplateResult } from 'lit';
import { renderChart } from '../internal/render-chart.js';
import {
  renderCaption,
  renderDownloads,
  renderRadios,
  renderSummary,
  type DownloadAction,
  type RadioOption,
} from '../internal/render.js';
import { renderTable, tableToCsv } from '../internal/table.js';
import { downloadCsv, safeFileName } from '../internal/download.js';
import { formatNumber } from '../internal/format.js';
import { chartDownloads } from '../internal/chart-downloads.js';
import { themeColors } from '../internal/theme-colors.js';
import { LIGHT_COLORS, curveSpec, forestSpec, type SpecColors } from './rereferral-curve.spec.js';
import { renderRiskTable } from './rereferral-curve.risk.js';
import {
  accountTable,
  captionText,
  covariateTable,
  curveTable,
  curveTableCsv,
  curvesCsv,
  hazardTable,
  pText,
  summaryText,
  type RereferralShown,
  type RereferralView,
} from './rereferral-curve.text.js';

/** The ready state's styles: the element adopts them once this module has loaded (adoptViewStyles). */
export const viewStyles = [readyStyles, rereferralCurveStyles];

/** What the element tells its view. */
export interface RereferralHost {
  /** The element (its computed style gives the theme's colours; its shadow root holds the chart). */
  element: HTMLElement;
  view: RereferralView;
  theme: string | null;
  /** The content width in CSS pixels: the chart and the risk table are laid out for it. */
  width: number;
  /** The reader chose a view. */
  setView: (view: RereferralView) => void;
  /** Groups drawn in colour (comma-separated labels), or null for all; the reader's choice sets it. */
  highlight: string | null;
  setHighlight: (highlight: string) => void;
  /** The base element's "Download summary" action, if this element can offer one. */
  summaryDownload: DownloadAction | null;
}

type Spec = ReturnType<typeof curveSpec> | ReturnType<typeof forestSpec>;
/** The last spec of each element: redrawing on every render would cost a Vega parse each time. */
const specs = new WeakMap<HTMLElement, { key: string; result: RereferralShown; spec: Spec | null }>();

/** The chart spec of the view, rebuilt only when the result, view, width or theme change. */
function specOf(r: RereferralShown, host: RereferralHost): Spec | null {
  // The theme's colours for the marks that are not a group's.
  const c: SpecColors = themeColors(host.element, LIGHT_COLORS);
  const key = `${host.view}|${host.width}|${host.highlight}|${Object.values(c).join(',')}`;
  let cache = specs.get(host.element);
  if (cache?.key !== key || cache.result !== r) {
    const options = { width: host.width, colors: c, highlight: host.highlight?.split(',') ?? [] };
    const spec = host.view === 'curve' ? curveSpec(r, options) : forestSpec(r, options);
    cache = { key, result: r, spec };
    specs.set(host.element, cache);
  }
  return cache.spec;
}

function renderSwitch(host: RereferralHost): TemplateResult {
  const views: RadioOption<RereferralView>[] = [
    { value: 'curve', label: 'Curves' },
    { value: 'hazard-ratios', label: 'Hazard ratios' },
  ];
  return renderRadios(
    { name: 'view', legend: 'Show', part: 'view-switch', className: 'switch' },
    views,
    host.view,
    host.setView,
  );
}

function downloads(
  r: RereferralShown,
  host: RereferralHost,
  csv: (() => string) | null,
  extra: DownloadAction[] = [],
): TemplateResult | typeof nothing {
  const base = (r.file ?? 'rereferral').replace(/\.[a-z]+$/i, '');
  const name = (what: string, ext: string) => safeFileName(`${base}-rereferral-${what}`, ext);
  const actions: DownloadAction[] = [];
  if (csv)
    actions.push({
      label: 'Download the table (CSV)',
      run: () => downloadCsv(csv(), name(host.view === 'curve' ? 'table' : 'hazard-ratios', 'csv')),
    });
  actions.push(...extra);
  const summary = host.summaryDownload;
  if (summary) actions.push(summary);
  if (specOf(r, host)) actions.push(...chartDownloads(host.element, (ext) => name(host.view, ext)));
  return renderDownloads(actions);
}

/** The highlight control: every group in colour, or one drawn out (the attribute may name several). */
function renderHighlight(r: RereferralShown, host: RereferralHost): TemplateResult | typeof nothing {
  const labels = r.groups.filter((g) => g.months.length > 0).map((g) => g.label);
  if (labels.length < 3) return nothing;
  const now = host.highlight ?? '';
  const options = now && !labels.includes(now) ? [now, ...labels] : labels;
  return html`<p class="highlight">
    <label for="highlight">Highlight</label>
    <select
      id="highlight"
      part="highlight"
      @change=${(e: Event) => host.setHighlight((e.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${!now}>Every group in colour</option>
      ${options.map((l) => html`<option .value=${l} ?selected=${l === now}>${l}</option>`)}
    </select>
  </p>`;
}

function renderCurve(r: RereferralShown, host: RereferralHost, summary: string): TemplateResult {
  const table = curveTable(r);
  const lr = r.logRank;
  return html`${renderHighlight(r, host)}
    <div class="chart-area">
      ${renderChart(specOf(r, host), summary, host.theme)}${renderRiskTable(r, host.width)}
    </div>
    ${lr ? html`<p class="test">Log-rank test across the ${lr.groups.length} groups: chi-square ${formatNumber(lr.chisq, 1)} on ${lr.df} degrees of freedom, ${pText(lr.p)}.</p>` : nothing}
    ${renderTable(table)}
    ${downloads(r, host, () => curveTableCsv(r), [
      {
        label: 'Download the curves (CSV)',
        run: () =>
          downloadCsv(
            curvesCsv(r),
            safeFileName(`${(r.file ?? 'rereferral').replace(/\.[a-z]+$/i, '')}-rereferral-curves`, 'csv'),
          ),
      },
    ])}`;
}

function renderHazards(r: RereferralShown, host: RereferralHost, summary: string): TemplateResult {
  if (!r.cox)
    return html`<p class="empty">
      Hazard ratios compare groups: set the group attribute to category, age, gender, ethnicity, source or
      need to see them.
    </p>`;
  const table = hazardTable(r);
  const covariates = covariateTable(r);
  return html`<div class="chart-area">${renderChart(specOf(r, host), summary, host.theme)}</div>
    ${renderTable(table)} ${covariates.rows.length ? renderTable(covariates) : nothing}
    ${downloads(r, host, () => tableToCsv(table))}`;
}

/** The ready state: summary, caption, switch, the view, and how the episodes were counted. */
export function renderRereferral(r: RereferralShown, host: RereferralHost): TemplateResult {
  const summary = summaryText(r, host.view);
  return html`${renderSummary(summary)} ${renderCaption(captionText(r, host.view))} ${renderSwitch(host)}
    ${host.view === 'curve' ? renderCurve(r, host, summary) : renderHazards(r, host, summary)}
    <details>
      <summary>How the episodes were counted</summary>
      ${renderTable(accountTable(r))}
      ${
        r.warnings.length
          ? html`<ul class="warnings">
              ${r.warnings.map((w) => html`<li>${w.message}</li>`)}
            </ul>`
          : nothing
      }
    </details>`;
}
