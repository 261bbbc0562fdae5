// Test helper (not a test file): which suppressed entries of a table with its totals a reader could
// recover exactly from what is published, whatever method chose the suppressions. An entry is
// recoverable when its unit vector lies in the row space of the line constraints (cells add up to
// their row and column totals) restricted to the unknown entries: a rank test by Gaussian
// elimination, independent of src/publish (as in disclosure.test.ts).

/**
 * Unknown entries (any string: 'c', or 'u' for a figure never published) of an (r+1) x (c+1) grid,
 * the last row holding the column totals and the last column the row totals, that the published
 * numbers determine. Returns them as 'i,j'.
 */
export function recoverableEntries(grid: (number | string)[][]): string[] {
  const r = grid.length - 1;
  const c = grid[0]!.length - 1;
  const unknowns: [number, number][] = [];
  grid.forEach((row, i) => row.forEach((v, j) => typeof v === 'string' && unknowns.push([i, j])));
  if (!unknowns.length) return [];
  const lines: number[][] = [];
  for (let i = 0; i <= r; i++) lines.push(unknowns.map(([a, b]) => (a === i ? (b === c ? -1 : 1) : 0)));
  for (let j = 0; j <= c; j++) lines.push(unknowns.map(([a, b]) => (b === j ? (a === r ? -1 : 1) : 0)));
  const rank = (m: number[][]): number => {
    const a = m.map((row) => row.slice());
    let rk = 0;
    for (let col = 0; col < unknowns.length && rk < a.length; col++) {
      const p = a.findIndex((row, k) => k >= rk && Math.abs(row[col]!) > 1e-9);
      if (p < 0) continue;
      [a[rk], a[p]] = [a[p]!, a[rk]!];
      for (let k = 0; k < a.length; k++)
        if (k !== rk) {
          const f = a[k]![col]! / a[rk]![col]!;
          if (f !== 0) for (let q = 0; q < unknowns.length; q++) a[k]![q]! -= f * a[rk]![q]!;
        }
      rk++;
    }
    return rk;
  };
  const base = rank(lines);
  return unknowns
    .filter((_, k) => rank([...lines, unknowns.map((_, q) => (q === k ? 1 : 0))]) === base)
    .map(([i, j]) => `${i},${j}`);
}

/** A one-row table (cells and their total) as a grid for recoverableEntries. */
export function listGrid(cells: (number | string)[], total: number | string): (number | string)[][] {
  return [
    [...cells, total],
    [...cells, total],
  ];
}
