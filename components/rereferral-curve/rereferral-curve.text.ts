// The words and tables of <rereferral-curve>: pure functions of the analysis's result, so published
// figures and the worker's result read the same. Numbers as a UK reader expects (format.ts). In a
// published summary counts may be `c`, a group may be withheld (`suppressed`: no curve, no figures),
// and a figure at 12 months or six years is null with its number followed `c` where the monthly grid
// left that month out: shown as `c`, not as "nobody followed that long".
import type { RereferralHazardRatio } from '../../src/analyses/rereferral-types.js';
import type {
  Published,
  PublishedRereferral,
  PublishedRereferralAt,
  PublishedRereferralCurve,
} from '../../src/publish/summary-types.js';
import { formatCount, formatDate, formatNumber, formatPercent, plural } from '../internal/format.js';
import type { TableSpec } from '../internal/table.js';
import { toCsv } from '../internal/download.js';
import { publicationText, type WithPublication } from '../internal/published.js';

/** A curve as shown: the analysis's, or a published one (counts may be `c`; withheld groups). */
export type ShownCurve = Omit<PublishedRereferralCurve, 'nRisk' | 'nEvent' | 'suppressed'> & {
  nRisk?: Published[];
  nEvent?: Published[];
  suppressed?: boolean;
};

/** What the element renders: a re-referral result from the worker, or a summary's section. */
export type RereferralShown = WithPublication<
  Omit<PublishedRereferral, 'overall' | 'groups'> & { overall: ShownCurve; groups: ShownCurve[] }
>;

type ShownAt = PublishedRereferralAt;

/** Whether a figure at a mark is withheld by disclosure control (not missing for want of follow-up). */
const withheld = (at: ShownAt): boolean => at.estimate === null && at.nRisk === 'c';

/** The threshold of published figures (for the `c` footnote). */
const thresholdOf = (r: RereferralShown): number | undefined => r.publication?.threshold;

export type RereferralView = 'curve' | 'hazard-ratios';

/**
 * The words of each outcome (the curves, bands and models are the same): what ends a spell, what the
 * event is, and the national figures beside it, with their definitions.
 */
const OUTCOME_WORDS = {
  rereferral: {
    spell: 'closed episode',
    spells: 'closed episodes',
    event: 're-referral',
    events: 're-referrals',
    followed: 'were followed by a new referral',
    sooner: 're-referred',
    column: 'Re-referred',
    curves:
      'child-in-need episodes followed by a new referral of the same child, by months since the episode closed',
    rules:
      'Episodes closed by adoption, death, a child arrangements or special guardianship order, or transfer (RC1 to RC6), and episodes still open, are not counted',
    england: ', against 30% and 59% in England',
    england12: ', against 30% in England',
    national:
      'England: 30% within 12 months and 59% within six years (Kingston University and NCB, 2014-21, the same definition). ' +
      '* DfE’s 22% (2023-24) counts referrals within 12 months of a previous referral, a different definition.',
    footnote:
      'England (Kingston University and NCB, 2014-21): 30% within 12 months, 59% within six years. DfE, 2023-24: 22% of referrals came within 12 months of a previous referral (a different definition).',
  },
  'repeat-plan': {
    spell: 'ended child protection plan',
    spells: 'ended child protection plans',
    event: 'repeat plan',
    events: 'repeat plans',
    followed: 'were followed by another child protection plan',
    sooner: 'given another plan',
    column: 'Another plan',
    curves:
      'child protection plans followed by another plan for the same child, by months since the plan ended (CPPendDate to the next CPPstartDate)',
    rules: 'Plans still open at the extract date are not counted',
    england: '',
    england12: '',
    national:
      'No national figure of this kind is published. * DfE: 23.8% of plans starting in 2023-24 were the child’s second or later plan, at any interval (Characteristics of children in need 2023-24), a different definition.',
    footnote:
      'DfE, 2023-24: 23.8% of plans starting in the year were a second or later plan, at any interval (a different definition); no national figure of the curves’ kind is published.',
  },
  'care-reentry': {
    spell: 'period in care that ended',
    spells: 'periods in care that ended',
    event: 're-entry to care',
    events: 're-entries to care',
    followed: 'were followed by a return to care',
    sooner: 'back in care',
    column: 'Back in care',
    curves:
      'periods in care followed by another period in care for the same child, by months since the period ended',
    rules: 'Periods in care still open at the extract date are not counted',
    england: '',
    england12: '',
    national:
      'No national figure of this kind is published (DfE reports children returning to care in the year, not time to re-entry).',
    footnote: 'No national figure of re-entry to care of this kind is published.',
  },
} as const;

/** The words of the result's outcome. */
export const wordsOf = (r: RereferralShown) =>
  OUTCOME_WORDS[r.options.outcome ?? 'rereferral'] ?? OUTCOME_WORDS.rereferral;

const CONF: Record<string, string> = { 'log-log': 'log-log', log: 'log', plain: 'plain (linear)' };

/** `29.4%` or `–`. */
export const pct = (v: number | null | undefined): string => formatPercent(v ?? null);

/** `28.8% to 30.1%`. */
export function interval(lo: number | null, hi: number | null): string {
  return lo === null || hi === null ? '–' : `${pct(lo)} to ${pct(hi)}`;
}

/** `p < 0.001`, `p = 0.034`. */
export function pText(p: number | null): string {
  if (p === null) return 'p not available';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** `1.59, 95% interval 1.37 to 1.85`. */
export function hrText(t: Pick<RereferralHazardRatio, 'hr' | 'lower' | 'upper'>): string {
  return `${formatNumber(t.hr)}, 95% interval ${formatNumber(t.lower)} to ${formatNumber(t.upper)}`;
}

/** The group terms of the model from the highest hazard ratio to the lowest (unknown ones last). */
export function groupTermsByHazard(r: RereferralShown): RereferralHazardRatio[] {
  return (r.cox?.terms ?? [])
    .filter((t) => t.kind === 'group')
    .sort((a, b) => (b.hr ?? -Infinity) - (a.hr ?? -Infinity));
}

function extremes(groups: ShownCurve[]): [ShownCurve, ShownCurve] | null {
  const known = groups.filter((g) => !g.suppressed && g.at.months12.estimate !== null);
  if (known.length < 2) return null;
  const sorted = [...known].sort((a, b) => a.at.months12.estimate! - b.at.months12.estimate!);
  return [sorted[0]!, sorted[sorted.length - 1]!];
}

/** The one-sentence finding of a view. */
export function summaryText(r: RereferralShown, view: RereferralView): string {
  if (view === 'hazard-ratios') {
    const terms = (r.cox?.terms ?? []).filter((t) => t.kind === 'group' && t.hr !== null);
    if (!r.cox || !terms.length) return 'Hazard ratios compare groups: group the episodes to see them.';
    const hi = terms.reduce((a, b) => (b.hr! > a.hr! ? b : a));
    const lo = terms.reduce((a, b) => (b.hr! < a.hr! ? b : a));
    const ref = r.cox.reference.label;
    const adj = `Adjusted for ${listText(r.cox.adjustedFor)}`;
    const w = wordsOf(r);
    if (w.event !== 're-referral')
      return `${adj}, ${w.event} against ${ref} was likeliest after ${hi.label} (hazard ratio ${hrText(hi)}) and least likely after ${lo.label} (${hrText(lo)}).`;
    if (hi.hr! <= 1)
      return `${adj}, every group was re-referred no sooner than ${ref}; the lowest was ${lo.label} (hazard ratio ${hrText(lo)}).`;
    if (lo.hr! >= 1)
      return `${adj}, every group was re-referred at least as soon as ${ref}; the highest was ${hi.label} (hazard ratio ${hrText(hi)}).`;
    return `${adj}, re-referral against ${ref} was likeliest after ${hi.label} (hazard ratio ${hrText(hi)}) and least likely after ${lo.label} (${hrText(lo)}).`;
  }
  const o = r.overall;
  const m12 = o.at.months12;
  const y6 = o.at.years6;
  const w = wordsOf(r);
  let s = `Of ${plural(r.n, w.spell, w.spells)} followed up, ${pct(m12.estimate)} (95% interval ${interval(m12.lower, m12.upper)}) ${w.followed} within 12 months`;
  s += y6.estimate !== null ? ` and ${pct(y6.estimate)} within six years${w.england}` : w.england12;
  const ex = r.options.group !== 'none' ? extremes(r.groups) : null;
  if (ex) {
    s += `; within 12 months from ${pct(ex[0].at.months12.estimate)} (${ex[0].label}) to ${pct(ex[1].at.months12.estimate)} (${ex[1].label})`;
    if (r.logRank) s += ` (log-rank ${pText(r.logRank.p)})`;
  }
  return `${s}.`;
}

function listText(items: string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What the figures are, where they come from, and how the benchmarks differ. */
export function captionText(r: RereferralShown, view: RereferralView): string {
  const by = r.options.group === 'none' ? '' : ` by ${r.groupTitle.toLowerCase()}`;
  const cats = r.categorySource ? ` Categories: ${r.categorySource}.` : '';
  const file = r.file ? ` from ${r.file}` : '';
  const w = wordsOf(r);
  const rules = `${w.rules}; follow-up stops at the 18th birthday and at the extract date (${formatDate(r.options.extractDate)}).`;
  if (view === 'hazard-ratios') {
    const ref = r.cox ? ` against ${r.cox.reference.label}` : '';
    const adj = r.cox ? `, adjusted for ${listText(r.cox.adjustedFor)}` : '';
    return (
      `Hazard ratios of ${w.event}${by}${ref} from a Cox model${adj}, with 95% intervals on a log scale${file}. ` +
      `A ratio above 1 means children in that group were ${w.sooner} sooner. ${rules}${cats}`
    );
  }
  return (
    `Cumulative percentage of ${w.curves}${by}, ` +
    `with 95% confidence bands (Kaplan-Meier, ${CONF[r.options.confType] ?? r.options.confType} intervals)${file}. ${rules} ` +
    `${w.national}${cats}`
  );
}

/**
 * `29.4% (28.8% to 30.1%)`, or – when nobody was followed that long. No-break spaces inside the
 * interval, so a narrow column breaks only between the estimate and its interval.
 */
function withInterval(at: ShownAt): string {
  if (at.estimate === null) return withheld(at) ? 'c' : '–';
  return `${pct(at.estimate)} (${interval(at.lower, at.upper).replace(/ /g, '\u00a0')})`;
}

/** The main table of the curve view: each group's proportions at 12 months and six years. */
export function curveTable(r: RereferralShown): TableSpec<ShownCurve> {
  const rows = r.options.group === 'none' ? r.groups : [...r.groups, r.overall];
  const hidden = r.groups.filter((g) => g.suppressed).map((g) => g.label);
  const footnotes: string[] = [wordsOf(r).footnote];
  const unknown = (a: ShownAt) => a.estimate === null && !withheld(a);
  if (rows.some((g) => !g.suppressed && (unknown(g.at.months12) || unknown(g.at.years6))))
    footnotes.push('– : nobody in the group was followed that long.');
  if (hidden.length)
    footnotes.push(
      `Not drawn, and their figures shown as c: ${hidden.join(', ')} (too few episodes to publish).`,
    );
  if (r.publication)
    footnotes.push(
      `Published curves step at whole months and stop where ${r.publication.threshold} or fewer episodes are still followed, so a small group\u2019s curve is coarser and shorter.`,
      publicationText(r.publication),
    );
  return {
    caption: `Percentage ${wordsOf(r).sooner}${r.options.group === 'none' ? '' : ` by ${r.groupTitle.toLowerCase()}`}`,
    columns: [
      { label: r.options.group === 'none' ? 'Episodes' : r.groupTitle, value: (g) => g.label },
      { label: 'Followed up', value: (g) => g.n, format: (v) => formatCount(v), numeric: true },
      {
        label: wordsOf(r).column,
        value: (g) => g.events,
        format: (v) => formatCount(v),
        numeric: true,
      },
      {
        label: 'Within 12 months (95% interval)',
        value: (g) => (g.suppressed ? 'c' : withInterval(g.at.months12)),
        numeric: true,
      },
      {
        label: 'Within six years (95% interval)',
        value: (g) => (g.suppressed ? 'c' : withInterval(g.at.years6)),
        numeric: true,
      },
    ],
    rows,
    footnotes,
    threshold: thresholdOf(r),
  };
}

/** The curve view's table as CSV, every figure in its own column (proportions, not percentages). */
export function curveTableCsv(r: RereferralShown): string {
  const rows: unknown[][] = [
    [
      r.groupTitle,
      'followed_up',
      're_referred',
      'within_12_months',
      'lower_12_months',
      'upper_12_months',
      'within_6_years',
      'lower_6_years',
      'upper_6_years',
    ],
  ];
  // A figure withheld by disclosure control is c (an empty cell: nobody was followed that long).
  const fig = (at: ShownAt, v: number | null, hide: boolean | undefined) => (hide || withheld(at) ? 'c' : v);
  for (const g of r.options.group === 'none' ? r.groups : [...r.groups, r.overall]) {
    const a = g.at.months12;
    const b = g.at.years6;
    const h = g.suppressed;
    rows.push([
      g.label,
      g.n,
      g.events,
      fig(a, a.estimate, h),
      fig(a, a.lower, h),
      fig(a, a.upper, h),
      fig(b, b.estimate, h),
      fig(b, b.lower, h),
      fig(b, b.upper, h),
    ]);
  }
  return toCsv(rows);
}

/** What the risk table's months count from, for each outcome. */
const SINCE: Record<string, string> = {
  rereferral: 'months since closure',
  'repeat-plan': 'months since the plan ended',
  'care-reentry': 'months since leaving care',
};

/** The number at risk at each whole year, one row per group (the columns line up with the axis). */
export function riskTable(r: RereferralShown): {
  caption: string;
  years: number[];
  rows: { label: string; counts: Published[] }[];
} {
  const years = r.overall.risk.map((x) => x.months);
  return {
    caption: `Number still followed up, by ${SINCE[r.options.outcome ?? 'rereferral']}`,
    years,
    rows: r.groups.map((g) => ({ label: g.label, counts: g.risk.map((x) => x.nRisk) })),
  };
}

/** The table of the hazard-ratio view (group terms, the reference first). */
export function hazardTable(r: RereferralShown): TableSpec<RereferralHazardRatio & { suppressed?: boolean }> {
  const cox = r.cox!;
  const ref: RereferralHazardRatio = {
    term: 'reference',
    level: cox.reference.level,
    label: cox.reference.label,
    kind: 'group',
    hr: 1,
    lower: null,
    upper: null,
    p: null,
    coef: 0,
    se: null,
  };
  return {
    caption: `Hazard ratios of ${wordsOf(r).event} against ${cox.reference.label}`,
    columns: [
      { label: r.groupTitle, value: (t) => t.label },
      {
        label: 'Hazard ratio',
        value: (t) => t.hr,
        format: (v, t) =>
          t === ref ? '1 (reference)' : t.suppressed ? 'c' : formatNumber(v as number | null),
        numeric: true,
      },
      {
        label: '95% interval',
        value: (t) =>
          t === ref ? null : t.suppressed ? 'c' : `${formatNumber(t.lower)} to ${formatNumber(t.upper)}`,
        numeric: true,
      },
      {
        label: 'p',
        value: (t) => (t.suppressed ? 'c' : t.p),
        format: (v) =>
          v === null
            ? '–'
            : v === 'c'
              ? 'c'
              : pText(v as number)
                  .replace('p ', '')
                  .replace('= ', ''),
        numeric: true,
      },
    ],
    rows: [ref, ...groupTermsByHazard(r)],
    footnotes: [
      `Cox proportional hazards model (Efron ties) of ${formatCount(cox.n)} ${wordsOf(r).spells} with ${formatCount(cox.events)} ${wordsOf(r).events}, adjusted for ${listText(cox.adjustedFor)}.`,
      ...cox.excluded.map((e) => `${plural(e.episodes, 'episode')} left out: ${e.reason}.`),
      ...(r.publication ? [publicationText(r.publication)] : []),
    ],
    threshold: thresholdOf(r),
  };
}

/** The adjustment terms of the Cox model; `c` for a term a published summary withholds (a small level). */
export function covariateTable(
  r: RereferralShown,
): TableSpec<RereferralHazardRatio & { suppressed?: boolean }> {
  const rows = r.cox!.terms.filter((t) => t.kind === 'covariate');
  return {
    caption: 'The other terms of the model',
    columns: [
      { label: 'Term', value: (t) => t.label },
      {
        label: 'Hazard ratio',
        value: (t) => (t.suppressed ? 'c' : t.hr),
        format: (v) => (v === 'c' ? 'c' : formatNumber(v as number | null)),
        numeric: true,
      },
      {
        label: '95% interval',
        value: (t) => (t.suppressed ? 'c' : `${formatNumber(t.lower)} to ${formatNumber(t.upper)}`),
        numeric: true,
      },
      {
        label: 'p',
        value: (t) => (t.suppressed ? 'c' : t.p),
        format: (v) =>
          v === null
            ? '–'
            : v === 'c'
              ? 'c'
              : pText(v as number)
                  .replace('p ', '')
                  .replace('= ', ''),
        numeric: true,
      },
    ],
    rows,
    footnotes: rows.some((t) => t.suppressed)
      ? [
          `c: not shown, to protect children\u2019s privacy: the term\u2019s level, or the level it is compared with, has 1 to ${thresholdOf(r) ?? 5} episodes in the model.`,
        ]
      : [],
    threshold: thresholdOf(r),
  };
}

/** How the episodes were counted: followed up, censored, not at risk, excluded. */
export function accountTable(r: RereferralShown): TableSpec<[string, Published, string]> {
  const rows: [string, Published, string][] = [
    ['Episodes in the file', r.episodes.total, 'episodes'],
    ...r.episodes.notAtRisk.map((x): [string, Published, string] => [
      `Not at risk: ${x.reason}`,
      x.episodes,
      'episodes',
    ]),
    ['Followed up', r.n, 'episodes'],
    [wordsOf(r).column, r.events, 'episodes'],
    ...r.censored.map((c): [string, Published, string] => [`Censored: ${c.reason}`, c.episodes, 'episodes']),
    ...r.excluded.map((e): [string, Published, string] => [`Left out: ${e.reason}`, e.count, e.unit]),
  ];
  return {
    caption: 'How the episodes were counted',
    columns: [
      { label: 'Episodes', value: (x) => x[0] },
      { label: 'Number', value: (x) => x[1], format: (v) => formatCount(v), numeric: true },
      { label: 'Counted in', value: (x) => x[2] },
    ],
    rows,
    threshold: thresholdOf(r),
  };
}

/** Every point of every curve as CSV: group, months, estimate and band. */
export function curvesCsv(r: RereferralShown): string {
  const rows: unknown[][] = [['group', 'months', 'rereferred', 'lower', 'upper']];
  for (const g of r.groups)
    for (let k = 0; k < g.months.length; k++)
      rows.push([g.label, g.months[k], g.estimate[k], g.lower[k], g.upper[k]]);
  return toCsv(rows);
}
