import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designMatrix } from '../../../src/regression/design-matrix.js';

test('builds an intercept, a covariate and treatment-coded factor columns named column=level', () => {
  const d = designMatrix(
    { y: [1, 2, 3, 4], age: [10, 11, 12, 13], sen: ['support', 'none', 'ehcp', 'none'] },
    { outcomes: ['y'], covariates: ['age'], factors: ['sen'] },
  );
  // levels sorted: ehcp (reference), none, support
  assert.deepEqual(d.names, ['(Intercept)', 'age', 'sen=none', 'sen=support']);
  assert.deepEqual(d.levels, { sen: { levels: ['ehcp', 'none', 'support'], reference: 'ehcp' } });
  assert.deepEqual([...d.x], [1, 10, 0, 1, 1, 11, 1, 0, 1, 12, 0, 0, 1, 13, 1, 0]);
  assert.equal(d.n, 4);
  assert.equal(d.p, 4);
  assert.deepEqual(d.assign, [0, 1, 2, 2]);
  assert.deepEqual([...d.outcomes.y!], [1, 2, 3, 4]);
  assert.deepEqual(d.excluded, {});
});

test('drops rows with a missing value and counts them under the first missing column', () => {
  const d = designMatrix(
    { y: [1, NaN, 3, 4, 5], x: ['1', '2', '', 'NA', '5'], g: ['a', null, 'b', 'a', ''] },
    { outcomes: ['y'], covariates: ['x'], factors: ['g'] },
  );
  // row 2: y missing (also g); row 3: x blank; row 4: x NA; row 5: g blank
  assert.deepEqual(d.excluded, { missing_y: 1, missing_x: 2, missing_g: 1 });
  assert.deepEqual([...d.rows], [0]);
  assert.equal(d.n, 1);
  // b vanished with the dropped rows: a single level adds no term, and we say so
  assert.deepEqual(d.names, ['(Intercept)', 'x']);
  assert.equal(d.warnings[0]?.code, 'single-level-factor');
});

test('sorts numeric levels as numbers and honours a chosen reference', () => {
  const cyl = [8, 4, 10, 6, 4];
  const d = designMatrix({ cyl }, { factors: ['cyl'] });
  assert.deepEqual(d.names, ['(Intercept)', 'cyl=6', 'cyl=8', 'cyl=10']);
  const r = designMatrix({ cyl }, { factors: ['cyl'], ref: ['cyl=8'], intercept: false });
  assert.deepEqual(r.names, ['cyl=4', 'cyl=6', 'cyl=10']);
  assert.deepEqual([...r.x.slice(0, 6)], [0, 0, 0, 1, 0, 0]);
  assert.equal(designMatrix({ cyl }, { factors: ['cyl'], ref: { cyl: '6' } }).levels.cyl?.reference, '6');
});

test('reads dictionary-encoded columns as factors and as numbers', () => {
  const g = { codes: Int32Array.of(0, 1, -1, 1), levels: ['north', 'east'] };
  const v = { codes: Int32Array.of(0, 1, 1, 0), levels: ['2.5', '7'] };
  const d = designMatrix({ g, v }, { covariates: ['v'], factors: ['g'] });
  assert.deepEqual(d.names, ['(Intercept)', 'v', 'g=north']);
  assert.deepEqual([...d.x], [1, 2.5, 1, 1, 7, 0, 1, 2.5, 0]);
  assert.deepEqual(d.excluded, { missing_g: 1 });
});

test('counts the kept rows at each level of each factor, the reference included', () => {
  // Row 5 (x missing) and row 7 (g missing) are dropped: their levels are not counted there.
  const g = { codes: Int32Array.of(0, 1, 0, 2, 1, 0, -1), levels: ['a', 'b', 'c'] };
  const d = designMatrix(
    { x: [1, 2, 3, 4, NaN, 6, 7], g, k: [4, 4, 6, 8, 4, 6, 6] },
    { covariates: ['x'], factors: ['g', 'k'], ref: { k: '6' } },
  );
  assert.deepEqual(d.levelCounts, { g: { a: 3, b: 1, c: 1 }, k: { '6': 2, '4': 2, '8': 1 } });
  const none = designMatrix({ x: [1, 2] }, { covariates: ['x'] });
  assert.deepEqual(none.levelCounts, {});
  // A 0/1 covariate is an indicator: its rows at 1 and at 0 (of the kept rows); x is not.
  const ind = designMatrix(
    { fsm: [1, 0, 0, 1, 0, NaN], x: [1, 2, 3, 4, 5, 6] },
    { covariates: ['fsm', 'x'] },
  );
  assert.deepEqual(ind.binaryCounts, { fsm: { ones: 2, zeros: 3 } });
});

test('throws on invalid input, naming the function, what was expected and what came', () => {
  assert.throws(
    () => designMatrix({ a: [1] }, { covariates: ['b'] }),
    /designMatrix: invalid column; expected one of a, got 'b'/,
  );
  assert.throws(
    () => designMatrix({ a: [1], b: [1, 2] }, { covariates: ['a', 'b'] }),
    /expected 1 values, got 2/,
  );
  assert.throws(
    () => designMatrix({ a: ['1', 'x'] }, { covariates: ['a'] }),
    /column 'a' row 2; expected a number, got 'x'/,
  );
  assert.throws(
    () => designMatrix({ g: ['a', 'b'] }, { factors: ['g'], ref: ['g=c'] }),
    /expected a level of g \(a, b\), got g=c/,
  );
  assert.throws(
    () => designMatrix({ g: ['a', 'b'] }, { factors: ['g'], ref: ['h=a'] }),
    /invalid ref; expected a factor/,
  );
  assert.throws(
    () => designMatrix({ a: [1, Infinity] }, { covariates: ['a'] }),
    /expected a finite number, got Infinity/,
  );
});

test('without an intercept the first factor gets every level (allLevelsWithoutIntercept), later ones drop the reference', () => {
  const cols = { y: [1, 2, 3, 4], g: ['b', 'a', 'c', 'a'], h: ['u', 'v', 'u', 'v'] };
  const d = designMatrix(cols, {
    intercept: false,
    allLevelsWithoutIntercept: true,
    outcomes: ['y'],
    factors: ['g', 'h'],
  });
  assert.deepEqual(d.names, ['g=a', 'g=b', 'g=c', 'h=v']);
  assert.deepEqual(Array.from(d.x), [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1]);
  // Cox's coding (the default): no intercept, but the reference is still dropped.
  const cox = designMatrix(cols, { intercept: false, outcomes: ['y'], factors: ['g'] });
  assert.deepEqual(cox.names, ['g=b', 'g=c']);
});

test('string levels are ordered as R sort() in English: a, B, c (reference a)', () => {
  const d = designMatrix({ y: [1, 2, 3], g: ['c', 'B', 'a'] }, { outcomes: ['y'], factors: ['g'] });
  assert.deepEqual(d.levels.g, { levels: ['a', 'B', 'c'], reference: 'a' });
});
