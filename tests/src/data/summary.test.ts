import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAssessments } from '../../../src/data/load.js';
import { summariseAssessments } from '../../../src/data/summary.js';
import { deriveEpisodes } from '../../../src/data/episodes.js';
import { countEpisodes } from '../../../src/data/count-episodes.js';
import { rowsByChild } from '../../../src/data/rows-by-child.js';
import { synthesise } from '../../../src/synth/synth.js';
import { dayToIso } from '../../../src/data/dates.js';
import { MISSING_DAY } from '../../../src/data/types.js';

const census = readFileSync(
  fileURLToPath(new URL('../../fixtures/data/assessments-census.csv', import.meta.url)),
);

test('summarises a file as plain JSON: counts, date range, factor codes with meanings, exclusions', async () => {
  const s = summariseAssessments(await loadAssessments(census, { fileName: 'census.csv' }));
  assert.equal(s.assessments, 5);
  assert.equal(s.children, 3);
  assert.equal(s.episodes, 4); // C001 twice, C002, C003; C001's two April 2021 rows are one episode
  assert.deepEqual(s.dateRange, { from: '2021-04-01', to: '2022-05-25' });
  assert.deepEqual(s.factorCodes[0], {
    code: '3B',
    meaning: 'Domestic abuse: the parent or carer is a subject',
    count: 3,
    known: true,
  });
  assert.equal(s.rowsRead, 5);
  assert.deepEqual(s.excluded, {});
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s); // plain data
});

test('lists unknown codes as not in the dictionary and keeps the first problems only', async () => {
  const csv =
    'child_id,referral_date,assessment_date,factors\nA,2023-04-01,2023-04-02,99Z\nB,x,2023-04-02,3B\nC,y,2023-04-02,3B\n';
  const s = summariseAssessments(await loadAssessments(csv, { fileName: 'u.csv' }), { maxProblems: 1 });
  assert.deepEqual(s.factorCodes, [
    { code: '99Z', meaning: 'not in the CIN factor dictionary', count: 1, known: false },
  ]);
  assert.equal(s.problems.length, 1);
  assert.equal(s.problemCount, 2);
  assert.deepEqual(s.excluded, { 'invalid-date': 2 });
});

test('derives episodes by child and referral date, with closure, latest assessment and next referral', async () => {
  const d = (await loadAssessments(census, { fileName: 'census.csv' })).data;
  const e = deriveEpisodes(d);
  assert.equal(e.n, 4);
  const child = (i: number): string => d.childId.levels[e.child[i]!]!;
  assert.deepEqual([0, 1, 2, 3].map(child), ['C001', 'C001', 'C002', 'C003']);
  assert.deepEqual([...e.referralDate].map(dayToIso), [
    '2021-04-01',
    '2022-05-05',
    '2022-01-10',
    '2022-01-01',
  ]);
  assert.deepEqual([...e.assessments], [2, 1, 1, 1]);
  assert.deepEqual([...e.latestAssessment], [1, 3, 2, 4]); // rows of the data
  assert.equal(dayToIso(e.closureDate[0]!), '2021-09-30');
  assert.equal(d.closureReason.levels[e.closureReason[0]!], 'RC1');
  assert.equal(e.closureDate[1], MISSING_DAY); // still open
  assert.equal(dayToIso(e.nextReferral[0]!), '2022-05-05');
  assert.equal(e.nextReferral[1], MISSING_DAY);
  assert.equal(e.inconsistentClosures, 0);
});

test('takes the latest closure when an episode’s rows disagree, and counts the disagreement', async () => {
  const csv =
    'child_id,referral_date,assessment_date,factors,closure_date,closure_reason\n' +
    'A,2023-04-01,2023-05-01,3B,2023-06-01,RC1\nA,2023-04-01,2023-04-10,4B,,\nA,2023-04-01,2023-04-20,21,2023-07-01,RC2\n';
  const d = (await loadAssessments(csv, { fileName: 'x.csv' })).data;
  const e = deriveEpisodes(d);
  assert.equal(e.n, 1);
  assert.equal(dayToIso(e.closureDate[0]!), '2023-07-01');
  assert.equal(d.closureReason.levels[e.closureReason[0]!], 'RC2');
  assert.equal(e.latestAssessment[0], 0); // assessed 2023-05-01, the latest
  assert.equal(e.inconsistentClosures, 1);
});

test('countEpisodes gives deriveEpisodes(data).n: by hand, on a synthetic council, and for a child with many rows', async () => {
  const d = (await loadAssessments(census, { fileName: 'census.csv' })).data;
  assert.equal(countEpisodes(d), 4);
  const council = (
    await loadAssessments(synthesise({ assessments: 5000, seed: 3 }).assessmentsCsv, { fileName: 'a.csv' })
  ).data;
  assert.equal(countEpisodes(council), deriveEpisodes(council).n);
  assert.ok(deriveEpisodes(council).n > council.childId.levels.length, 'some children have several episodes');
  // One child on every row, 40 referrals of 2 assessments each: the sorted path.
  const rows = Array.from({ length: 80 }, (_, i) => {
    const e = Math.floor(i / 2); // the referral: 40 dates, two rows each
    const day = String(1 + (e % 20)).padStart(2, '0');
    return `X,2023-0${1 + Math.floor(e / 20)}-${day},2023-03-${day},3B`;
  });
  const many = (
    await loadAssessments('child_id,referral_date,assessment_date,factors\n' + rows.join('\n') + '\n', {
      fileName: 'm.csv',
    })
  ).data;
  assert.equal(countEpisodes(many), deriveEpisodes(many).n);
  assert.equal(deriveEpisodes(many).n, 40);
});

test('rowsByChild groups rows by child code in row order, leaving out rows without a child', () => {
  const { start, order } = rowsByChild(Int32Array.from([2, 0, -1, 2, 0, 1]), 3);
  assert.deepEqual([...start], [0, 2, 3, 5]);
  assert.deepEqual([...order], [1, 4, 5, 0, 3]);
});
