import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { synthesiseRows } from '../../../src/synth/rows.js';
import { synthesiseStream } from '../../../src/synth/stream.js';
import { ASSESSMENT_COLUMNS, PUPIL_COLUMNS } from '../../../src/synth/types.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { isKnownFactor, CIN_FACTORS } from '../../../src/domain/cin-codes.js';
import { daysFromCivil, parseDate } from '../../../src/data/dates.js';

const day = (iso: string): number => parseDate(iso);
const ORDER = new Map(CIN_FACTORS.map((f, i) => [f.code, i]));

test('the same seed gives the same bytes; another seed gives other rows', () => {
  const a = synthesise({ assessments: 1500, seed: 5 });
  const b = synthesise({ assessments: 1500, seed: 5 });
  const c = synthesise({ assessments: 1500, seed: 6 });
  assert.equal(a.assessmentsCsv, b.assessmentsCsv);
  assert.equal(a.pupilsCsv, b.pupilsCsv);
  assert.deepEqual(a.truth, b.truth);
  assert.notEqual(a.assessmentsCsv, c.assessmentsCsv);
  assert.notEqual(a.pupilsCsv, c.pupilsCsv);
});

test('fewer assessments give a prefix of the same assessment rows', () => {
  const small = synthesise({ assessments: 400, seed: 9 }).assessmentsCsv;
  const large = synthesise({ assessments: 1200, seed: 9 }).assessmentsCsv;
  assert.ok(large.startsWith(small));
});

test('the streamed CSV, in small chunks, is the same text as synthesise gives', () => {
  const chunks = { a: [] as string[], p: [] as string[] };
  const truth = synthesiseStream(
    { assessments: 800, seed: 3 },
    { assessments: (c) => chunks.a.push(c), pupils: (c) => chunks.p.push(c) },
    { chunkSize: 1000 },
  );
  const whole = synthesise({ assessments: 800, seed: 3 });
  assert.ok(chunks.a.length > 10);
  assert.equal(chunks.a.join(''), whole.assessmentsCsv);
  assert.equal(chunks.p.join(''), whole.pupilsCsv);
  assert.deepEqual(truth, whole.truth);
});

test('writes the DESIGN.md columns, and the real reader loads every row without a problem', async () => {
  const { assessmentsCsv, pupilsCsv, truth } = synthesise({ assessments: 3000, seed: 2 });
  assert.equal(assessmentsCsv.slice(0, assessmentsCsv.indexOf('\n')), ASSESSMENT_COLUMNS.join(','));
  assert.equal(pupilsCsv.slice(0, pupilsCsv.indexOf('\n')), PUPIL_COLUMNS.join(','));
  const a = await loadAssessments(assessmentsCsv, { fileName: 'assessments.csv' });
  assert.equal(a.rowsRead, 3000);
  assert.equal(a.rowsKept, 3000);
  assert.equal(a.problemCount, 0);
  assert.deepEqual(a.unknownFactorCodes, []);
  assert.ok(a.columns.every((c) => c.field !== null));
  const p = await loadPupils(pupilsCsv, { fileName: 'pupils.csv' });
  assert.equal(p.rowsKept, truth.counts['pupils']);
  assert.equal(p.problemCount, 0);
  assert.ok(p.columns.every((c) => c.field !== null));
});

test('assessment rows hold together: dates in order, episodes one after another, fixed child traits', () => {
  const { assessments, truth } = synthesiseRows({ assessments: 20000, seed: 4 });
  const start = day('2014-04-01');
  const end = day('2024-03-31');
  const late = day('2021-04-01');
  assert.equal(truth.rows.category.length, 20000);
  assessments.forEach((r, i) => {
    const at = `row ${i}`;
    const ref = day(r.referral_date);
    const ass = day(r.assessment_date);
    assert.ok(ref >= start && ref <= end, at);
    assert.ok(ass - ref >= 1 && ass - ref <= 45, at);
    const dob = day(r.date_of_birth);
    const [y, m, d] = r.date_of_birth.split('-').map(Number) as [number, number, number];
    const b18 = daysFromCivil(y + 18, m, d); // 29 February: 1 March
    assert.ok(dob <= ref && ref < b18, at);
    assert.equal(r.closure_date === '', r.closure_reason === '', at);
    if (r.closure_date !== '') {
      const clo = day(r.closure_date);
      assert.ok(clo >= ass && clo <= end, at);
      assert.match(r.closure_reason, /^RC[1-8]$/);
      if (r.closure_reason === 'RC8') assert.equal(r.cpp_start_date + r.care_start_date, '', at);
      for (const [s, e] of [
        [r.cpp_start_date, r.cpp_end_date],
        [r.care_start_date, r.care_end_date],
      ] as const) {
        if (s !== '') assert.ok(day(s) >= ass && e !== '' && day(e) >= day(s) && day(e) <= clo, at);
      }
    }
    if (r.factors !== '' && r.factors !== '21') {
      const codes = r.factors.split(';');
      assert.ok(codes.every(isKnownFactor), at);
      assert.deepEqual(
        codes,
        [...codes].sort((x, y) => ORDER.get(x)! - ORDER.get(y)!),
        at,
      );
      if (ass < late) assert.ok(!codes.includes('24A'), at);
    }
    assert.match(r.imd_decile, /^([1-9]|10)$/);
    const next = assessments[i + 1];
    if (next && next.child_id === r.child_id) {
      // Children come back after RC7/RC8, and after an order or a move (RC3-RC5) ending a plan's
      // episode or a period in care (the repeat hazards count on it).
      const planOrCare = r.cpp_start_date !== '' || r.care_start_date !== '';
      assert.match(
        r.closure_reason,
        planOrCare ? /^RC[3-578]$/ : /^RC[78]$/,
        `${at}: only a closure by RC7/RC8 (RC3-RC5 after a plan or care) is followed by a referral`,
      );
      assert.ok(day(next.referral_date) > day(r.closure_date), at);
      for (const k of ['date_of_birth', 'gender', 'ethnicity', 'disability', 'imd_decile'] as const) {
        assert.equal(next[k], r[k], `${at} ${k}`);
      }
    }
  });
  const noFactors = assessments.flatMap((r, i) => (r.factors === '' || r.factors === '21' ? [i] : []));
  assert.deepEqual(truth.rows.noFactors, noFactors);
  assert.ok(noFactors.length > 0.015 * 20000 && noFactors.length < 0.035 * 20000);
  assert.ok(assessments.some((r) => r.factors.includes('24A')));
});

test('pupil rows hold together with the assessments and with the truth', () => {
  const { assessments, pupils, truth } = synthesiseRows({ assessments: 20000, seed: 8 });
  const byChild = new Map<string, number[]>();
  assessments.forEach((r, i) => byChild.set(r.child_id, [...(byChild.get(r.child_id) ?? []), i]));
  const ks2 = new Map<string, { reading: number; maths: number }>();
  const known = new Map<string, number>();
  const others = new Map<string, number>();
  pupils.forEach((p, i) => {
    const key = `${p.key_stage}:${p.year}`;
    const group = truth.pupils.group[i]!;
    if (p.key_stage === '2') {
      assert.equal(p.attainment8 + p.prior_attainment, '');
      const [reading, maths] = [Number(p.ks2_reading), Number(p.ks2_maths)];
      assert.ok(reading >= 80 && reading <= 120 && maths >= 80 && maths <= 120);
      if (p.ks2_rwm_expected === '1') assert.ok(reading >= 100 && maths >= 100);
      ks2.set(p.pupil_id, { reading, maths });
    } else {
      assert.equal(p.key_stage, '4');
      const att8 = Number(p.attainment8);
      assert.ok(att8 >= 0 && att8 <= 90 && p.ks2_reading === '');
      const own = ks2.get(p.pupil_id);
      if (own)
        assert.equal(Number(p.prior_attainment), Math.round(((own.reading + own.maths) / 2) * 10) / 10);
    }
    assert.ok(!['2020', '2021'].includes(p.year) && Number(p.year) >= 2016 && Number(p.year) <= 2023);
    if (p.child_id === '') {
      assert.equal(group, -1);
      others.set(key, (others.get(key) ?? 0) + 1);
      return;
    }
    known.set(key, (known.get(key) ?? 0) + 1);
    // The pupil's group is the category of the child's latest assessment before 1 September.
    const cutoff = day(`${p.year}-09-01`);
    const before = byChild.get(p.child_id)!.filter((j) => day(assessments[j]!.assessment_date) < cutoff);
    const last = before[before.length - 1]!;
    const f = assessments[last]!.factors;
    assert.equal(group, f === '' || f === '21' ? 12 : truth.rows.category[last], `pupil row ${i}`);
    assert.equal(p.gender, assessments[last]!.gender);
  });
  for (const [key, n] of known) assert.equal(others.get(key), Math.round(4 * n), key);
});

test('options are checked with messages naming the option', () => {
  assert.throws(
    () => synthesise({ assessments: 0 }),
    /synthesise: invalid assessments; expected a whole number/,
  );
  assert.throws(() => synthesise({ seed: 1.5 }), /synthesise: invalid seed; expected an integer, got 1\.5/);
  assert.throws(() => synthesise({ start: '01/04/2014' }), /invalid start; expected an ISO date/);
  assert.throws(
    () => synthesise({ end: '2024-03-31', extractDate: '2024-01-01' }),
    /invalid extractDate; expected a date on or after end/,
  );
  assert.throws(() => synthesiseRows({ comparisonRatio: -1 }), /synthesiseRows: invalid comparisonRatio/);
});

test('a later extract date leaves fewer episodes open; a shorter window still calibrates its shares', () => {
  const atEnd = synthesiseRows({ assessments: 3000, seed: 1 }).truth.counts['openEpisodes']!;
  const later = synthesiseRows({ assessments: 3000, seed: 1, extractDate: '2025-03-31' }).truth.counts[
    'openEpisodes'
  ]!;
  assert.ok(later < atEnd);
  const { truth } = synthesiseRows({ assessments: 6000, seed: 1, start: '2019-04-01', end: '2022-03-31' });
  for (const c of truth.categories) assert.ok(Math.abs(c.realisedShare - c.share) < 0.025, c.id);
});

test('the truth is plain JSON', () => {
  const { truth } = synthesise({ assessments: 500, seed: 12 });
  assert.deepEqual(JSON.parse(JSON.stringify(truth)), truth);
  assert.equal(truth.nClasses, 12);
  assert.equal(truth.seed, 12);
});
