// The ready state of <rereferral-curve>: the view switch, the curves with their number-at-risk table
// or the forest plot of hazard ratios, the tables, the downloads and the notes, drawn from a result.
// The element (rereferral-curve.ts) imports this module lazily, in its loadView, while the analysis
// runs, so the sentences, tables and spec builders stay out of what a page loads first (the size
// budget of issue 7); it registers <csc-vega-chart> too. Rendering is a pure function of the result
// and of what the host passes (view, width, theme); the host owns state and events.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineChart } from '../internal/define-chart.js';
import { renderCaption, renderDownloads, renderSummary, type DownloadAction } from '../internal/render.js';
import { renderTable, tableToCsv } from '../internal/table.js';
import { downloadBlob, downloadCsv, safeFileName } from '../internal/download.js';
import { formatNumber } from '../internal/format.js';
import type { CscVegaChart } from '../internal/vega-chart.js';
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

defineChart();

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
  /** The base element's "Download summary" action, if this element can offer one. */
  summaryDownload: DownloadAction | null;
}

type Spec = ReturnType<typeof curveSpec>;
/** The last spec of each element: redrawing on every render would cost a Vega parse each time. */
const specs = new WeakMap<HTMLElement, { key: string; result: RereferralShown; spec: Spec | null }>();

/** The theme's colours for the marks that are not a group's (read from the design tokens). */
function colors(element: HTMLElement): SpecColors {
  const cs = getComputedStyle(element);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--_text', LIGHT_COLORS.text),
    muted: v('--_text-2', LIGHT_COLORS.muted),
    background: v('--_bg', LIGHT_COLORS.background),
    accent: v('--_c1', LIGHT_COLORS.accent),
  };
}

/** The chart spec of the view, rebuilt only when the result, view, width or theme change. */
function specOf(r: RereferralShown, host: RereferralHost): Spec | null {
  const c = colors(host.element);
  const key = `${host.view}|${host.width}|${Object.values(c).join(',')}`;
  let cache = specs.get(host.element);
  if (cache?.key !== key || cache.result !== r) {
    const options = { width: host.width, colors: c };
    const spec = host.view === 'curve' ? curveSpec(r, options) : forestSpec(r, options);
    cache = { key, result: r, spec };
    specs.set(host.element, cache);
  }
  return cache.spec;
}

function chartOf(host: RereferralHost): CscVegaChart | null {
  return host.element.shadowRoot?.querySelector('csc-vega-chart') ?? null;
}

function renderSwitch(host: RereferralHost): TemplateResult {
  const option = (view: RereferralView, label: string) =>
    html`<label
      ><input
        type="radio"
        name="view"
        value=${view}
        .checked=${host.view === view}
        @change=${() => host.setView(view)}
      />${label}</label
    >`;
  return html`<fieldset class="view-switch" part="view-switch">
    <legend>Show</legend>
    ${option('curve', 'Curves')} ${option('hazard-ratios', 'Hazard ratios')}
  </fieldset>`;
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
  if (specOf(r, host)) {
    actions.push(
      {
        label: 'Download the chart (SVG)',
        run: async () => {
          const svg = await chartOf(host)!.toSVG();
          downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), name(host.view, 'svg'));
        },
      },
      {
        label: 'Download the chart (PNG)',
        run: async () => downloadBlob(await chartOf(host)!.toPNG(), name(host.view, 'png')),
      },
    );
  }
  return renderDownloads(actions);
}

function renderCurve(r: RereferralShown, host: RereferralHost, summary: string): TemplateResult {
  const table = curveTable(r);
  const lr = r.logRank;
  return html`<div class="chart-area">
      <csc-vega-chart
        part="chart"
        .spec=${specOf(r, host)}
        label=${summary}
        theme=${ifDefined(host.theme ?? undefined)}
      ></csc-vega-chart
      >${renderRiskTable(r, host.width)}
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
  return html`<div class="chart-area">
      <csc-vega-chart
        part="chart"
        .spec=${specOf(r, host)}
        label=${summary}
        theme=${ifDefined(host.theme ?? undefined)}
      ></csc-vega-chart>
    </div>
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
