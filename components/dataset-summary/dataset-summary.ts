// <csc-dataset-summary>: what a file holds before any analysis. Given `src`, `file` or `data`, asks
// the worker to read it (once: the other elements on the page reuse the parse) and shows the number
// of assessments, children and episodes, the dates covered, the factor codes seen with their
// meanings and counts, and every excluded row with its reason and line. `results` / `results-src`
// take a summary made earlier (a DatasetSummary as JSON) and need no worker.
import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { AnalysisError, type DataSource, type DatasetSummary } from '../../workers/client.js';
import { CscElement, type ComputeContext } from '../internal/csc-element.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { renderCaption, renderDownloads, renderSummary } from '../internal/render.js';
import { renderTable, tableToCsv, type TableSpec } from '../internal/table.js';
import { downloadCsv, safeFileName } from '../internal/download.js';
import { formatCount, formatDate, formatMonth, formatPercent, plural } from '../internal/format.js';
import { datasetSummaryStyles } from './dataset-summary.styles.js';

type Factor = DatasetSummary['factors'][number];

const SHOWN_PROBLEMS = 20;
/** Up to this many factor codes show as an open table; more go in a <details>. */
const FACTORS_OPEN = 12;

/** The sentence a reader gets first. */
export function summarySentence(s: DatasetSummary): string {
  if (s.kind === 'pupils') {
    return `${plural(s.records, 'key stage result')} for ${plural(s.children, 'pupil')}.`;
  }
  const dates =
    s.firstReferral && s.lastReferral
      ? ` with referrals from ${formatMonth(s.firstReferral)} to ${formatMonth(s.lastReferral)}`
      : '';
  const excluded = s.rowsExcluded
    ? ` ${plural(s.rowsExcluded, 'row')} could not be used and ${s.rowsExcluded === 1 ? 'is' : 'are'} listed below.`
    : '';
  return `${plural(s.records, 'assessment')} of ${plural(s.children, 'child', 'children')} in ${plural(s.episodes ?? 0, 'episode')}${dates}.${excluded}`;
}

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
  static override styles = [...sharedStyles, datasetSummaryStyles];
  static override analysisProperties = ['kind'];
  static override properties: PropertyDeclarations = { kind: { type: String } };

  /** Which input the file is: 'auto' (default) decides from its header. */
  kind: 'auto' | 'assessments' | 'pupils' = 'auto';

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

  private glance(s: DatasetSummary): TableSpec<[string, string]> {
    const rows: [string, string][] =
      s.kind === 'assessments'
        ? [
            ['Assessments', formatCount(s.records)],
            ['Children', formatCount(s.children)],
            ['Episodes (referrals)', formatCount(s.episodes)],
            ['First referral', formatDate(s.firstReferral)],
            ['Last referral', formatDate(s.lastReferral)],
            ['Last assessment', formatDate(s.lastAssessment)],
          ]
        : [
            ['Key stage results', formatCount(s.records)],
            ['Pupils', formatCount(s.children)],
          ];
    rows.push(['Rows read', formatCount(s.rowsRead)], ['Rows excluded', formatCount(s.rowsExcluded)]);
    return {
      caption: 'The dataset at a glance',
      columns: [
        { label: 'Measure', value: (r) => r[0] },
        { label: 'Value', value: (r) => r[1], numeric: true },
      ],
      rows,
    };
  }

  private factorTable(s: DatasetSummary): TableSpec<Factor> {
    return {
      caption: 'Factors identified at assessment',
      columns: [
        { label: 'Code', value: (f) => f.code },
        { label: 'Meaning', value: (f) => f.meaning ?? 'Not in the CIN census guide' },
        {
          label: 'Assessments',
          value: (f) => f.count,
          format: (v) => formatCount(v as number),
          numeric: true,
        },
        {
          label: 'Share of assessments',
          value: (f) => (s.records ? f.count / s.records : null),
          format: (v) => formatPercent(v as number | null),
          numeric: true,
        },
      ],
      rows: s.factors,
      footnotes: ['An assessment can record several factors, so the shares add up to more than 100%.'],
    };
  }

  private excludedTable(s: DatasetSummary): TableSpec<DatasetSummary['excluded'][number]> {
    return {
      caption: 'Rows excluded, by reason',
      columns: [
        { label: 'Reason', value: (e) => e.reason.charAt(0).toUpperCase() + e.reason.slice(1) },
        { label: 'Rows', value: (e) => e.rows, format: (v) => formatCount(v as number), numeric: true },
      ],
      rows: s.excluded,
    };
  }

  protected override renderResult(s: DatasetSummary): TemplateResult {
    const factors = this.factorTable(s);
    const name = s.file.replace(/\.[a-z]+$/i, '');
    return html`${renderSummary(summarySentence(s))}
      ${renderCaption(`Read from ${s.file} (${encodingName(s.encoding)}${s.delimiter ? `, ${delimiterName(s.delimiter)}` : ''}).`)}
      <div class="glance">${renderTable(this.glance(s))}</div>
      ${this.renderFactors(s, factors)}
      ${
        s.unknownFactorCodes.length
          ? html`<p>
              Codes not in the CIN census guide (kept and counted):
              ${s.unknownFactorCodes.map((u) => `${u.code} (${plural(u.count, 'assessment')})`).join(', ')}.
            </p>`
          : nothing
      }
      ${s.excluded.length ? renderTable(this.excludedTable(s)) : nothing} ${this.renderProblems(s)}
      ${
        s.factors.length
          ? renderDownloads([
              {
                label: 'Download the factor table (CSV)',
                run: () => downloadCsv(tableToCsv(factors), safeFileName(`${name}-factors`, 'csv')),
              },
            ])
          : nothing
      }`;
  }

  /** A long list of codes goes in a disclosure, after the three most recorded. */
  private renderFactors(s: DatasetSummary, table: TableSpec<Factor>): TemplateResult | typeof nothing {
    if (!s.factors.length) return nothing;
    if (s.factors.length <= FACTORS_OPEN) return renderTable(table);
    const top = [...s.factors].sort((a, b) => b.count - a.count).slice(0, 3);
    return html`<p>
        Most recorded factors:
        ${top
          .map((f) => `${f.meaning ?? f.code} (${formatPercent(s.records ? f.count / s.records : null)})`)
          .join('; ')}.
      </p>
      <details class="details">
        <summary>All ${s.factors.length} factor codes seen, with their meanings and counts</summary>
        ${renderTable(table)}
      </details>`;
  }

  private renderProblems(s: DatasetSummary): TemplateResult | typeof nothing {
    if (!s.problems.length) return nothing;
    const shown = s.problems.slice(0, SHOWN_PROBLEMS);
    return html`${this.renderSubheading('Problems found')}
      <p>
        ${
          s.problemCount > shown.length
            ? `The first ${shown.length} of ${formatCount(s.problemCount)} problems, in file order:`
            : `${plural(s.problemCount, 'problem')}, in file order:`
        }
      </p>
      <ul class="problems">
        ${shown.map((p) => html`<li>${p.message}</li>`)}
      </ul>`;
  }
}

function encodingName(e: string): string {
  return e === 'json' ? 'JSON' : e.replace(/^utf/i, 'UTF').replace(/^windows/i, 'Windows');
}

function delimiterName(d: string): string {
  return d === ','
    ? 'comma-separated'
    : d === ';'
      ? 'semicolon-separated'
      : d === '\t'
        ? 'tab-separated'
        : `separated by ${d}`;
}
