import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INVALID_DAY,
  civilFromDays,
  dayToIso,
  daysFromCivil,
  packedYmd,
  parseDate,
  parseFixedDate,
} from '../../../src/data/dates.js';
import { MISSING_DAY } from '../../../src/data/types.js';

const iso = (text: string, monthFirst = false): string => {
  const d = parseDate(text, { monthFirst });
  return d === INVALID_DAY ? 'invalid' : d === MISSING_DAY ? 'missing' : dayToIso(d);
};

test('counts days from 1970-01-01 on the calendar, with no time zone', () => {
  assert.equal(daysFromCivil(1970, 1, 1), 0);
  assert.equal(daysFromCivil(2023, 4, 1), 19448); // 53 years of 365 days plus 13 leap days, plus 90
  assert.deepEqual(civilFromDays(-1), { y: 1969, m: 12, d: 31 });
  for (let d = -30000; d < 60000; d += 37) {
    const c = civilFromDays(d);
    assert.equal(daysFromCivil(c.y, c.m, c.d), d);
    assert.equal(packedYmd(d), c.y * 10000 + c.m * 100 + c.d);
  }
  // The edges of packedYmd's table (1900-2100) and a leap day inside it.
  for (const [y, m, d] of [
    [1899, 12, 31],
    [1900, 1, 1],
    [2000, 2, 29],
    [2100, 12, 31],
    [2101, 1, 1],
  ] as const)
    assert.equal(packedYmd(daysFromCivil(y, m, d)), y * 10000 + m * 100 + d);
});

test('reads ISO and UK dates, day first unless month first is asked for', () => {
  assert.equal(iso('2023-04-01'), '2023-04-01');
  assert.equal(iso('2023/4/1'), '2023-04-01');
  assert.equal(iso('01/04/2023'), '2023-04-01');
  assert.equal(iso('1/4/2023'), '2023-04-01');
  assert.equal(iso('01-04-2023'), '2023-04-01');
  assert.equal(iso('01.04.2023'), '2023-04-01');
  assert.equal(iso('04/01/2023', true), '2023-04-01');
  assert.equal(iso('13/01/2023', true), 'invalid'); // no 13th month
  assert.equal(iso('1-Apr-2023'), '2023-04-01');
  assert.equal(iso('01 April 2023'), '2023-04-01');
});

test('ignores a time of day after the date', () => {
  assert.equal(iso('2023-04-01T23:30:00Z'), '2023-04-01');
  assert.equal(iso('2023-04-01 00:00:00'), '2023-04-01');
  assert.equal(iso('01/04/2023 00:00'), '2023-04-01');
});

test('reads Excel serial numbers in the 1900 system, with its phantom 29 February 1900', () => {
  assert.equal(iso('45017'), '2023-04-01');
  assert.equal(iso('45017.75'), '2023-04-01');
  assert.equal(iso('1'), '1900-01-01');
  assert.equal(iso('59'), '1900-02-28');
  assert.equal(iso('60'), 'invalid'); // Excel's 1900-02-29, a day that never was
  assert.equal(iso('61'), '1900-03-01');
  assert.equal(iso('0'), 'invalid');
});

test('refuses impossible dates, two-digit years and text', () => {
  for (const t of [
    '31/02/2021',
    '29/02/2021',
    '2023-13-01',
    '2023-00-10',
    '00/01/2023',
    '01/04/23',
    'abc',
    '2023-04',
    '1899-12-31',
    '2958465',
    '20230401',
    '01/04/29ab', // once read as 1900-04-01: a non-digit pair must spoil the year, not lower it
    '01/04/30xx',
    '2023-04-0x',
  ]) {
    assert.equal(iso(t), 'invalid', t);
  }
  assert.equal(iso('29/02/2020'), '2020-02-29');
  assert.equal(iso('29/02/2000'), '2000-02-29');
  assert.equal(iso('29/02/1900'), 'invalid');
  assert.equal(iso(''), 'missing');
  assert.equal(iso('  '), 'missing');
});

test('reads the fixed ten-byte forms on their own, and nothing else', () => {
  const at = (text: string, monthFirst = false): string => {
    const b = new TextEncoder().encode(`,${text},`);
    const d = parseFixedDate(b, 1, monthFirst);
    return d === INVALID_DAY ? 'invalid' : dayToIso(d);
  };
  assert.equal(at('01/04/2023'), '2023-04-01');
  assert.equal(at('01-04-2023'), '2023-04-01');
  assert.equal(at('01.04.2023'), '2023-04-01');
  assert.equal(at('04/01/2023', true), '2023-04-01');
  assert.equal(at('2023-04-01'), '2023-04-01');
  // Other ten-byte dates are for parseDateBytes; the fixed reader refuses them.
  for (const t of ['1-Apr-2023', '2023/04/01', '01/04-2023', '2023-4-1T0', '31/02/2023', '01/04/20ab'])
    assert.equal(at(t), 'invalid', t);
  assert.equal(iso('1-Apr-2023'), '2023-04-01');
  assert.equal(iso('2023/04/01'), '2023-04-01');
});
