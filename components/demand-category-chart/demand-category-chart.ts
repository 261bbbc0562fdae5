// <demand-category-chart>: which categories of demand a council's assessments fall into, against
// England. The worker runs src/analyses/demand.ts on the assessments (the national 12 categories, or
// groups a latent class analysis finds in the data); this element draws the result in four views:
// `share` (bars with intervals and England's share), `trend` (growth by financial year),
// `profile` (what each category is made of) and `characteristics` (who is in each, by gender, age
// or ethnic group). Every view has a caption, a one-sentence summary, the figures as a table, and
// CSV, SVG and PNG downloads. Rendering is a pure function of the result and the width: `results` /
// `results-src` take a result made earlier, or a published summary's demand section (no worker).
// This file is the element's state, attributes and analysis; what the ready state draws is in
// demand-category-chart.view.ts, which loadView imports lazily (a page's first load stays small).
import type { PropertyDeclarations, PropertyValues, TemplateResult } from 'lit';
import type { DemandOptions, DemandResult } from '../../src/analyses/demand-types.js';
import type { Summary } from '../../src/publish/summary-types.js';
import type { SummaryRequestOptions } from '../../workers/api.js';
import { publicationOf } from '../internal/published.js';
import { AnalysisError, type DataSource } from '../../workers/client.js';
import { CscElement, type ComputeContext } from '../internal/csc-element.js';
import { sharedStyles } from '../internal/shared-styles.js';
import type { DemandView, Dimension } from './demand-category-chart.spec.js';
import type { DemandShown } from './demand-category-chart.text.js';

type ViewModule = typeof import('./demand-category-chart.view.js');

// The names the attributes accept (the labels live with the view, in demand-category-chart.text.ts).
const VIEW_NAMES = Object.keys({
  share: 1,
  trend: 1,
  profile: 1,
  characteristics: 1,
} satisfies Record<DemandView, 1>);
const DIMENSION_NAMES = Object.keys({ gender: 1, age: 1, ethnicity: 1 } satisfies Record<Dimension, 1>);

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
 * @attr scheme-src - URL of a scheme of one's own for the national model (JSON, as "Download the groups
 *   as a scheme" saves it); the `scheme` property, when set, wins
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
  static override styles = sharedStyles;
  static override summarySection = 'demand' as const;
  static override analysisProperties = ['model', 'classes', 'period', 'benchmark', 'scheme', 'schemeSrc'];
  static override properties: PropertyDeclarations = {
    model: { type: String, reflect: true },
    classes: { type: String },
    view: { type: String, reflect: true },
    dimension: { type: String, reflect: true },
    period: { type: String },
    benchmark: { type: String },
    scheme: { attribute: false },
    schemeSrc: { type: String, attribute: 'scheme-src' },
    width: { state: true },
  };

  model = 'national';
  classes = 'auto';
  view: DemandView = 'share';
  dimension: Dimension = 'gender';
  period: string | null = null;
  benchmark = 'england';
  scheme: unknown = null;
  schemeSrc: string | null = null;
  /** The scheme fetched from `schemeSrc` (prepare), with the URL it came from. */
  private fetchedScheme: { url: string; text: string } | null = null;
  private width = 0;
  private resize: ResizeObserver | null = null;
  /** The ready state's code, loaded lazily (loadView). */
  private viewModule: ViewModule | null = null;

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
    const scheme =
      this.scheme ??
      (this.schemeSrc && this.fetchedScheme?.url === this.schemeSrc ? this.fetchedScheme.text : null);
    if (this.model === 'national' && scheme !== null && scheme !== undefined) options.scheme = scheme;
    return options;
  }

  /** Fetches the scheme at `scheme-src` (once per URL) when no `scheme` property is set. */
  protected override async prepare(signal: AbortSignal): Promise<void> {
    const url = this.schemeSrc;
    if (!url || this.model !== 'national' || (this.scheme !== null && this.scheme !== undefined)) return;
    if (this.fetchedScheme?.url === url) return;
    let response: Response;
    try {
      response = await fetch(new URL(url, document.baseURI).href, { credentials: 'same-origin', signal });
    } catch (e) {
      if (signal.aborted) throw e;
      throw new AnalysisError(`Could not fetch the scheme from ${url}.`, 'fetch-failed');
    }
    if (!response.ok)
      throw new AnalysisError(
        `Could not fetch the scheme from ${url}: the server answered ${response.status}.`,
        'fetch-failed',
        // Worth a retry only when the server may answer otherwise later (not a 404).
        { transient: response.status === 408 || response.status === 429 || response.status >= 500 },
      );
    this.fetchedScheme = { url, text: await response.text() };
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
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.resize = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('view') && !VIEW_NAMES.includes(this.view)) this.view = 'share';
    if (changed.has('dimension') && !DIMENSION_NAMES.includes(this.dimension)) this.dimension = 'gender';
  }

  private chartWidth(): number {
    return this.width || Math.floor(this.getBoundingClientRect().width) || 640;
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

  protected override async loadView(): Promise<void> {
    this.viewModule ??= await import('./demand-category-chart.view.js');
    this.adoptViewStyles(this.viewModule.viewStyles);
  }

  protected override renderResult(r: DemandShown): TemplateResult {
    return this.viewModule!.renderDemand(r, {
      element: this,
      view: this.view,
      dimension: this.dimension,
      theme: this.theme,
      width: this.chartWidth(),
      change: (view, dimension) => this.change(view, dimension),
      summaryDownload: this.summaryDownload(),
    });
  }
}
