// The words and numbers of <attainment-gap-table>, as pure functions of the analysis result (no DOM,
// no Lit): the caption, the one-sentence summary, the national context, the footnotes, each cell as
// shown, sorting, and the CSV. The element and a published summary render through the same code:
// a published table's counts may be `c` (suppressed), and its rows say which are.
import type { AttainmentResult, AttainmentRow } from '../../src/analyses/attainment-types.js';
import type { Published, PublishedAttainment } from '../../src/publish/summary-types.js';
import { countOf, formatCount, formatNumber } from '../internal/format.js';
import { toCsv } from '../internal/download.js';
import { publicationText, type WithPublication } from '../internal/published.js';

/** A row as shown: the analysis's, or a published one (whose pupils may be `c`). */
export type ShownRow = Omit<AttainmentRow, 'n'> & { n: Published | null };

/**
 * What the element renders: an attainment result from the worker, or the table of a published
 * summary (counts may be symbols; no `inputs`), with where it came from.
 */
export type AttainmentShown = WithPublication<
  Omit<PublishedAttainment, 'rows'> & { rows: ShownRow[]; inputs?: AttainmentResult['inputs'] }
>;

export type SortColumn = 'group' | 'n' | 'mean' | 'raw' | 'adjusted' | 'p';
export type SortDirection = 'ascending' | 'descending';

/** Column headers (the gap columns name their unit). */
export function columnLabels(r: AttainmentShown): Record<SortColumn, string> {
  const unit = r.outcome.scale === 'proportion' ? 'percentage points' : 'points';
  return {
    group: 'Group',
    n: 'Pupils',
    mean:
      r.outcome.scale !== 'proportion'
        ? `Mean ${r.outcome.label}`
        : r.outcome.keyStage === null
          ? 'Share of pupils'
          : 'Share at the expected standard',
    raw: `Raw gap (${unit})`,
    adjusted: `Adjusted gap (${unit}), 95% interval`,
    p: 'p',
  };
}

const MINUS = '\u2212';

/** A signed number with a true minus sign: −22.7, +1.3, 0.0. */
export function signed(v: number, digits = 1): string {
  const s = formatNumber(Math.abs(v), digits);
  if (Number(s.replace(/,/g, '')) === 0) return formatNumber(0, digits);
  return v < 0 ? `${MINUS}${s}` : `+${s}`;
}

/** A gap as shown: points, or percentage points for a proportion. */
export function gapText(r: AttainmentShown, v: number | null): string {
  if (v === null) return '\u2013';
  return r.outcome.scale === 'proportion' ? signed(v * 100) : signed(v);
}

export function meanText(r: AttainmentShown, v: number | null): string {
  if (v === null) return '\u2013';
  return r.outcome.scale === 'proportion' ? `${formatNumber(v * 100, 1)}%` : formatNumber(v, 1);
}

export function pText(p: number | null): string {
  if (p === null) return '\u2013';
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}

export function intervalText(r: AttainmentShown, row: ShownRow): string {
  if (row.lower === null || row.upper === null) return '';
  return `${gapText(r, row.lower)} to ${gapText(r, row.upper)}`;
}

/** 'c' for a suppressed row, otherwise the cell's text. */
/**
 * Whether a published table withholds the row's share reaching a 0/1 standard (its pupils reaching
 * it, or not, are few: n x mean would give them), though its number of pupils is shown.
 */
export function meanWithheld(r: AttainmentShown, row: ShownRow): boolean {
  return r.outcome.scale === 'proportion' && row.mean === null && typeof row.n === 'number' && row.n > 0;
}

export function cellText(r: AttainmentShown, row: ShownRow, column: SortColumn): string {
  if (column === 'group') return row.label;
  if (row.suppressed) return 'c';
  switch (column) {
    case 'n':
      return formatCount(row.n);
    case 'mean':
      return meanWithheld(r, row) ? 'c' : meanText(r, row.mean);
    case 'raw':
      if (!row.reference && meanWithheld(r, row)) return 'c';
      // A published table withholds every raw gap when the comparison group is suppressed.
      if (!row.reference && row.rawGap === null && r.rows.some((x) => x.reference && x.suppressed))
        return 'c';
      return row.reference ? 'comparison' : gapText(r, row.rawGap);
    case 'adjusted':
      return row.reference ? 'comparison' : gapText(r, row.adjustedGap);
    case 'p':
      return row.reference ? '\u2013' : pText(row.p);
  }
}

function sortValue(row: ShownRow, column: SortColumn): number | string | null {
  switch (column) {
    case 'group':
      return row.label;
    case 'n':
      return countOf(row.n);
    case 'mean':
      return row.mean;
    case 'raw':
      return row.rawGap;
    case 'adjusted':
      return row.adjustedGap;
    case 'p':
      return row.p;
  }
}

/** Rows sorted by a column; rows without a value (suppressed, missing) go last either way. */
export function sortRows<Row extends ShownRow>(
  rows: readonly Row[],
  column: SortColumn | null,
  dir: SortDirection,
): Row[] {
  const out = [...rows];
  if (!column) return out;
  const sign = dir === 'ascending' ? 1 : -1;
  return out.sort((a, b) => {
    const x = a.suppressed ? null : sortValue(a, column);
    const y = b.suppressed ? null : sortValue(b, column);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    if (typeof x === 'string' || typeof y === 'string')
      return sign * String(x).localeCompare(String(y), 'en-GB');
    return sign * (x - y);
  });
}

function list(items: string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function keyStageName(r: AttainmentShown): string {
  return `Key stage ${r.options.keyStage}`;
}

/** "the 2019 exams", "the exams of 2016 to 2019, 2022 and 2023" (runs of three or more years joined). */
export function yearsText(years: number[]): string {
  if (!years.length) return 'no exam years';
  if (years.length === 1) return `the ${years[0]} exams`;
  const parts: string[] = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${years[i]} to ${years[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(years[k]));
    i = j + 1;
  }
  return `the exams of ${list(parts)}`;
}

/** The model as a reader is told it. */
export function modelText(r: AttainmentShown): string {
  const se = r.options.robust
    ? `robust (${r.options.robust.toUpperCase()}) standard errors`
    : 'classical standard errors';
  return r.outcome.model === 'lpm'
    ? `a linear probability model (least squares on the 0/1 outcome) with ${se}`
    : `ordinary least squares with ${se}`;
}

/** The caption: outcome, model, comparison group, covariates and years. */
export function captionText(r: AttainmentShown): string {
  const covariates = r.model?.covariates ?? [];
  const adjusted = covariates.length ? `, adjusted for ${list(covariates)}` : '';
  return (
    `${keyStageName(r)} ${r.outcome.label} by demand category, ${yearsText(r.years)}: ` +
    `gaps to ${r.comparisonLabel.toLowerCase()}` +
    ` estimated by ${modelText(r)}${adjusted}.`
  );
}

/** The one-sentence summary: the widest adjusted gap among the categories. */
export function summaryText(r: AttainmentShown): string {
  const candidates = r.rows.filter(
    (row) =>
      (row.kind === 'category' || row.kind === 'uncategorised') &&
      !row.suppressed &&
      row.adjustedGap !== null,
  );
  if (!candidates.length) {
    const why = r.warnings.find((w) =>
      ['no-comparison-group', 'too-few-pupils', 'adjusted-gaps-withheld'].includes(w.code),
    );
    return why ? why.message : 'No category has enough pupils to estimate an adjusted gap.';
  }
  const widest = candidates.reduce((a, b) => (Math.abs(b.adjustedGap!) > Math.abs(a.adjustedGap!) ? b : a));
  const g = widest.adjustedGap!;
  const size =
    r.outcome.scale === 'proportion' ? formatNumber(Math.abs(g) * 100, 1) : formatNumber(Math.abs(g), 1);
  const unit = r.outcome.scale === 'proportion' ? 'percentage points' : `${r.outcome.label} points`;
  const where = g < 0 ? 'below' : 'above';
  const who =
    widest.kind === 'category'
      ? `pupils in the category \u2018${widest.label}\u2019`
      : widest.label.charAt(0).toLowerCase() + widest.label.slice(1);
  const interval = widest.lower !== null ? ` (95% interval ${intervalText(r, widest)})` : '';
  return (
    `The widest adjusted gap is for ${who}: ` +
    `${size} ${unit} ${where} ${r.comparisonLabel.toLowerCase()}${interval}, after adjusting for pupils\u2019 characteristics.`
  );
}

/** England's published figures for the outcome, or null when DfE publishes none comparable. */
export function nationalContext(r: AttainmentShown): string | null {
  if (r.outcome.id === 'attainment8')
    return 'In England in 2022/23, children in need had an average Attainment 8 score of 18.3, against 46.3 for all pupils (DfE, Outcomes for children in need).';
  if (r.outcome.id === 'ks2_rwm_expected')
    return 'In England in 2018/19, 35% of children in need reached the expected standard in reading, writing and maths at key stage 2, against 65% of all pupils (DfE, Outcomes for children in need).';
  const n = r.outcome.national;
  if (n)
    return `In England, ${formatNumber(n.childrenInNeed * 100, 1)}% of children in need and ${formatNumber(n.allPupils * 100, 1)}% of all pupils had ${r.outcome.label} (${n.definition}; ${n.source}).`;
  if (r.outcome.keyStage === null)
    return `${r.outcome.label[0]!.toUpperCase()}${r.outcome.label.slice(1)}: a 0/1 outcome of the exam year, as recorded in the pupils file; no national figure for children in need is shown for it here.`;
  return null;
}

/** Whether a count of the table (pupils, the model's, rows left out) is shown as `c`. */
function hasSymbol(r: AttainmentShown): boolean {
  return [r.n, r.model?.n, r.rowsExcluded, ...r.excluded.map((e) => e.rows)].some((v) => v === 'c');
}

/** Notes under the table. */
export function footnotes(r: AttainmentShown): string[] {
  const notes: string[] = [];
  const t = r.options.threshold;
  if (r.rows.some((row) => row.suppressed) || hasSymbol(r))
    notes.push(
      `c: not shown to protect children\u2019s privacy. The group has between 1 and ${t} pupils, or its figures would let such a small group be worked out from the others (the DfE convention).`,
    );
  if (r.rows.some((row) => !row.suppressed && meanWithheld(r, row)))
    notes.push(
      `A share shown as c: the pupils reaching the standard, or those not reaching it, number between 1 and ${t}, or could be worked out from the other rows (a share times the group\u2019s pupils is a count).`,
    );
  notes.push(
    `Raw gap: the group\u2019s mean minus that of ${r.comparisonLabel.toLowerCase()}. Adjusted gap: the same difference for pupils alike in ${list(r.model?.covariates ?? [])}, from ${modelText(r)}; 95% confidence interval, p from a two-sided t test. ${r.outcome.keyStage === null ? 'A positive gap is more of it (more absence, more exclusion).' : 'A negative gap is lower attainment.'}`,
  );
  notes.push(
    `A pupil\u2019s category is that of the child\u2019s latest assessment before 1 September of the exam year; children with no categorised assessment have their own row. Categories: ${r.categorySource}.`,
  );
  if (r.model)
    notes.push(
      `Model: ${formatCount(r.model.n)} pupils, R\u00b2 ${r.model.r2 === null ? '\u2013' : r.model.r2.toFixed(3)}.`,
    );
  if (r.rowsExcluded !== 0)
    notes.push(
      `${formatCount(r.rowsExcluded)} pupil results left out: ${r.excluded.map((e) => `${e.reason} (${formatCount(e.rows)})`).join('; ')}.`,
    );
  for (const input of r.inputs ?? [])
    if (input.rowsExcluded > 0)
      notes.push(
        `${input.file}: ${formatCount(input.rowsExcluded)} rows could not be read (${input.excluded.map((e) => `${e.reason}: ${formatCount(e.rows)}`).join('; ')}).`,
      );
  if (r.publication) notes.push(publicationText(r.publication));
  return notes;
}

/** The table as CSV: raw values (proportions stay proportions), `c` for suppressed figures. */
export function tableCsv(r: AttainmentShown): string {
  const unit = r.outcome.scale === 'proportion' ? ' (proportion)' : '';
  const head = [
    'group',
    'pupils',
    `mean${unit}`,
    `raw gap${unit}`,
    `adjusted gap${unit}`,
    'lower 95%',
    'upper 95%',
    'p',
    'note',
  ];
  const rows = r.rows.map((row) => {
    if (row.suppressed) return [row.label, 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'suppressed'];
    return [
      row.label,
      row.n,
      meanWithheld(r, row) ? 'c' : row.mean,
      meanWithheld(r, row) && !row.reference ? 'c' : row.rawGap,
      row.adjustedGap,
      row.lower,
      row.upper,
      row.p,
      row.reference ? 'comparison group' : '',
    ];
  });
  return toCsv([head, ...rows]);
}
