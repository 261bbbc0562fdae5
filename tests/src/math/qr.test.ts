import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qrAddRow, qrAddRows, qrDecompose, qrQty, qrR } from '../../../src/math/qr.js';
import { random } from '../../../src/math/random.js';

function close(label: string, actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    assert.ok(
      d <= tol * Math.max(1, Math.abs(expected[i]!)),
      `${label}[${i}]: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

// R 4.2.2: X <- cbind(1, 1:5, 2 * (1:5), c(1, 0, 1, 0, 2)); q <- qr(X)  (LINPACK dqrdc2, tol 1e-7)
// rank 3, pivot 1 2 4 3: the third column (twice the second) is aliased and moved to the end.
const X = Float64Array.from([1, 2, 3, 4, 5].flatMap((v, i) => [1, v, 2 * v, [1, 0, 1, 0, 2][i]!]));
const R_FROM_R = [
  [-2.2360679774997898, -6.7082039324993676, -1.7888543819998315, -13.416407864998735],
  [0, 3.16227766016838, 0.632455532033676, 6.3245553203367608],
  [0, 0, 1.549193338482967], // the 4th column's lower entries are rounding noise (~1e-16)
];

test("reproduces R qr() (dqrdc2): rank, pivot, R, qraux, compact form and Q'y", () => {
  const q = qrDecompose(X, 5, 4);
  assert.equal(q.rank, 3);
  assert.deepEqual([...q.pivot], [0, 1, 3, 2]);
  const r = qrR(q);
  close('R row 1', r.subarray(0, 4), R_FROM_R[0]!, 1e-14);
  close('R row 2', r.subarray(5, 8), R_FROM_R[1]!.slice(1), 1e-14);
  close('R row 3', r.subarray(10, 11), R_FROM_R[2]!.slice(2), 1e-14);
  assert.ok(Math.abs(r[11]!) < 1e-14 && Math.abs(r[15]!) < 1e-14, 'aliased column has no norm left');
  close('qraux', q.qraux.subarray(0, 3), [1.4472135954999579, 1.120788258431983, 1.0789879072613149], 1e-14);
  // Householder vectors below the diagonal, column-major (R's q$qr)
  close(
    'qr col 1',
    q.qr.subarray(1, 5),
    [0.44721359549995793, 0.44721359549995793, 0.44721359549995793, 0.44721359549995793],
    1e-14,
  );
  close(
    'qr col 2',
    q.qr.subarray(7, 10),
    [-0.19543950758485493, -0.51166727360169284, -0.82789503961853073],
    1e-14,
  );
  close('qr col 3', q.qr.subarray(13, 15), [0.996627817575656327, -0.022223945213710548], 1e-14);
  // Q'y: the first `rank` effects are determined; the rest span the residual space, where the
  // aliased column's reflection follows rounding noise, so only their sum of squares is fixed.
  const qty = qrQty(q, [1, 3, 2, 5, 4]);
  close('qty', qty.subarray(0, 3), [-6.7082039324993676, 2.5298221281347044, -1.6782927833565471], 1e-14);
  close(
    'residual effects',
    [qty[3]! ** 2 + qty[4]! ** 2],
    [0.85580391070054807 ** 2 + 0.22568340604258361 ** 2],
    1e-13,
  );
});

test('keeps full-rank columns in order and detects several aliased columns', () => {
  const rng = random(3);
  const n = 20;
  const a = new Float64Array(n * 5);
  for (let i = 0; i < n; i++) {
    const u = rng.normal(),
      v = rng.normal();
    // columns: u, 0, v, u + v, 3
    a.set([u, 0, v, u + v, 3], i * 5);
  }
  const q = qrDecompose(a, n, 5);
  assert.equal(q.rank, 3);
  assert.deepEqual([...q.pivot], [0, 2, 4, 1, 3]); // the zero column and u + v go to the end, in order
  assert.throws(() => qrDecompose(a, n, 4), /qrDecompose: invalid a; expected 80 elements, got 100/);
});

test('streaming Givens rows give the same triangle as Householder on the whole matrix', () => {
  const rng = random(11);
  const n = 50,
    p = 4;
  const a = new Float64Array(n * p);
  for (let i = 0; i < n * p; i++) a[i] = rng.normal() * (1 + (i % p) * 100);
  const r = new Float64Array(p * p);
  for (let i = 0; i < n; i++) qrAddRow(r, p, a.slice(i * p, (i + 1) * p));
  const h = qrR(qrDecompose(a, n, p));
  // R is unique up to the sign of each row: Givens leaves a positive diagonal
  for (let i = 0; i < p; i++) {
    const s = Math.sign(h[i * p + i]!);
    assert.ok(r[i * p + i]! > 0);
    close(
      `row ${i}`,
      r.subarray(i * p + i, (i + 1) * p),
      Array.from(h.subarray(i * p + i, (i + 1) * p), (v) => s * v),
      1e-12,
    );
  }
  // a row of zeros changes nothing; a first row lands as it is (up to sign)
  const before = r.slice();
  qrAddRow(r, p, new Float64Array(p));
  assert.deepEqual([...r], [...before]);
  const fresh = new Float64Array(4);
  qrAddRow(fresh, 2, Float64Array.of(-3, 4));
  assert.deepEqual([...fresh], [3, -4, 0, 0]);
});

test('rotating rows four at a time gives exactly what one at a time gives', () => {
  const rng = random(21);
  const m = 6;
  const n = 23; // five blocks of four and a remainder of three
  const rows = new Float64Array(n * m);
  for (let i = 0; i < n * m; i++) rows[i] = rng.next() < 0.3 ? 0 : rng.normal() * 10 ** rng.int(4);
  rows.fill(0, 0, 2); // the first row starts with zeros: empty rows of R are filled later
  const one = new Float64Array(m * m);
  for (let i = 0; i < n; i++) qrAddRow(one, m, rows.slice(i * m, (i + 1) * m));
  const four = new Float64Array(m * m);
  qrAddRows(four, m, rows.slice(), n);
  assert.deepEqual([...four], [...one]);
});
