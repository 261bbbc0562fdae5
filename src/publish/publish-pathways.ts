// Disclosure control of the pathways result (src/analyses/pathways.ts) for the published summary:
// the section's plan for the summary-wide disclosure pass (disclosure-pass.ts). Its tables are
// suppressed together with every other section's, so a count hidden here cannot be read off
// another section, nor one hidden there off this one.
//
// Mapping PathwaysResult -> PublishedPathways:
// - Category x outcome counts (no further action, child in need, plan, care) are one table with its
//   totals (category n, the council's counts by outcome, all assessments, keyed 'n'), so no count of
//   1 to threshold is shown or recoverable from the totals. A share and its interval are null
//   where its count or its category's n is suppressed (share x n gives the count back).
// - excluded[].count: a list with the assessments analysed (its total, the assessments considered,
//   is never published and so is protected as hidden).
// - Adjusted odds ratios: the models' n with the assessments analysed (their difference, those
//   with an unknown age, gender or ethnic group, protected as hidden), events as a count; terms withheld (figures null,
//   `suppressed`, `suppressedReason`) where their level or the reference level has 1 to threshold
//   assessments in the model; level counts (`n`, `referenceN`) not published.
// - Gradient: per group and decile the assessments with and without a plan or care, as two tables
//   (with, without: deciles x groups, totals the overall decile counts and the group totals), each
//   suppressed; a decile's n, share and interval are shown only where both its counts are. Slopes
//   of a group with a suppressed total are withheld.
// - Plans: plan category x (assessment recorded the category, did not) with totals, and the table's
//   total with the uncategorised plans adding up to all plans; shares null where a count is hidden.
import type {
  GradientGroup,
  PathwayGroup,
  PathwayOddsRatio,
  PathwayModel,
  PathwaysResult,
} from '../analyses/pathways-types.js';
import type { Published, SuppressedTable } from './disclosure.js';
import type { SectionPlan } from './disclosure-pass.js';
import { entryOf, listTable, type LinkedTable } from './suppress-linked.js';
import { withholdTerm, type TermSuppression } from './withhold-term.js';

type Nullable<T> = { [K in keyof T]: T[K] | null };

export interface PublishedPathwayGroup {
  level: string;
  label: string;
  n: Published;
  shares: {
    outcome: string;
    count: Published;
    share: number | null;
    lower: number | null;
    upper: number | null;
    vsCouncil: 'higher' | 'lower' | null;
  }[];
  suppressed: boolean;
}

export type PublishedOddsRatio = Omit<Nullable<PathwayOddsRatio>, 'n' | 'referenceN'> & {
  term: string;
  label: string;
  kind: PathwayOddsRatio['kind'];
  suppressed?: boolean;
  suppressedReason?: TermSuppression;
};

export interface PublishedPathwayModel extends Omit<PathwayModel, 'n' | 'events' | 'terms'> {
  n: Published;
  events: Published;
  terms: PublishedOddsRatio[];
}

export interface PublishedGradientGroup extends Omit<GradientGroup, 'n' | 'events' | 'deciles'> {
  n: Published;
  events: Published;
  deciles: {
    decile: number;
    n: Published;
    events: Published;
    share: number | null;
    lower: number | null;
    upper: number | null;
  }[];
  suppressed: boolean;
}

export interface PublishedPathways extends Omit<
  PathwaysResult,
  'n' | 'excluded' | 'overall' | 'categories' | 'adjusted' | 'gradient' | 'plans'
> {
  n: Published;
  excluded: { code: string; reason: string; count: Published; unit: string }[];
  overall: PublishedPathwayGroup;
  categories: PublishedPathwayGroup[];
  adjusted: {
    reference: { level: string; label: string };
    adjustedFor: string[];
    plan: PublishedPathwayModel;
    care: PublishedPathwayModel;
  } | null;
  gradient:
    | (Omit<NonNullable<PathwaysResult['gradient']>, 'n' | 'events' | 'overall' | 'groups'> & {
        n: Published;
        events: Published;
        overall: PublishedGradientGroup;
        groups: PublishedGradientGroup[];
      })
    | null;
  plans: {
    plans: Published;
    uncategorised: Published;
    rows: {
      category: string;
      label: string;
      factors: string[];
      plans: Published;
      notRecorded: Published;
      share: number | null;
      lower: number | null;
      upper: number | null;
    }[];
  } | null;
}

/** A list table whose total is never published: its total entry hidden from the start. */
function listHiddenTotal(values: number[], keys: (string | null)[]): LinkedTable {
  return { ...listTable(values, keys, null), hide: [[0, values.length]] };
}

/**
 * The pathways section's plan for the disclosure pass (see the file comment).
 * @example runDisclosurePass([planPathways(pathways(data, {}, {categories}))])[0]
 */
export function planPathways(r: PathwaysResult): SectionPlan<PublishedPathways> {
  // 0: category x outcome, its grand total keyed 'n' (the assessments analysed). With no category
  // (none could be assigned) the council's own row stands alone, so its counts are still protected
  // and published; a table of no rows would have no column totals to read them back from.
  const rows = r.categories.length ? r.categories : [r.overall];
  const K = rows.length;
  const tables: LinkedTable[] = [];
  tables.push({
    counts: rows.map((g) => g.shares.map((s) => s.count)),
    key: (i, j) => (i === K && j === 4 ? 'n' : null),
  });
  // 1: the assessments analysed and those left out; their total is never published.
  tables.push(
    listHiddenTotal([r.n, ...r.excluded.map((e) => e.count)], ['n', ...r.excluded.map(() => null)]),
  );
  const a = r.adjusted;
  if (a) {
    // 2: the models' assessments + those with an unknown characteristic = those analysed (the
    // difference is never published, so protected as hidden); 3: the models' events.
    tables.push({ ...listTable([a.plan.n, r.n - a.plan.n], ['model:n', null], 'n'), hide: [[0, 1]] });
    tables.push(listHiddenTotal([a.plan.events, a.care.events], [null, null]));
  }
  // Gradient: deciles x groups, with and without a plan or care.
  const g = r.gradient;
  const cols = g ? (g.groups.length ? g.groups : [g.overall]) : [];
  const gradientAt = tables.length;
  if (g) {
    tables.push({ counts: Array.from({ length: 10 }, (_, d) => cols.map((c) => c.deciles[d]!.events)) });
    tables.push({
      counts: Array.from({ length: 10 }, (_, d) => cols.map((c) => c.deciles[d]!.n - c.deciles[d]!.events)),
    });
  }
  // Plans: category x (not recorded, recorded); then the table's total + uncategorised = all plans.
  const p = r.plans;
  const plansAt = tables.length;
  if (p) {
    const R = p.rows.length;
    tables.push({
      counts: p.rows.map((row) => [row.notRecorded, row.plans - row.notRecorded]),
      key: (i, j) => (i === R && j === 2 ? 'plans:table' : null),
    });
    tables.push(listTable([p.plans - p.uncategorised, p.uncategorised], ['plans:table', null], 'plans:all'));
  }
  return {
    section: 'pathways',
    tables,
    finish: (out) => finishPathways(r, out, gradientAt, plansAt),
  };
}

function finishPathways(
  r: PathwaysResult,
  out: SuppressedTable[],
  gradientAt: number,
  plansAt: number,
): PublishedPathways {
  const t = out[0]!;
  const threshold = t.threshold;
  const excluded = out[1]!;
  const at = { gradientAt, plansAt };
  const group = (g: PathwayGroup, cells: Published[], n: Published): PublishedPathwayGroup => ({
    level: g.level,
    label: g.label,
    n,
    shares: g.shares.map((s, o) => {
      const shown = cells[o] !== 'c' && n !== 'c';
      return {
        outcome: s.outcome,
        count: cells[o]!,
        share: shown ? s.share : null,
        lower: shown ? s.lower : null,
        upper: shown ? s.upper : null,
        vsCouncil: shown ? s.vsCouncil : null,
      };
    }),
    suppressed: n === 'c',
  });
  const categories = r.categories.map((g, i) => group(g, t.cells[i]!, t.rowTotals[i]!));
  const overall = group(r.overall, t.colTotals, t.grandTotal);

  const a = r.adjusted;
  const modelN = a ? entryOf(out[2]!, 0, 0) : 0;
  const events = a ? [entryOf(out[3]!, 0, 0), entryOf(out[3]!, 0, 1)] : [];
  return {
    ...r,
    n: t.grandTotal,
    excluded: r.excluded.map((e, k) => ({ ...e, count: entryOf(excluded, 0, k + 1) })),
    overall,
    categories,
    england: { ...r.england, shares: { ...r.england.shares } },
    adjusted: r.adjusted
      ? {
          reference: { level: r.adjusted.reference.level, label: r.adjusted.reference.label },
          adjustedFor: [...r.adjusted.adjustedFor],
          plan: publishModel(r.adjusted.plan, threshold, modelN, events[0]!),
          care: publishModel(r.adjusted.care, threshold, modelN, events[1]!),
        }
      : null,
    gradient: r.gradient ? publishGradient(r.gradient, out[at.gradientAt]!, out[at.gradientAt + 1]!) : null,
    plans: r.plans ? publishPlans(r.plans, out[at.plansAt]!, out[at.plansAt + 1]!) : null,
    warnings: r.warnings.map((w) => ({ ...w })),
  };
}

function publishModel(
  m: PathwayModel,
  threshold: number,
  n: Published,
  events: Published,
): PublishedPathwayModel {
  return {
    outcome: m.outcome,
    n,
    events,
    converged: m.converged,
    warnings: m.warnings.map((w) => ({ ...w })),
    terms: m.terms.map((term) => {
      const { n, referenceN, ...shown } = term;
      const why = withholdTerm({ n, referenceN }, threshold);
      if (!why) return shown;
      return {
        ...shown,
        or: null,
        lower: null,
        upper: null,
        p: null,
        coef: null,
        se: null,
        suppressed: true,
        suppressedReason: why,
      };
    }),
  };
}

function publishGradient(
  g: NonNullable<PathwaysResult['gradient']>,
  withT: SuppressedTable,
  withoutT: SuppressedTable,
): PublishedPathways['gradient'] {
  const both = (a: Published, b: Published): Published =>
    typeof a === 'number' && typeof b === 'number' ? a + b : 'c';
  const pub = (
    grp: GradientGroup,
    events: Published[],
    without: Published[],
    total: [Published, Published],
  ): PublishedGradientGroup => {
    const n = both(total[0], total[1]);
    return {
      level: grp.level,
      label: grp.label,
      n,
      events: total[0],
      deciles: grp.deciles.map((d, k) => {
        const dn = both(events[k]!, without[k]!);
        const shown = dn !== 'c';
        return {
          decile: d.decile,
          n: dn,
          events: events[k]!,
          share: shown ? d.share : null,
          lower: shown ? d.lower : null,
          upper: shown ? d.upper : null,
        };
      }),
      slope:
        n === 'c' ? { coef: null, se: null, or: null, lower: null, upper: null, p: null } : { ...grp.slope },
      suppressed: n === 'c',
    };
  };
  const column = (t: typeof withT, j: number) => t.cells.map((row) => row[j]!);
  const groups = g.groups.map((grp, j) =>
    pub(grp, column(withT, j), column(withoutT, j), [withT.colTotals[j]!, withoutT.colTotals[j]!]),
  );
  const overall = pub(g.overall, withT.rowTotals, withoutT.rowTotals, [
    withT.grandTotal,
    withoutT.grandTotal,
  ]);
  return {
    outcome: g.outcome,
    split: g.split,
    splitTitle: g.splitTitle,
    n: overall.n,
    events: overall.events,
    overall,
    groups,
    interaction: g.interaction ? { ...g.interaction } : null,
    warnings: g.warnings.map((w) => ({ ...w })),
  };
}

function publishPlans(
  p: NonNullable<PathwaysResult['plans']>,
  t: SuppressedTable,
  all: SuppressedTable,
): PublishedPathways['plans'] {
  return {
    plans: all.grandTotal,
    uncategorised: entryOf(all, 0, 1),
    rows: p.rows.map((r, i) => {
      const shown = t.cells[i]![0] !== 'c' && t.rowTotals[i] !== 'c';
      return {
        category: r.category,
        label: r.label,
        factors: [...r.factors],
        plans: t.rowTotals[i]!,
        notRecorded: t.cells[i]![0]!,
        share: shown ? r.share : null,
        lower: shown ? r.lower : null,
        upper: shown ? r.upper : null,
      };
    }),
  };
}
