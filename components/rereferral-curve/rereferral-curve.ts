// <rereferral-curve>: how soon children come back to children's social care after a child-in-need
// episode closes. The worker runs src/analyses/rereferral.ts on the assessments (episodes followed
// from closure to the child's next referral: Kaplan-Meier curves, log-rank test, Cox hazard ratios);
// this element draws the result: `view="curve"` the step curves of the cumulative percentage
// re-referred with confidence bands, the 12-month and six-year marks beside the England benchmarks,
// and the number at risk under the chart lined up with its axis; `view="hazard-ratios"` the forest
// plot of adjusted hazard ratios. Both with a caption, a one-sentence summary, the figures as tables,
// and CSV, SVG and PNG downloads. Rendering is a pure function of the result (`results` /
// `results-src` take one made earlier, or a published summary's re-referral section, no worker) and
// of the width the element has. This file is the element's state, attributes and analysis; what the
// ready state draws is in rereferral-curve.view.ts, which loadView imports lazily (a page's first load stays small).
import type { PropertyDeclarations, PropertyValues, TemplateResult } from 'lit';
import type {
  RereferralOptions,
  RereferralOutcome,
  RereferralResult,
} from '../../src/analyses/rereferral-types.js';
import type { Summary } from '../../src/publish/summary-types.js';
import type { SummaryRequestOptions } from '../../workers/api.js';
import { publicationOf } from '../internal/published.js';
import { AnalysisError, type DataSource } from '../../workers/client.js';
import { CscElement, type ComputeContext } from '../internal/csc-element.js';
import { sharedStyles } from '../internal/shared-styles.js';
import type { RereferralShown, RereferralView } from './rereferral-curve.text.js';

type ViewModule = typeof import('./rereferral-curve.view.js');

const GROUPS = ['category', 'age', 'gender', 'ethnicity', 'source', 'need', 'none'];
const GROUP_WORDS: Record<string, string> = {
  category: 'demand category',
  age: 'age',
  gender: 'gender',
  ethnicity: 'ethnic group',
  source: 'referral source',
  need: 'primary need',
  none: 'no grouping',
};

function isSummary(v: unknown): v is Summary {
  return (v as Partial<Summary> | null)?.format === 'csc-demand-summary';
}
const CONF_TYPES = ['log-log', 'log', 'plain'];
// Each outcome: its summary section and its heading (the curves, bands and models are the same).
const OUTCOMES: Record<string, ['rereferral' | 'repeatPlans' | 'careReentry', string]> = {
  rereferral: ['rereferral', 'Re-referral after an episode closes'],
  'repeat-plan': ['repeatPlans', 'A repeat child protection plan after one ends'],
  'care-reentry': ['careReentry', 'Back into care after leaving'],
};

function isResult(v: unknown): v is RereferralResult {
  const r = v as Partial<RereferralResult> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.method === 'rereferral' &&
    Array.isArray(r.groups) &&
    typeof r.overall === 'object' &&
    typeof r.options === 'object' &&
    Array.isArray(r.benchmarks)
  );
}

export interface ViewChangeDetail {
  view: RereferralView;
}

/**
 * Re-referral after a child-in-need episode closes: Kaplan-Meier curves by group with the number at
 * risk, the log-rank test, and Cox hazard ratios as a forest plot.
 *
 * @element rereferral-curve
 * @attr src - URL of the assessments CSV (or JSON rows)
 * @attr outcome - rereferral (default), repeat-plan (from the end of a child protection plan to the
 *   start of another) or care-reentry (from leaving care to entering it again)
 * @attr group - category (default), age, gender, ethnicity, source, need or none
 * @attr view - curve (default) or hazard-ratios
 * @attr conf-type - log-log (default), log or plain: the confidence bands, as R's survfit
 * @attr horizon - months of follow-up to show (default 72); never beyond the longest follow-up
 * @attr reference - the group the hazard ratios compare against (default: the largest)
 * @attr extract-date - the date of the extract, e.g. 2024-03-31 (default: the latest date in the file)
 * @attr highlight - groups to draw in colour with their bands, by name, separated by commas (the
 *   others grey, without bands; the table keeps every group); default none: every group in colour
 * @attr results-src - URL of a published summary (`csc-demand analyse`), or of a re-referral result
 *   (JSON) made earlier: no worker needed
 * @attr public - show record-level data only as a published summary would (suppression applied)
 * @attr heading - the heading (default "Re-referral after an episode closes"; '' for none)
 * @attr heading-level - 2 to 6 (default 2)
 * @attr month-first - read 01/04/2023 as 4 January
 * @prop file - the assessments as a File or Blob (streamed in the worker, never uploaded)
 * @prop data - the assessments as rows in memory
 * @prop results - a summary object, or a re-referral result (as the `csc-analysis-complete` event gives it)
 * @fires csc-analysis-start - a request started; detail `{source}`
 * @fires csc-analysis-progress - detail `{phase, done, total, fraction}`
 * @fires csc-analysis-complete - detail `{result, status}`
 * @fires csc-analysis-error - detail `{error: {message, code, problems, problemCount}}`
 * @fires csc-view-change - the reader switched view; detail `{view}`
 * @csspart container - the element's section
 * @csspart heading - the heading
 * @csspart summary - the one-sentence summary
 * @csspart caption - what the figures are and how the benchmarks differ
 * @csspart view-switch - the curve / hazard ratio switch
 * @csspart risk-table - the number-at-risk table under the chart
 * @csspart chart - the chart (an SVG drawn by Vega, role img)
 * @csspart table - each table of figures
 * @csspart controls - the download buttons
 * @csspart error - the error box
 * @csspart loading - the progress area
 * @cssprop --csc-color-1 - colour of the first group (to --csc-color-6; groups 7-12 dashed, and the
 *   other tokens of the README's theming table)
 */
export class CscRereferralCurve extends CscElement<RereferralShown> {
  static override styles = sharedStyles;
  static override summarySection = 'rereferral' as const;
  static override analysisProperties = [
    'outcome',
    'group',
    'confType',
    'horizon',
    'reference',
    'extractDate',
  ];
  static override properties: PropertyDeclarations = {
    outcome: { type: String, reflect: true },
    group: { type: String, reflect: true },
    view: { type: String, reflect: true },
    confType: { type: String, attribute: 'conf-type' },
    horizon: { type: Number },
    reference: { type: String },
    extractDate: { type: String, attribute: 'extract-date' },
    highlight: { type: String, reflect: true },
    width: { state: true },
  };

  outcome: RereferralOutcome = 'rereferral';
  group = 'category';
  view: RereferralView = 'curve';
  confType = 'log-log';
  horizon = 72;
  reference: string | null = null;
  extractDate: string | null = null;
  /** groups drawn in colour with their bands, by name, comma-separated (the others grey, without bands; the table keeps every group); default: every group in colour */
  highlight: string | null = null;
  /** Content width measured (px); the charts and the risk table are laid out for it. */
  private width = 0;
  private resize: ResizeObserver | null = null;
  /** The ready state's code, loaded lazily (loadView). */
  private viewModule: ViewModule | null = null;

  protected override get defaultHeading(): string {
    return (OUTCOMES[this.outcome] ?? OUTCOMES['rereferral']!)[1];
  }

  protected override get section(): 'rereferral' | 'repeatPlans' | 'careReentry' {
    return (OUTCOMES[this.outcome] ?? OUTCOMES['rereferral']!)[0];
  }

  /** The analysis options from the attributes (an AnalysisError names a bad attribute). */
  analysisOptions(): RereferralOptions {
    if (!OUTCOMES[this.outcome])
      throw new AnalysisError(
        `The outcome attribute should be one of ${Object.keys(OUTCOMES).join(', ')}; got "${this.outcome}".`,
        'invalid-option',
      );
    if (!GROUPS.includes(this.group))
      throw new AnalysisError(
        `The group attribute should be one of ${GROUPS.join(', ')}; got "${this.group}".`,
        'invalid-option',
      );
    if (!CONF_TYPES.includes(this.confType))
      throw new AnalysisError(
        `The conf-type attribute should be log-log, log or plain; got "${this.confType}".`,
        'invalid-option',
      );
    if (!(this.horizon > 0))
      throw new AnalysisError(
        `The horizon attribute should be a number of months above 0; got "${this.horizon}".`,
        'invalid-option',
      );
    return {
      outcome: this.outcome as RereferralOptions['outcome'],
      group: this.group as RereferralOptions['group'],
      confType: this.confType as RereferralOptions['confType'],
      horizonMonths: this.horizon,
      reference: this.reference || null,
      extractDate: this.extractDate || null,
    };
  }

  protected override async compute(source: DataSource, ctx: ComputeContext): Promise<RereferralResult> {
    const options = this.analysisOptions();
    return ctx.client.analyse('rereferral', source, options, {
      kind: 'assessments',
      monthFirst: ctx.monthFirst,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    });
  }

  protected override summaryOptions(): SummaryRequestOptions {
    // The outcome is the section's (a summary has each outcome's), not an option of the re-referral one.
    const options = this.analysisOptions();
    delete options.outcome;
    return { rereferral: options };
  }

  protected override fromResults(json: unknown): RereferralShown {
    if (isResult(json)) return json;
    if (!isSummary(json))
      throw new AnalysisError(
        'These figures are not a re-referral result. Nor are they a published summary (its "format" is "csc-demand-summary").',
        'invalid-results',
      );
    const r = json[this.section];
    if (!r) {
      const why = json.warnings.find((w) => w.code === `${this.outcome}-failed`)?.message;
      throw new AnalysisError(
        `This summary has no ${this.outcome === 'rereferral' ? 're-referral' : this.outcome} figures${why ? `: ${why}` : '.'}`,
        'missing-section',
      );
    }
    // The curves are the summary's grouping: an element whose markup asks for another cannot show it.
    if (this.hasAttribute('group') && GROUPS.includes(this.group) && r.options.group !== this.group)
      throw new AnalysisError(
        `This summary has re-referral curves by ${GROUP_WORDS[r.options.group] ?? r.options.group}, not by ${GROUP_WORDS[this.group]}: set group="${r.options.group}", or publish a summary grouped by ${GROUP_WORDS[this.group]}.`,
        'missing-section',
      );
    return { ...r, publication: publicationOf(json) };
  }

  protected override isEmpty(r: RereferralShown): boolean {
    return r.n === 0;
  }

  protected override emptyMessage(): string {
    return 'No closed episode in this file can be followed up: every episode is still open, or closed by adoption, an order, a transfer or at 18.';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      // Redraw in the next frame, not inside the observer's callback: a redraw that changes the page's
      // height there can loop, which Firefox reports as an error.
      if (w > 0 && Math.abs(w - this.width) >= 2)
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
    if (changed.has('view') && this.view !== 'curve' && this.view !== 'hazard-ratios') this.view = 'curve';
  }

  private chartWidth(): number {
    return this.width || Math.floor(this.getBoundingClientRect().width) || 640;
  }

  private setView(view: RereferralView): void {
    if (view === this.view) return;
    this.view = view;
    this.dispatchEvent(
      new CustomEvent<ViewChangeDetail>('csc-view-change', {
        detail: { view },
        bubbles: true,
        composed: true,
      }),
    );
  }

  protected override async loadView(): Promise<void> {
    this.viewModule ??= await import('./rereferral-curve.view.js');
    this.adoptViewStyles(this.viewModule.viewStyles);
  }

  protected override renderResult(r: RereferralShown): TemplateResult {
    return this.viewModule!.renderRereferral(r, {
      element: this,
      view: this.view,
      theme: this.theme,
      width: this.chartWidth(),
      setView: (view) => this.setView(view),
      highlight: this.highlight,
      setHighlight: (h) => (this.highlight = h || null),
      summaryDownload: this.summaryDownload(),
    });
  }
}
