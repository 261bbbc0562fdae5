// School outcomes of the exam year on the synthetic council's pupil rows (DESIGN.md "Pupils"):
// severe absence (50% or more of sessions missed), persistent absence (10% or more), at least one
// suspension, and permanent exclusion, each 0/1. Planted probabilities:
// - pupils not known to children's social care: DfE's all-pupil rates (severe absence 2.2%);
// - children in need: DfE's rates for children in need (severe absence 10.1%), times a multiplier of
//   the pupil's demand category (SCHOOL_RULE.multipliers: children at risk outside the home miss and
//   are excluded from school most, disabled children are suspended least), capped at 0.95.
// Severe absence is drawn within persistent absence (a pupil missing half their sessions has missed a
// tenth). The draws use their own generator seeded by the council's seed and the pupil, so planting
// these columns leaves every other column of the council as it was. The truth carries the rule.
import { random } from '../math/random.js';

export type SchoolOutcome = 'severe_absence' | 'persistent_absence' | 'suspended' | 'permanently_excluded';
type Rates = Record<SchoolOutcome, number>;

export const SCHOOL_RULE: {
  notKnown: Rates;
  childrenInNeed: Rates;
  multipliers: Record<string, Partial<Rates>>;
} = {
  notKnown: { severe_absence: 0.022, persistent_absence: 0.2, suspended: 0.07, permanently_excluded: 0.001 },
  childrenInNeed: {
    severe_absence: 0.101,
    persistent_absence: 0.45,
    suspended: 0.2,
    permanently_excluded: 0.01,
  },
  multipliers: {
    'risks-outside-home': {
      severe_absence: 2,
      persistent_absence: 1.4,
      suspended: 1.8,
      permanently_excluded: 3,
    },
    'risks-in-and-outside-home': {
      severe_absence: 1.8,
      persistent_absence: 1.3,
      suspended: 1.6,
      permanently_excluded: 2.5,
    },
    'child-mental-health': { severe_absence: 1.6, persistent_absence: 1.3 },
    disability: { severe_absence: 1.3, suspended: 0.5, permanently_excluded: 0.5 },
    'domestic-abuse': {
      severe_absence: 0.7,
      persistent_absence: 0.85,
      suspended: 0.8,
      permanently_excluded: 0.7,
    },
  },
};

/** The planted probabilities for a pupil of category `id` (null: not known to social care). */
export function schoolRates(id: string | null): Rates {
  if (id === null) return { ...SCHOOL_RULE.notKnown };
  const m = SCHOOL_RULE.multipliers[id] ?? {};
  const base = SCHOOL_RULE.childrenInNeed;
  const out = {} as Rates;
  for (const k of Object.keys(base) as SchoolOutcome[]) out[k] = Math.min(0.95, base[k] * (m[k] ?? 1));
  out.severe_absence = Math.min(out.severe_absence, out.persistent_absence);
  return out;
}

/** The four 0/1 columns of pupil number `pupil` of council `seed`, category `id` (null: not known). */
export function plantSchoolOutcomes(
  id: string | null,
  seed: number,
  pupil: number,
): Record<SchoolOutcome, string> {
  const p = schoolRates(id);
  const rng = random((seed * 7919 + pupil * 31 + 17) % 2147483647);
  const persistent = rng.next() < p.persistent_absence;
  // P(severe | persistent) so that P(severe) is as planted.
  const severe = persistent && rng.next() < p.severe_absence / p.persistent_absence;
  const suspended = rng.next() < p.suspended;
  const excluded = rng.next() < p.permanently_excluded;
  const b = (x: boolean) => (x ? '1' : '0');
  return {
    severe_absence: b(severe),
    persistent_absence: b(persistent),
    suspended: b(suspended),
    permanently_excluded: b(excluded),
  };
}
