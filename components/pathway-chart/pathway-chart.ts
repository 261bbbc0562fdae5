// <pathway-chart>: what happened after each assessment, by demand category. The worker runs
// src/analyses/pathways.ts (the highest intervention within a window, adjusted odds of a plan and of
// care, the deprivation gradient, plan categories against the factors assessed); this element draws
// the result in four views, each with a caption, a one-sentence summary, a chart, its table twin and
// downloads. `results` / `results-src` take a result made earlier or a published summary's pathways
// section (no worker). This file is the element's state and attributes only: the view, the attribute
// checks and every word are in pathway-chart.view.ts, loaded lazily (a page's first load stays small).
import type { PropertyDeclarations, TemplateResult } from 'lit';
import type { GradientSplit, PathwaysResult } from '../../src/analyses/pathways-types.js';
import type { Summary } from '../../src/publish/summary-types.js';
import type { SummaryRequestOptions } from '../../workers/api.js';
import { AnalysisError, type DataSource } from '../../workers/client.js';
import { CscElement, type ComputeContext } from '../internal/csc-element.js';
import { publicationOf } from '../internal/published.js';
import { sharedStyles } from '../internal/shared-styles.js';
import type { PathwayView } from './pathway-chart.spec-base.js';
import type { PathwaysShown } from './pathway-chart.types.js';

type ViewModule = typeof import('./pathway-chart.view.js');

export interface PathwayViewChangeDetail {
  view: PathwayView;
}

/**
 * What happened after each assessment, by demand category: no further action, child in need
 * support, a child protection plan or care; adjusted odds; the deprivation gradient; plan categories.
 *
 * @element pathway-chart
 * @attr src - URL of the assessments CSV (or JSON rows)
 * @attr results-src - URL of a published summary (`csc-demand analyse`), or of a pathways result (JSON)
 *   made earlier: no worker needed
 * @attr public - show record-level data only as a published summary would (suppression applied)
 * @attr view - pathways (default), adjusted, gradient or plans
 * @attr window - months after the assessment in which the highest intervention is sought (default 12)
 * @attr split - gradient view: age (default: under 5 against older), neglect, ethnicity or none
 * @attr reference - the category the odds ratios compare against (default the largest)
 * @attr heading - the heading (default "What happened after the assessment"; '' for none)
 * @attr heading-level - 2 to 6 (default 2)
 * @attr month-first - read 01/04/2023 as 4 January
 * @prop file - the assessments as a File or Blob (streamed in the worker, never uploaded)
 * @prop data - the assessments as rows in memory
 * @prop results - a summary object, or a pathways result (as the `csc-analysis-complete` event gives it)
 * @fires csc-analysis-start - a request started; detail `{source}`
 * @fires csc-analysis-progress - detail `{phase, done, total, fraction}`
 * @fires csc-analysis-complete - detail `{result, status}`
 * @fires csc-analysis-error - detail `{error: {message, code, problems, problemCount}}`
 * @fires csc-view-change - the reader switched view; detail `{view}`
 * @csspart container - the element's section
 * @csspart heading - the heading
 * @csspart summary - the one-sentence summary
 * @csspart caption - what the figures are
 * @csspart view-switch - the view switch (a radio group)
 * @csspart chart - the chart (an SVG drawn by Vega, role img)
 * @csspart table - each table of figures
 * @csspart controls - the download buttons
 * @csspart error - the error box
 * @csspart loading - the progress area
 * @cssprop --csc-color-1 - colour of plans (and the other tokens of the README's theming table)
 */
export class CscPathwayChart extends CscElement<PathwaysShown> {
  static override styles = sharedStyles;
  static override summarySection = 'pathways' as const;
  static override analysisProperties = ['window', 'split', 'reference'];
  static override properties: PropertyDeclarations = {
    view: { type: String, reflect: true },
    window: { type: String },
    split: { type: String },
    reference: { type: String },
    width: { state: true },
  };

  view: PathwayView = 'pathways';
  window: string | null = null;
  split: GradientSplit | null = null;
  reference: string | null = null;
  private width = 0;
  private resize: ResizeObserver | null = null;
  private viewModule: ViewModule | null = null;

  protected override get defaultHeading(): string {
    return 'What happened after the assessment';
  }

  protected override async loadView(): Promise<void> {
    this.viewModule ??= await import('./pathway-chart.view.js');
    this.adoptViewStyles(this.viewModule.viewStyles);
  }

  /** The attribute checks are in the view module: loaded before anything needs them. */
  protected override prepare(): Promise<void> {
    return this.loadView();
  }

  protected override async compute(source: DataSource, ctx: ComputeContext): Promise<PathwaysShown> {
    const r: PathwaysResult = await ctx.client.analyse(
      'pathways',
      source,
      this.viewModule!.checkOptions(this),
      {
        kind: 'assessments',
        monthFirst: ctx.monthFirst,
        signal: ctx.signal,
        onProgress: ctx.onProgress,
      },
    );
    return r;
  }

  protected override summaryOptions(): SummaryRequestOptions {
    return { pathways: this.viewModule!.checkOptions(this) };
  }

  protected override fromResults(json: unknown): PathwaysShown {
    const j = json as Partial<Summary & PathwaysResult> | null;
    if (j?.method === 'pathways' && Array.isArray(j.categories)) return j as PathwaysResult;
    if (j?.format !== 'csc-demand-summary')
      throw new AnalysisError(
        'These figures are neither a pathways result nor a published summary.',
        'invalid-results',
      );
    if (!j.pathways) throw new AnalysisError('This summary has no pathways figures.', 'missing-section');
    return { ...j.pathways, publication: publicationOf(j as Summary) };
  }

  protected override isEmpty(r: PathwaysShown): boolean {
    return r.n === 0 || !r.categories.length;
  }

  protected override emptyMessage(): string {
    return 'No assessment here has both a demand category and a whole window of follow-up, so there is nothing to show.';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A new width redraws in the next frame (not inside the observer: Firefox reports a loop), and
    // only for changes of 24 px or more (a scrollbar coming and going is left to the SVG).
    this.resize = new ResizeObserver(([e]) => {
      const w = Math.floor(e?.contentRect.width ?? 0);
      if (w > 0 && Math.abs(w - this.width) >= 24) requestAnimationFrame(() => (this.width = w));
    });
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
  }

  protected override renderResult(r: PathwaysShown): TemplateResult {
    return this.viewModule!.renderPathways(r, {
      element: this,
      view: (['adjusted', 'gradient', 'plans'] as string[]).includes(this.view) ? this.view : 'pathways',
      theme: this.theme,
      width: this.width || this.getBoundingClientRect().width || 640,
      change: (view) => {
        this.view = view;
        this.dispatchEvent(
          new CustomEvent<PathwayViewChangeDetail>('csc-view-change', {
            detail: { view },
            bubbles: true,
            composed: true,
          }),
        );
      },
      summaryDownload: this.summaryDownload(),
    });
  }
}
