// <csc-dataset-summary>: what a file holds before any analysis. Given `src`, `file` or `data`, asks
// the worker to read it (once: the other elements on the page reuse the parse) and shows the number
// of assessments, children and episodes, the dates covered, the factor codes seen with their
// meanings and counts, and every excluded row with its reason and line. `results` / `results-src`
// take a summary made earlier (a DatasetSummary as JSON) and need no worker. What the ready state
// draws is in dataset-summary.view.ts, which loadView imports lazily (a page's first load stays small).
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { AnalysisError, type DataSource, type DatasetSummary } from '../../workers/client.js';
import { CscElement, type ComputeContext } from '../internal/csc-element.js';
import { sharedStyles } from '../internal/shared-styles.js';

export { summarySentence } from './summary-sentence.js';

type ViewModule = typeof import('./dataset-summary.view.js');

function isSummary(v: unknown): v is DatasetSummary {
  const s = v as Partial<DatasetSummary> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    (s.kind === 'assessments' || s.kind === 'pupils') &&
    typeof s.records === 'number' &&
    typeof s.children === 'number' &&
    Array.isArray(s.factors) &&
    Array.isArray(s.excluded) &&
    Array.isArray(s.problems)
  );
}

/**
 * A summary of a children's social care dataset: assessments, children, episodes, dates, factor
 * codes with their meanings, excluded rows and problems with their line numbers.
 *
 * @element csc-dataset-summary
 * @attr src - URL of an assessments or pupils CSV (or JSON rows)
 * @attr results-src - URL of a DatasetSummary JSON
 * @attr kind - 'auto' (default), 'assessments' or 'pupils'
 * @attr heading - the heading (default "About this dataset"; '' for none)
 * @attr heading-level - 2 to 6 (default 2)
 * @attr month-first - read 01/04/2023 as 4 January
 * @prop file - a File or Blob to read (streamed in the worker, never uploaded)
 * @prop data - rows in memory
 * @cssprop --csc-color-text - text colour (and the other tokens of the README's theming table)
 */
export class CscDatasetSummary extends CscElement<DatasetSummary> {
  static override styles = sharedStyles;
  static override analysisProperties = ['kind'];
  static override properties: PropertyDeclarations = { kind: { type: String } };

  /** Which input the file is: 'auto' (default) decides from its header. */
  kind: 'auto' | 'assessments' | 'pupils' = 'auto';
  /** The ready state's code, loaded lazily (loadView). */
  private viewModule: ViewModule | null = null;

  protected override get defaultHeading(): string {
    return 'About this dataset';
  }

  protected override async compute(source: DataSource, ctx: ComputeContext): Promise<DatasetSummary> {
    const kind = this.kind === 'assessments' || this.kind === 'pupils' ? this.kind : 'auto';
    const info = await ctx.client.loadDataset(source, {
      kind,
      monthFirst: ctx.monthFirst,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    });
    return info.summary;
  }

  protected override fromResults(json: unknown): DatasetSummary {
    const s = isSummary(json) ? json : (json as { dataset?: unknown } | null)?.dataset;
    if (!isSummary(s)) throw new AnalysisError('These figures are not a dataset summary.', 'invalid-results');
    return s;
  }

  protected override isEmpty(s: DatasetSummary): boolean {
    return s.records === 0;
  }

  protected override async loadView(): Promise<void> {
    this.viewModule ??= await import('./dataset-summary.view.js');
    this.adoptViewStyles(this.viewModule.viewStyles);
  }

  protected override renderResult(s: DatasetSummary): TemplateResult {
    return this.viewModule!.renderDatasetSummary(s, { subheading: (text) => this.renderSubheading(text) });
  }
}
