// The attacker's model of a published summary, written from what the figures mean and from nothing
// the publishing code computes (so it can catch what that code overlooks): every count is a
// variable, known when published and an unknown non-negative integer when `c` (or never published:
// the episodes without a group, pupils reaching a standard, censored episodes between two points of
// a curve); the linear relations between them are equations; bound-solver.ts tightens the unknowns.
// A recovery is an unknown pinned to one value from 1 to the threshold. Beside the equations, two
// checks need no solver: a profile cell (a category's count times P(factor | category), or times
// its complement) that rests on 1 to threshold assessments, and a profile published for a category
// whose count is `c`.
//
// Relations (each true of every summary by construction of the analyses, except the hypotheses):
// - demand: category x year with its totals and classified; category x group for each dimension;
//   assessments = classified + no factors + outside the model; the excluded rows of the same names;
//   fit n = classified; the rows missing a code before its introduction = the classified assessments
//   of the years before it (true when no assessment records a code before it existed);
// - re-referral: episodes = followed up + each reason not; followed = re-referred + each censoring;
//   each group's n = its re-referred + censored; the groups plus the episodes without a group make
//   the pooled figures; log-rank rows repeat the groups'; the Cox model's episodes and exclusions fit
//   within those followed; each curve: at risk at 0 = n, at risk falls between two points by the
//   re-referrals published there plus the censored (unknown), and what is left at the last point is
//   the re-referrals and censored after it; at-risk figures at months between points lie between
//   theirs;
// - attainment: the categories and the uncategorised make all children in need, who with the
//   comparison pupils make all pupils; rows in scope = pupils + each exclusion; for a 0/1 outcome
//   (the expected standard) each row's pupils reaching it and not, from n x mean where both are
//   published (or mean from the comparison mean + the raw gap), summing like the rows;
// - repeat plans and re-entry to care: as re-referral (the same analysis of other spells);
// - pathways: category x outcome with its totals; the assessments analysed and those left out by
//   reason (their total unknown); each gradient group's decile n = with + without a plan or care,
//   the groups summing to the overall deciles; plan categories: plans = not recorded + recorded
//   (unknown), summing to the table's total, which with the uncategorised makes all plans;
// - hypothesis `oneAssessmentPerReferral`: the re-referral section's episodes are the demand
//   section's assessments (true of a council whose referrals have one assessment each).
import type { Published, Summary } from '../../../src/publish/summary-types.js';
import { tightenBounds, type Equation } from '../../../src/publish/bound-solver.js';

export interface Recovery {
  what: string;
  value: number;
  how: 'linear relations' | 'n x mean' | 'profile x count' | 'profile of a suppressed category';
}

export interface AttackOptions {
  oneAssessmentPerReferral?: boolean;
}

class Model {
  lo: number[] = [];
  hi: number[] = [];
  names: string[] = [];
  /** Known from the start (published): never a recovery. */
  given: boolean[] = [];
  equations: Equation[] = [];
  private byName = new Map<string, number>();

  /** A figure: known if a number (published, unless `given` is false: worked out), else unknown. */
  fig(name: string, v: Published | number | null | undefined, given = true): number {
    let i = this.byName.get(name);
    if (i === undefined) {
      i = this.unknown(name);
      this.byName.set(name, i);
    }
    if (typeof v === 'number') {
      this.lo[i] = Math.max(this.lo[i]!, v);
      this.hi[i] = Math.min(this.hi[i]!, v);
      if (given) this.given[i] = true;
    }
    return i;
  }

  unknown(name: string): number {
    this.names.push(name);
    this.lo.push(0);
    this.hi.push(Infinity);
    this.given.push(false);
    return this.names.length - 1;
  }

  /** sum(left) = sum(right). */
  eq(why: string, left: number[], right: number[]): void {
    const coef = new Map<number, number>();
    for (const v of left) coef.set(v, (coef.get(v) ?? 0) + 1);
    for (const v of right) coef.set(v, (coef.get(v) ?? 0) - 1);
    const terms = [...coef].filter(([, a]) => a !== 0);
    if (terms.length) this.equations.push({ terms, rhs: 0, why });
  }
}

/** What an attacker recovers from `s` (see the file comment). */
export function attack(s: Summary, options: AttackOptions = {}): Recovery[] {
  // The guess about the eras (no code recorded before it existed) can be wrong: the figures then
  // contradict it, and the attacker drops it.
  try {
    return attackWith(s, options, true);
  } catch (e) {
    if (!(e instanceof Error && /contradict/.test(e.message))) throw e;
    return attackWith(s, options, false);
  }
}

function attackWith(
  s: Summary,
  { oneAssessmentPerReferral = false }: AttackOptions,
  guessEras: boolean,
): Recovery[] {
  const T = s.metadata.disclosure.threshold;
  const m = new Model();
  const out: Recovery[] = [];
  const small = (v: number) => v >= 1 && v <= T;
  const d = s.demand;
  if (d) demandRelations(m, s, guessEras);
  if (s.rereferral) rereferralRelations(m, s.rereferral);
  if (s.repeatPlans) rereferralRelations(m, s.repeatPlans, 'repeat');
  if (s.careReentry) rereferralRelations(m, s.careReentry, 'reentry');
  if (s.pathways) pathwaysRelations(m, s.pathways);
  const reached: { name: string; n: number; mean: number }[] = [];
  s.attainment.forEach((_, t) => attainmentRelations(m, s, t, reached));
  if (oneAssessmentPerReferral && d && s.rereferral)
    m.eq(
      'one assessment per referral',
      [m.fig('demand.n', d.n)],
      [m.fig('rr.episodes', s.rereferral.episodes.total)],
    );

  const { lo, hi } = tightenBounds({ lo: m.lo, hi: m.hi, equations: m.equations });
  m.names.forEach((name, i) => {
    if (m.given[i] || lo[i] !== hi[i] || !small(lo[i]!)) return;
    const direct = reached.find((r) => r.name === name);
    out.push({ what: name, value: lo[i]!, how: direct ? 'n x mean' : 'linear relations' });
  });

  // Profiles: P(factor | category) times the category's count.
  if (d) {
    const probs = d.profiles.probabilities;
    d.categories.forEach((c, k) => {
      const row = (probs[k] ?? []) as (number | null)[];
      const factors = c.factors.map((f) => f.probability as number | null);
      const shown = [...row, ...factors].filter((p): p is number => typeof p === 'number');
      const count = m.fig(`demand.cat${k}`, c.count);
      const known = lo[count] === hi[count] ? lo[count]! : null;
      if (known === null || small(known)) {
        if (shown.length)
          out.push({
            what: `demand.profiles[${c.name}]`,
            value: shown.length,
            how: 'profile of a suppressed category',
          });
        return;
      }
      row.forEach((p, j) => {
        if (typeof p !== 'number') return;
        for (const x of [known * p, known * (1 - p)])
          if (Math.round(x) >= 1 && Math.round(x) <= T)
            out.push({
              what: `demand.profiles[${c.name}][${d.profiles.items[j]!.code}]`,
              value: Math.round(x),
              how: 'profile x count',
            });
      });
      c.factors.forEach((f) => {
        if (typeof f.probability !== 'number') return;
        for (const x of [known * f.probability, known * (1 - f.probability)])
          if (Math.round(x) >= 1 && Math.round(x) <= T)
            out.push({
              what: `demand.categories[${c.name}].factors[${f.code}]`,
              value: Math.round(x),
              how: 'profile x count',
            });
      });
    });
  }
  return out;
}

function demandRelations(m: Model, s: Summary, guessEras: boolean): void {
  const d = s.demand!;
  const cat = d.categories.map((c, k) => m.fig(`demand.cat${k}`, c.count));
  const classified = m.fig('demand.classified', d.classified);
  m.eq('categories sum to classified', cat, [classified]);
  if (d.years.length) {
    const totals = d.years.map((y) => m.fig(`demand.year[${y.year}]`, y.total));
    const cells = d.years.map((y) => y.counts.map((v, k) => m.fig(`demand.year[${y.year}][cat${k}]`, v)));
    d.years.forEach((y, j) => m.eq(`year ${y.year}`, cells[j]!, [totals[j]!]));
    cat.forEach((c, k) =>
      m.eq(
        `category ${k} over years`,
        cells.map((row) => row[k]!),
        [c],
      ),
    );
    m.eq('years sum to classified', totals, [classified]);
    // Eras of code introduction: the classified rows of the years before the code existed, less
    // those recording the code anyway (unknown); the attacker guesses that the code missing from
    // the most rows was recorded by none (true unless every code of the era was recorded early).
    const eras = new Map<string, typeof d.codes.missingBeforeIntroduced>();
    for (const e of d.codes.missingBeforeIntroduced) eras.set(e.from, [...(eras.get(e.from) ?? []), e]);
    for (const [from, codes] of eras) {
      const before = d.years
        .map((y, j) => [Number(y.year.slice(0, 4)) + 1, j] as const)
        .filter(([end]) => `${end}-04-01` <= from)
        .map(([, j]) => totals[j]!);
      const sum = m.unknown(`demand.years before ${from}`);
      m.eq(`years before ${from}`, before, [sum]);
      const most = Math.max(...codes.map((e) => (typeof e.rows === 'number' ? e.rows : -1)));
      for (const e of codes) {
        const rows = m.fig(`demand.missing[${e.code}]`, e.rows);
        if (guessEras && typeof e.rows === 'number' && e.rows === most)
          m.eq(`${e.code} missing before ${from}`, [rows], [sum]);
        else
          m.eq(
            `${e.code} missing before ${from}`,
            [rows, m.unknown(`demand.${e.code} recorded early`)],
            [sum],
          );
      }
    }
  }
  const dims = new Map<string, typeof d.characteristics>();
  for (const ch of d.characteristics) dims.set(ch.dimension, [...(dims.get(ch.dimension) ?? []), ch]);
  for (const [dim, rows] of dims) {
    const ns = rows.map((g) => m.fig(`demand.${dim}[${g.group}]`, g.n));
    const cells = rows.map((g) =>
      g.categories.map((c, k) => m.fig(`demand.${dim}[${g.group}][cat${k}]`, c.count)),
    );
    rows.forEach((g, i) => m.eq(`${dim} ${g.group}`, cells[i]!, [ns[i]!]));
    cat.forEach((c, k) =>
      m.eq(
        `category ${k} over ${dim}`,
        cells.map((row) => row[k]!),
        [c],
      ),
    );
    m.eq(`${dim} groups sum to classified`, ns, [classified]);
  }
  const noFactors = m.fig('demand.noFactors', d.noFactors);
  const outside = m.fig('demand.outsideItems', d.outsideItems);
  m.eq('assessments', [classified, noFactors, outside], [m.fig('demand.n', d.n)]);
  for (const e of d.excluded) {
    if (e.code === 'no-factors')
      m.eq('excluded no factors', [m.fig('demand.noFactors', e.rows)], [noFactors]);
    if (e.code === 'outside-items')
      m.eq('excluded outside', [m.fig('demand.outsideItems', e.rows)], [outside]);
  }
  m.eq('fit n', [m.fig('demand.fit.n', d.fit.n)], [classified]);
}

function rereferralRelations(m: Model, r: NonNullable<Summary['rereferral']>, p = 'rr'): void {
  const total = m.fig(`${p}.episodes`, r.episodes.total);
  const n = m.fig(`${p}.n`, r.n);
  m.eq(
    'episodes',
    [
      m.fig(`${p}.n`, r.episodes.atRisk),
      ...r.episodes.notAtRisk.map((x) => m.fig(`${p}.notAtRisk[${x.code}]`, x.episodes)),
    ],
    [total],
  );
  const events = m.fig(`${p}.events`, r.events);
  const censored = m.fig(`${p}.censored`, r.overall.censored);
  m.eq('followed', [events, censored], [n]);
  m.eq(
    'censored by reason',
    r.censored.map((c) => m.fig(`${p}.censored[${c.code}]`, c.episodes)),
    [censored],
  );
  m.fig(`${p}.n`, r.overall.n);
  m.fig(`${p}.events`, r.overall.events);
  const grouped = r.groups.length > 1 || r.options.group !== 'none';
  if (grouped) {
    const noGroup = r.excluded.find((e) => e.code === 'no-group');
    const ngN = noGroup ? m.fig(`${p}.noGroup`, noGroup.count) : m.fig(`${p}.noGroup`, 0);
    const ngE = m.unknown(`${p}.noGroup.events`);
    const ngC = m.unknown(`${p}.noGroup.censored`);
    m.eq('no group', [ngE, ngC], [ngN]);
    const gs = r.groups.map((g) => ({
      n: m.fig(`${p}.g[${g.level}].n`, g.n),
      e: m.fig(`${p}.g[${g.level}].events`, g.events),
      c: m.fig(`${p}.g[${g.level}].censored`, g.censored),
    }));
    gs.forEach((g, i) => m.eq(`group ${i}`, [g.e, g.c], [g.n]));
    m.eq('groups n', [...gs.map((g) => g.n), ngN], [n]);
    m.eq('groups events', [...gs.map((g) => g.e), ngE], [events]);
    m.eq('groups censored', [...gs.map((g) => g.c), ngC], [censored]);
    for (const g of r.logRank?.groups ?? []) {
      m.fig(`${p}.g[${g.level}].n`, g.n);
      m.fig(`${p}.g[${g.level}].events`, g.observed);
    }
  }
  const curves = grouped
    ? r.groups.map((g) => [g, `${p}.g[${g.level}]`] as const)
    : [[r.overall, p] as const];
  for (const [g, key] of curves) {
    if (!g.months.length) continue;
    const gn = m.fig(grouped ? `${key}.n` : `${p}.n`, g.n);
    const ge = m.fig(grouped ? `${key}.events` : `${p}.events`, g.events);
    const gc = m.fig(grouped ? `${key}.censored` : `${p}.censored`, g.censored);
    const risk = g.months.map((mo, k) => m.fig(`${key}.nRisk[${mo}]`, g.nRisk[k]));
    if (g.months[0] === 0) m.eq(`${key} at risk at 0`, [risk[0]!], [gn]);
    const evs: number[] = [];
    const cens: number[] = [];
    for (let k = 1; k < g.months.length; k++) {
      const ev = m.fig(`${key}.nEvent[${g.months[k]}]`, g.nEvent[k]);
      const ce = m.unknown(`${key}.censored[${g.months[k - 1]}-${g.months[k]}]`);
      evs.push(ev);
      cens.push(ce);
      m.eq(`${key} step to ${g.months[k]}`, [risk[k - 1]!], [risk[k]!, ev, ce]);
    }
    const tailE = m.unknown(`${key}.events after ${g.lastMonths}`);
    const tailC = m.unknown(`${key}.censored after ${g.lastMonths}`);
    m.eq(`${key} tail`, [risk[risk.length - 1]!], [tailE, tailC]);
    m.eq(`${key} events`, [...evs, tailE], [ge]);
    m.eq(`${key} censored`, [...cens, tailC], [gc]);
    // At-risk figures published at other months lie between the grid's.
    const atMonth = [
      ...g.risk.map((x) => [x.months, x.nRisk] as const),
      [g.at.months12.months, g.at.months12.nRisk] as const,
      [g.at.years6.months, g.at.years6.nRisk] as const,
    ];
    for (const [mo, v] of atMonth) {
      const k = g.months.indexOf(mo);
      if (k >= 0) {
        m.eq(`${key} at risk at ${mo}`, [m.fig(`${key}.nRisk[${mo}]`, v)], [risk[k]!]);
        continue;
      }
      const x = m.fig(`${key}.nRisk[${mo}]`, v);
      const prev = g.months.filter((p) => p < mo).length - 1;
      if (prev < 0) continue;
      m.eq(`${key} at risk at ${mo} below`, [risk[prev]!], [x, m.unknown(`${key}.left before ${mo}`)]);
      if (prev + 1 < g.months.length)
        m.eq(`${key} at risk at ${mo} above`, [x], [risk[prev + 1]!, m.unknown(`${key}.left after ${mo}`)]);
    }
  }
  if (r.cox) {
    const coxN = m.fig(`${p}.cox.n`, r.cox.n);
    const ex = r.cox.excluded.map((e, i) => m.fig(`${p}.cox.excluded[${i}]`, e.episodes));
    m.eq('cox episodes', [coxN, ...ex, m.unknown(`${p}.cox.other`)], [n]);
    m.eq('cox events', [m.fig(`${p}.cox.events`, r.cox.events), m.unknown(`${p}.cox.otherEvents`)], [events]);
  }
}

function attainmentRelations(
  m: Model,
  s: Summary,
  t: number,
  reached: { name: string; n: number; mean: number }[],
): void {
  const a = s.attainment[t]!;
  const key = `att[${a.options.keyStage} ${a.outcome.id}]`;
  const row = (kind: string) => a.rows.filter((x) => x.kind === kind);
  const sub = [...row('category'), ...row('uncategorised')];
  const allCin = row('all-cin')[0];
  const notKnown = row('not-known')[0];
  const all = row('all')[0];
  const nOf = (x: (typeof a.rows)[number]) => m.fig(`${key}.n[${x.id}]`, x.n);
  const allN = all ? nOf(all) : m.fig(`${key}.n[all]`, a.n);
  m.fig(`${key}.n[all]`, a.n);
  if (a.model) m.fig(`${key}.n[all]`, a.model.n);
  if (allCin) m.eq(`${key} children in need`, sub.map(nOf), [nOf(allCin)]);
  if (allCin && notKnown) m.eq(`${key} all pupils`, [nOf(allCin), nOf(notKnown)], [allN]);
  const ex = a.excluded.map((e) => m.fig(`${key}.excluded[${e.code}]`, e.rows));
  m.eq(`${key} rows in scope`, [allN, ...ex], [m.fig(`${key}.rowsInScope`, a.rowsInScope)]);
  m.eq(`${key} rows excluded`, ex, [m.fig(`${key}.rowsExcluded`, a.rowsExcluded)]);
  if (a.outcome.scale !== 'proportion') return;
  const ref = a.rows.find((x) => x.reference);
  const mean = (x: (typeof a.rows)[number]): number | null =>
    typeof x.mean === 'number'
      ? x.mean
      : typeof x.rawGap === 'number' && ref && typeof ref.mean === 'number'
        ? ref.mean + x.rawGap
        : null;
  const yes = (x: (typeof a.rows)[number]) => {
    const name = `${key}.reached[${x.id}]`;
    const mu = mean(x);
    const n = typeof x.n === 'number' ? x.n : null;
    if (mu !== null && n !== null)
      reached.push({ name, n, mean: mu }, { name: `${key}.notReached[${x.id}]`, n, mean: mu });
    const v = m.fig(name, mu !== null && n !== null ? Math.round(n * mu) : null, false);
    const no = m.fig(
      `${key}.notReached[${x.id}]`,
      mu !== null && n !== null ? n - Math.round(n * mu) : null,
      false,
    );
    m.eq(`${key} ${x.id} reached or not`, [v, no], [nOf(x)]);
    return v;
  };
  const subYes = sub.map(yes);
  if (allCin) m.eq(`${key} children in need reaching`, subYes, [yes(allCin)]);
  if (allCin && notKnown && all) m.eq(`${key} all reaching`, [yes(allCin), yes(notKnown)], [yes(all)]);
}

function pathwaysRelations(m: Model, pw: NonNullable<Summary['pathways']>): void {
  const outcomes = pw.overall.shares.map((x) => m.fig(`pw.all.${x.outcome}`, x.count));
  const n = m.fig('pw.n', pw.n);
  m.fig('pw.n', pw.overall.n);
  m.eq('pathways overall', outcomes, [n]);
  const cells = pw.categories.map((g, k) => g.shares.map((x) => m.fig(`pw.cat${k}.${x.outcome}`, x.count)));
  pw.categories.forEach((g, k) => m.eq(`pathways category ${k}`, cells[k]!, [m.fig(`pw.cat${k}.n`, g.n)]));
  outcomes.forEach((o, j) =>
    m.eq(
      `pathways outcome ${j}`,
      cells.map((row) => row[j]!),
      [o],
    ),
  );
  m.eq(
    'pathways categories',
    pw.categories.map((_, k) => m.fig(`pw.cat${k}.n`, null)),
    [n],
  );
  m.eq(
    'pathways considered',
    [n, ...pw.excluded.map((e) => m.fig(`pw.excluded.${e.code}`, e.count))],
    [m.unknown('pw.considered')],
  );
  const g = pw.gradient;
  if (g) {
    const groups = g.groups.length ? g.groups : [];
    for (let d = 0; d < 10; d++) {
      const all = g.overall.deciles[d]!;
      const allWith = m.fig(`pw.grad.all.d${d}.with`, all.events);
      const allN = m.fig(`pw.grad.all.d${d}.n`, all.n);
      const allWithout = m.unknown(`pw.grad.all.d${d}.without`);
      m.eq(`gradient decile ${d}`, [allWith, allWithout], [allN]);
      if (!groups.length) continue;
      const w: number[] = [];
      const wo: number[] = [];
      groups.forEach((grp, k) => {
        const x = grp.deciles[d]!;
        const gw = m.fig(`pw.grad.g${k}.d${d}.with`, x.events);
        const gn = m.fig(`pw.grad.g${k}.d${d}.n`, x.n);
        const gwo = m.unknown(`pw.grad.g${k}.d${d}.without`);
        m.eq(`gradient group ${k} decile ${d}`, [gw, gwo], [gn]);
        w.push(gw);
        wo.push(gwo);
      });
      m.eq(`gradient decile ${d} with`, w, [allWith]);
      m.eq(`gradient decile ${d} without`, wo, [allWithout]);
    }
    const groupTotals = (key: string, grp: (typeof groups)[number] | typeof g.overall) => {
      m.eq(
        `gradient ${key} n`,
        grp.deciles.map((_, d) => m.fig(`pw.grad.${key}.d${d}.n`, null)),
        [m.fig(`pw.grad.${key}.n`, grp.n)],
      );
      m.eq(
        `gradient ${key} with`,
        grp.deciles.map((_, d) => m.fig(`pw.grad.${key}.d${d}.with`, null)),
        [m.fig(`pw.grad.${key}.with`, grp.events)],
      );
    };
    groupTotals('all', g.overall);
    groups.forEach((grp, k) => groupTotals(`g${k}`, grp));
  }
  const pl = pw.plans;
  if (pl) {
    const rows = pl.rows.map((r, k) => {
      const plans = m.fig(`pw.plans.${k}`, r.plans);
      m.eq(
        `plans ${k}`,
        [m.fig(`pw.plans.${k}.not`, r.notRecorded), m.unknown(`pw.plans.${k}.recorded`)],
        [plans],
      );
      return plans;
    });
    const table = m.unknown('pw.plans.table');
    m.eq('plans table', rows, [table]);
    m.eq(
      'all plans',
      [table, m.fig('pw.plans.uncategorised', pl.uncategorised)],
      [m.fig('pw.plans.all', pl.plans)],
    );
  }
}
