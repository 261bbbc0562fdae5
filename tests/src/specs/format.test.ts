// The kit writes numbers itself rather than through Intl.NumberFormat (whose first use loads the
// browser's locale data in one long task): what it writes must be what en-GB's formatter writes.
// Node carries the full ICU data, so the formatter is the reference here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount, formatNumber, grouped } from '../../../components/internal/format.js';
import { random } from '../../../src/math/random.js';

const intl = (n: number, digits: number) =>
  new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);

test('ties, signs, zeros and extremes as en-GB writes them', () => {
  const cases = [
    0,
    -0,
    0.5,
    1.5,
    2.5,
    -0.5,
    -2.5,
    1.005,
    1.015,
    0.125,
    -0.4,
    0.05,
    0.95,
    9.995,
    99.5,
    999.5,
    999999.5,
    1234567.891,
    -1234567.891,
    1e-7,
    -1e-7,
    5e-7,
    1e15 + 0.5,
    2 ** 53,
    1e21,
    1.5e22,
    -1e21,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_VALUE,
    123456789012345680000,
  ];
  for (const n of cases)
    for (const d of [0, 1, 2, 3]) assert.equal(grouped(n, d), intl(n, d), `${n} to ${d} decimals`);
});

test('agrees with en-GB on 20,000 random numbers of every size (seeded)', () => {
  const r = random(16);
  const rng = () => r.next();
  for (let i = 0; i < 20000; i++) {
    const scale = 10 ** Math.floor(rng() * 14 - 4);
    const n = (rng() - 0.3) * scale;
    // Also numbers on a tie of the last decimal shown (x.xx5), the case toFixed gets wrong.
    const tie = Math.round(n * 1000) / 1000 + 0.0005;
    for (const d of [0, 1, 2, 3]) {
      assert.equal(grouped(n, d), intl(n, d), `${n} to ${d} decimals`);
      assert.equal(grouped(tie, d), intl(tie, d), `${tie} to ${d} decimals`);
    }
  }
});

test('formatCount and formatNumber keep their missing values and symbols', () => {
  assert.equal(formatCount(25000), '25,000');
  assert.equal(formatCount('c'), 'c');
  assert.equal(formatCount(null), '–');
  assert.equal(formatNumber(1234.5), '1,234.50');
  assert.equal(formatNumber(Number.NaN), '–');
});
