import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesise } from '../../../src/synth/synth.js';
import { loadAssessments, loadPupils } from '../../../src/data/load.js';
import { buildSummary } from '../../../src/publish/summary.js';
import { validateSummary } from '../../../src/publish/validate-summary.js';
import type { Published, Summary } from '../../../src/publish/summary-types.js';
import { listGrid, recoverableEntries } from './rank.js';

// Property tests over synthetic councils of different sizes and seeds, read through the CSV loader
// as a council's file would be. Independent of the publishing code: the counts are found by walking
// the JSON by field name, and recoverability is decided by the rank test of rank.ts on tables
// rebuilt from the published figures alone.

const COUNT_KEYS = new Set([
  'n',
  'events',
  'censored',
  'nRisk',
  'nEvent',
  'episodes',
  'count',
  'rows',
  'observed',
  'total',
  'atRisk',
  'rowsInScope',
  'rowsRead',
  'rowsExcluded',
  'counts',
  'classified',
  'noFactors',
  'outsideItems',
]);

/** Every number published under a count's name, with its path. */
function countsIn(value: unknown, path = '$', key = ''): [string, number][] {
  if (typeof value === 'number') return COUNT_KEYS.has(key) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => countsIn(v, `${path}[${i}]`, key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => countsIn(v, `${path}.${k}`, k));
  return [];
}

const fine = (v: number, threshold: number) => v === 0 || v > threshold;
const sym = (v: Published) => (typeof v === 'number' ? v : 'c');

/** Recoverable suppressed entries; an entry never published ('u') may be recoverable only if not small. */
function check(grid: (number | string)[][], threshold: number, what: string): void {
  for (const key of recoverableEntries(grid)) {
    const [i, j] = key.split(',').map(Number) as [number, number];
    const v = grid[i]![j];
    assert.notEqual(
      v,
      'c',
      `${what}: the suppressed entry ${key} can be recovered from ${JSON.stringify(grid)}`,
    );
    // A figure never published that the others give: work it out from a complete line.
    const r = grid.length - 1;
    const c = grid[0]!.length - 1;
    const col = grid.map((row) => row[j]!);
    const row = grid[i]!;
    const solve = (line: (number | string)[], at: number, total: number) => {
      const others = line.filter((_, k) => k !== at && k !== total);
      if (others.some((x) => typeof x !== 'number') || typeof line[total] !== 'number') return null;
      const s = (others as number[]).reduce((a, b) => a + b, 0);
      return at === total ? s : (line[total] as number) - s;
    };
    const value = solve(col, i, r) ?? solve(row, j, c);
    assert.ok(value !== null, `${what}: ${key} is recoverable by a longer chain in ${JSON.stringify(grid)}`);
    assert.ok(
      fine(value!, threshold),
      `${what}: an unpublished count of ${value} (${key}) follows from the others`,
    );
  }
}

function checkSummary(s: Summary, threshold: number, label: string, validate = true): void {
  if (validate) {
    const v = validateSummary(JSON.parse(JSON.stringify(s)));
    assert.deepEqual(v.errors, [], `${label}: the summary does not validate`);
  }
  for (const [path, value] of countsIn(s))
    assert.ok(fine(value, threshold), `${label}: ${path} publishes ${value}, a count from 1 to ${threshold}`);
  const warnings = [
    s.warnings,
    s.rereferral?.warnings,
    ...s.attainment.flatMap((a) => [a.warnings, a.model?.warnings]),
  ];
  for (const w of JSON.stringify(warnings).match(/(?<![\w.])\d+(?![\w.])/g) ?? [])
    assert.ok(
      !(Number(w) >= 1 && Number(w) <= threshold) || Number(w) === threshold,
      `${label}: a warning quotes ${w}`,
    );

  const d = s.demand!;
  assert.ok(d, `${label}: no demand section`);
  // Category x year and category x group (each dimension) with the category totals, the years' or
  // groups' totals and classified; the category totals with classified; and the overview.
  const totals = d.categories.map((c) => sym(c.count));
  const cross = (columns: Published[][], colTotals: Published[]) => [
    ...d.categories.map((_, k) => [...columns.map((col) => sym(col[k]!)), totals[k]!]),
    [...colTotals.map(sym), sym(d.classified)],
  ];
  check(
    cross(
      d.years.map((y) => y.counts),
      d.years.map((y) => y.total),
    ),
    threshold,
    `${label} demand by year`,
  );
  for (const dim of ['gender', 'age', 'ethnicity']) {
    const groups = d.characteristics.filter((ch) => ch.dimension === dim);
    check(
      cross(
        groups.map((g) => g.categories.map((c) => c.count)),
        groups.map((g) => g.n),
      ),
      threshold,
      `${label} demand by ${dim}`,
    );
  }
  check(listGrid(totals, sym(d.classified)), threshold, `${label} demand shares`);
  check(
    listGrid([sym(d.classified), sym(d.noFactors), sym(d.outsideItems)], sym(d.n)),
    threshold,
    `${label} demand overview`,
  );
  d.categories.forEach((c) =>
    assert.equal(c.share === null, typeof c.count !== 'number', `${label}: ${c.name}'s share`),
  );

  const r = s.rereferral!;
  assert.ok(r, `${label}: no re-referral section`);
  // The groups table: groups and the episodes without a group, by re-referred / censored.
  const noGroup = r.excluded.find((e) => e.code === 'no-group');
  const groupGrid: (number | string)[][] = r.groups.map((g) => [sym(g.events), sym(g.censored), sym(g.n)]);
  if (noGroup && noGroup.count !== 0) groupGrid.push(['u', 'u', sym(noGroup.count)]);
  const pooledCensored = typeof r.overall.censored === 'number' ? r.overall.censored : 'c';
  groupGrid.push([sym(r.events), pooledCensored, sym(r.n)]);
  check(groupGrid, threshold, `${label} re-referral groups`);
  check(
    listGrid(
      [sym(r.episodes.atRisk), ...r.episodes.notAtRisk.map((x) => sym(x.episodes))],
      sym(r.episodes.total),
    ),
    threshold,
    `${label} episodes`,
  );
  check(
    listGrid(
      r.censored.map((c) => sym(c.episodes)),
      pooledCensored,
    ),
    threshold,
    `${label} censored`,
  );
  if (r.cox) {
    const cells = [sym(r.cox.n), ...r.cox.excluded.map((e) => sym(e.episodes))];
    const shown = cells.filter((x): x is number => typeof x === 'number').reduce((a, b) => a + b, 0);
    // Episodes the model leaves out for no listed reason are never published.
    const rest = typeof r.n === 'number' && cells.every((x) => typeof x === 'number') ? r.n - shown : 0;
    check(listGrid([...cells, ...(rest > 0 ? ['u'] : [])], sym(r.n)), threshold, `${label} cox`);
    if (typeof r.cox.events === 'number' && typeof r.events === 'number')
      assert.ok(
        fine(r.events - r.cox.events, threshold),
        `${label}: the Cox model's re-referrals differ by a small count`,
      );
  }
  // Every curve: what a reader can derive between points and after the last one.
  for (const g of r.groups) {
    if (g.suppressed) {
      assert.equal(g.months.length, 0);
      continue;
    }
    const n = g.n as number;
    const e = g.events as number;
    let cumE = 0;
    for (let k = 0; k < g.months.length; k++) {
      const risk = g.nRisk[k] as number;
      const ev = g.nEvent[k] as number;
      assert.ok(risk > threshold, `${label} ${g.label}: ${risk} followed at month ${g.months[k]}`);
      assert.ok(Number.isInteger(g.months[k]!));
      cumE += ev;
      if (k > 0) {
        const left = (g.nRisk[k - 1] as number) - risk - ev;
        assert.ok(
          fine(ev, threshold) && fine(left, threshold),
          `${label} ${g.label}: a small step at month ${g.months[k]}`,
        );
      }
    }
    const last = g.nRisk[g.nRisk.length - 1] as number;
    const tailEvents = e - cumE;
    const tailCensored = n - e - (n - last - cumE);
    assert.equal(tailEvents + tailCensored, last);
    assert.ok(
      fine(tailEvents, threshold) && fine(tailCensored, threshold),
      `${label} ${g.label}: a small tail`,
    );
  }
  // Attainment: the groups table with its structural zeros, and the rows in scope.
  for (const a of s.attainment) {
    const sub = a.rows.filter((x) => x.kind === 'category' || x.kind === 'uncategorised');
    const cin = a.rows.find((x) => x.kind === 'all-cin')!;
    const nk = a.rows.find((x) => x.kind === 'not-known')!;
    const all = a.rows.find((x) => x.kind === 'all')!;
    const grid: (number | string)[][] = [
      [...sub.map((x) => sym(x.n)), 0, sym(cin.n)],
      [...sub.map(() => 0), sym(nk.n), sym(nk.n)],
      [...sub.map((x) => sym(x.n)), sym(nk.n), sym(all.n)],
    ];
    check(grid, threshold, `${label} attainment KS${a.options.keyStage}`);
    check(
      listGrid([sym(a.n), ...a.excluded.map((x) => sym(x.rows))], sym(a.rowsInScope)),
      threshold,
      `${label} attainment KS${a.options.keyStage} rows`,
    );
    for (const row of a.rows)
      if (row.mean !== null)
        assert.ok(typeof row.n === 'number' && row.n > threshold, `${label}: a mean of ${row.n}`);
  }
}

const councils: { assessments: number; seed: number; threshold: number }[] = [
  { assessments: 200, seed: 11, threshold: 5 },
  { assessments: 260, seed: 12, threshold: 10 },
  { assessments: 350, seed: 13, threshold: 5 },
  { assessments: 500, seed: 14, threshold: 5 },
  { assessments: 800, seed: 15, threshold: 7 },
  { assessments: 1200, seed: 16, threshold: 5 },
  { assessments: 6000, seed: 17, threshold: 5 },
];

for (const c of councils) {
  test(`a council of ${c.assessments} assessments (seed ${c.seed}, threshold ${c.threshold}): no small count published, none recoverable`, async () => {
    const s = synthesise({ assessments: c.assessments, seed: c.seed });
    const a = await loadAssessments(s.assessmentsCsv, { fileName: 'assessments.csv' });
    const p = await loadPupils(s.pupilsCsv, { fileName: 'pupils.csv' });
    const summary = await buildSummary(
      { assessments: a.data, pupils: p.data },
      { threshold: c.threshold, generatedAt: '2024-06-01T09:00:00Z' },
    );
    assert.ok(summary.attainment.length > 0, 'no attainment section');
    checkSummary(summary, c.threshold, `council ${c.assessments}/${c.seed}`);
  });
}

test('the checks above fail on a summary that leaks: a lone suppressed row, a small count, a small curve step', async () => {
  const s = synthesise({ assessments: 400, seed: 21 });
  const a = await loadAssessments(s.assessmentsCsv, { fileName: 'assessments.csv' });
  const p = await loadPupils(s.pupilsCsv, { fileName: 'pupils.csv' });
  const summary = await buildSummary({ assessments: a.data, pupils: p.data }, { generatedAt: null });
  checkSummary(summary, 5, 'as published');
  const copy = (): Summary => JSON.parse(JSON.stringify(summary));

  // One category hidden alone: all children in need minus the others gives it back.
  const lone = copy();
  const rows = lone.attainment[0]!.rows;
  for (const row of rows)
    if (row.suppressed && (row.kind === 'category' || row.kind === 'uncategorised'))
      Object.assign(row, { n: 77, suppressed: null });
  const target = rows.find((row) => row.kind === 'category' && typeof row.n === 'number' && row.n > 5)!;
  const cin = rows.find((row) => row.kind === 'all-cin')!;
  cin.n = rows
    .filter((row) => row.kind === 'category' || row.kind === 'uncategorised')
    .reduce((t, row) => t + (row.n as number), 0);
  Object.assign(target, {
    n: 'c',
    mean: null,
    rawGap: null,
    adjustedGap: null,
    lower: null,
    upper: null,
    p: null,
    suppressed: 'primary',
  });
  assert.throws(() => checkSummary(lone, 5, 'lone', false), /can be recovered/);

  const small = copy();
  small.rereferral!.episodes.notAtRisk[0]!.episodes = 4;
  assert.throws(() => checkSummary(small, 5, 'small', false), /publishes 4/);

  const step = copy();
  // Two episodes leave follow-up between the first two points: the at-risk numbers give them away.
  const g = step.rereferral!.groups.find((x) => x.months.length > 2)!;
  g.nRisk[1] = (g.nRisk[0] as number) - (g.nEvent[1] as number) - 2;
  assert.throws(() => checkSummary(step, 5, 'step', false), /a small step/);
});
