// The category of a child protection plan (the CIN census InitialCategoryOfAbuse: NEG, EMO, PHY, SAB,
// MUL) on the synthetic council, planted from the factors the assessment recorded. The companion
// study found that in about a quarter of plans for neglect the assessment had not recorded neglect
// (16A); the rule below gives that on the calibration council (seed 2024: 24%), and the truth says
// what was planted so a test can check the analysis recovers it.
// - One category of abuse recorded (16A neglect, 17A emotional, 18A-C physical, 19A-C sexual): the
//   plan is in that category.
// - Several: multiple (MUL) with probability PLAN_RULE.multiple, else the first of NEG, EMO, PHY, SAB.
// - None (the plan follows other factors, domestic abuse above all): NEG, EMO, PHY or SAB with the
//   probabilities PLAN_RULE.noneRecorded.
// The draw uses its own generator seeded by the council's seed and the row, so planting categories
// leaves every other column of the council as it was.
import { random } from '../math/random.js';

export const PLAN_RULE = {
  multiple: 0.5,
  noneRecorded: { NEG: 0.1, EMO: 0.75, PHY: 0.1, SAB: 0.05 },
} as const;

const ORDER = ['NEG', 'EMO', 'PHY', 'SAB'] as const;
const FACTORS: Record<(typeof ORDER)[number], RegExp> = {
  NEG: /^16A$/,
  EMO: /^17A$/,
  PHY: /^18[ABC]$/,
  SAB: /^19[ABC]$/,
};

/** The plan's category for an assessment with `factors` (codes separated by ';'), row `row` of council `seed`. */
export function plantPlanCategory(factors: string, seed: number, row: number): string {
  const codes = factors.split(';');
  const recorded = ORDER.filter((c) => codes.some((f) => FACTORS[c].test(f)));
  const u = random((seed * 1000003 + row) % 2147483647).next();
  if (recorded.length === 1) return recorded[0]!;
  if (recorded.length > 1) return u < PLAN_RULE.multiple ? 'MUL' : recorded[0]!;
  let acc = 0;
  for (const c of ORDER) {
    acc += PLAN_RULE.noneRecorded[c];
    if (u < acc) return c;
  }
  return 'SAB';
}
