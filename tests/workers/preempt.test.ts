// Preemption in the worker (workers/preempt.ts through worker-impl.ts): a request below the fold that
// started first stops at its checkpoints while one in view works, a shared load runs at the best
// priority of its waiters, flipped priorities never deadlock, and a parked request can still be
// cancelled. The idle window is made long (a minute) so that "working" never lapses mid-test: the
// order seen is then the policy's, not the machine's speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisImpl } from '../../workers/worker-impl.js';
import { Preemption } from '../../workers/preempt.js';
import { synthesise } from '../../src/synth/synth.js';

/** The impl with a request that passes `steps` checkpoints (or until `stop()`), logging each. */
class Spinner extends AnalysisImpl {
  constructor() {
    super(false, new Preemption(() => performance.now(), 60_000));
  }
  spin(requestId: number, name: string, log: string[], steps = Infinity, stop = () => false) {
    return this.run(requestId, async (ctx) => {
      for (let i = 0; i < steps && !stop(); i++) {
        log.push(name);
        await ctx.checkpoint();
      }
      return name;
    });
  }
}

/** Resolves once `cond()` holds, looking after each macrotask. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 0));
}

test('a request below the fold that started first waits at its checkpoints while one in view works', async () => {
  const w = new Spinner();
  const log: string[] = [];
  await w.setPriority(1, 1);
  let stopLow = false;
  const low = w.spin(1, 'low', log, Infinity, () => stopLow);
  await until(() => log.length >= 3);
  const high = w.spin(2, 'high', log, 20);
  assert.equal(await high, 'high');
  const first = log.indexOf('high');
  const last = log.lastIndexOf('high');
  assert.deepEqual(
    log.slice(first, last + 1).filter((s) => s === 'low'),
    [],
    'no step of the request below the fold between the first and the last step of the one in view',
  );
  await until(() => log.length > last + 2);
  assert.equal(log[log.length - 1], 'low', 'the request below the fold goes on once the other ends');
  stopLow = true;
  assert.equal(await low, 'low');
});

test('priorities that flip mid-way: the newly promoted request goes ahead, and both finish', async () => {
  const w = new Spinner();
  const log: string[] = [];
  await w.setPriority(1, 1);
  let stopA = false;
  const a = w.spin(1, 'a', log, Infinity, () => stopA);
  await until(() => log.length >= 2);
  let stopB = false;
  const b = w.spin(2, 'b', log, Infinity, () => stopB);
  await until(() => log.filter((s) => s === 'b').length >= 3);
  assert.equal(log.slice(-3).join(), 'b,b,b', 'b in view runs alone');
  // The reader scrolls: a comes into view, b leaves it.
  await w.setPriority(1, 0);
  await w.setPriority(2, 1);
  const flip = log.length;
  await until(() => log.filter((s, i) => i >= flip && s === 'a').length >= 5);
  assert.deepEqual(
    log.slice(flip + 1).filter((s) => s === 'b'),
    [],
    'after the flip b waits (at most the step it was in finishes)',
  );
  stopA = true;
  assert.equal(await a, 'a');
  stopB = true;
  assert.equal(await b, 'b', 'b resumes and finishes once a has ended');
});

test('a request parked behind a better one is cancelled at once, and the better one goes on', async () => {
  const w = new Spinner();
  const log: string[] = [];
  await w.setPriority(1, 1);
  const low = w.spin(1, 'low', log);
  await until(() => log.length >= 1);
  let stopHigh = false;
  const high = w.spin(2, 'high', log, Infinity, () => stopHigh);
  await until(() => log.filter((s) => s === 'high').length >= 3);
  await w.cancel(1);
  await assert.rejects(low, { name: 'AbortError' });
  stopHigh = true;
  assert.equal(await high, 'high');
  assert.equal((await w.stats()).requestsActive, 0);
});

test('a load shared by a request below the fold and one in view runs at the better priority', async () => {
  const w = new Spinner();
  const { assessmentsCsv } = synthesise({ assessments: 300, seed: 3 });
  const source = { type: 'blob' as const, blob: new Blob([assessmentsCsv]), name: 'a.csv', id: '1' };
  const log: string[] = [];
  // The reader's chart in view works (request 1); a table below the fold asks for the file (2).
  let stop = false;
  const inView = w.spin(1, 'in view', log, Infinity, () => stop);
  await w.setPriority(2, 1);
  let loaded = false;
  const below = w.loadDataset(2, 'k', source, { kind: 'assessments' }).then((info) => {
    loaded = true;
    return info;
  });
  await until(() => log.length >= 30);
  assert.equal(loaded, false, 'the load below the fold waits while the chart in view works');
  // The chart in view now needs the same file: the one load goes on at its priority.
  const again = w.loadDataset(3, 'k', source, { kind: 'assessments' });
  const [a, b] = await Promise.all([below, again]);
  assert.equal(a.key, b.key);
  assert.equal((await w.stats()).loadsStarted, 1, 'one load for both');
  stop = true;
  await inView;
});

test('a priority for a request that has ended is ignored (nothing kept for it)', async () => {
  const w = new Spinner();
  await w.spin(1, 'x', [], 1);
  await w.setPriority(1, 1);
  assert.equal((w as unknown as { priorities: Map<number, number> }).priorities.size, 0);
});

test('a better runner that only waits (for the network, a load) stops holding others back after the idle window', async () => {
  let now = 0;
  const p = new Preemption(() => now, 25);
  const inView = p.enter(() => 0);
  const below = p.enter(() => 1);
  assert.equal(p.outranked(below), true, 'the runner in view has just started working');
  assert.equal(p.outranked(inView), false, 'the best runner never waits');
  now = 30;
  assert.equal(p.outranked(below), false, 'idle for longer than the window: the one below works meanwhile');
  p.worked(inView);
  assert.equal(p.outranked(below), true, 'working again: the one below waits at its next checkpoint');
  p.leave(inView);
  assert.equal(p.outranked(below), false);
  await p.gate(below);
});

test(
  'a load is never held back by a request waiting for it, however long that request counts as working',
  { timeout: 30_000 },
  async () => {
    // An idle window without end: the request in view counts as working for ever. The load it waits
    // for runs at its priority (the best of its waiters'), so the load's checkpoints never park behind
    // it: were it to, this would deadlock and the test time out.
    const w = new AnalysisImpl(false, new Preemption(() => performance.now(), Infinity));
    const { assessmentsCsv } = synthesise({ assessments: 300, seed: 3 });
    const source = { type: 'blob' as const, blob: new Blob([assessmentsCsv]), name: 'a.csv', id: '1' };
    await w.setPriority(1, 0);
    await w.setPriority(2, 1);
    const below = w.echo(2, 'below'); // a worse runner beside it changes nothing
    const info = await w.loadDataset(1, 'k', source, { kind: 'assessments' });
    assert.equal(info.summary.records, 300);
    assert.equal(await below, 'below');
  },
);
