// The model commands' plain-text output (km, cox, ols, logit): numbers and p-values printed the way
// R's summary methods print them, in a table whose first column is left-aligned and the rest right-
// aligned, so a reader can put our output beside R's and compare them line by line.

/** A number to `digits` significant figures, without trailing zeros; NA for null or NaN, as R prints. */
export function num(v: number | null, digits = 6): string {
  return v === null || Number.isNaN(v) ? 'NA' : Number(v.toPrecision(digits)).toString();
}

/** A p-value as R's format.pval does by default: `<2e-16` below machine precision, 3 figures above. */
export function pval(p: number | null): string {
  if (p === null || Number.isNaN(p)) return 'NA';
  if (p < 2e-16) return '<2e-16';
  return p < 1e-4 ? p.toExponential(2) : p.toPrecision(3);
}

/**
 * Rows of cells under a header, columns padded to their widest cell, two spaces apart.
 * @example alignedTable(['term', 'estimate'], [['wt', '-8.08']]) // ['term  estimate', 'wt       -8.08']
 */
export function alignedTable(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const fmt = (cells: string[]): string =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [fmt(head), ...rows.map(fmt)];
}
