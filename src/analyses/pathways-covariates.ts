// Per-assessment characteristics the pathways models adjust for and the gradient splits by: age band
// at referral, gender, ethnic group and deprivation decile, as level codes (-1 = unknown).
//
// - Age bands as the re-referral analysis's (under 1, 1-4, 5-9, 10-15, 16-17), from the `age`
//   column or the date of birth (completed years at referral).
// - Gender as the re-referral analysis reads it (1/2/0/9 and words); 'Not known' and 'Not stated'
//   are kept as levels (they are recorded answers), blank is unknown.
// - Ethnic group: DfE's major groups (White, Mixed, Asian, Black, Other) from CIN census codes (WBRI,
//   MWBC, APKN, BAFR, CHNE, OOTH, ...) or words ('White British', 'Black or Black British');
//   REFU, NOBT, 'Not known' and blank are unknown.
import type { AssessmentData, Categorical } from '../data/types.js';
import { gender } from './rereferral-grouping.js';

export interface Coded {
  codes: Int32Array;
  levels: string[];
  labels: string[];
}

export const AGE_BANDS = [
  { id: 'under-1', label: 'Under 1', from: 0 },
  { id: '1-4', label: '1 to 4', from: 1 },
  { id: '5-9', label: '5 to 9', from: 5 },
  { id: '10-15', label: '10 to 15', from: 10 },
  { id: '16-17', label: '16 and 17', from: 16 },
];

const UNKNOWN_ETHNICITY =
  /^(REFU|NOBT|NOT ?KNOWN|UNKNOWN|NOT ?STATED|REFUSED|INFORMATION NOT (YET )?OBTAINED)$/;

/** DfE major ethnic group of a CIN census code or a description; null when unknown. */
export function ethnicGroup(value: string): string | null {
  const u = value.trim().toUpperCase();
  if (u === '' || UNKNOWN_ETHNICITY.test(u)) return null;
  if (/^(ANY )?OTHER|^O/.test(u)) return 'Other';
  if (u.startsWith('W')) return 'White';
  if (u.startsWith('M')) return 'Mixed';
  if (u.startsWith('A') || u.startsWith('C')) return 'Asian'; // Chinese (CHNE) is Asian since 2021
  if (u.startsWith('B')) return 'Black';
  return 'Other';
}

const ETHNIC_ORDER = ['White', 'Mixed', 'Asian', 'Black', 'Other'];
const GENDER_ORDER = ['Female', 'Male', 'Not known', 'Not stated'];

function byMap(col: Categorical, map: (v: string) => string | null, order: readonly string[]): Coded {
  const mapped = col.levels.map((l) => map(l));
  const present = new Set(mapped.filter((m): m is string => m !== null));
  const levels = [...present].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const index = new Map(levels.map((l, i) => [l, i]));
  const codeOf = mapped.map((m) => (m === null ? -1 : index.get(m)!));
  // Loops rather than Int32Array.from(source, map): V8 runs that through a generic path, ten
  // times slower on the million rows of a national file.
  const codes = new Int32Array(col.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = col.codes[i]!;
    codes[i] = c < 0 ? -1 : codeOf[c]!;
  }
  return { codes, levels, labels: levels };
}

export function ageBands(data: AssessmentData): Coded {
  const codes = new Int32Array(data.age.length);
  for (let i = 0; i < codes.length; i++) {
    const a = data.age[i]!;
    let b = -1;
    if (a >= 0) {
      b = 0;
      while (b + 1 < AGE_BANDS.length && a >= AGE_BANDS[b + 1]!.from) b++;
    }
    codes[i] = b;
  }
  return { codes, levels: AGE_BANDS.map((b) => b.id), labels: AGE_BANDS.map((b) => b.label) };
}

export function genders(data: AssessmentData): Coded {
  return byMap(data.gender, (v) => (v.trim() === '' ? null : gender(v)), GENDER_ORDER);
}

export function ethnicGroups(data: AssessmentData): Coded {
  return byMap(data.ethnicity, ethnicGroup, ETHNIC_ORDER);
}

/** Deprivation deciles 1-10 as codes 0-9 (-1 unknown). */
export function deciles(data: AssessmentData): Coded {
  const codes = new Int32Array(data.deprivationDecile.length);
  for (let i = 0; i < codes.length; i++) {
    const d = data.deprivationDecile[i]!;
    codes[i] = d >= 1 && d <= 10 && Number.isInteger(d) ? d - 1 : -1;
  }
  const levels = Array.from({ length: 10 }, (_, k) => String(k + 1));
  return { codes, levels, labels: levels };
}
