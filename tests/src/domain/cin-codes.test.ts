import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupFactor, normaliseFactorCode, CIN_FACTORS } from '../../../src/domain/cin-codes.js';

test('normalises wide-format names and leading zeros', () => {
  assert.equal(normaliseFactorCode(' f_03b '), '3B');
  assert.equal(normaliseFactorCode('21'), '21');
});

test('knows child criminal exploitation from 2022 and the 2017 split of physical abuse', () => {
  assert.equal(lookupFactor('24a')?.from, 2022);
  assert.deepEqual(lookupFactor('18A')?.replacedBy, ['18B', '18C']);
  assert.equal(new Set(CIN_FACTORS.map((f) => f.code)).size, CIN_FACTORS.length);
});
