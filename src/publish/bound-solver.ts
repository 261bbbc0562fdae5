// (Used by the disclosure pass itself, disclosure-audit.ts, and by the attack test.)
// The attacker's solver: given linear equations between published figures (known) and suppressed or
// never-published ones (unknown non-negative integers), how narrowly can each unknown be pinned?
//
// Contract: `tightenBounds(system)` takes variables with integer bounds (hi may be Infinity) and
// equations sum(coef * x) = rhs; it returns the tightened bounds of every variable, or throws when
// the bounds cross (the equations contradict the figures: the attack model is wrong, not the data).
// Method, iterated until nothing changes (each step only keeps solutions, so the bounds it returns
// contain every solution: it under-states what an attacker learns only where an exact integer
// program would find more):
// 1. Gaussian elimination of the equations over the unknowns (the fixed variables moved to the
//    right-hand side): a reduced row with a single unknown fixes it exactly, whatever the bounds
//    (the "linear algebra" attack: year totals minus the others, two sections counting the same
//    records); the reduced rows are added to the equations step 2 uses, which lets propagation see
//    combinations no single published equation states.
// 2. Interval propagation: in sum(a_i x_i) = b each x_k lies within (b - the others' extreme sums) / a_k,
//    rounded inwards to integers (the non-negativity attack: a difference of two published totals
//    bounding a suppressed cell from above or below).
// Exact rational arithmetic is not needed: the coefficients are small integers and the elimination's
// pivots are chosen by size; values within 1e-6 of an integer are that integer.

export interface Equation {
  terms: [variable: number, coef: number][];
  rhs: number;
  /** What the equation says, for a report. */
  why: string;
}

export interface BoundSystem {
  lo: number[];
  hi: number[];
  equations: Equation[];
}

const EPS = 1e-6;

/** Tightened integer bounds of every variable (see the file comment). */
export function tightenBounds(system: BoundSystem, maxRounds = 50): { lo: number[]; hi: number[] } {
  const lo = [...system.lo];
  const hi = [...system.hi];
  for (let round = 0; round < maxRounds; round++) {
    const before = lo.reduce((a, v, i) => a + v - (Number.isFinite(hi[i]!) ? hi[i]! : 1e12), 0);
    propagate([...system.equations, ...eliminate(system.equations, lo, hi)], lo, hi);
    const after = lo.reduce((a, v, i) => a + v - (Number.isFinite(hi[i]!) ? hi[i]! : 1e12), 0);
    if (after === before) break;
  }
  return { lo, hi };
}

function fix(i: number, v: number, lo: number[], hi: number[], why: string): void {
  const r = Math.round(v);
  if (Math.abs(v - r) > EPS) throw new Error(`bound solver: ${why} gives a fractional value ${v}`);
  setBounds(i, r, r, lo, hi, why);
}

function setBounds(i: number, l: number, h: number, lo: number[], hi: number[], why: string): boolean {
  const nl = Math.max(lo[i]!, l);
  const nh = Math.min(hi[i]!, h);
  if (nl > nh) throw new Error(`bound solver: contradiction at variable ${i} (${nl} > ${nh}) from ${why}`);
  const changed = nl !== lo[i] || nh !== hi[i];
  lo[i] = nl;
  hi[i] = nh;
  return changed;
}

/** Reduced rows over the unknowns; fixes the variables a row leaves alone. */
function eliminate(equations: Equation[], lo: number[], hi: number[]): Equation[] {
  const unknown = new Map<number, number>(); // variable -> column
  const vars: number[] = [];
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (const e of equations) {
    let b = e.rhs;
    for (const [v, a] of e.terms)
      if (lo[v] === hi[v]) b -= a * lo[v]!;
      else if (!unknown.has(v)) {
        unknown.set(v, vars.length);
        vars.push(v);
      }
    rhs.push(b);
  }
  const C = vars.length;
  for (const e of equations) {
    const row = new Array<number>(C).fill(0);
    for (const [v, a] of e.terms) if (lo[v] !== hi[v]) row[unknown.get(v)!]! += a;
    rows.push(row);
  }
  let r = 0;
  for (let c = 0; c < C && r < rows.length; c++) {
    let p = -1;
    for (let i = r; i < rows.length; i++)
      if (Math.abs(rows[i]![c]!) > EPS && (p < 0 || Math.abs(rows[i]![c]!) > Math.abs(rows[p]![c]!))) p = i;
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    [rhs[r], rhs[p]] = [rhs[p]!, rhs[r]!];
    const piv = rows[r]![c]!;
    for (let k = 0; k < C; k++) rows[r]![k]! /= piv;
    rhs[r]! /= piv;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![c]!;
      if (Math.abs(f) < EPS) continue;
      for (let k = 0; k < C; k++) rows[i]![k]! -= f * rows[r]![k]!;
      rhs[i]! -= f * rhs[r]!;
    }
    r++;
  }
  const out: Equation[] = [];
  for (let i = 0; i < rows.length; i++) {
    const terms: [number, number][] = [];
    rows[i]!.forEach((a, k) => {
      if (Math.abs(a) > EPS) terms.push([vars[k]!, a]);
    });
    if (terms.length === 0) {
      if (Math.abs(rhs[i]!) > 1e-4) throw new Error(`bound solver: the equations contradict (0 = ${rhs[i]})`);
      continue;
    }
    if (terms.length === 1) fix(terms[0]![0], rhs[i]! / terms[0]![1], lo, hi, 'elimination');
    else out.push({ terms, rhs: rhs[i]!, why: 'a combination of the published equations' });
  }
  return out;
}

/** Interval propagation until no bound moves (or a round limit, for unbounded chains). */
function propagate(equations: Equation[], lo: number[], hi: number[]): void {
  for (let pass = 0; pass < 200; pass++) {
    let changed = false;
    for (const e of equations) {
      // The sum's smallest and largest values, counting infinite parts separately.
      let min = 0;
      let max = 0;
      let minInf = 0;
      let maxInf = 0;
      for (const [v, a] of e.terms) {
        const [l, h] = a > 0 ? [a * lo[v]!, a * hi[v]!] : [a * hi[v]!, a * lo[v]!];
        if (Number.isFinite(l)) min += l;
        else minInf++;
        if (Number.isFinite(h)) max += h;
        else maxInf++;
      }
      for (const [v, a] of e.terms) {
        const [l, h] = a > 0 ? [a * lo[v]!, a * hi[v]!] : [a * hi[v]!, a * lo[v]!];
        // The others' range.
        const oMin =
          minInf - (Number.isFinite(l) ? 0 : 1) > 0 ? -Infinity : min - (Number.isFinite(l) ? l : 0);
        const oMax =
          maxInf - (Number.isFinite(h) ? 0 : 1) > 0 ? Infinity : max - (Number.isFinite(h) ? h : 0);
        // a x = rhs - others, so a x in [rhs - oMax, rhs - oMin].
        const axLo = e.rhs - oMax;
        const axHi = e.rhs - oMin;
        let xl = a > 0 ? axLo / a : axHi / a;
        let xh = a > 0 ? axHi / a : axLo / a;
        xl = Number.isFinite(xl) ? Math.ceil(xl - EPS) : -Infinity;
        xh = Number.isFinite(xh) ? Math.floor(xh + EPS) : Infinity;
        if (setBounds(v, xl, xh, lo, hi, e.why)) changed = true;
      }
    }
    if (!changed) return;
  }
}
