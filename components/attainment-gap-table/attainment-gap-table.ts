// <attainment-gap-table>: the Key Stage 2 or Key Stage 4 attainment of children in need by demand
// category, against pupils not known to children's social care: pupils, mean, raw gap and the gap
// adjusted for pupils' characteristics with its 95% interval, as an accessible table sortable from
// the keyboard, with an inline bar of each adjusted gap (decorative: the numbers are in the cells).
// Two files: `src` (assessments, for each child's demand category) and `pupils-src` (results and
// characteristics); the worker reads each once and runs src/analyses/attainment.ts. `results` /
// `results-src` take the analysis's JSON made earlier, or a published summary, whose table for the
// element's key stage and outcome it shows (no worker). Rendering is a pure function of that result
// and the sort order (attainment-gap-table.text.ts holds the words). What the ready state draws is
// in attainment-gap-table.view.ts, which loadView imports lazily (a page's first load stays small).
import type { PropertyDeclarations, TemplateResult } from 'lit';
import type {
  AttainmentOptions,
  AttainmentOutcome,
  AttainmentResult,
} from '../../src/analyses/attainment-types.js';
import type { Summary } from '../../src/publish/summary-types.js';
import type { SummaryRequestOptions } from '../../workers/api.js';
import { AnalysisError, type DataSource } from '../../workers/client.js';
import { CscElement, type ComputeContext } from '../internal/csc-element.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { publicationOf } from '../internal/published.js';
import { publishingSettings } from '../internal/publishing.js';
import type { AttainmentShown, SortColumn, SortDirection } from './attainment-gap-table.text.js';

type ViewModule = typeof import('./attainment-gap-table.view.js');

/** The outcome of each key stage when none is given (DEFAULT_OUTCOME of the core). */
const DEFAULT_OUTCOME: Record<2 | 4, AttainmentOutcome> = { 4: 'attainment8', 2: 'ks2_rwm_expected' };

export interface SortChangeDetail {
  column: SortColumn | null;
  direction: SortDirection;
}

/** "2019, 2022" or "2017-2019" (or both) as years; throws on anything else. */
export function parseYears(text: string | null): number[] | null {
  if (text === null || text.trim() === '') return null;
  const years: number[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d{4})(?:-(\d{4}))?$/.exec(part);
    if (!m || (m[2] && Number(m[2]) < Number(m[1])))
      throw new AnalysisError(
        `The years attribute should list exam years such as "2019, 2022" or "2017-2019"; got "${text}".`,
        'invalid-option',
      );
    for (let y = Number(m[1]); y <= Number(m[2] ?? m[1]); y++) years.push(y);
  }
  return years;
}

function isSummary(v: unknown): v is Summary {
  return (v as Partial<Summary> | null)?.format === 'csc-demand-summary';
}

function isResult(v: unknown): v is AttainmentResult {
  const r = v as Partial<AttainmentResult> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.method === 'attainment-gap' &&
    Array.isArray(r.rows) &&
    typeof r.outcome === 'object' &&
    Array.isArray(r.years) &&
    typeof r.options === 'object'
  );
}

/**
 * Attainment gaps of children in need by demand category, raw and adjusted, as a sortable table.
 *
 * @element attainment-gap-table
 * @attr src - URL of the assessments CSV (or JSON rows)
 * @attr pupils-src - URL of the pupils CSV (or JSON rows)
 * @attr key-stage - 2 or 4 (default 4, or 2 when `outcome` is a KS2 outcome)
 * @attr outcome - attainment8 (KS4 default), ks2_rwm_expected (KS2 default), ks2_reading or ks2_maths;
 *   or a school outcome of the exam year at either key stage: severe_absence, persistent_absence,
 *   suspended or permanently_excluded (0/1 pupil columns, a linear probability model)
 * @attr comparison - not-known (default: pupils not known to children's social care) or all (all pupils)
 * @attr years - exam years, e.g. "2019, 2022" or "2017-2019" (default: all in the file)
 * @attr threshold - groups of 1 to this many pupils are shown as c (default 5)
 * @attr sort-column - group, n, mean, raw, adjusted or p (default: the categories' own order)
 * @attr sort-direction - ascending (default) or descending
 * @attr results-src - URL of a published summary (`csc-demand analyse`), or of an attainment result
 *   (JSON) made earlier: no worker needed; the summary's table for `key-stage` and `outcome` is shown
 * @attr public - show record-level data only as a published summary would (suppression applied)
 * @attr heading - the heading (default "Attainment gaps of children in need"; '' for none)
 * @attr heading-level - 2 to 6 (default 2)
 * @attr month-first - read 01/04/2023 as 4 January
 * @prop file - the assessments as a File or Blob (streamed in the worker, never uploaded)
 * @prop data - the assessments as rows in memory
 * @prop pupilsFile - the pupils as a File or Blob
 * @prop pupilsData - the pupils as rows in memory
 * @prop results - a summary object, or an attainment result (as the `csc-analysis-complete` event gives it)
 * @fires csc-analysis-start - a request started; detail `{source}`
 * @fires csc-analysis-progress - detail `{phase, done, total, fraction}`
 * @fires csc-analysis-complete - detail `{result, status}`
 * @fires csc-analysis-error - detail `{error: {message, code, problems, problemCount}}`
 * @fires csc-sort-change - the reader sorted the table; detail `{column, direction}`
 * @csspart container - the element's section
 * @csspart heading - the heading
 * @csspart summary - the one-sentence summary
 * @csspart caption - the national context line
 * @csspart table - the table (and the model's coefficients)
 * @csspart controls - the download button
 * @csspart error - the error box
 * @csspart loading - the progress area
 * @cssprop --csc-color-1 - colour of the gap bars (and the other tokens of the README's theming table)
 */
export class CscAttainmentGapTable extends CscElement<AttainmentShown> {
  static override styles = sharedStyles;
  static override summarySection = 'attainment' as const;
  static override analysisProperties = [
    'pupilsSrc',
    'pupilsFile',
    'pupilsData',
    'keyStage',
    'outcome',
    'comparison',
    'years',
    'threshold',
  ];
  static override properties: PropertyDeclarations = {
    pupilsSrc: { type: String, attribute: 'pupils-src', reflect: true },
    pupilsFile: { attribute: false },
    pupilsData: { attribute: false },
    keyStage: { type: Number, attribute: 'key-stage' },
    outcome: { type: String },
    comparison: { type: String },
    years: { type: String },
    threshold: { type: Number },
    sortColumn: { type: String, attribute: 'sort-column' },
    sortDirection: { type: String, attribute: 'sort-direction' },
  };

  /** URL of the pupils file. */
  pupilsSrc: string | null = null;
  pupilsFile: Blob | null = null;
  pupilsData: readonly Record<string, unknown>[] | null = null;
  keyStage: number | null = null;
  outcome: AttainmentOutcome | null = null;
  comparison: 'not-known' | 'all' = 'not-known';
  years: string | null = null;
  threshold = 5;
  sortColumn: SortColumn | null = null;
  sortDirection: SortDirection = 'ascending';
  /** The ready state's code, loaded lazily (loadView). */
  private viewModule: ViewModule | null = null;

  protected override get defaultHeading(): string {
    return 'Attainment gaps of children in need';
  }

  /** The analysis options from the attributes. */
  analysisOptions(): AttainmentOptions {
    const outcome = (this.outcome || undefined) as AttainmentOptions['outcome'];
    const keyStage = (this.keyStage ?? (outcome?.startsWith('ks2_') ? 2 : 4)) as 2 | 4;
    if (keyStage !== 2 && keyStage !== 4)
      throw new AnalysisError(
        `The key-stage attribute should be 2 or 4; got ${this.keyStage}.`,
        'invalid-option',
      );
    // School outcomes (absence, exclusions) belong to the exam year of either key stage.
    if (
      outcome &&
      (outcome.startsWith('ks2_') || outcome === 'attainment8') &&
      outcome.startsWith('ks2_') !== (keyStage === 2)
    )
      throw new AnalysisError(
        `The outcome ${outcome} is not a key stage ${keyStage} outcome: use ${keyStage === 4 ? 'attainment8' : 'ks2_rwm_expected, ks2_reading or ks2_maths'}, or change key-stage.`,
        'invalid-option',
      );
    const threshold = Number.isInteger(this.threshold) && this.threshold >= 0 ? this.threshold : 5;
    return {
      keyStage,
      outcome,
      comparison: this.comparison === 'all' ? 'all' : 'not-known',
      years: parseYears(this.years),
      threshold,
    };
  }

  private pupilsSource(): DataSource | null {
    if (this.pupilsData) return { rows: this.pupilsData, name: 'pupils' };
    if (this.pupilsFile) return { file: this.pupilsFile };
    if (this.pupilsSrc) return { url: this.pupilsSrc };
    return null;
  }

  protected override async compute(source: DataSource, ctx: ComputeContext): Promise<AttainmentResult> {
    const options = this.analysisOptions();
    const pupils = this.pupilsSource();
    if (!pupils)
      throw new AnalysisError(
        'This table needs a pupils file as well as the assessments: set pupils-src (or the pupilsFile or pupilsData property).',
        'missing-pupils',
      );
    const call = { monthFirst: ctx.monthFirst, signal: ctx.signal, onProgress: ctx.onProgress };
    const load = () =>
      Promise.all([
        ctx.client.loadDataset(source, { ...call, kind: 'assessments' }),
        ctx.client.loadDataset(pupils, { ...call, kind: 'pupils' }),
      ]);
    let [a, p] = await load();
    try {
      return await ctx.client.request('attainment', [a.key, p.key, options], call);
    } catch (e) {
      // The worker restarted and lost the datasets: read them again and retry once.
      if (!(e instanceof AnalysisError) || e.code !== 'unknown-dataset') throw e;
      [a, p] = await load();
      return await ctx.client.request('attainment', [a.key, p.key, options], call);
    }
  }

  protected override summaryOptions(): SummaryRequestOptions {
    const own = { ...this.analysisOptions() };
    delete own.threshold;
    // At its defaults the element asks for csc-demand analyse's default tables (each key stage's main
    // outcome and the school outcomes the pupils file has); otherwise its own table and the other key
    // stage's default one.
    const main = own.keyStage === 2 ? 'ks2_rwm_expected' : 'attainment8';
    const atDefaults =
      (own.outcome === undefined || own.outcome === main) &&
      (own.comparison ?? 'not-known') === 'not-known' &&
      !own.years;
    if (atDefaults) return {};
    return { attainment: [own, { keyStage: own.keyStage === 4 ? 2 : 4 }] };
  }

  protected override summaryThreshold(): number {
    return publishingSettings().threshold ?? this.analysisOptions().threshold ?? 5;
  }

  protected override summarySources(source: DataSource): { assessments: DataSource; pupils: DataSource } {
    const pupils = this.pupilsSource();
    if (!pupils)
      throw new AnalysisError(
        'This table needs a pupils file as well as the assessments: set pupils-src (or the pupilsFile or pupilsData property).',
        'missing-pupils',
      );
    return { assessments: source, pupils };
  }

  protected override fromResults(json: unknown): AttainmentShown {
    if (isResult(json)) return json;
    if (!isSummary(json))
      throw new AnalysisError(
        'These figures are not an attainment-gap result. Nor are they a published summary (its "format" is "csc-demand-summary").',
        'invalid-results',
      );
    return this.pickTable(json);
  }

  /** The summary's table for the element's key stage and outcome (then comparison and years). */
  private pickTable(summary: Summary): AttainmentShown {
    const {
      keyStage,
      outcome = DEFAULT_OUTCOME[keyStage as 2 | 4],
      comparison,
      years,
    } = this.analysisOptions();
    const tables = summary.attainment.filter(
      (a) => a.options.keyStage === keyStage && a.outcome.id === outcome,
    );
    const score = (a: (typeof tables)[number]) =>
      (a.options.comparison === comparison ? 2 : 0) +
      (JSON.stringify(a.options.years ?? null) === JSON.stringify(years ?? null) ? 1 : 0);
    const best = tables.sort((a, b) => score(b) - score(a))[0];
    if (!best) {
      const has = summary.attainment.map((a) => `key stage ${a.options.keyStage} ${a.outcome.label}`);
      const why = summary.warnings.find((w) => w.code === 'attainment-failed')?.message;
      throw new AnalysisError(
        `This summary has no key stage ${keyStage} table of ${outcome}: ` +
          (has.length
            ? `it has ${has.join(' and ')} (set key-stage and outcome to one of them).`
            : `it has no attainment tables${why ? ` (${why})` : ' (it was made without a pupils file)'}.`),
        'missing-section',
      );
    }
    return { ...best, publication: publicationOf(summary) };
  }

  protected override isEmpty(r: AttainmentShown): boolean {
    return r.n === 0;
  }

  protected override emptyMessage(): string {
    return 'No pupil result could be used for this key stage, outcome and years.';
  }

  /** Sort by `column` (the same column again reverses the order). */
  sortBy(column: SortColumn): void {
    const direction: SortDirection =
      this.sortColumn === column && this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    this.sortColumn = column;
    this.sortDirection = direction;
    this.dispatchEvent(
      new CustomEvent<SortChangeDetail>('csc-sort-change', {
        detail: { column, direction },
        bubbles: true,
        composed: true,
      }),
    );
  }

  protected override async loadView(): Promise<void> {
    this.viewModule ??= await import('./attainment-gap-table.view.js');
    this.adoptViewStyles(this.viewModule.viewStyles);
  }

  protected override renderResult(r: AttainmentShown): TemplateResult {
    return this.viewModule!.renderAttainment(r, {
      sortColumn: this.sortColumn,
      sortDirection: this.sortDirection,
      sortBy: (column) => this.sortBy(column),
      summaryDownload: this.summaryDownload(),
    });
  }
}
