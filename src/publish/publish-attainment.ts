// The attainment section of the summary: AttainmentResults with disclosure control applied (the
// mapping is in summary-types.ts).
//
// Contract
// - Input: attainment results computed with `threshold: 0` (nothing suppressed yet: the control
//   needs the true counts; a result with suppressed rows throws), one per key stage and outcome.
// - Each result's pupils are two linked tables (suppress-linked.ts):
//   * the groups: a 2 x (K + 2) table, row "children in need" holding the K categories and the
//     uncategorised, row "not known" holding the comparison pupils, so its row totals are "all
//     children in need" and the comparison group and its grand total "all pupils" (the structural
//     zeros are published zeros): no row can be recovered from the others, from all children in
//     need or from all pupils (the analysis's own rule missed one case: a small comparison group
//     hidden with all children in need, but the categories published, summed back to it);
//   * the rows in scope: pupils analysed plus each reason for leaving a row out;
//   * for a 0/1 outcome (the KS2 expected standard), the pupils reaching it and not, by row
//     (reachedTables): n x mean is a count, so a row's mean (and raw gap) is published only where
//     both are, suppressed like any table of counts.
// - Figures of a suppressed row (mean, gaps, interval, p) are null and `suppressed` says why
//   ('primary': 1 to threshold pupils; 'secondary': hidden to protect one). Raw gaps are
//   withheld everywhere when the comparison row is suppressed (mean - gap would give its mean).
//   The model is left out when the number of all pupils is suppressed (its n and degrees of freedom
//   would give it). Its terms withheld (figures null, `suppressed: true` and `suppressedReason`):
//   a suppressed category's ('suppressed-group'); a factor term (category, sen, gender, ethnicity,
//   IDACI decile, exam year) whose level has 1 to threshold pupils in the model ('small-level'),
//   and every term of a factor whose reference level has ('small-reference'), then the intercept
//   too (with the other coefficients it gives those few pupils' mean outcome), see
//   withhold-term.ts. Free school meals (0/1) counts as a factor with levels 1 and 0; prior
//   attainment is numeric and never withheld. The terms' level counts are not published. When the
//   comparison pupils are that few, the categories' adjusted gaps (their coefficients) are withheld
//   from the rows too, with a warning.
// - Rows read from the pupils file are published only when what is left over after the rows in
//   scope of every published key stage is 0 or more than the threshold.
import type { AttainmentResult, AttainmentRow } from '../analyses/attainment-types.js';
import type { Published } from './disclosure.js';
import { publishWarnings } from './publish-warnings.js';
import type {
  PublishedAttainment,
  PublishedAttainmentRow,
  PublishedAttainmentTerm,
} from './summary-types.js';
import type { SuppressedTable } from './disclosure.js';
import { runDisclosurePass, type SectionPlan } from './disclosure-pass.js';
import { entryOf, listTable, type LinkedTable } from './suppress-linked.js';
import { withholdTerm } from './withhold-term.js';

const SUB_KINDS = new Set(['category', 'uncategorised']);

/**
 * Disclosure-controlled attainment tables.
 * @param results attainment(..., {threshold: 0}) for each key stage and outcome to publish
 * @example publishAttainment([attainment(a, p, categories, {threshold: 0})], {threshold: 5})[0].rows[0].n
 */
export function publishAttainment(
  results: readonly AttainmentResult[],
  { threshold = 5 }: { threshold?: number } = {},
): PublishedAttainment[] {
  const out = runDisclosurePass(
    results.map((r, i) => planAttainment(r, i, threshold)),
    [],
    { threshold },
  ) as PublishedAttainment[];
  return withRowsRead(results, out, threshold);
}

/**
 * Rows read from the pupils file, published only when what is left over after the rows in scope of
 * every published key stage is 0 or more than the threshold; sets each table's `rowsRead`.
 */
export function withRowsRead(
  results: readonly AttainmentResult[],
  out: PublishedAttainment[],
  threshold: number,
): PublishedAttainment[] {
  // Rows read: left over = read - rows in scope of each distinct scope (key stage and years).
  const scopes = new Map<string, Published>();
  results.forEach((r, k) => scopes.set(`${r.options.keyStage}|${r.years.join(',')}`, out[k]!.rowsInScope));
  const inScope = [...scopes.values()];
  const rowsRead = results[0]?.rowsRead ?? 0;
  const left = rowsRead - inScope.reduce<number>((a, v) => a + (typeof v === 'number' ? v : NaN), 0);
  const published: Published = Number.isFinite(left) && (left === 0 || left > threshold) ? rowsRead : 'c';
  for (const s of out) s.rowsRead = published;
  return out;
}

/**
 * One attainment table's counts and how to read them back (disclosure-pass.ts): section
 * `attainment[i]`. For a 0/1 outcome (the expected standard) the pupils reaching it and not are
 * tables of their own, shaped like the pupils' (a mean is published only where both are).
 */
export function planAttainment(
  r: AttainmentResult,
  i: number,
  threshold: number,
): SectionPlan<PublishedAttainment> {
  if (r.rows.some((row) => row.suppressed !== null || row.n === null))
    throw new Error(
      'publishAttainment: invalid result; its rows are already suppressed: compute it with threshold 0 so disclosure control sees the true counts',
    );
  const sub = r.rows.filter((row) => SUB_KINDS.has(row.kind));
  const notKnown = r.rows.find((row) => row.kind === 'not-known')!;
  const S = sub.length;
  const counts = [
    [...sub.map((row) => row.n!), 0],
    [...sub.map(() => 0), notKnown.n!],
  ];
  const groupTable = {
    counts,
    key: (i: number, j: number): string | null => {
      if (j < S) return i === 1 ? null : `n${j}`;
      if (j === S) return i === 0 ? null : 'not-known';
      return i === 0 ? 'all-cin' : i === 1 ? 'not-known' : 'all';
    },
  };
  const scopeTable = listTable([r.n, ...r.excluded.map((e) => e.rows)], ['all'], 'scope');
  // A few rows left out: give up the rows in scope rather than the pupils analysed.
  if (r.excluded.some((e) => e.rows >= 1 && e.rows <= threshold))
    scopeTable.hide = [[0, r.excluded.length + 1]];
  const binary = r.outcome.scale === 'proportion';
  const tables = [groupTable, scopeTable, ...(binary ? reachedTables(sub, notKnown) : [])];
  return {
    section: `attainment[${i}]`,
    tables,
    finish: (t) => finishAttainment(r, t, threshold),
  };
}

// Pupils reaching a 0/1 outcome's standard (n x mean) and not, by row: the categories and the
// uncategorised with the comparison pupils (column totals: all pupils), the categories alone
// (column totals: all children in need), and the two column sums. Keys `y<j>`/`ny<j>` for the
// categories' cells, `y:nk`, `y:cin`, `y:all` (and `ny:`) for the others; row totals keyed as the
// pupils' table (`n<j>`, 'not-known', 'all-cin', 'all').
function reachedTables(sub: AttainmentRow[], notKnown: AttainmentRow): LinkedTable[] {
  const yes = (row: AttainmentRow) => Math.round(row.n! * (row.mean ?? 0));
  const S = sub.length;
  const pair = (row: AttainmentRow) => [yes(row), row.n! - yes(row)];
  const cellKey = (i: number, j: number) =>
    i < S ? `${j === 0 ? 'y' : 'ny'}${i}` : `${j === 0 ? 'y' : 'ny'}:nk`;
  const withComparison: LinkedTable = {
    counts: [...sub.map(pair), pair(notKnown)],
    key: (i, j) =>
      i <= S
        ? j < 2
          ? cellKey(i, j)
          : i < S
            ? `n${i}`
            : 'not-known'
        : j < 2
          ? `${j === 0 ? 'y' : 'ny'}:all`
          : 'all',
  };
  const categories: LinkedTable = {
    counts: sub.map(pair),
    key: (i, j) =>
      i < S ? (j < 2 ? cellKey(i, j) : `n${i}`) : j < 2 ? `${j === 0 ? 'y' : 'ny'}:cin` : 'all-cin',
  };
  const cin = sub.map(pair).reduce((a, p) => [a[0]! + p[0]!, a[1]! + p[1]!], [0, 0]);
  const nk = pair(notKnown);
  return [
    withComparison,
    categories,
    listTable([cin[0]!, nk[0]!], ['y:cin', 'y:nk'], 'y:all'),
    listTable([cin[1]!, nk[1]!], ['ny:cin', 'ny:nk'], 'ny:all'),
  ];
}

function finishAttainment(r: AttainmentResult, t: SuppressedTable[], threshold: number): PublishedAttainment {
  const [gt, st] = t;
  const sub = r.rows.filter((row) => SUB_KINDS.has(row.kind));
  const S = sub.length;
  // A 0/1 outcome's mean is published where the pupils reaching the standard and not both are.
  const binary = r.outcome.scale === 'proportion';
  const meanShown = (row: AttainmentRow): boolean => {
    if (!binary) return true;
    const [wc, cats] = [t[2]!, t[3]!];
    const both = (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number';
    if (SUB_KINDS.has(row.kind)) {
      const j = sub.indexOf(row);
      return both(wc.cells[j]![0], wc.cells[j]![1]);
    }
    if (row.kind === 'not-known') return both(wc.cells[S]![0], wc.cells[S]![1]);
    if (row.kind === 'all-cin') return both(cats.colTotals[0], cats.colTotals[1]);
    return both(wc.colTotals[0], wc.colTotals[1]);
  };
  const nOf = (row: AttainmentRow): Published => {
    if (SUB_KINDS.has(row.kind)) return entryOf(gt!, 0, sub.indexOf(row));
    if (row.kind === 'not-known') return entryOf(gt!, 1, S + 1);
    if (row.kind === 'all-cin') return entryOf(gt!, 0, S + 1);
    return gt!.grandTotal;
  };
  const reference = r.rows.find((row) => row.reference);
  const referenceHidden = reference ? typeof nOf(reference) !== 'number' || !meanShown(reference) : false;
  // A category's adjusted gap is its model coefficient (attainment-rows.ts), a contrast with the
  // comparison pupils: when they are 1 to threshold in the model the category terms are withheld
  // (withhold-term.ts), so the rows' adjusted gaps, intervals and p go too.
  const gapsWithheld = (r.model?.terms ?? []).some(
    (t) => t.term.startsWith('category=') && withholdTerm({ referenceN: t.referenceN }, threshold) !== null,
  );
  const rows: PublishedAttainmentRow[] = r.rows.map((row) => {
    const n = nOf(row);
    if (typeof n !== 'number')
      return {
        ...row,
        n,
        mean: null,
        rawGap: null,
        adjustedGap: null,
        se: null,
        lower: null,
        upper: null,
        p: null,
        suppressed: typeof row.n === 'number' && row.n >= 1 && row.n <= threshold ? 'primary' : 'secondary',
      };
    const mean = meanShown(row);
    const shown = {
      ...row,
      n,
      mean: mean ? row.mean : null,
      rawGap: referenceHidden || !mean ? null : row.rawGap,
    };
    return gapsWithheld
      ? { ...shown, adjustedGap: null, se: null, lower: null, upper: null, p: null }
      : shown;
  });
  const hiddenLabels = new Set(
    rows.filter((row) => row.suppressed && SUB_KINDS.has(row.kind)).map((x) => x.label),
  );
  const all = gt!.grandTotal;
  const rowsInScope = st!.rowTotals[0]!;
  const suppressedRows = rows.filter((row) => row.suppressed).length;
  const warnings = publishWarnings(
    r.warnings.filter((w) => w.code !== 'suppressed-rows'),
    threshold,
  );
  if (gapsWithheld)
    warnings.push({
      code: 'adjusted-gaps-withheld',
      message: `Adjusted gaps are withheld: the comparison group has ${threshold} or fewer pupils in the model, and each gap is a contrast with them.`,
    });
  if (binary && rows.some((row) => typeof row.n === 'number' && row.n > 0 && row.mean === null))
    warnings.push({
      code: 'means-withheld',
      message: `Some rows' ${r.outcome.label.toLowerCase()} figures are withheld: the pupils reaching it, or those not reaching it, number ${threshold} or fewer, or could be worked out from the other rows.`,
    });
  if (suppressedRows)
    warnings.push({
      code: 'suppressed-rows',
      message: `Rows shown as c are suppressed: groups of ${threshold} or fewer pupils, and groups hidden so that such a group cannot be worked out from the others.`,
    });
  // OLS residuals sum to zero within each factor level, so with the other coefficients the intercept
  // gives the mean outcome of the reference levels' pupils: a small reference withholds it too.
  const smallReference = (r.model?.terms ?? []).some(
    (t) => withholdTerm({ referenceN: t.referenceN }, threshold) === 'small-reference',
  );
  const rest: Omit<AttainmentResult, 'inputs'> & { inputs?: unknown } = { ...r };
  delete rest.inputs;
  return {
    ...rest,
    options: { ...r.options, threshold },
    rows,
    model:
      r.model && typeof all === 'number'
        ? {
            ...r.model,
            n: r.model.n === r.n ? all : 'c',
            terms: r.model.terms.map((t): PublishedAttainmentTerm => {
              // The level counts are not published (see the file comment).
              const shown = { ...t };
              delete shown.n;
              delete shown.referenceN;
              const label = t.term.startsWith('category=') ? t.term.slice('category='.length) : null;
              const why =
                label !== null && hiddenLabels.has(label)
                  ? 'suppressed-group'
                  : t.term === '(Intercept)' && smallReference
                    ? 'small-reference'
                    : withholdTerm(t, threshold);
              if (why === null) return shown;
              return {
                term: t.term,
                estimate: null,
                se: null,
                lower: null,
                upper: null,
                p: null,
                suppressed: true,
                suppressedReason: why,
              };
            }),
            warnings: publishWarnings(r.model.warnings, threshold),
          }
        : null,
    n: all,
    rowsInScope,
    rowsRead: r.rowsRead,
    excluded: r.excluded.map((e, k) => ({ ...e, rows: st!.cells[0]![k + 1]! })),
    rowsExcluded: typeof rowsInScope === 'number' && typeof all === 'number' ? rowsInScope - all : 'c',
    warnings,
  };
}
