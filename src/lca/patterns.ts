// Compress records to distinct response patterns with counts, the step that makes EM cost grow with
// distinct patterns rather than records (3.6 million synthetic assessments over 45 factors have about
// 125,000). Input: one column per item, each of length N, holding category codes 0..C_j-1
// (binary items: 0 absent, 1 present); NaN or a negative value is a missing response. Output: a
// PatternTable (./types.ts) with the distinct patterns in order of first appearance, their counts, the
// pattern of every record, and the sparse index EM uses (./sparse-index.ts: each item's category 0 is
// the reference, so only non-zero and missing responses are listed, packed into cells).
// Missing responses: 'drop' (the default, poLCA's na.rm = TRUE) drops the record and says how many in
// a warning; 'include' keeps it, the item then adds nothing to that record's likelihood (poLCA's
// na.rm = FALSE, missing at random); 'error' throws.
// Weights: with `weights` (one per record, > 0: frequency weights such as the count of a pattern in
// an aggregated table) each record adds its weight to its pattern's count, so (pattern, count) rows
// give exactly the fit of the expanded records; poLCA has no weights, so that equality is the check.
// Hashing: open addressing over a 32-bit hash of the row, patterns compared in full on a hit.
import type { Warning } from '../warnings.js';
import { MISSING, type PatternTable } from './types.js';
import { sparseIndex } from './sparse-index.js';

export interface PatternOptions {
  /** Item names (defaults to item1, item2, ...). */
  items?: string[];
  /** How to treat a missing response; defaults to 'drop', as poLCA. */
  missing?: 'drop' | 'include' | 'error';
  /** Categories per item; defaults to the largest code seen + 1, at least 2. */
  nCategories?: number[];
  /** Frequency weight of each record (> 0); defaults to 1 each. */
  weights?: ArrayLike<number>;
}

/**
 * Distinct response patterns of the records, with counts.
 * @param columns one array per item, all of length N: category codes 0..C_j-1, NaN or negative = missing
 * @example lcaPatterns([[0, 1, 1], [1, 0, 0]]).counts // Float64Array [1, 2]
 */
export function lcaPatterns(
  columns: ArrayLike<number>[],
  { items, missing = 'drop', nCategories, weights }: PatternOptions = {},
): PatternTable {
  const J = columns.length;
  if (J === 0) throw new Error('lcaPatterns: invalid columns; expected at least one item, got none');
  const N = columns[0]!.length;
  columns.forEach((col, j) => {
    if (col.length !== N)
      throw new Error(
        `lcaPatterns: invalid columns; expected ${N} values in item ${j + 1}, got ${col.length}`,
      );
  });
  if (!['drop', 'include', 'error'].includes(missing))
    throw new Error(`lcaPatterns: invalid missing; expected 'drop', 'include' or 'error', got '${missing}'`);
  const names = items ?? columns.map((_, j) => `item${j + 1}`);
  if (names.length !== J)
    throw new Error(`lcaPatterns: invalid items; expected ${J} names, got ${names.length}`);
  if (nCategories && nCategories.length !== J)
    throw new Error(`lcaPatterns: invalid nCategories; expected ${J} numbers, got ${nCategories.length}`);

  if (weights) {
    if (weights.length !== N)
      throw new Error(
        `lcaPatterns: invalid weights; expected ${N} values (one per record), got ${weights.length}`,
      );
    for (let i = 0; i < N; i++) {
      if (!(Number.isFinite(weights[i]) && weights[i]! > 0))
        throw new Error(
          `lcaPatterns: invalid weights; expected finite numbers > 0, got ${weights[i]} at record ${i + 1}`,
        );
    }
  }
  let total = 0;
  const row = new Uint8Array(J);
  let cap = 1024;
  let values = new Uint8Array(cap * J);
  let counts = new Float64Array(cap);
  let hashes = new Int32Array(cap);
  let tableSize = 4096;
  let table: Int32Array = new Int32Array(tableSize).fill(-1);
  let S = 0;
  let nDropped = 0;
  const recordPattern = new Int32Array(N);
  const maxCode = new Int32Array(J);

  for (let i = 0; i < N; i++) {
    let hasMissing = false;
    let h = 0x811c9dc5 | 0;
    for (let j = 0; j < J; j++) {
      const v = columns[j]![i]!;
      let code: number;
      if (v >= 0 && v < MISSING && (v | 0) === v) {
        code = v;
        if (code > maxCode[j]!) maxCode[j] = code;
      } else if (Number.isNaN(v) || v < 0) {
        if (missing === 'error')
          throw new Error(
            `lcaPatterns: invalid value; expected no missing responses, got ${v} in item ${names[j]}, record ${i + 1}`,
          );
        code = MISSING;
        hasMissing = true;
      } else {
        throw new Error(
          `lcaPatterns: invalid value; expected a category code 0-254, got ${v} in item ${names[j]}, record ${i + 1}`,
        );
      }
      row[j] = code;
      h = Math.imul(h ^ code, 0x01000193);
    }
    if (hasMissing && missing === 'drop') {
      recordPattern[i] = -1;
      nDropped++;
      continue;
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & (tableSize - 1);
    let found = -1;
    for (;;) {
      const p = table[slot]!;
      if (p < 0) break;
      if (hashes[p] === h && same(values, p * J, row, J)) {
        found = p;
        break;
      }
      slot = (slot + 1) & (tableSize - 1);
    }
    if (found < 0) {
      if (S === cap) {
        cap *= 2;
        values = grow(values, cap * J);
        counts = grow(counts, cap);
        hashes = grow(hashes, cap);
      }
      values.set(row, S * J);
      hashes[S] = h;
      table[slot] = S;
      found = S++;
      if (2 * S > tableSize) {
        tableSize *= 2;
        table = rehash(hashes, S, tableSize);
      }
    }
    const w = weights ? weights[i]! : 1;
    counts[found]! += w;
    total += w;
    recordPattern[i] = found;
  }

  const nCat = nCategories ?? Array.from(maxCode, (m) => Math.max(2, m + 1));
  nCat.forEach((c, j) => {
    if (!Number.isInteger(c) || c < 2 || c <= maxCode[j]!)
      throw new Error(
        `lcaPatterns: invalid nCategories; expected an integer >= 2 above every code of item ${names[j]}, got ${c}`,
      );
  });
  const warnings: Warning[] = [];
  if (nDropped > 0)
    warnings.push({
      code: 'records-dropped',
      message: `${nDropped} of ${N} records had a missing response and were left out (missing = 'drop').`,
    });
  if (N - nDropped === 0)
    warnings.push({ code: 'no-records', message: 'No record has a complete response pattern.' });
  for (let j = 0; j < J; j++) {
    if (N - nDropped > 0 && maxCode[j] === 0)
      warnings.push({
        code: 'constant-item',
        message: `Item ${names[j]} never takes a value above 0: its probabilities sit on the boundary.`,
      });
  }
  return {
    items: [...names],
    nCategories: [...nCat],
    nPatterns: S,
    values: values.slice(0, S * J),
    counts: counts.slice(0, S),
    n: total,
    nRecords: N,
    nDropped,
    recordPattern,
    ...sparseIndex(values, S, nCat),
    warnings,
  };
}

function same(values: Uint8Array, at: number, row: Uint8Array, J: number): boolean {
  for (let j = 0; j < J; j++) if (values[at + j] !== row[j]) return false;
  return true;
}

function grow<T extends Uint8Array | Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function rehash(hashes: Int32Array, S: number, size: number): Int32Array {
  const table = new Int32Array(size).fill(-1);
  for (let p = 0; p < S; p++) {
    let slot = hashes[p]! & (size - 1);
    while (table[slot]! >= 0) slot = (slot + 1) & (size - 1);
    table[slot] = p;
  }
  return table;
}
