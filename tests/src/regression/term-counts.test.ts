// The records a model term rests on (disclosure control of published coefficients).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designMatrix } from '../../../src/regression/design-matrix.js';
import { termCounts } from '../../../src/regression/term-counts.js';

test('a factor term counts its level and the reference, a 0/1 covariate its 1s and 0s, others null', () => {
  const dm = designMatrix(
    { sen: ['none', 'none', 'ehcp', 'support', 'none'], fsm: [1, 0, 0, 1, 0], age: [4, 5, 6, 7, 8] },
    { covariates: ['fsm', 'age'], factors: ['sen'], ref: { sen: 'none' } },
  );
  assert.deepEqual(termCounts(dm, 'sen=ehcp'), { n: 1, referenceN: 3 });
  assert.deepEqual(termCounts(dm, 'sen=support'), { n: 1, referenceN: 3 });
  assert.deepEqual(termCounts(dm, 'fsm'), { n: 2, referenceN: 3 });
  assert.deepEqual(termCounts(dm, 'age'), { n: null, referenceN: null });
  assert.deepEqual(termCounts(dm, '(Intercept)'), { n: null, referenceN: null });
});
