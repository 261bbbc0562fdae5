// Exact least squares in rational arithmetic (BigInt fractions) for the accuracy tests: the normal
// equations X'X b = X'y solved by Gaussian elimination without rounding, as NIST certifies its StRD
// values in multiple precision. Inputs are decimal strings or doubles (both converted exactly).
type Q = [bigint, bigint]; // numerator, denominator > 0, in lowest terms

const abs = (a: bigint): bigint => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}
function q(n: bigint, d: bigint): Q {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return [n / g, d / g];
}
const add = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const sub = (a: Q, b: Q): Q => q(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const mul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
const div = (a: Q, b: Q): Q => q(a[0] * b[1], a[1] * b[0]);

/** A decimal string ('-49.63', '1e3' not supported) or a double, exactly. */
export function exact(v: string | number): Q {
  if (typeof v === 'number') {
    let m = v;
    let s = 0n;
    while (!Number.isInteger(m)) {
      m *= 2; // exact in binary floating point
      s++;
    }
    return q(BigInt(m), 1n << s);
  }
  const [int, frac = ''] = v.trim().split('.');
  return q(BigInt(int! + frac), 10n ** BigInt(frac.length));
}

/** Exact least-squares coefficients of y on the columns of x (rows of exact values). */
export function exactLeastSquares(x: Q[][], y: Q[]): Q[] {
  const p = x[0]!.length;
  const zero: Q = [0n, 1n];
  const a: Q[][] = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p + 1 }, (_, j) =>
      x.reduce((s, row, r) => add(s, mul(row[i]!, j < p ? row[j]! : y[r]!)), zero),
    ),
  );
  for (let c = 0; c < p; c++) {
    const piv = a.findIndex((row, r) => r >= c && row[c]![0] !== 0n);
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    for (let r = 0; r < p; r++) {
      if (r === c || a[r]![c]![0] === 0n) continue;
      const f = div(a[r]![c]!, a[c]![c]!);
      for (let j = c; j <= p; j++) a[r]![j] = sub(a[r]![j]!, mul(f, a[c]![j]!));
    }
  }
  return a.map((row, i) => div(row[p]!, row[i]!));
}

/** |approx - truth| / |truth| as a double. */
export function relativeError(approx: number, truth: Q): number {
  const e = sub(exact(approx), truth);
  const r = div([abs(e[0]), e[1]], [abs(truth[0]), truth[1]]);
  return Number((r[0] * 10n ** 40n) / r[1]) / 1e40;
}
