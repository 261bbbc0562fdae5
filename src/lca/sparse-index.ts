// The sparse index EM runs on (see PatternTable in ./types.ts): items are packed, in order, into
// groups whose joint codes number at most a limit, each pattern is the list of its non-zero group
// codes ("cells"), and each cell the list of its non-reference responses. A missing response is one
// more digit of its item when the table has any, so it needs no separate path.
// The limit trades the two costs of an EM step: K multiply-adds per cell of every pattern, against one
// exp and a few adds per distinct cell and class to prepare the cell factors. Large groups suit sparse
// data (45 factors, two or three present: few distinct cells, and fewer cells a pattern); small groups
// suit dense data, where every code of a group occurs. The limit with the lowest estimated cost of
// 256, 4096 and 65536 is used.
import { MISSING, type PatternTable } from './types.js';

type SparseIndex = Pick<
  PatternTable,
  'itemOffset' | 'nzStart' | 'nzCell' | 'nCells' | 'cellStart' | 'cellItem' | 'cellValue'
>;

/** Relative cost of preparing one cell for one class (an exp and its sums) to one multiply-add. */
const CELL_COST = 30;

/**
 * Build the sparse index of S distinct patterns (row-major category codes, MISSING for missing).
 * @example sparseIndex(Uint8Array.from([0, 1, 1, 1]), 2, [2, 2]).nCells // 2: codes 2 and 3 of one group
 */
export function sparseIndex(values: Uint8Array, S: number, nCat: number[]): SparseIndex {
  const J = nCat.length;
  const hasMissing = new Uint8Array(J);
  for (let i = 0; i < S * J; i++) if (values[i] === MISSING) hasMissing[i % J] = 1;
  const radix = nCat.map((c, j) => c + hasMissing[j]!);
  let best: SparseIndex | undefined;
  let bestCost = Infinity;
  for (const limit of [256, 4096, 65536]) {
    const index = build(values, S, nCat, radix, limit);
    const cost = 2 * index.nzCell.length + CELL_COST * index.nCells;
    if (cost < bestCost) {
      best = index;
      bestCost = cost;
    }
    // A larger limit changes nothing once every item sits in one group.
    if (radix.reduce((p, r) => p * r, 1) <= limit) break;
  }
  return best!;
}

function build(values: Uint8Array, S: number, nCat: number[], radix: number[], limit: number): SparseIndex {
  const J = nCat.length;
  const itemOffset = new Int32Array(J + 1);
  for (let j = 0; j < J; j++) itemOffset[j + 1] = itemOffset[j]! + nCat[j]!;
  const groups: number[] = [0];
  const mult = new Int32Array(J);
  let size = 1;
  for (let j = 0; j < J; j++) {
    if (size * radix[j]! > limit && j > groups[groups.length - 1]!) {
      groups.push(j);
      size = 1;
    }
    mult[j] = size;
    size *= radix[j]!;
  }
  groups.push(J);
  const G = groups.length - 1;

  const cellOf = new Map<number, Int32Array>();
  const cellGroup: number[] = [];
  const cellCode: number[] = [];
  const nzStart = new Int32Array(S + 1);
  let nzCell = new Int32Array(Math.max(16, S));
  let nz = 0;
  for (let g = 0; g < G; g++) {
    let codes = 1;
    for (let j = groups[g]!; j < groups[g + 1]!; j++) codes *= radix[j]!;
    cellOf.set(g, new Int32Array(codes).fill(-1));
  }
  for (let s = 0; s < S; s++) {
    for (let g = 0; g < G; g++) {
      let code = 0;
      for (let j = groups[g]!; j < groups[g + 1]!; j++) {
        const v = values[s * J + j]!;
        code += (v === MISSING ? nCat[j]! : v) * mult[j]!;
      }
      if (code === 0) continue;
      const map = cellOf.get(g)!;
      let cell = map[code]!;
      if (cell < 0) {
        cell = map[code] = cellGroup.length;
        cellGroup.push(g);
        cellCode.push(code);
      }
      if (nz === nzCell.length) {
        const bigger = new Int32Array(2 * nz);
        bigger.set(nzCell);
        nzCell = bigger;
      }
      nzCell[nz++] = cell;
    }
    nzStart[s + 1] = nz;
  }

  const U = cellGroup.length;
  const cellStart = new Int32Array(U + 1);
  const items: number[] = [];
  const cats: number[] = [];
  for (let u = 0; u < U; u++) {
    const g = cellGroup[u]!;
    let code = cellCode[u]!;
    for (let j = groups[g]!; j < groups[g + 1]!; j++) {
      const digit = code % radix[j]!;
      code = (code - digit) / radix[j]!;
      if (digit === 0) continue;
      items.push(j);
      cats.push(digit === nCat[j] ? MISSING : digit);
    }
    cellStart[u + 1] = items.length;
  }
  return {
    itemOffset,
    nzStart,
    nzCell: nzCell.slice(0, nz),
    nCells: U,
    cellStart,
    cellItem: Int32Array.from(items),
    cellValue: Uint8Array.from(cats),
  };
}
