// The words of <pathway-chart>: the one-sentence summary and the caption of each view, and the notes.
// Pure functions of what the element shows (pathway-chart.types.ts: a result, or a published
// section whose counts may be `c` and whose shares and ratios from a withheld count are null).
// The tables are in pathway-chart.tables.ts.
import { formatCount, formatNumber, formatPercent } from '../internal/format.js';
import { publicationText } from '../internal/published.js';
import type { PathwayView } from './pathway-chart.spec-base.js';
import type { PathwaysShown, ShownGroup } from './pathway-chart.types.js';

export const VIEWS: { view: PathwayView; label: string }[] = [
  { view: 'pathways', label: 'What happened next' },
  { view: 'adjusted', label: 'Adjusted odds' },
  { view: 'gradient', label: 'Deprivation' },
  { view: 'plans', label: 'Plan categories' },
];

const pc = (v: number | null | undefined) =>
  v === null || v === undefined ? 'c' : `${Math.round(v * 100)}%`;
const months = (r: PathwaysShown) => `${r.options.windowMonths} months`;
const share = (g: ShownGroup, o: number) => g.shares[o]?.share ?? null;
/** Plan or care: the two intervention shares together, null when either is withheld. */
const planOrCare = (g: ShownGroup): number | null => {
  const a = share(g, 2);
  const b = share(g, 3);
  return a === null || b === null ? null : a + b;
};
const lc = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);
const intervalWords = (r: PathwaysShown) => `${Math.round(r.options.level * 100)}%`;

/** The sentence a reader (and a screen reader) gets first: the view's main finding. */
export function summaryText(r: PathwaysShown, view: PathwayView): string {
  switch (view) {
    case 'adjusted':
      return adjustedSummary(r);
    case 'gradient':
      return gradientSummary(r);
    case 'plans':
      return plansSummary(r);
    default:
      return pathwaysSummary(r);
  }
}

function pathwaysSummary(r: PathwaysShown): string {
  const o = r.overall;
  const top = r.categories
    .filter((g) => planOrCare(g) !== null)
    .sort((a, b) => planOrCare(b)! - planOrCare(a)!)[0];
  const e = r.england.shares;
  return (
    `Within ${months(r)} of ${formatCount(r.n)} assessments, ${pc(share(o, 0))} ended with no further action, ` +
    `${pc(share(o, 2))} led to a child protection plan and ${pc(share(o, 3))} to care (England: ${pc(e.nfa)}, ${pc(e.cpp)} and ${pc(e.care)})` +
    (top ? `; ${lc(top.label)} most often led to a plan or care (${pc(planOrCare(top))}).` : '.')
  );
}

function adjustedSummary(r: PathwaysShown): string {
  const a = r.adjusted;
  if (!a)
    return 'The adjusted odds could not be estimated: the file has too few assessments with age, gender and ethnic group known.';
  const best = (terms: typeof a.plan.terms) =>
    terms.filter((t) => t.kind === 'category' && t.or !== null).sort((x, y) => y.or! - x.or!)[0];
  const p = best(a.plan.terms);
  const c = best(a.care.terms);
  const ref = lc(a.reference.label);
  const part = (what: string, t: typeof p) =>
    t && t.or! > 1
      ? `the odds of ${what} were highest for ${lc(t.label)} (${formatNumber(t.or, 1)} times)`
      : `no category had higher odds of ${what}`;
  return `Against ${ref}, and for children of the same age, gender and ethnic group, ${part('a plan', p)} and ${part('care', c)}.`;
}

function gradientSummary(r: PathwaysShown): string {
  const g = r.gradient;
  if (!g)
    return 'The deprivation gradient could not be estimated: the file has no deprivation decile (imd_decile).';
  const s = g.overall.slope;
  if (s.or === null || s.lower === null || s.upper === null)
    return 'The deprivation gradient could not be estimated.';
  const pct = Math.abs(s.or - 1) * 100;
  const clear = s.lower > 1 || s.upper < 1;
  const trend = !clear
    ? `there was no clear gradient by deprivation in the share of assessments leading to a plan or care (odds ×${formatNumber(s.or, 2)} a decile)`
    : `the odds of an assessment leading to a plan or care ${s.or > 1 ? 'rose' : 'fell'} by ${formatNumber(pct, 0)}% with each decile more deprived`;
  const i = g.interaction;
  const differ =
    i && i.p !== null && g.groups.length > 1
      ? i.p < 0.05
        ? `, and the gradient differed by ${lc(g.splitTitle)} (p ${pText(i.p)})`
        : `, with no clear difference by ${lc(g.splitTitle)} (p ${pText(i.p)})`
      : '';
  return `${trend[0]!.toUpperCase()}${trend.slice(1)}${differ}.`;
}

function plansSummary(r: PathwaysShown): string {
  const p = r.plans;
  if (!p || !p.rows.length)
    return 'There are no plan categories to compare: the file has no cpp_category (InitialCategoryOfAbuse) column, or no plans.';
  const neg = p.rows.find((x) => x.category === 'NEG');
  const row = neg && neg.share !== null ? neg : p.rows.find((x) => x.share !== null);
  if (!row)
    return `Of ${formatCount(p.plans)} child protection plans, the shares by category are withheld to protect privacy.`;
  return `Of ${formatCount(row.plans)} ${row.category === 'MUL' ? 'plans under multiple categories' : `${lc(row.label)} plans`}, ${pc(row.share)} followed an assessment that had not recorded ${row.category === 'MUL' ? 'any category of abuse' : lc(row.label)}.`;
}

/** 'p < 0.001', 'p = 0.03'. */
export function pText(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** What the figures are and where they come from. */
export function captionText(r: PathwaysShown, view: PathwayView): string {
  const window = `within ${months(r)} of the assessment's authorisation`;
  const base = `${formatCount(r.n)} assessments followed for ${months(r)} by ${r.options.extractDate}`;
  switch (view) {
    case 'adjusted': {
      const a = r.adjusted;
      return (
        `Odds ratios of a child protection plan and of care ${window}, for each demand category against ${a ? lc(a.reference.label) : 'the largest category'} ` +
        `(the largest), from logistic regression adjusted for ${a ? a.adjustedFor.map(lc).join(', ') : 'age, gender and ethnic group'}; ` +
        `${intervalWords(r)} Wald intervals (the log odds ratio ± 1.96 standard errors), on a log scale. ` +
        `Above 1: more likely than in the reference category for children of the same age, gender and ethnic group. ${base}.`
      );
    }
    case 'gradient':
      return (
        `Share of assessments that led to a child protection plan or care ${window}, by deprivation decile of the child's home area ` +
        `(Index of Multiple Deprivation; 1 = the most deprived tenth of areas in England), all assessments with ${intervalWords(r)} Wilson intervals, ` +
        `and by ${r.gradient ? lc(r.gradient.splitTitle) : 'group'}. The slope is the odds ratio per decile more deprived from logistic regression on the decile; ` +
        `whether it differs between groups is a likelihood-ratio test of the group-by-decile interaction. ${base}.`
      );
    case 'plans':
      return (
        'Child protection plans by their initial category of abuse (CIN census InitialCategoryOfAbuse), and the share whose assessment ' +
        'recorded none of the factors of that category (neglect: 16A; emotional abuse: 17A; physical abuse: 18A-18C; sexual abuse: 19A-19C; ' +
        `multiple: any of these), with ${intervalWords(r)} Wilson intervals. The national study found no neglect recorded in about a quarter of neglect plans.`
      );
    default:
      return (
        `The highest intervention ${window}: no further action (closed after assessment, RC8), child in need support only, ` +
        `a child protection plan, or care; by demand category, ${base}. Each bar adds up to 100%; ▲ or ▼ marks a share whose ` +
        `${intervalWords(r)} Wilson interval lies above or below the council's share. The whiskers under a bar span ` +
        `each share's interval measured from its segment's start: from 0 for no further action, from 100% for care ` +
        `(the table gives every interval). ` +
        `England: ${pc(r.england.shares.nfa)}, ${pc(r.england.shares.cin)}, ${pc(r.england.shares.cpp)} and ${pc(r.england.shares.care)} (${r.england.source}).`
      );
  }
}

/** Notes under the figures: published origin, assessments left out, the analyses' warnings. */
export function notes(r: PathwaysShown): string[] {
  const out: string[] = [];
  if (r.publication) out.push(publicationText(r.publication));
  for (const e of r.excluded) out.push(`${formatCount(e.count)} ${e.unit} left out: ${e.reason}.`);
  for (const w of [
    ...r.warnings,
    ...(r.gradient?.warnings ?? []),
    ...(r.adjusted?.plan.warnings ?? []),
    ...(r.adjusted?.care.warnings ?? []),
  ])
    out.push(w.message);
  return out;
}

export const percentText = (v: number | null | undefined): string =>
  v === null || v === undefined ? 'c' : formatPercent(v, 1);
