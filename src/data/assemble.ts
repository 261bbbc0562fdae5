// Raw builder columns into the typed datasets of types.ts. Contract:
// - every column is cut to the kept rows: a view when the builder's estimate of the size was close
//   (at most 1/4 spare, never written, so not in memory), else a copy, so no dataset holds a buffer
//   much larger than itself; an absent optional column becomes all-missing;
// - dictionary levels that only excluded rows used are dropped, so `levels.length` counts values
//   of kept rows (children in the data, not children in bad rows too);
// - factors: only codes some kept row has, dictionary codes first (factor-bits.ts);
// - age: the `age` column when there is one, else completed years at referral from date of birth.
import type { BuiltColumns } from './table-builder.js';
import { packedYmd } from './dates.js';
import { compactFactors } from './factor-bits.js';
import { MISSING_DAY, type AssessmentData, type Categorical, type PupilData } from './types.js';

/**
 * The first n entries: a view when at most a quarter would be wasted, else a copy. The room past n
 * was never written (column-store.ts opens slots as rows arrive), so it is address space, not memory.
 */
function cut<T extends Int32Array | Float64Array | Float32Array | Uint32Array>(a: T, n: number): T {
  return (a.length - n <= a.length / 4 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

function columnOf(built: BuiltColumns, field: string): number {
  return built.plan.columns.findIndex((c) => c.spec.field === field && c.code === undefined);
}

function day(built: BuiltColumns, field: string): Int32Array {
  const c = columnOf(built, field);
  if (c < 0) return new Int32Array(built.n).fill(MISSING_DAY);
  return cut(built.stores[c] as Int32Array, built.n);
}

// Every numeric column a file lacks is the same all-NaN array: a pupils file without the school
// outcomes would otherwise hold four (and two more for the sessions) of NaN, 220 MB at national scale.
// Columns are read, never written, by the analyses.
const missingColumns = new WeakMap<BuiltColumns, Float64Array>();
const missingFlags = new WeakMap<BuiltColumns, Float32Array>();

/** A number column stored in 8 bytes (column-store.ts narrowKind: not a flag, stage or bounded integer). */
function num(built: BuiltColumns, field: string): Float64Array {
  const c = columnOf(built, field);
  if (c < 0) {
    let nan = missingColumns.get(built);
    if (!nan) missingColumns.set(built, (nan = new Float64Array(built.n).fill(NaN)));
    return nan;
  }
  return cut(built.stores[c] as Float64Array, built.n);
}

/** A flag, key stage or bounded integer column, stored in 4 bytes (column-store.ts narrowKind). */
function num32(built: BuiltColumns, field: string): Float32Array {
  const c = columnOf(built, field);
  if (c < 0) {
    let nan = missingFlags.get(built);
    if (!nan) missingFlags.set(built, (nan = new Float32Array(built.n).fill(NaN)));
    return nan;
  }
  const store = built.stores[c];
  if (!(store instanceof Float32Array)) throw new Error(`column ${field} is not stored narrow`);
  return cut(store, built.n);
}

// Plain loops, not TypedArray.from: with a source array or a map function it goes through the
// iterator protocol, several times slower over millions of pupil rows (seconds at national scale).
function narrowed<T extends Uint8Array | Int32Array>(to: new (n: number) => T, from: Float32Array): T {
  const out = new to(from.length);
  for (let i = 0; i < from.length; i++) out[i] = from[i]!;
  return out;
}

function cat(built: BuiltColumns, field: string): Categorical {
  const c = columnOf(built, field);
  if (c < 0) return { codes: new Int32Array(built.n).fill(-1), levels: [] };
  const codes = cut(built.stores[c] as Int32Array, built.n);
  const levels = built.dictionaries[c]!.levels;
  // Levels only excluded rows used exist only when some row was excluded.
  if (built.n === built.rowsRead) return { codes, levels };
  const used = new Uint8Array(levels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) used[codes[i]!] = 1;
  if (used.every((u) => u === 1)) return { codes, levels: levels.slice() };
  const remap = new Int32Array(levels.length).fill(-1);
  const kept: string[] = [];
  for (let j = 0; j < levels.length; j++) {
    if (used[j]) {
      remap[j] = kept.length;
      kept.push(levels[j]!);
    }
  }
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) codes[i] = remap[codes[i]!]!;
  return { codes, levels: kept };
}

/** Completed years between two days (NaN when either is missing). */
function completedYears(birth: number, at: number): number {
  if (birth === MISSING_DAY || at === MISSING_DAY) return NaN;
  return Math.floor((packedYmd(at) - packedYmd(birth)) / 10000);
}

export function assembleAssessments(built: BuiltColumns): AssessmentData {
  const n = built.n;
  const referralDate = day(built, 'referral_date');
  const dateOfBirth = day(built, 'date_of_birth');
  let age: Float64Array;
  if (columnOf(built, 'age') >= 0) age = num(built, 'age');
  else {
    age = new Float64Array(n);
    for (let i = 0; i < n; i++) age[i] = completedYears(dateOfBirth[i]!, referralDate[i]!);
  }
  const f = compactFactors(built.factorBits, built.factorWords, n, built.factorCodes);
  return {
    kind: 'assessments',
    n,
    line: cut(built.line, n),
    childId: cat(built, 'child_id'),
    referralDate,
    assessmentDate: day(built, 'assessment_date'),
    closureDate: day(built, 'closure_date'),
    dateOfBirth,
    cppStart: day(built, 'cpp_start_date'),
    cppEnd: day(built, 'cpp_end_date'),
    cppCategory: cat(built, 'cpp_category'),
    careStart: day(built, 'care_start_date'),
    careEnd: day(built, 'care_end_date'),
    age,
    deprivationDecile: num32(built, 'imd_decile'),
    closureReason: cat(built, 'closure_reason'),
    referralSource: cat(built, 'referral_source'),
    primaryNeed: cat(built, 'primary_need'),
    gender: cat(built, 'gender'),
    ethnicity: cat(built, 'ethnicity'),
    disability: cat(built, 'disability'),
    factorCodes: f.codes,
    factorCounts: f.counts,
    factorWords: f.words,
    factors: f.bits,
  };
}

export function assemblePupils(built: BuiltColumns): PupilData {
  const n = built.n;
  return {
    kind: 'pupils',
    n,
    line: cut(built.line, n),
    pupilId: { codes: cut(built.stores[columnOf(built, 'pupil_id')] as Int32Array, n) },
    childId: cat(built, 'child_id'),
    keyStage: narrowed(Uint8Array, num32(built, 'key_stage')),
    year: narrowed(Int32Array, num32(built, 'year')),
    attainment8: num(built, 'attainment8'),
    ks2Rwm: num32(built, 'ks2_rwm_expected'),
    ks2Reading: num(built, 'ks2_reading'),
    ks2Maths: num(built, 'ks2_maths'),
    priorAttainment: num(built, 'prior_attainment'),
    idaciDecile: num32(built, 'idaci_decile'),
    fsm: num32(built, 'fsm'),
    sen: cat(built, 'sen'),
    gender: cat(built, 'gender'),
    ethnicity: cat(built, 'ethnicity'),
    severeAbsence: absence(built, 'severe_absence', 0.5),
    persistentAbsence: absence(built, 'persistent_absence', 0.1),
    suspended: num32(built, 'suspended'),
    permanentlyExcluded: num32(built, 'permanently_excluded'),
  };
}

/**
 * An absence flag: the column when the file has it, else whether sessions missed reached `share` of
 * sessions possible (DfE's definitions: severe 50%, persistent 10%), NaN where either is unknown.
 */
function absence(built: BuiltColumns, field: string, share: number): Float32Array {
  if (columnOf(built, field) >= 0) return num32(built, field);
  if (columnOf(built, 'sessions_possible') < 0 || columnOf(built, 'sessions_missed') < 0)
    return num32(built, field); // neither the flag nor both counts: all missing
  const possible = num(built, 'sessions_possible');
  const missed = num(built, 'sessions_missed');
  const out = new Float32Array(possible.length);
  for (let i = 0; i < possible.length; i++) {
    const p = possible[i]!;
    out[i] = p > 0 && missed[i]! >= 0 ? (missed[i]! >= share * p ? 1 : 0) : NaN;
  }
  return out;
}
