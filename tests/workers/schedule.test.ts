import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../workers/schedule.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

test('a call below the fold waits while one in view runs, then starts when it ends', async () => {
  const s = new Scheduler();
  const order: string[] = [];
  const releaseInView = await s.turn(() => 0);
  order.push('in view started');
  const below = s
    .turn(() => 1)
    .then((release) => {
      order.push('below started');
      return release;
    });
  await tick();
  assert.deepEqual(order, ['in view started']);
  assert.equal(s.waitingCount, 1);
  releaseInView();
  (await below)();
  assert.deepEqual(order, ['in view started', 'below started']);
});

test('calls of the same priority run together, as without priorities', async () => {
  const s = new Scheduler();
  const a = await s.turn();
  const b = await s.turn();
  assert.equal(s.waitingCount, 0);
  a();
  b();
});

test('scrolling promotes: a waiting call whose element comes into view starts at reschedule()', async () => {
  const s = new Scheduler();
  let lowerInView = false;
  const first = await s.turn(() => 0);
  // Both below the fold: the second element then scrolls into view, the first one out of it.
  let firstInView = true;
  const holder = s.hold(() => (firstInView ? 0 : 1));
  let started = false;
  const promoted = s
    .turn(() => (lowerInView ? 0 : 1))
    .then((release) => {
      started = true;
      return release;
    });
  await tick();
  assert.equal(started, false);
  lowerInView = true;
  firstInView = false;
  s.reschedule();
  (await promoted)();
  assert.equal(started, true);
  holder();
  first();
});

test('an aborted waiting call leaves the queue and rejects; the rest go on', async () => {
  const s = new Scheduler();
  const top = await s.turn(() => 0);
  const controller = new AbortController();
  const waiting = s.turn(() => 1, controller.signal);
  controller.abort();
  await assert.rejects(waiting, { name: 'AbortError' });
  assert.equal(s.waitingCount, 0);
  top();
});

test('a held multi-step call keeps lower calls out between its steps', async () => {
  const s = new Scheduler();
  const release = s.hold(() => 0);
  const step1 = await s.turn(() => 0);
  let lowerStarted = false;
  const lower = s
    .turn(() => 1)
    .then((r) => {
      lowerStarted = true;
      return r;
    });
  step1();
  await tick();
  assert.equal(lowerStarted, false, 'between the load and the analysis, nothing lower starts');
  const step2 = await s.turn(() => 0);
  step2();
  release();
  (await lower)();
  assert.equal(lowerStarted, true);
});
