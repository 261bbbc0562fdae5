// Plan categories against the factors recorded at assessment: of child protection plans whose
// initial category (CIN census InitialCategoryOfAbuse) is neglect, the share whose assessment did not
// record neglect (16A); the same for the other categories. The companion study found this for about
// a quarter of neglect plans.
//
// - A plan is one child and plan start date (repeated rows of an episode are one plan); its
//   assessment is the child's latest assessment authorised on or before the plan start (else the
//   earliest after it, for extracts that date the plan first).
// - Factors recording each category: NEG 16A; EMO 17A; PHY 18A-18C; SAB 19A-19C; MUL any of those.
// - Wilson intervals for the shares.
import { MISSING_DAY, hasFactor, type AssessmentData } from '../data/types.js';
import { wilson } from '../math/proportion.js';
import type { PathwaysPlans, PlanCategoryRow } from './pathways-types.js';

const ABUSE = ['16A', '17A', '18A', '18B', '18C', '19A', '19B', '19C'];
export const PLAN_CATEGORIES: { category: string; label: string; factors: string[] }[] = [
  { category: 'NEG', label: 'Neglect', factors: ['16A'] },
  { category: 'EMO', label: 'Emotional abuse', factors: ['17A'] },
  { category: 'PHY', label: 'Physical abuse', factors: ['18A', '18B', '18C'] },
  { category: 'SAB', label: 'Sexual abuse', factors: ['19A', '19B', '19C'] },
  { category: 'MUL', label: 'Multiple categories', factors: ABUSE },
];

const ALIASES: Record<string, string> = {
  NEGLECT: 'NEG',
  'EMOTIONAL ABUSE': 'EMO',
  'PHYSICAL ABUSE': 'PHY',
  'SEXUAL ABUSE': 'SAB',
  MULTIPLE: 'MUL',
};

/**
 * The plans table; null when the file has no plan categories.
 * @example pathwaysPlans(data, 0.95).rows[0] // {category: 'NEG', plans, notRecorded, share, ...}
 */
export function pathwaysPlans(data: AssessmentData, level: number): PathwaysPlans | null {
  const col = data.cppCategory;
  if (!col.levels.length) return null;
  const categoryOf = col.levels.map(planCategoryIndex);
  const factorIndex = new Map(data.factorCodes.map((c, j) => [c, j]));
  // One entry per plan (child, start): the row standing for its assessment.
  const chosen = new Map<string, number>();
  for (let i = 0; i < data.n; i++) {
    const start = data.cppStart[i]!;
    if (start === MISSING_DAY || col.codes[i]! < 0) continue;
    const key = `${data.childId.codes[i]}:${start}`;
    const prev = chosen.get(key);
    if (prev === undefined || better(data, i, prev, start)) chosen.set(key, i);
  }
  return plansTable(
    [...chosen.values()].map((i) => {
      const k = categoryOf[col.codes[i]!]!;
      const recorded =
        k >= 0 &&
        PLAN_CATEGORIES[k]!.factors.some((f) => {
          const j = factorIndex.get(f);
          return j !== undefined && hasFactor(data, i, j);
        });
      return { category: k, recorded, weight: 1 };
    }),
    level,
  );
}

/** A plan category code (NEG, ..., or a word such as Neglect) as its index in PLAN_CATEGORIES, else -1. */
export function planCategoryIndex(level: string): number {
  const u = level.trim().toUpperCase();
  const c = ALIASES[u] ?? u;
  return PLAN_CATEGORIES.findIndex((p) => p.category === c);
}

/**
 * The table from the plans, each with its category index (-1 not one of them), whether its
 * assessment recorded one of the category's factors, and the plans it stands for (1; more for a
 * row of aggregates).
 */
export function plansTable(
  plans: { category: number; recorded: boolean; weight: number }[],
  level: number,
): PathwaysPlans {
  const count = new Array<number>(PLAN_CATEGORIES.length).fill(0);
  const missed = new Array<number>(PLAN_CATEGORIES.length).fill(0);
  let uncategorised = 0;
  let total = 0;
  for (const p of plans) {
    total += p.weight;
    if (p.category < 0) {
      uncategorised += p.weight;
      continue;
    }
    count[p.category]! += p.weight;
    if (!p.recorded) missed[p.category]! += p.weight;
  }
  const rows: PlanCategoryRow[] = PLAN_CATEGORIES.map((p, k) => {
    const w = count[k]! > 0 ? wilson(missed[k]!, count[k]!, { level }) : null;
    return {
      category: p.category,
      label: p.label,
      factors: p.factors,
      plans: count[k]!,
      notRecorded: missed[k]!,
      share: w ? w.estimate : null,
      lower: w ? w.lower : null,
      upper: w ? w.upper : null,
    };
  });
  return { plans: total, uncategorised, rows };
}

/** Whether row a stands for the plan's assessment better than row b (see the file comment). */
function better(data: AssessmentData, a: number, b: number, start: number): boolean {
  const da = data.assessmentDate[a]!;
  const db = data.assessmentDate[b]!;
  const aBefore = da <= start;
  const bBefore = db <= start;
  if (aBefore !== bBefore) return aBefore;
  return aBefore ? da > db : da < db;
}
