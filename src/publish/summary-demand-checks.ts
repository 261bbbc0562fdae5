// The demand section's figures against each other, for summary-consistency.ts: the counts add up
// (categories by year, by group, to classified and to the assessments in the period) and every
// share, interval, index and ratio is what its counts give, so a percentage changed by hand, or a
// count changed without its percentage, is flagged with its path.
// Tolerances: 1e-9 relative (the figures are written unrounded).
import { wilson } from '../math/proportion.js';
import type { Published } from './disclosure.js';
import { childPath, type SchemaProblem } from './summary-schema-check.js';
import type { PublishedDemand } from './summary-types.js';

const num = (v: Published | null | undefined): number | null => (typeof v === 'number' ? v : null);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function sum(values: Published[]): number | null {
  let s = 0;
  for (const v of values) {
    if (typeof v !== 'number') return null;
    s += v;
  }
  return s;
}

/**
 * Problems of the demand section's figures with each other (see the file comment).
 * @example demandConsistency(summary.demand, '$.demand') // [] as published
 */
export function demandConsistency(d: PublishedDemand, path: string): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const at = (...keys: (string | number)[]) => keys.reduce<string>((p, k) => childPath(p, k), path);
  const expect = (p: string, what: string, shown: number | null, expected: number | null) => {
    if (shown !== null && expected !== null && !close(shown, expected))
      out.push({
        path: p,
        message: `is ${shown}, but ${what} give ${expected}: the file was altered or is corrupt`,
      });
  };
  const K = d.categories.length;
  const classified = num(d.classified);
  expect(
    at('n'),
    'the classified assessments, those with no factors and those outside the model',
    num(d.n),
    sum([d.classified, d.noFactors, d.outsideItems]),
  );
  expect(at('classified'), 'the categories', classified, sum(d.categories.map((c) => c.count)));

  d.categories.forEach((c, k) => {
    const p = at('categories', k);
    const count = num(c.count);
    if ((count === null) !== c.suppressed)
      out.push({ path: childPath(p, 'suppressed'), message: 'does not match whether the count is shown' });
    if (count === null || classified === null) {
      if (c.share !== null || c.lower !== null || c.upper !== null)
        out.push({ path: childPath(p, 'share'), message: 'a share is shown for a suppressed count' });
      return;
    }
    if (classified === 0) return;
    const w = wilson(count, classified, { level: d.level });
    expect(
      childPath(p, 'share'),
      `its count and the classified assessments (${count} of ${classified})`,
      c.share,
      w.estimate,
    );
    expect(childPath(p, 'lower'), `the Wilson interval of ${count} of ${classified}`, c.lower, w.lower);
    expect(childPath(p, 'upper'), `the Wilson interval of ${count} of ${classified}`, c.upper, w.upper);
  });

  const baseIndex = d.years.findIndex((y) => y.year === d.baseYear);
  d.years.forEach((y, j) => {
    const p = at('years', j);
    if (y.counts.length !== K)
      out.push({
        path: childPath(p, 'counts'),
        message: `has ${y.counts.length} counts for ${K} categories`,
      });
    expect(childPath(p, 'total'), "the year's categories", num(y.total), sum(y.counts));
    y.index.forEach((v, k) => {
      const base = baseIndex >= 0 ? num(d.years[baseIndex]!.counts[k]) : null;
      const c = num(y.counts[k]);
      if (v !== null && c !== null && base)
        expect(
          childPath(childPath(p, 'index'), k),
          'the count over the base year\u2019s',
          v,
          (100 * c) / base,
        );
    });
  });
  if (d.years.length) {
    expect(at('classified'), 'the years', classified, sum(d.years.map((y) => y.total)));
    d.categories.forEach((c, k) =>
      expect(
        at('categories', k, 'count'),
        'its counts by year',
        num(c.count),
        sum(d.years.map((y) => y.counts[k] ?? 'c')),
      ),
    );
  }

  const dims = [...new Set(d.characteristics.map((ch) => ch.dimension))];
  for (const dim of dims) {
    const rows = d.characteristics.map((ch, i) => [ch, i] as const).filter(([ch]) => ch.dimension === dim);
    expect(at('classified'), `the ${dim} groups`, classified, sum(rows.map(([ch]) => ch.n)));
    d.categories.forEach((c, k) =>
      expect(
        at('categories', k, 'count'),
        `its counts by ${dim}`,
        num(c.count),
        sum(rows.map(([ch]) => ch.categories[k]?.count ?? 'c')),
      ),
    );
    for (const [ch, i] of rows) {
      const n = num(ch.n);
      expect(at('characteristics', i, 'n'), 'its categories', n, sum(ch.categories.map((c) => c.count)));
      ch.categories.forEach((cell, k) => {
        const count = num(cell.count);
        const total = num(d.categories[k]?.count);
        if (cell.share === null || count === null || !n) return;
        const p = at('characteristics', i, 'categories', k);
        expect(childPath(p, 'share'), `${count} of ${n}`, cell.share, count / n);
        if (cell.ratio !== null && total && classified)
          expect(
            childPath(p, 'ratio'),
            'the share in the group over the overall share',
            cell.ratio,
            count / n / (total / classified),
          );
      });
    }
  }
  return out;
}
