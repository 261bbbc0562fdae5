// The factors of each assessment as binary LCA items, compressed to distinct patterns with counts.
// Input: an AssessmentData (src/data/types.ts) and the factor codes to use as items (a scheme's
// codes, or the codes a local fit uses). Output: a PatternTable (src/lca/types.ts) over the
// assessments that have at least one item, with `recordPattern` indexed by assessment row (-1 for a
// row left out), each row's status, and an account of every code that was not used as it stood.
//
// Policies, each reported in the result:
// - code 21 ("no factors identified") is not an item: a row with no code, or with 21 alone, is
//   'no-factors' (the study left such assessments out); 21 beside other codes is ignored;
// - retired codes count as their successor where the successor is an item: 18A (physical abuse before
//   the 2017 split) as 18C and 19A (sexual abuse) as 19C, the adult-on-child codes that define the
//   national abuse categories and that most pre-split recordings were; 8A (private fostering before
//   the renumbering) as 8F ("other"), its specific type being unknown;
// - a code the items lack (not in the scheme, or unknown to the dictionary) is ignored and counted;
//   a row whose only codes are such codes is 'outside-items';
// - a code introduced after a row's assessment (22A and 23A from census year 2016-17, 24A from
//   2021-22: `from` in src/domain/cin-codes.ts) could not have been recorded then: if the row does not
//   have it, the item is missing for that row (it adds nothing to the row's likelihood, poLCA's
//   na.rm = FALSE) rather than absent. Without this a class defined partly by 24A splits in two at
//   April 2021. Split codes (18B/C, 19B/C) are not treated so: before 2017 their absence was recorded
//   as the absence of 18A or 19A.
// Compression: rows are first deduplicated on their item bits and missing mask (a few words a row, so
// 3.6 million rows cost one hash pass), then lcaPatterns builds the sparse index over the distinct
// rows and the counts are set to their multiplicities.
import { CIN_FACTORS, normaliseFactorCode } from '../domain/cin-codes.js';
import { dayToIso, daysFromCivil } from '../data/dates.js';
import { MISSING_DAY, type AssessmentData } from '../data/types.js';
import { lcaPatterns } from '../lca/patterns.js';
import type { PatternTable } from '../lca/types.js';

/** Status of an assessment row: classified, or why it was left out. */
export type RowStatus = 'classified' | 'no-factors' | 'outside-items';

/** Status codes in `FactorPatterns.status`. */
export const ROW_CLASSIFIED = 0;
export const ROW_NO_FACTORS = -1;
export const ROW_OUTSIDE_ITEMS = -2;
export const ROW_NOT_SELECTED = -3;

/** Retired codes read as their successor (see the file comment). */
export const RETIRED_SUCCESSOR: Readonly<Record<string, string>> = { '18A': '18C', '19A': '19C', '8A': '8F' };

export interface FactorPatterns {
  /** Records = assessment rows; rows left out have recordPattern -1. */
  table: PatternTable;
  /**
   * Per assessment row: 0 classified, -1 no factors (or 21 alone), -2 only codes outside the items,
   * -3 not selected (`rows`).
   */
  status: Int8Array;
  /** Rows with at least one item. */
  classified: number;
  noFactors: number;
  outsideItems: number;
  /** Codes in the data the items lack, with the number of assessments recording them. */
  ignoredCodes: { code: string; count: number }[];
  /** Retired codes read as a successor. */
  mappedCodes: { from: string; to: string; count: number }[];
  /** Items treated as missing for rows assessed before the code existed. */
  missingBeforeIntroduced: { code: string; from: string; rows: number }[];
  /** Items no classified row records. */
  unusedItems: string[];
}

function introducedDay(code: string): number | null {
  const f = CIN_FACTORS.find((x) => x.code === code);
  if (!f || f.from === undefined) return null;
  const isSuccessor = CIN_FACTORS.some((x) => x.replacedBy?.includes(code));
  // Census year Y runs from 1 April of Y - 1 to 31 March of Y.
  return isSuccessor ? null : daysFromCivil(f.from - 1, 4, 1);
}

/**
 * The assessments' factors as LCA patterns over `items`.
 * @param items factor codes (normalised here), at most 255, no duplicates, not 21
 * @param rows optional mask of the rows to use (1 = use; n entries); the others get status -3
 * @example factorPatterns(data, ['3B', '4B']).table.nPatterns // 3 when rows hold 3B, 4B or both
 */
export function factorPatterns(
  data: AssessmentData,
  items: readonly string[],
  rows?: Uint8Array,
): FactorPatterns {
  const codes = items.map(normaliseFactorCode);
  if (codes.length === 0 || codes.length > 255)
    throw new Error(`factorPatterns: invalid items; expected 1 to 255 factor codes, got ${codes.length}`);
  const J = codes.length;
  const itemOf = new Map(codes.map((c, j) => [c, j]));
  if (itemOf.size !== J) throw new Error('factorPatterns: invalid items; expected each code once');
  if (itemOf.has('21'))
    throw new Error("factorPatterns: invalid items; expected factor codes other than 21, got '21'");
  if (rows && rows.length !== data.n)
    throw new Error(`factorPatterns: invalid rows; expected a mask of ${data.n} entries, got ${rows.length}`);

  // Data code index -> item index (-1 ignored, -2 code 21).
  const C = data.factorCodes.length;
  const target = new Int32Array(C);
  const ignoredCodes: FactorPatterns['ignoredCodes'] = [];
  const mappedCodes: FactorPatterns['mappedCodes'] = [];
  data.factorCodes.forEach((code, c) => {
    let j = itemOf.get(code);
    const successor = RETIRED_SUCCESSOR[code];
    if (j === undefined && successor !== undefined && itemOf.has(successor)) {
      j = itemOf.get(successor)!;
      mappedCodes.push({ from: code, to: successor, count: data.factorCounts[c] ?? 0 });
    }
    if (code === '21') target[c] = -2;
    else if (j === undefined) {
      target[c] = -1;
      ignoredCodes.push({ code, count: data.factorCounts[c] ?? 0 });
    } else target[c] = j;
  });

  const eraItems = codes
    .map((code, j) => ({ code, j, day: introducedDay(code) }))
    .filter((e): e is { code: string; j: number; day: number } => e.day !== null)
    .slice(0, 31);
  const eraRows = new Float64Array(eraItems.length);
  // As typed arrays for the loop over a million rows (a closure per row cost a third of it).
  const eraDay = Int32Array.from(eraItems, (e) => e.day);
  const eraItem = Int32Array.from(eraItems, (e) => e.j);

  const W = Math.ceil(J / 32);
  const KW = W + 1; // key words: item bits, then the missing mask
  const n = data.n;
  const status = new Int8Array(n);
  const rowKey = new Int32Array(n).fill(-1);
  let keys = new Int32Array(1024 * KW);
  let mult = new Float64Array(1024);
  let D = 0;
  let size = 4096;
  let slots = new Int32Array(size).fill(-1);
  const key = new Int32Array(KW);
  const words = data.factorWords;
  const bits = new Int32Array(data.factors.buffer, data.factors.byteOffset, data.factors.length);

  // Frequency weights (AssessmentData.weight): a row counts as that many identical assessments.
  const weight = data.weight;
  let total = 0;
  let noFactors = 0;
  let outsideItems = 0;
  let notSelected = 0;
  for (let i = 0; i < n; i++) {
    const wt = weight ? weight[i]! : 1;
    total += wt;
    if (rows && rows[i] === 0) {
      status[i] = ROW_NOT_SELECTED;
      notSelected += wt;
      continue;
    }
    key.fill(0);
    let any = false;
    let other = false;
    for (let w = 0; w < words; w++) {
      let x = bits[i * words + w]!;
      while (x !== 0) {
        const low = x & -x;
        x ^= low;
        const j = target[w * 32 + (31 - Math.clz32(low))]!;
        if (j >= 0) {
          key[j >> 5]! |= 1 << (j & 31);
          any = true;
        } else if (j === -1) other = true;
      }
    }
    if (!any) {
      status[i] = other ? ROW_OUTSIDE_ITEMS : ROW_NO_FACTORS;
      if (other) outsideItems += wt;
      else noFactors += wt;
      continue;
    }
    const day = data.assessmentDate[i]!;
    if (day !== MISSING_DAY) {
      let mask = 0;
      for (let b = 0; b < eraDay.length; b++) {
        const j = eraItem[b]!;
        if (day < eraDay[b]! && ((key[j >> 5]! >>> (j & 31)) & 1) === 0) {
          mask |= 1 << b;
          eraRows[b]! += wt;
        }
      }
      key[W] = mask;
    }
    let h = 0x811c9dc5 | 0;
    for (let w = 0; w < KW; w++) h = Math.imul(h ^ key[w]!, 0x01000193);
    h ^= h >>> 15;
    let slot = h & (size - 1);
    let found = -1;
    for (;;) {
      const p = slots[slot]!;
      if (p < 0) break;
      let same = true;
      for (let w = 0; w < KW && same; w++) same = keys[p * KW + w] === key[w];
      if (same) {
        found = p;
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
    if (found < 0) {
      if (D * KW === keys.length) {
        const k2 = new Int32Array(keys.length * 2);
        k2.set(keys);
        keys = k2;
        const m2 = new Float64Array(mult.length * 2);
        m2.set(mult);
        mult = m2;
      }
      keys.set(key, D * KW);
      slots[slot] = D;
      found = D++;
      if (2 * D > size) {
        size *= 2;
        slots = rehash(keys, KW, D, size);
      }
    }
    mult[found]! += wt;
    rowKey[i] = found;
  }

  const classified = total - noFactors - outsideItems - notSelected;
  // One Int8 column per item over the distinct rows: 0 absent, 1 present, -1 missing.
  const columns = codes.map((_, j) => {
    const col = new Int8Array(D);
    for (let p = 0; p < D; p++) col[p] = (keys[p * KW + (j >> 5)]! >>> (j & 31)) & 1;
    return col;
  });
  eraItems.forEach((e, b) => {
    for (let p = 0; p < D; p++) if ((keys[p * KW + W]! >>> b) & 1) columns[e.j]![p] = -1;
  });
  const distinct = lcaPatterns(D > 0 ? columns : codes.map(() => new Int8Array(0)), {
    items: codes,
    missing: 'include',
    nCategories: codes.map(() => 2),
  });
  // Each distinct row is its own pattern, in the same order (patterns are numbered by first appearance).
  const recordPattern = new Int32Array(n);
  for (let i = 0; i < n; i++) recordPattern[i] = rowKey[i]! >= 0 ? distinct.recordPattern[rowKey[i]!]! : -1;
  const counts = new Float64Array(distinct.nPatterns);
  for (let p = 0; p < D; p++) counts[distinct.recordPattern[p]!]! += mult[p]!;

  const present = new Float64Array(J);
  for (let p = 0; p < D; p++) for (let j = 0; j < J; j++) if (columns[j]![p] === 1) present[j]! += mult[p]!;
  const table: PatternTable = {
    ...distinct,
    counts,
    n: classified,
    nRecords: total,
    nDropped: total - classified,
    recordPattern,
    warnings: [],
  };
  return {
    table,
    status,
    classified,
    noFactors,
    outsideItems,
    ignoredCodes,
    mappedCodes,
    missingBeforeIntroduced: eraItems
      .map((e, b) => ({ code: e.code, from: dayToIso(e.day), rows: eraRows[b]! }))
      .filter((e) => e.rows > 0),
    unusedItems: codes.filter((_, j) => present[j] === 0),
  };
}

function rehash(keys: Int32Array, KW: number, D: number, size: number): Int32Array<ArrayBuffer> {
  const slots = new Int32Array(size).fill(-1);
  for (let p = 0; p < D; p++) {
    let h = 0x811c9dc5 | 0;
    for (let w = 0; w < KW; w++) h = Math.imul(h ^ keys[p * KW + w]!, 0x01000193);
    h ^= h >>> 15;
    let slot = h & (size - 1);
    while (slots[slot]! >= 0) slot = (slot + 1) & (size - 1);
    slots[slot] = p;
  }
  return slots;
}
