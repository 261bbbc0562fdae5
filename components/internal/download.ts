// Downloads made in the page, with nothing sent anywhere: a table as CSV (safe to open in Excel) and
// a chart as SVG or PNG. Formula injection: a text cell starting with = + - @ (or a tab or carriage
// return) is prefixed with an apostrophe, so a label in the data cannot run as a spreadsheet formula
// (OWASP "CSV injection"); numbers are written as numbers.

/** One cell of CSV: quoted when needed, defused when it could be read as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of cells as CSV text (CRLF line ends, as RFC 4180 and Excel expect). */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name made safe: letters, digits, dots, dashes and underscores only. */
export function safeFileName(name: string, extension: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'download'}.${extension}`;
}

/** Saves `blob` as `fileName` through a temporary link (no network; the object URL is revoked). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Saves CSV text (with a byte order mark, so Excel reads UTF-8 names correctly). */
export function downloadCsv(csv: string, fileName: string): void {
  downloadBlob(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }), fileName);
}
