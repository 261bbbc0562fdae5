import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classLabels, factorPhrase } from '../../../src/domain/labels.js';

const ITEMS = ['3A', '3B', '4B', '4A', '15A', '16A', '17A', '20', '3C', '4C', '2C'];
const row = (p: Record<string, number>) => ITEMS.map((c) => p[c] ?? 0.02);

test('classes are named from their dominant factors', () => {
  const labels = classLabels(
    [
      row({ '3B': 0.95, '3A': 0.5 }), // one phrase ("Domestic abuse" for 3A and 3B), nothing else >= 0.2
      row({ '3B': 0.9, '4B': 0.6 }),
      row({ '4A': 0.92, '15A': 0.45 }),
      row({ '16A': 0.9, '17A': 0.25 }), // 17A at 0.25 is not dominant, but rules out "single factor"
      row({ '20': 0.9 }),
      row({ '3C': 0.5, '4C': 0.45, '2C': 0.42 }),
    ],
    ITEMS,
  );
  assert.deepEqual(
    labels.map((l) => l.name),
    [
      'Domestic abuse as a single factor',
      'Domestic abuse with parental mental health',
      'Child mental health with self-harm',
      'Neglect',
      'Other factors only',
      'Domestic abuse, mental health and drug misuse of another person',
    ],
  );
  assert.deepEqual(labels[0]!.factors, [
    { code: '3B', probability: 0.95 },
    { code: '3A', probability: 0.5 },
  ]);
});

test('repeated names get their next factor, then a number', () => {
  const labels = classLabels(
    [row({ '16A': 0.9, '17A': 0.3 }), row({ '16A': 0.9, '4B': 0.3 }), row({ '16A': 0.9, '4B': 0.3 })],
    ITEMS,
  );
  assert.deepEqual(
    labels.map((l) => l.name),
    [
      'Neglect with emotional abuse',
      'Neglect with parental mental health (group 1)',
      'Neglect with parental mental health (group 2)',
    ],
  );
  // A class with no code above 0.4 is named after its strongest code.
  assert.equal(classLabels([row({ '4A': 0.3, '15A': 0.25 })], ITEMS)[0]!.name, 'Child mental health');
  assert.equal(classLabels([row({ '4A': 0.3 })], ITEMS)[0]!.name, 'Child mental health as a single factor');
  assert.equal(factorPhrase('03b'), 'Domestic abuse');
  assert.equal(factorPhrase('X9'), 'Code X9');
  assert.throws(() => classLabels([[0.5]], ITEMS), /classLabels: invalid itemProbs/);
});
