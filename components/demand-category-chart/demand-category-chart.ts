// <demand-category-chart>: which categories of demand a council's assessments fall into, against
// England. The worker runs src/analyses/demand.ts on the assessments (the national 12 categories, or
// groups a latent class analysis finds in the data); this element draws the result in four views:
// `share` (bars with intervals and England's share), `trend` (growth by financial year),
// `profile` (what each category is made of) and `characteristics` (who is in each, by gender, age
// or ethnic group). Every view has a caption, a one-sentence summary, the figures as a table, and
// CSV, SVG and PNG downloads. Rendering is a pure function of the result and the width: `results` /
// `results-src` take a result made earlier, or a published summary's demand section (no worker).
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Spec as TopLevelSpec } from 'vega'; // the spec builders return Vega specs
import type { DemandOptions, DemandResult } from '../../src/analyses/demand-types.js';
import type { Summary } from '../../src/publish/summary-types.js';
import type { SummaryRequestOptions } from '../../workers/api.js';
import { publicationOf } from '../internal/published.js';
import { AnalysisError, type DataSource } from '../../workers/client.js';
import { CscElement, type ComputeContext } from '../internal/csc-element.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { renderCaption, renderDownloads, renderSummary, type DownloadAction } from '../internal/render.js';
import { renderTable, tableToCsv } from '../internal/table.js';
import { downloadBlob, downloadCsv, safeFileName } from '../internal/download.js';
import type { CscVegaChart } from '../internal/vega-chart.js';
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
import { demandCategoryChartStyles } from './demand-category-chart.styles.js';

const VIEW_NAMES = VIEWS.map((v) => v.view);
const DIMENSION_NAMES = DIMENSIONS.map((d) => d.dimension);

function isSummary(v: unknown): v is Summary {
  return (v as Partial<Summary> | null)?.format === 'csc-demand-summary';
}

function isResult(v: unknown): v is DemandResult {
  const r = v as Partial<DemandResult> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.kind === 'demand' &&
    Array.isArray(r.categories) &&
    Array.isArray(r.years) &&
    Array.isArray(r.characteristics) &&
    typeof r.profiles === 'object' &&
    typeof r.classified === 'number'
  );
}

export interface DemandViewChangeDetail {
  view: DemandView;
  dimension: Dimension;
}

/**
 * Categories of demand in a council's assessments: shares against England, trend by financial year,
 * what each category is made of, and who is in each.
 *
 * @element demand-category-chart
 * @attr src - URL of the assessments CSV (or JSON rows)
 * @attr results-src - URL of a published summary (`csc-demand analyse`), or of a demand result (JSON)
 *   made earlier: no worker needed
 * @attr public - show record-level data only as a published summary would (suppression applied)
 * @attr model - national (default: the 12 national categories) or local (groups found in the data)
 * @attr classes - local model: a number of groups, or auto (default: 1 to 14, chosen by BIC)
 * @attr view - share (default), trend, profile or characteristics
 * @attr dimension - characteristics view: gender (default), age or ethnicity
 * @attr period - financial years, e.g. 2018-2024 (April 2018 to March 2024) or 2021-22; default all
 * @attr benchmark - england (default) or none
 * @attr heading - the heading (default "Categories of demand"; '' for none)
 * @attr heading-level - 2 to 6 (default 2)
 * @attr month-first - read 01/04/2023 as 4 January
 * @prop file - the assessments as a File or Blob (streamed in the worker, never uploaded)
 * @prop data - the assessments as rows in memory
 * @prop results - a summary object, or a demand result (as the `csc-analysis-complete` event gives it)
 * @prop scheme - a scheme of one's own for the national model (an object, or its JSON text)
 * @fires csc-analysis-start - a request started; detail `{source}`
 * @fires csc-analysis-progress - detail `{phase, done, total, fraction}`
 * @fires csc-analysis-complete - detail `{result, status}`
 * @fires csc-analysis-error - detail `{error: {message, code, problems, problemCount}}`
 * @fires csc-view-change - the reader switched view or dimension; detail `{view, dimension}`
 * @csspart container - the element's section
 * @csspart heading - the heading
 * @csspart summary - the one-sentence summary
 * @csspart caption - what the figures are
 * @csspart view-switch - the view switch (a radio group)
 * @csspart dimension-switch - the gender / age / ethnic group switch of the characteristics view
 * @csspart chart - the chart (an SVG drawn by Vega, role img)
 * @csspart table - each table of figures
 * @csspart controls - the download buttons
 * @csspart error - the error box
 * @csspart loading - the progress area
 * @cssprop --csc-color-1 - colour of the bars, lines and points (and the other tokens of the README's theming table)
 */
export class CscDemandCategoryChart extends CscElement<DemandShown> {
  static override styles = [...sharedStyles, demandCategoryChartStyles];
  static override summarySection = 'demand' as const;
  static override analysisProperties = ['model', 'classes', 'period', 'benchmark', 'scheme'];
  static override properties: PropertyDeclarations = {
    model: { type: String, reflect: true },
    classes: { type: String },
    view: { type: String, reflect: true },
    dimension: { type: String, reflect: true },
    period: { type: String },
    benchmark: { type: String },
    scheme: { attribute: false },
    width: { state: true },
  };

  model = 'national';
  classes = 'auto';
  view: DemandView = 'share';
  dimension: Dimension = 'gender';
  period: string | null = null;
  benchmark = 'england';
  scheme: unknown = null;
  private width = 0;
  private resize: ResizeObserver | null = null;
  private specCache: { key: string; result: DemandShown; spec: TopLevelSpec | null } | null = null;
  private darkMode: MediaQueryList | null = null;
  private readonly onSchemeChange = () => this.requestUpdate();

  protected override get defaultHeading(): string {
    return 'Categories of demand';
  }

  /** The analysis options from the attributes (an AnalysisError names a bad attribute). */
  analysisOptions(): DemandOptions {
    const bad = (attr: string, expected: string, got: unknown) =>
      new AnalysisError(
        `The ${attr} attribute should be ${expected}; got "${String(got)}".`,
        'invalid-option',
      );
    if (this.model !== 'national' && this.model !== 'local')
      throw bad('model', 'national or local', this.model);
    if (this.benchmark !== 'england' && this.benchmark !== 'none')
      throw bad('benchmark', 'england or none', this.benchmark);
    const c = String(this.classes ?? 'auto').trim();
    const classes = c === '' || c === 'auto' ? 'auto' : Number(c);
    if (classes !== 'auto' && !(Number.isInteger(classes) && classes >= 1 && classes <= 30))
      throw bad('classes', 'auto or a whole number from 1 to 30', this.classes);
    if (this.period && !/^\s*\d{4}\s*[-/–]\s*(\d{2}|\d{4})\s*$/.test(this.period))
      throw bad('period', 'financial years such as 2018-2024 or 2021-22', this.period);
    const options: DemandOptions = {
      model: this.model,
      classes,
      period: this.period || null,
      benchmark: this.benchmark,
    };
    if (this.model === 'national' && this.scheme !== null && this.scheme !== undefined)
      options.scheme = this.scheme;
    return options;
  }

  protected override async compute(source: DataSource, ctx: ComputeContext): Promise<DemandResult> {
    const options = this.analysisOptions();
    return ctx.client.analyse('demand', source, options, {
      kind: 'assessments',
      monthFirst: ctx.monthFirst,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    });
  }

  protected override summaryOptions(): SummaryRequestOptions {
    const { model, ...demand } = this.analysisOptions();
    return { model, demand };
  }

  protected override fromResults(json: unknown): DemandShown {
    if (isResult(json)) return json;
    if (!isSummary(json))
      throw new AnalysisError(
        'These figures are not a demand result. Nor are they a published summary (its "format" is "csc-demand-summary").',
        'invalid-results',
      );
    const r = json.demand;
    if (!r) {
      const why = json.warnings.find((w) => w.code === 'demand-failed')?.message;
      throw new AnalysisError(
        `This summary has no demand figures${why ? `: ${why}` : '.'}`,
        'missing-section',
      );
    }
    // A model asked for in the markup must be the summary's (else the categories are not the ones asked).
    if (this.hasAttribute('model') && this.model !== r.model)
      throw new AnalysisError(
        `This summary's demand categories come from the ${r.model} model, not the ${this.model} one: set model="${r.model}", or publish a summary with --model ${this.model}.`,
        'missing-section',
      );
    return { ...r, publication: publicationOf(json) };
  }

  protected override isEmpty(r: DemandShown): boolean {
    return r.classified === 0 || r.categories.length === 0;
  }

  protected override emptyMessage(): string {
    return 'No assessment here records a factor, so there are no categories of demand to show.';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A new width redraws the chart in the next frame, not inside the observer's callback (a redraw
    // that changes the page's height there can loop: Firefox reports it as an error). Changes under
    // 24 px (a scrollbar coming and going) are left to the SVG, which scales to fit.
    this.resize = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0 && (this.width === 0 || Math.abs(w - this.width) >= 24))
        requestAnimationFrame(() => {
          if (this.isConnected) this.width = w;
        });
    });
    this.resize.observe(this);
    this.darkMode = globalThis.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this.darkMode?.addEventListener('change', this.onSchemeChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.resize = null;
    this.darkMode?.removeEventListener('change', this.onSchemeChange);
    this.darkMode = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('view') && !VIEW_NAMES.includes(this.view)) this.view = 'share';
    if (changed.has('dimension') && !DIMENSION_NAMES.includes(this.dimension)) this.dimension = 'gender';
  }

  private chartWidth(): number {
    return this.width || Math.floor(this.getBoundingClientRect().width) || 640;
  }

  private colors(): SpecColors {
    const cs = getComputedStyle(this);
    const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
    return {
      text: v('--_text', LIGHT_COLORS.text),
      muted: v('--_text-2', LIGHT_COLORS.muted),
      background: v('--_bg', LIGHT_COLORS.background),
      accent: v('--_c1', LIGHT_COLORS.accent),
      border: v('--_border', LIGHT_COLORS.border),
    };
  }

  /** The chart spec of the view, rebuilt only when the result, view, dimension, width or theme change. */
  private spec(r: DemandShown): TopLevelSpec | null {
    const width = this.chartWidth();
    const colors = this.colors();
    const key = `${this.view}|${this.dimension}|${width}|${Object.values(colors).join(',')}`;
    if (this.specCache?.key !== key || this.specCache.result !== r)
      this.specCache = {
        key,
        result: r,
        // Published figures: a suppressed share, index or ratio is null, and the spec leaves it out.
        spec: viewSpec(r as DemandResult, this.view, { width, colors, dimension: this.dimension }),
      };
    return this.specCache.spec;
  }

  private change(view: DemandView, dimension: Dimension): void {
    if (view === this.view && dimension === this.dimension) return;
    this.view = view;
    this.dimension = dimension;
    this.dispatchEvent(
      new CustomEvent<DemandViewChangeDetail>('csc-view-change', {
        detail: { view, dimension },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private renderSwitches(): TemplateResult {
    const views = VIEWS.map(
      (v) =>
        html`<label
          ><input
            type="radio"
            name="view"
            value=${v.view}
            .checked=${this.view === v.view}
            @change=${() => this.change(v.view, this.dimension)}
          />${v.label}</label
        >`,
    );
    const dims = DIMENSIONS.map(
      (d) =>
        html`<label
          ><input
            type="radio"
            name="dimension"
            value=${d.dimension}
            .checked=${this.dimension === d.dimension}
            @change=${() => this.change(this.view, d.dimension)}
          />${d.label}</label
        >`,
    );
    return html`<fieldset class="switch" part="view-switch">
        <legend>Show</legend>
        ${views}
      </fieldset>
      ${
        this.view === 'characteristics'
          ? html`<fieldset class="switch" part="dimension-switch">
              <legend>By</legend>
              ${dims}
            </fieldset>`
          : nothing
      }`;
  }

  private chart(): CscVegaChart | null {
    return this.renderRoot.querySelector('csc-vega-chart');
  }

  private downloads(r: DemandShown, csv: () => string): TemplateResult | typeof nothing {
    const file = r.input?.file ?? 'assessments';
    const base = `${file.replace(/\.[a-z]+$/i, '')}-demand-${this.view}${this.view === 'characteristics' ? `-${this.dimension}` : ''}`;
    const actions: DownloadAction[] = [
      { label: 'Download the table (CSV)', run: () => downloadCsv(csv(), safeFileName(base, 'csv')) },
    ];
    if (this.spec(r))
      actions.push(
        {
          label: 'Download the chart (SVG)',
          run: async () => {
            const svg = await this.chart()!.toSVG();
            downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), safeFileName(base, 'svg'));
          },
        },
        {
          label: 'Download the chart (PNG)',
          run: async () => downloadBlob(await this.chart()!.toPNG(), safeFileName(base, 'png')),
        },
      );
    const summary = this.summaryDownload();
    if (summary) actions.push(summary);
    if (r.localScheme && this.view === 'share')
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

  private renderView(r: DemandShown, summary: string): TemplateResult {
    const spec = this.spec(r);
    const chart = spec
      ? html`<div class="chart-area">
          <csc-vega-chart
            part="chart"
            .spec=${spec}
            label=${summary}
            theme=${ifDefined(this.theme ?? undefined)}
          ></csc-vega-chart>
        </div>`
      : nothing;
    switch (this.view) {
      case 'trend': {
        const counts = trendTable(r, 'counts');
        return html`${chart} ${renderTable(trendTable(r, 'index'))} ${renderTable(counts)}
        ${this.downloads(r, () => trendCsv(r))}`;
      }
      case 'profile': {
        const table = profileTable(r);
        return html`${chart} ${renderTable(table)} ${this.downloads(r, () => tableToCsv(table))}`;
      }
      case 'characteristics': {
        const table = characteristicsTable(r, this.dimension);
        return html`${chart} ${renderTable(table)} ${this.downloads(r, () => characteristicsCsv(r))}`;
      }
      default: {
        const table = shareTable(r);
        return html`${chart} ${renderTable(table)} ${this.downloads(r, () => tableToCsv(table))}`;
      }
    }
  }

  protected override renderResult(r: DemandShown): TemplateResult {
    const summary = summaryText(r, this.view, this.dimension);
    const fits = fitTable(r);
    const notes = [...codeNotes(r), ...r.warnings.map((w) => w.message)];
    return html`${renderSummary(summary)} ${renderCaption(captionText(r, this.view, this.dimension))}
      ${this.renderSwitches()} ${this.renderView(r, summary)}
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
}
