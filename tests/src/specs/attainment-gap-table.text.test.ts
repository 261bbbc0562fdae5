// The words of <attainment-gap-table> as pure functions of a result (no DOM): the summary sentence,
// the caption, sorting with suppressed rows last, and the CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttainmentResult, AttainmentRow } from '../../../src/analyses/attainment-types.js';
import {
  captionText,
  cellText,
  nationalContext,
  signed,
  sortRows,
  summaryText,
  tableCsv,
  yearsText,
} from '../../../components/attainment-gap-table/attainment-gap-table.text.js';

const row = (
  id: string,
  label: string,
  n: number | null,
  gap: number | null,
  extra: Partial<AttainmentRow> = {},
): AttainmentRow => ({
  id,
  kind: id.startsWith('category') ? 'category' : (id as AttainmentRow['kind']),
  label,
  n,
  mean: n === null ? null : 20,
  rawGap: gap === null ? null : gap - 5,
  adjustedGap: gap,
  se: gap === null ? null : 0.5,
  lower: gap === null ? null : gap - 1,
  upper: gap === null ? null : gap + 1,
  p: gap === null ? null : 0.0001,
  reference: false,
  suppressed: null,
  ...extra,
});

function result(outcome: 'attainment8' | 'ks2_rwm_expected', rows: AttainmentRow[]): AttainmentResult {
  const lpm = outcome === 'ks2_rwm_expected';
  return {
    method: 'attainment-gap',
    version: 'test',
    options: {
      keyStage: lpm ? 2 : 4,
      outcome,
      comparison: 'not-known',
      years: null,
      threshold: 5,
      robust: 'hc1',
    },
    outcome: lpm
      ? {
          id: outcome,
          keyStage: 2,
          label: 'reading, writing and maths at the expected standard',
          scale: 'proportion',
          model: 'lpm',
        }
      : { id: outcome, keyStage: 4, label: 'Attainment 8', scale: 'points', model: 'ols' },
    comparisonLabel: 'Pupils not known to children\u2019s social care',
    years: [2019, 2022, 2023],
    categorySource: 'test',
    rows,
    model: {
      type: lpm ? 'lpm' : 'ols',
      robust: 'hc1',
      n: 100,
      df: 90,
      r2: 0.4,
      adjR2: 0.39,
      covariates: ['free school meals', 'gender'],
      terms: [],
      warnings: [],
    },
    n: 100,
    rowsInScope: 100,
    rowsRead: 100,
    excluded: [],
    rowsExcluded: 0,
    warnings: [],
  };
}

const ROWS = [
  row('category:0', 'Neglect', 40, -20.04),
  row('category:1', 'Sexual abuse', 30, -27.96),
  row('category:2', 'Tiny', null, null, { suppressed: 'primary' }),
  row('uncategorised', 'Children in need without a categorised assessment', 0, null),
  row('not-known', 'Pupils not known to children\u2019s social care', 60, null, { reference: true }),
];

test('the summary names the widest adjusted gap among the categories, with its interval', () => {
  assert.equal(
    summaryText(result('attainment8', ROWS)),
    'The widest adjusted gap is for pupils in the category \u2018Sexual abuse\u2019: 28.0 Attainment 8 points below pupils not known to children\u2019s social care (95% interval \u221229.0 to \u221227.0), after adjusting for pupils\u2019 characteristics.',
  );
  const lpm = result('ks2_rwm_expected', [row('category:0', 'Neglect', 40, -0.125)]);
  assert.match(
    summaryText(lpm),
    /: 12\.5 percentage points below .* \(95% interval \u2212112\.5 to \+87\.5\)/,
  );
});

test('the caption states outcome, model, comparison group, covariates and years', () => {
  assert.equal(
    captionText(result('attainment8', ROWS)),
    'Key stage 4 Attainment 8 by demand category, the exams of 2019, 2022 and 2023: gaps to pupils not known to children\u2019s social care estimated by ordinary least squares with robust (HC1) standard errors, adjusted for free school meals and gender.',
  );
  assert.match(
    captionText(result('ks2_rwm_expected', ROWS)),
    /a linear probability model \(least squares on the 0\/1 outcome\) with robust \(HC1\)/,
  );
  assert.match(
    nationalContext(result('ks2_rwm_expected', ROWS))!,
    /35% of children in need .* against 65% of all pupils/,
  );
});

test('sorting puts rows without a figure last in both directions', () => {
  const up = sortRows(ROWS.slice(0, 4), 'adjusted', 'ascending').map((r) => r.label);
  const down = sortRows(ROWS.slice(0, 4), 'adjusted', 'descending').map((r) => r.label);
  assert.deepEqual(up.slice(0, 2), ['Sexual abuse', 'Neglect']);
  assert.deepEqual(down.slice(0, 2), ['Neglect', 'Sexual abuse']);
  assert.deepEqual(up.slice(2).sort(), down.slice(2).sort());
  assert.ok(!up.slice(0, 2).includes('Tiny') && !down.slice(0, 2).includes('Tiny'));
});

test('cells: a true minus sign, c for suppressed rows, "comparison" for the reference', () => {
  const r = result('attainment8', ROWS);
  assert.equal(cellText(r, ROWS[0]!, 'adjusted'), '\u221220.0');
  assert.equal(cellText(r, ROWS[2]!, 'n'), 'c');
  assert.equal(cellText(r, ROWS[4]!, 'raw'), 'comparison');
  assert.equal(signed(-0.04), '0.0');
});

test('the CSV has raw numbers and c for suppressed rows', () => {
  const lines = tableCsv(result('attainment8', ROWS)).trim().split('\r\n');
  assert.equal(lines[0], 'group,pupils,mean,raw gap,adjusted gap,lower 95%,upper 95%,p,note');
  assert.equal(lines[1], 'Neglect,40,20,-25.04,-20.04,-21.04,-19.04,0.0001,');
  assert.equal(lines[3], 'Tiny,c,c,c,c,c,c,c,suppressed');
});

test('years: one exam, a list, and runs of three or more joined', () => {
  assert.equal(yearsText([2019]), 'the 2019 exams');
  assert.equal(yearsText([2018, 2019]), 'the exams of 2018 and 2019');
  assert.equal(yearsText([2016, 2017, 2018, 2019, 2022, 2023]), 'the exams of 2016 to 2019, 2022 and 2023');
});
