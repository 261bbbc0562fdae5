// The checks of a published summary that its schema cannot state: the figures agree with each other
// as they must when the file is as publishResults wrote it. A file edited by hand (a count changed,
// a percentage that no longer matches its counts) fails here with the path of the figure.
//
// Contract: input a summary that passed the schema (summary-schema-check.ts); output problems
// {path, message}. Model terms: a withheld one shows no figure, and none publishes its level's
// count. Checks only figures that are published (a symbol makes a sum unknowable).
// Tolerances: 1e-6 absolute for proportions (the curves are rounded to 1e-6), 1e-9 relative for
// the rest.
import type { Published } from './disclosure.js';
import { demandConsistency } from './summary-demand-checks.js';
import { childPath, type SchemaProblem } from './summary-schema-check.js';
import type {
  PublishedAttainment,
  PublishedRereferral,
  PublishedRereferralCurve,
  Summary,
} from './summary-types.js';

const num = (v: Published | null | undefined): number | null => (typeof v === 'number' ? v : null);
const close = (a: number, b: number, tol = 1e-9) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Sum of published values, or null when any is a symbol. */
function sum(values: (Published | null | undefined)[]): number | null {
  let s = 0;
  for (const v of values) {
    const x = num(v);
    if (x === null) return null;
    s += x;
  }
  return s;
}

/**
 * Problems of a summary's figures with each other (see the file comment).
 * @example summaryConsistency(summary) // [] for a file as publishResults wrote it
 */
export function summaryConsistency(summary: Summary): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  if (summary.demand) out.push(...demandConsistency(summary.demand, '$.demand'));
  if (summary.rereferral) rereferral(summary.rereferral, '$.rereferral', out);
  summary.attainment.forEach((a, k) => attainment(a, `$.attainment[${k}]`, out));
  return out;
}

function equal(
  out: SchemaProblem[],
  path: string,
  what: string,
  shown: number | null,
  expected: number | null,
  tol = 1e-9,
): void {
  if (shown === null || expected === null || close(shown, expected, tol)) return;
  out.push({
    path,
    message: `is ${shown}, but ${what} give ${expected}: the file was altered or is corrupt`,
  });
}

function curve(c: PublishedRereferralCurve, path: string, out: SchemaProblem[]): void {
  const k = c.months.length;
  for (const f of ['estimate', 'lower', 'upper', 'nRisk', 'nEvent'] as const)
    if (c[f].length !== k)
      out.push({ path: childPath(path, f), message: `has ${c[f].length} values for ${k} months` });
  if (c.suppressed && k > 0)
    out.push({ path: childPath(path, 'months'), message: 'a suppressed group has a curve' });
  for (let i = 0; i < k; i++) {
    const at = childPath(childPath(path, 'estimate'), i);
    if (i > 0 && !(c.months[i]! > c.months[i - 1]!))
      out.push({ path: childPath(childPath(path, 'months'), i), message: 'months are not increasing' });
    if (!(c.lower[i]! <= c.estimate[i]! + 1e-9 && c.estimate[i]! <= c.upper[i]! + 1e-9))
      out.push({ path: at, message: 'lies outside its interval' });
    if (i > 0 && c.estimate[i]! < c.estimate[i - 1]! - 1e-9)
      out.push({ path: at, message: 'a cumulative proportion falls' });
    const r = num(c.nRisk[i]);
    const prev = i > 0 ? num(c.nRisk[i - 1]) : null;
    if (r !== null && prev !== null && r > prev)
      out.push({ path: childPath(childPath(path, 'nRisk'), i), message: 'the number followed rises' });
  }
  if (k > 0)
    equal(
      out,
      childPath(childPath(path, 'nRisk'), 0),
      'the episodes of the group',
      num(c.nRisk[0]),
      num(c.n),
    );
  equal(
    out,
    childPath(path, 'n'),
    're-referred and censored episodes',
    num(c.n),
    sum([c.events, c.censored]),
  );
  const events = sum(c.nEvent);
  if (events !== null && num(c.events) !== null && events > num(c.events)!)
    out.push({
      path: childPath(path, 'nEvent'),
      message: `add up to ${events}, more than the group's re-referrals`,
    });
  for (const key of ['months12', 'years6'] as const) {
    const a = c.at[key];
    const i = c.months.indexOf(a.months);
    if (i >= 0 && a.estimate !== null)
      equal(
        out,
        childPath(childPath(path, 'at'), key),
        'the curve at that month',
        a.estimate,
        c.estimate[i]!,
        1e-6,
      );
  }
}

function rereferral(r: PublishedRereferral, path: string, out: SchemaProblem[]): void {
  r.groups.forEach((g, i) => curve(g, childPath(childPath(path, 'groups'), i), out));
  if (r.options.group !== 'none') curve(r.overall, childPath(path, 'overall'), out);
  equal(out, childPath(path, 'n'), 'the pooled curve', num(r.n), num(r.overall.n));
  equal(out, childPath(path, 'events'), 'the pooled curve', num(r.events), num(r.overall.events));
  equal(
    out,
    childPath(childPath(path, 'episodes'), 'atRisk'),
    'the episodes followed up',
    num(r.episodes.atRisk),
    num(r.n),
  );
  equal(
    out,
    childPath(childPath(path, 'episodes'), 'total'),
    'the episodes followed up and not at risk',
    num(r.episodes.total),
    sum([r.episodes.atRisk, ...r.episodes.notAtRisk.map((x) => x.episodes)]),
  );
  const n = num(r.n);
  const events = num(r.events);
  equal(
    out,
    childPath(path, 'censored'),
    'the episodes followed up less those re-referred',
    sum(r.censored.map((c) => c.episodes)),
    n !== null && events !== null ? n - events : null,
  );
  if (r.options.group !== 'none') {
    const noGroup = r.excluded.find((e) => e.code === 'no-group');
    equal(
      out,
      childPath(path, 'n'),
      'the groups and the episodes without a group',
      n,
      sum([...r.groups.map((g) => g.n), noGroup ? noGroup.count : 0]),
    );
  }
  const byLevel = new Map(r.groups.map((g) => [g.level, g]));
  r.logRank?.groups.forEach((g, i) => {
    const c = byLevel.get(g.level);
    const p = childPath(childPath(childPath(path, 'logRank'), 'groups'), i);
    if (!c) return;
    if (
      JSON.stringify(g.n) !== JSON.stringify(c.n) ||
      JSON.stringify(g.observed) !== JSON.stringify(c.events)
    )
      out.push({ path: p, message: `differs from the curve of ${c.label}` });
  });
  r.cox?.terms.forEach((t, i) =>
    modelTerm(
      t,
      [t.hr, t.lower, t.upper, t.p, t.coef, t.se],
      childPath(childPath(childPath(path, 'cox'), 'terms'), i),
      out,
    ),
  );
}

/**
 * A model term as the publishers write it: withheld figures are all null, a reason only with
 * `suppressed`, and no level counts (they are not published: withhold-term.ts).
 */
function modelTerm(
  t: { suppressed?: boolean; suppressedReason?: string; n?: unknown; referenceN?: unknown },
  figures: (number | null | undefined)[],
  path: string,
  out: SchemaProblem[],
): void {
  if (t.suppressed && figures.some((v) => v !== null && v !== undefined))
    out.push({ path, message: 'a withheld term shows figures' });
  if (t.suppressedReason !== undefined && !t.suppressed)
    out.push({ path: childPath(path, 'suppressedReason'), message: 'a term with a reason is not withheld' });
  for (const key of ['n', 'referenceN'] as const)
    if (typeof t[key] === 'number')
      out.push({ path: childPath(path, key), message: 'publishes the count of a factor level' });
}

function attainment(a: PublishedAttainment, path: string, out: SchemaProblem[]): void {
  const rows = a.rows;
  const rowPath = (i: number) => childPath(childPath(path, 'rows'), i);
  const index = (kind: string) => rows.findIndex((r) => r.kind === kind);
  const all = index('all');
  const cin = index('all-cin');
  const nk = index('not-known');
  if (all >= 0 && cin >= 0 && nk >= 0)
    equal(
      out,
      childPath(rowPath(all), 'n'),
      'all children in need and the comparison group',
      num(rows[all]!.n),
      sum([rows[cin]!.n, rows[nk]!.n]),
    );
  if (cin >= 0)
    equal(
      out,
      childPath(rowPath(cin), 'n'),
      'the categories',
      num(rows[cin]!.n),
      sum(rows.filter((r) => r.kind === 'category' || r.kind === 'uncategorised').map((r) => r.n)),
    );
  if (all >= 0) equal(out, childPath(path, 'n'), 'the row of all pupils', num(a.n), num(rows[all]!.n));
  equal(
    out,
    childPath(path, 'rowsInScope'),
    'the pupils analysed and the rows left out',
    num(a.rowsInScope),
    sum([a.n, a.rowsExcluded]),
  );
  equal(
    out,
    childPath(path, 'rowsExcluded'),
    'the rows left out by reason',
    num(a.rowsExcluded),
    sum(a.excluded.map((e) => e.rows)),
  );
  a.model?.terms.forEach((t, i) =>
    modelTerm(
      t,
      [t.estimate, t.se, t.lower, t.upper, t.p],
      childPath(childPath(childPath(path, 'model'), 'terms'), i),
      out,
    ),
  );
  const ref = rows.find((r) => r.reference);
  rows.forEach((r, i) => {
    const p = rowPath(i);
    const hidden = typeof r.n !== 'number';
    if (hidden !== (r.suppressed !== null))
      out.push({
        path: childPath(p, 'suppressed'),
        message: hidden
          ? 'a row whose n is a symbol is not marked suppressed'
          : 'a row with its n shown is marked suppressed',
      });
    if (hidden && [r.mean, r.rawGap, r.adjustedGap, r.lower, r.upper, r.p].some((v) => v !== null))
      out.push({ path: p, message: 'a suppressed row shows figures' });
    if (r.n === 0 && r.mean !== null)
      out.push({ path: childPath(p, 'mean'), message: 'a row of no pupils has a mean' });
    if (ref && !r.reference && r.rawGap !== null && r.mean !== null && ref.mean !== null)
      equal(
        out,
        childPath(p, 'rawGap'),
        "the row's mean less the comparison group's",
        r.rawGap,
        r.mean - ref.mean,
      );
  });
}
