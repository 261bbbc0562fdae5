// Who is in each demand category: for gender, age band and ethnic group, the share of a group's
// assessments in a category over that category's share of all assessments (1 = as common as
// overall, 2 = twice as common). The interval is the Wilson interval of the share within the group
// divided by the overall share, which is taken as known: it rests on every assessment, so its own
// uncertainty is small beside a group's (and the group is part of it, so the two are not independent
// samples that a ratio-of-proportions interval would assume).
// Groups, as the DfE children-in-need statistics show them:
// - gender: Male, Female (codes 1/2, M/F, words), Not known (0, 9, blank, other values as written);
// - age at referral: Unborn, Under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over, Not known;
// - ethnicity: the major groups White, Mixed, Asian, Black, Other, Not known, from the DfE's
//   four-letter codes (WBRI, MWBC, AIND, BCRB, CHNE, OOTH, REFU, NOBT, ...) or words; Chinese is in
//   Asian, as in the 2021 Census classification.
// Only classified assessments count.
import type { AssessmentData, Categorical } from '../data/types.js';
import { wilson } from '../math/proportion.js';
import type { DemandCharacteristic } from './demand-types.js';

export const AGE_BANDS = ['Unborn', 'Under 1', '1 to 4', '5 to 9', '10 to 15', '16 and over', 'Not known'];
export const ETHNIC_GROUPS = ['White', 'Mixed', 'Asian', 'Black', 'Other', 'Not known'];
const GENDERS = ['Male', 'Female', 'Not known'];

export function ageBand(age: number): string {
  if (Number.isNaN(age)) return 'Not known';
  if (age < 0) return 'Unborn';
  if (age < 1) return 'Under 1';
  if (age < 5) return '1 to 4';
  if (age < 10) return '5 to 9';
  if (age < 16) return '10 to 15';
  return '16 and over';
}

export function genderGroup(raw: string | undefined): string {
  const v = (raw ?? '').trim().toLowerCase();
  if (['1', 'm', 'male', 'boy'].includes(v)) return 'Male';
  if (['2', 'f', 'female', 'girl'].includes(v)) return 'Female';
  if (['', '0', '9', 'u', 'unknown', 'not known', 'not specified', 'not stated'].includes(v))
    return 'Not known';
  return raw!.trim();
}

export function ethnicGroup(raw: string | undefined): string {
  const v = (raw ?? '').trim();
  const u = v.toUpperCase();
  if (
    v === '' ||
    ['REFU', 'NOBT', 'NK', 'UNKNOWN'].includes(u) ||
    /not (known|obtained|stated)|refused/i.test(v)
  )
    return 'Not known';
  if (/^W[A-Z]{3}$/.test(u) || /^white/i.test(v) || /gypsy|roma|traveller/i.test(v)) return 'White';
  if (/^M[A-Z]{3}$/.test(u) || /mixed/i.test(v)) return 'Mixed';
  if (/^A[A-Z]{3}$/.test(u) || u === 'CHNE' || /asian|chinese|indian|pakistani|bangladeshi/i.test(v))
    return 'Asian';
  if (/^B[A-Z]{3}$/.test(u) || /black|african|caribbean/i.test(v)) return 'Black';
  if (u === 'OOTH' || /other/i.test(v)) return 'Other';
  return v;
}

function groupsOf(
  cat: Categorical,
  map: (raw: string | undefined) => string,
  order: string[],
): {
  groupOf: (i: number) => number;
  names: string[];
} {
  const names = [...order];
  const levelGroup = cat.levels.map((l) => {
    const g = map(l);
    let k = names.indexOf(g);
    if (k < 0) k = names.push(g) - 1;
    return k;
  });
  const unknown = names.indexOf('Not known');
  return { groupOf: (i) => (cat.codes[i]! < 0 ? unknown : levelGroup[cat.codes[i]!]!), names };
}

/**
 * Over-representation of each category by gender, age band and ethnic group.
 * @param category per row: category index (0..K-1) or negative for rows not classified
 * @param K number of categories
 * @example demandCharacteristics(data, category, 12, 0.95)[0] // {dimension: 'gender', group: 'Male', ...}
 */
export function demandCharacteristics(
  data: AssessmentData,
  category: Int32Array,
  K: number,
  level: number,
): DemandCharacteristic[] {
  const total = new Float64Array(K);
  let N = 0;
  for (let i = 0; i < data.n; i++) {
    const k = category[i]!;
    if (k >= 0) {
      const wt = data.weight?.[i] ?? 1;
      total[k]! += wt;
      N += wt;
    }
  }
  const dims: {
    dimension: DemandCharacteristic['dimension'];
    names: string[];
    groupOf: (i: number) => number;
  }[] = [
    { dimension: 'gender', ...groupsOf(data.gender, genderGroup, GENDERS) },
    {
      dimension: 'age',
      names: AGE_BANDS,
      groupOf: (i) => AGE_BANDS.indexOf(ageBand(data.age[i]!)),
    },
    { dimension: 'ethnicity', ...groupsOf(data.ethnicity, ethnicGroup, ETHNIC_GROUPS) },
  ];
  const out: DemandCharacteristic[] = [];
  for (const d of dims) {
    const counts = new Float64Array(d.names.length * K);
    const sizes = new Float64Array(d.names.length);
    for (let i = 0; i < data.n; i++) {
      const k = category[i]!;
      if (k < 0) continue;
      const g = d.groupOf(i);
      const wt = data.weight?.[i] ?? 1;
      counts[g * K + k]! += wt;
      sizes[g]! += wt;
    }
    d.names.forEach((group, g) => {
      const n = sizes[g]!;
      if (n === 0) return;
      out.push({
        dimension: d.dimension,
        group,
        n,
        categories: Array.from({ length: K }, (_, k) => {
          const x = counts[g * K + k]!;
          const overall = N > 0 ? total[k]! / N : NaN;
          const w = wilson(x, n, { level });
          const ratio = (v: number) => (overall > 0 ? v / overall : NaN);
          return {
            count: x,
            share: w.estimate,
            ratio: ratio(w.estimate),
            lower: ratio(w.lower),
            upper: ratio(w.upper),
          };
        }),
      });
    });
  }
  return out;
}
