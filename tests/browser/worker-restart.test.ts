// A worker that dies is noticed at once: waiting calls reject with a clear error (never an endless
// spinner) and the next call runs in a fresh worker. Two ways to die: killed outright (out of memory
// looks like this to the page: no event, the Web Lock the worker held is released) and an uncaught
// error (an `error` event).
import { expect } from '@esm-bundle/chai';
import { bigCsv, kit, next, workerUrl } from './kit.js';
import type { AnalysisError } from '../../workers/errors.js';

/** A host factory that keeps the workers it made, adding a way to make one throw. */
function recordingFactory() {
  const made: Worker[] = [];
  const crashable = `import ${JSON.stringify(workerUrl)};
self.addEventListener('message', (e) => {
  if (e.data && e.data.crashForTest) setTimeout(() => { throw new Error('simulated crash'); });
});`;
  const url = URL.createObjectURL(new Blob([crashable], { type: 'text/javascript' }));
  return {
    made,
    factory: () => {
      const w = new Worker(url, { type: 'module' });
      made.push(w);
      return w;
    },
  };
}

describe('a worker that dies', () => {
  it('is restarted after being killed, and the pending call rejects with a clear error', async () => {
    const { made, factory } = recordingFactory();
    const client = kit.createAnalysisClient({ workerFactory: factory });
    await client.ping();
    expect(client.mode).to.equal('host-worker');
    const pending = client.echo('never', { delayMs: 600_000 });
    const outcome = pending.then(
      () => null,
      (e: AnalysisError) => e,
    );
    await new Promise((r) => setTimeout(r, 50));
    made[0]!.terminate();
    const e = await outcome;
    expect(e).to.be.instanceOf(kit.AnalysisError);
    expect(e!.code).to.equal('worker-crashed');
    expect(e!.message).to.match(/analysis worker stopped unexpectedly/);
    expect(await client.echo('again')).to.equal('again');
    expect(made.length).to.equal(2);
    client.terminate();
  });

  it('is restarted after an uncaught error, and the pending call names it', async () => {
    const { made, factory } = recordingFactory();
    const client = kit.createAnalysisClient({ workerFactory: factory });
    await client.ping();
    const outcome = client.echo('never', { delayMs: 600_000 }).then(
      () => null,
      (e: AnalysisError) => e,
    );
    made[0]!.postMessage({ crashForTest: true });
    const e = await outcome;
    expect(e!.code).to.equal('worker-crashed');
    expect(e!.message).to.contain('simulated crash');
    expect((await client.ping()).inWorker).to.equal(true);
    expect(made.length).to.equal(2);
    client.terminate();
  });

  it('shows an error in the element, and "Try again" loads the file in a new worker', async () => {
    const { made, factory } = recordingFactory();
    kit.configure({ workerFactory: factory });
    const el = document.createElement('csc-dataset-summary');
    document.body.append(el);
    const progress = next(el, 'csc-analysis-progress');
    const failed = next<{ error: { code: string } }>(el, 'csc-analysis-error');
    el.file = bigCsv(300_000);
    await progress;
    made[made.length - 1]!.terminate();
    expect((await failed).detail.error.code).to.equal('worker-crashed');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('stopped unexpectedly');
    expect(el.getAttribute('status')).to.equal('error');
    const done = next(el, 'csc-analysis-complete');
    const retry = [...alert.querySelectorAll('button')].find((b) => b.textContent === 'Try again')!;
    retry.click();
    await done;
    expect(el.status).to.equal('ready');
    expect(el.result!.records).to.equal(300_000);
    expect(made.length).to.equal(2);
    el.remove();
  });
});
