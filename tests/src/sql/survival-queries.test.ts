// The second-pass queries (src/sql/survival-queries.ts) worked by hand on a small file that has what
// the synthetic council lacks: episodes of several rows disagreeing on their closure, a referral on
// the day of a closure, a referral while an episode was open, a reason in lower case, a birthday on
// 29 February, a child with no date of birth, a plan recorded on several rows with its end on one, a
// plan starting before the previous one ended, a period in care ended by adoption. Run in DuckDB, the
// follow-up they count gives the result the rows path gives (src/analyses/rereferral.ts, hazard ratios
// aside), and the counts worked out below by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAssessments } from '../../../src/data/load.js';
import type { AssessmentData } from '../../../src/data/types.js';
import { rereferral, rereferralFromFollowUp } from '../../../src/analyses/rereferral.js';
import { summaryCategories } from '../../../src/publish/summary-parts.js';
import { render } from '../../../src/sql/builder.js';
import { demandData } from '../../../src/sql/aggregate-data.js';
import { categoryRows } from '../../../src/sql/category-map.js';
import { fileSource, openDuckDB } from '../../../src/sql/duckdb.js';
import { AGGREGATE_QUERIES } from '../../../src/sql/queries.js';
import { survivalData } from '../../../src/sql/survival-data.js';
import { survivalQuery, type SurvivalAggregate } from '../../../src/sql/survival-queries.js';
import { differences } from '../../cli/summary-diff.js';

const HEADER =
  'child_id,referral_date,assessment_date,factors,closure_date,closure_reason,referral_source,primary_need,date_of_birth,gender,ethnicity,cpp_start_date,cpp_end_date,cpp_category,care_start_date,care_end_date';
// prettier-ignore
const ROWS = [
  // C1: episode 1 has two rows disagreeing on the closure (the later, 1 April RC8, holds); episode 2
  // is referred on that day (re-referral at 0 days) and episode 3 while episode 2 is open (overlap),
  // so episode 2's re-referral is episode 4 (open), 152 days after it closed; episode 3 closes RC3.
  'C1,2015-01-10,2015-01-20,3A,2015-03-01,RC7,3A,N1,2010-02-28,Male,White,,,,,',
  'C1,2015-01-10,2015-02-10,3A;3B,2015-04-01,RC8,3A,N1,2010-02-28,Male,White,,,,,',
  'C1,2015-04-01,2015-04-20,2B,2016-01-01, rc8,3A,N1,2010-02-28,Male,White,,,,,',
  'C1,2015-12-01,2015-12-05,6C,2016-02-01,RC3,3A,N1,2010-02-28,Male,White,,,,,',
  'C1,2016-06-01,2016-06-10,3A,,,3A,N1,2010-02-28,Male,White,,,,,',
  // C2: born 29 February 2004, so 18 on 1 March 2022: censored there, 638 days after closure.
  'C2,2020-01-01,2020-01-15,19C,2020-06-01,RC7,5A,N1,2004-02-29,Female,White,2020-02-01,2020-05-01,PHY,,',
  // C3: no date of birth (followed to the extract date). Plan 1 (5 January 2021) on two rows, its end
  // on the later; plan 2 starts before plan 1 ends, so plan 1 repeats with plan 3 (275 days), plan 2
  // too (287 days); plan 3 is censored at the extract date (30 days).
  'C3,2021-01-01,2021-01-10,4A,2021-05-05,RC8,3A,N1,,Female,White,2021-01-05,,NEG,,',
  'C3,2021-01-01,2021-02-10,4A,2021-05-05,RC8,3A,N1,,Female,White,2021-01-05,2021-04-01,NEG,,',
  'C3,2021-01-01,2021-03-10,4A,2021-05-05,RC8,3A,N1,,Female,White,2021-03-01,2021-03-20,NEG,,',
  'C3,2021-12-20,2021-12-28,4A,2022-07-01,RC8,3A,N1,,Female,White,2022-01-01,2022-06-01,NEG,,',
  // C4: in care until adopted (RC1): not at risk of re-entry, nor of re-referral.
  'C4,2019-01-01,2019-01-05,1A,2019-09-01,RC1,3A,N1,2012-07-07,Male,White,,,,2019-02-01,2019-08-01',
  // C5: back in care 245 days after leaving it.
  'C5,2018-01-01,2018-01-05,3A;4A,2018-07-01,RC8,3A,N1,2011-01-01,Male,White,,,,2018-01-01,2018-06-01',
  'C5,2019-01-01,2019-01-05,3A;4A,,,3A,N1,2011-01-01,Male,White,,,,2019-02-01,',
];

const OUTCOME = {
  rereferral: 'rereferral',
  repeatPlans: 'repeat-plan',
  careReentry: 'care-reentry',
} as const;

async function fromSql(file: string, data: AssessmentData) {
  const db = await openDuckDB({ threads: '1' });
  try {
    await db.all(`CREATE VIEW assessments AS SELECT * FROM ${fileSource([file])}`);
    const demand = await db.all(render(AGGREGATE_QUERIES[0]!.select('assessments'), 'duckdb'));
    const { rows, categories } = categoryRows(demand, await demandData(demand));
    // The categories fitted on pass 1 are the rows' own.
    assert.deepEqual(categories.levels, summaryCategories(data).rowCategories.levels);
    const out = new Map<SurvivalAggregate, Awaited<ReturnType<typeof db.all>>>();
    for (const kind of ['rereferral', 'repeatPlans', 'careReentry'] as const)
      out.set(kind, await db.all(render(survivalQuery(kind, 'assessments', rows), 'duckdb')));
    return { aggregates: out, categories };
  } finally {
    db.close();
  }
}

test('the second pass counts the follow-up the rows path derives, worked by hand', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'csc-survival-sql-'));
  const file = join(dir, 'assessments.csv');
  writeFileSync(file, [HEADER, ...ROWS].join('\n') + '\n');
  const data = (await loadAssessments(readFileSync(file), { fileName: 'assessments.csv' })).data!;
  const { rowCategories } = summaryCategories(data);
  const { aggregates, categories } = await fromSql(file, data);

  const results = Object.fromEntries(
    (['rereferral', 'repeatPlans', 'careReentry'] as const).map((kind) => {
      const options = { outcome: OUTCOME[kind], cox: false, maxPoints: 10 };
      const rows = rereferral(data, options, { categories: rowCategories });
      const parts = survivalData(aggregates.get(kind)!, kind, categories);
      const counted = rereferralFromFollowUp(parts, options, { categories: { ...categories, codes: [] } });
      assert.deepEqual(differences(counted, rows), [], kind);
      return [kind, { rows, parts }];
    }),
  );

  // Re-referral: 10 episodes; followed up C1's first two, C2's, C3's two, C5's first; C1's third
  // closed RC3, its fourth and C5's second are open, C4's closed RC1.
  const re = results.rereferral!;
  assert.equal(re.rows.episodes.total, 10);
  assert.deepEqual(
    re.rows.episodes.notAtRisk.map((x) => [x.code, x.episodes]),
    [
      ['open', 2],
      ['RC1', 1],
      ['RC3', 1],
    ],
  );
  const fu = re.parts.fu;
  const spells = Array.from(fu.days, (d, k) => `${d}:${fu.event[k]}:${fu.censorAt[k]}`).sort();
  // C1 (0 days, event; 152, event), C2 (638, at the birthday), C3 (closed 5 May 2021, referred again
  // 20 December: 229; then closed on the extract date, 1 July 2022: 0, censored), C5 (184).
  assert.deepEqual(spells, ['0:1:0', '0:0:1', '152:1:0', '184:1:0', '229:1:0', '638:0:2'].sort());
  assert.deepEqual(
    re.rows.warnings.map((w) => w.code).filter((c) => c !== 'horizon-cut'),
    ['no-birthday', 'overlapping-episodes', 'inconsistent-closures'],
  );
  assert.equal(fu.noBirthday, 2);
  assert.equal(fu.overlapping, 1);

  // Repeat plans: C2's (censored at the birthday: 669 days) and C3's three.
  const rp = results.repeatPlans!.parts.fu;
  assert.deepEqual(
    Array.from(rp.days, (d, k) => `${d}:${rp.event[k]}`).sort(),
    ['275:1', '287:1', '30:0', '669:0'].sort(),
  );
  // Re-entry to care: C4's period ended by adoption is not at risk; C5's first returns in 245 days,
  // its second is open.
  const ce = results.careReentry!;
  assert.deepEqual(
    ce.rows.episodes.notAtRisk.map((x) => [x.code, x.episodes]),
    [
      ['open', 1],
      ['adopted-or-died', 1],
    ],
  );
  assert.deepEqual(Array.from(ce.parts.fu.days), [245]);
});
