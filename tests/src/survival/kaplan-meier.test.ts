import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kaplanMeier } from '../../../src/survival/kaplan-meier.js';
import { kaplanMeierGroups } from '../../../src/survival/kaplan-meier-groups.js';
import type { KaplanMeierResult } from '../../../src/survival/km-table.js';
import { closeAbs, closeRel, expected, table } from './reference.js';

// R reference: survfit tables to 1e-10 absolute in every column (tighter than any printed digit); medians exactly.
const ABS = 1e-10;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON
function checkTable(ours: KaplanMeierResult, r: any, what: string): void {
  const t = ours.table;
  closeAbs(t.time, r.time, 0, `${what} time`);
  closeAbs(t.nRisk, r['n.risk'], 0, `${what} n.risk`);
  closeAbs(t.nEvent, r['n.event'], 0, `${what} n.event`);
  closeAbs(t.nCensor, r['n.censor'], 0, `${what} n.censor`);
  closeAbs(t.surv, r.surv, ABS, `${what} surv`);
  closeAbs(t.stdErrCumHaz, r['std.err'], ABS, `${what} std.err (of -log S)`);
  closeAbs(t.lower, r.lower, ABS, `${what} lower`);
  closeAbs(t.upper, r.upper, ABS, `${what} upper`);
  closeAbs(t.cumhaz, r.cumhaz, ABS, `${what} cumhaz`);
  closeAbs(t.stdErrNelsonAalen, r['std.chaz'], ABS, `${what} std.chaz`);
  // The SE of S is survfit's std.err times S (NA where S = 0).
  const seS = r.surv.map((s: number, i: number) => (s === 0 ? null : s * (r['std.err'][i] as number)));
  closeAbs(t.stdErr, seS, ABS, `${what} SE of S`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON
function checkMedian(ours: KaplanMeierResult, r: any, what: string): void {
  assert.equal(ours.n, r.records, `${what} records`);
  assert.equal(ours.nEvents, r.events, `${what} events`);
  closeRel(ours.median.estimate, r.median, 0, `${what} median`);
  closeRel(ours.median.lower, r['0.95LCL'], 0, `${what} median LCL`);
  closeRel(ours.median.upper, r['0.95UCL'], 0, `${what} median UCL`);
}

const cases = [
  { data: 'lung', by: 'sex', event: (s: number) => (s === 2 ? 1 : 0) },
  { data: 'veteran', by: 'trt', event: (s: number) => s },
] as const;

for (const c of cases) {
  for (const confType of ['log', 'log-log'] as const) {
    test(`${c.data}: overall and by ${c.by} survfit tables and medians match R (conf.type ${confType})`, async () => {
      const t = await table(c.data);
      const ref = expected(c.data);
      const time = t.numeric('time');
      const event = Array.from(t.numeric('status'), c.event);
      const all = kaplanMeier(time, event, { confType });
      checkTable(all, ref.km_overall[`conf_type_${confType}`].tables.all, `${c.data} overall`);
      checkMedian(all, ref.km_overall[`conf_type_${confType}`].median_and_counts.all, `${c.data} overall`);
      const by = kaplanMeierGroups(time, event, t.numeric(c.by), { confType });
      const key = c.by === 'sex' ? 'km_by_sex' : 'km_by_trt';
      assert.deepEqual(
        by.groups.map((g) => `${c.by}=${g.level}`),
        Object.keys(ref[key][`conf_type_${confType}`].tables),
      );
      for (const g of by.groups) {
        const name = `${c.by}=${g.level}`;
        checkTable(g, ref[key][`conf_type_${confType}`].tables[name], `${c.data} ${name}`);
        checkMedian(g, ref[key][`conf_type_${confType}`].median_and_counts[name], `${c.data} ${name}`);
      }
    });
  }
}

test('lung: cumulative incidence at 365 days, overall and by sex, matches summary(survfit, times = 365)', async () => {
  const t = await table('lung');
  const ref = expected('lung');
  const time = t.numeric('time');
  const event = Array.from(t.numeric('status'), (s) => (s === 2 ? 1 : 0));
  for (const confType of ['log', 'log-log'] as const) {
    const overall = kaplanMeier(time, event, { confType, at: [365] }).at;
    const bySex = kaplanMeierGroups(time, event, t.numeric('sex'), { confType, at: [365] }).groups.map(
      (g) => g.at[0],
    );
    const rows = [overall[0], ...bySex];
    const r = ref.cumulative_incidence_overall[`conf_type_${confType}`].table;
    const rs = ref.cumulative_incidence_by_sex[`conf_type_${confType}`].table;
    const want = [
      'n.risk',
      'surv',
      'surv_lower',
      'surv_upper',
      'std.err_surv',
      'cuminc',
      'cuminc_lower',
      'cuminc_upper',
    ];
    const ours = [
      'nRisk',
      'surv',
      'lower',
      'upper',
      'stdErr',
      'cumInc',
      'cumIncLower',
      'cumIncUpper',
    ] as const;
    want.forEach((w, k) => {
      closeAbs(
        rows.map((row) => row[ours[k]]),
        [r[w][0], ...rs[w]],
        ABS,
        `${confType} ${w}`,
      );
    });
  }
});

test('a hand-worked curve: ties, a censoring at an event time, Greenwood by hand', () => {
  // Times 1 (event), 2 (censored), 3 (event, event, censored), 5 (event); given unsorted.
  const km = kaplanMeier([3, 1, 5, 3, 2, 3], [1, 1, 1, 0, 0, 1], { confType: 'plain' });
  const t = km.table;
  assert.deepEqual(Array.from(t.time), [1, 2, 3, 5]);
  assert.deepEqual(Array.from(t.nRisk), [6, 5, 4, 1]);
  assert.deepEqual(Array.from(t.nEvent), [1, 0, 2, 1]);
  assert.deepEqual(Array.from(t.nCensor), [0, 1, 1, 0]);
  // S: 5/6, 5/6, 5/6 * 2/4 = 5/12, 0.
  closeAbs(t.surv, [5 / 6, 5 / 6, 5 / 12, 0], 1e-15, 'surv');
  // Greenwood on the log scale: 1/(6*5) then + 2/(4*2); Inf once everyone at risk dies.
  closeAbs(
    t.stdErrCumHaz,
    [Math.sqrt(1 / 30), Math.sqrt(1 / 30), Math.sqrt(1 / 30 + 1 / 4), Infinity],
    1e-15,
    'se',
  );
  const z = 1.959963984540054;
  const se3 = (5 / 12) * Math.sqrt(1 / 30 + 1 / 4);
  closeAbs(
    t.lower,
    [
      5 / 6 - z * (5 / 6) * Math.sqrt(1 / 30),
      5 / 6 - z * (5 / 6) * Math.sqrt(1 / 30),
      Math.max(0, 5 / 12 - z * se3),
      null,
    ],
    1e-14,
    'lower',
  );
  // Median: S first below 0.5 at t = 3.
  assert.equal(km.median.estimate, 3);
  assert.equal(km.quantiles.find((q) => q.p === 0.25)!.estimate, 3);
});

test('the median is the midpoint of a flat stretch at exactly 0.5', () => {
  // S = 1/2 from t = 2 until t = 6: R prints a median of 4.
  const km = kaplanMeier([1, 2, 6, 8], [1, 1, 1, 1]);
  assert.equal(km.table.surv[1], 0.5);
  assert.equal(km.median.estimate, 4);
  assert.equal(km.quantiles.find((q) => q.p === 0.5)!.estimate, 4);
});

test('rejects an event that is not 0/1 and a non-finite time', () => {
  assert.throws(
    () => kaplanMeier([1, 2], [1, 2]),
    /kaplanMeier: invalid event; expected 0 \(censored\) or 1/,
  );
  assert.throws(() => kaplanMeier([1, NaN], [1, 0]), /kaplanMeier: invalid time/);
  assert.throws(() => kaplanMeier([1], [1], { confType: 'logit' as never }), /invalid confType/);
});

test('lung by sex: quantiles with their limits match quantile.survfit for log, log-log and plain', async () => {
  // R 4.2.2, survival 3.5.3 on this machine: quantile(survfit(Surv(time, status == 2) ~ sex, lung,
  // conf.type = ct), c(.1, .25, .5, .75)) (not in the shared fixtures). NA = NaN.
  const want = {
    log: {
      lower: [
        [30, 107, 212, 387],
        [79, 186, 348, 550],
      ],
      upper: [
        [93, 177, 310, 574],
        [194, 340, 550, NaN],
      ],
    },
    'log-log': {
      lower: [
        [15, 105, 210, 371],
        [62, 167, 345, 524],
      ],
      upper: [
        [88, 176, 306, 567],
        [182, 310, 524, 765],
      ],
    },
    plain: {
      lower: [
        [30, 107, 212, 371],
        [79, 186, 345, 524],
      ],
      upper: [
        [93, 177, 306, 567],
        [186, 310, 524, 735],
      ],
    },
  };
  const estimate = [
    [59, 144, 270, 457],
    [122, 226, 426, 687],
  ];
  const t = await table('lung');
  const event = Array.from(t.numeric('status'), (s) => (s === 2 ? 1 : 0));
  for (const confType of ['log', 'log-log', 'plain'] as const) {
    const by = kaplanMeierGroups(t.numeric('time'), event, t.numeric('sex'), {
      confType,
      quantiles: [0.1, 0.25, 0.5, 0.75],
    });
    by.groups.forEach((g, k) => {
      assert.deepEqual(
        g.quantiles.map((q) => q.estimate),
        estimate[k],
        `${confType} sex=${g.level}`,
      );
      assert.deepEqual(
        g.quantiles.map((q) => q.lower),
        want[confType].lower[k],
        `${confType} sex=${g.level} lower`,
      );
      assert.deepEqual(
        g.quantiles.map((q) => q.upper),
        want[confType].upper[k],
        `${confType} sex=${g.level} upper`,
      );
    });
  }
});

test('veteran: plain intervals match survfit(conf.type = "plain"), clipped at 0 and 1', async () => {
  // R 4.2.2, survival 3.5.3 on this machine (not in the shared fixtures): rows 1, 50, 97, 100, 101.
  const t = await table('veteran');
  const km = kaplanMeier(t.numeric('time'), t.numeric('status'), { confType: 'plain' });
  const rows = [0, 49, 96, 99, 100];
  closeAbs(
    rows.map((r) => km.table.time[r]),
    [1, 95, 467, 991, 999],
    0,
    'time',
  );
  closeAbs(
    rows.map((r) => km.table.lower[r]),
    [0.9653175102767290738, 0.3575884446214614987, 0.0016912583030687378, 0, null],
    ABS,
    'lower',
  );
  closeAbs(
    rows.map((r) => km.table.upper[r]),
    [1, 0.524844403905100787, 0.070344827105561544, 0.026533004970116757, null],
    ABS,
    'upper',
  );
  assert.deepEqual([km.median.estimate, km.median.lower, km.median.upper], [80, 52, 103]);
});
