// When no worker may start (here a Content-Security-Policy with `worker-src 'none'`), the same core
// runs on the page's main thread behind the same interface, and the console says so.
import { expect } from '@esm-bundle/chai';
import { fixture, kit } from './kit.js';
import type { AnalysisError } from '../../workers/errors.js';
import type { ProgressUpdate } from '../../workers/api.js';

describe('the main-thread fallback', () => {
  const warnings: string[] = [];
  const warn = console.warn;
  let client: InstanceType<typeof kit.AnalysisClient>;

  before(async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "worker-src 'none'";
    document.head.append(meta);
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    client = kit.createAnalysisClient({ startTimeoutMs: 10000 });
    await client.ping();
    console.warn = warn;
  });
  after(() => client.terminate());

  it('answers on the main thread, with a console warning', async () => {
    expect(client.mode).to.equal('main-thread');
    expect((await client.ping()).inWorker).to.equal(false);
    expect(warnings.join('\n')).to.contain('main thread');
  });

  it('loads a CSV by URL with progress, like the worker', async () => {
    const updates: ProgressUpdate[] = [];
    const info = await client.loadDataset(fixture('assessments-small.csv'), {
      onProgress: (u) => updates.push(u),
    });
    expect(info.summary.records).to.equal(12);
    expect(info.summary.episodes).to.equal(10);
    expect(updates[updates.length - 1]!.fraction).to.equal(1);
  });

  it('rejects a bad file with the same error as the worker', async () => {
    const e = await client.loadDataset(fixture('assessments-unusable.csv')).then(
      () => null,
      (err: AnalysisError) => err,
    );
    expect(e).to.be.instanceOf(kit.AnalysisError);
    expect(e!.code).to.equal('no-usable-rows');
    expect(e!.problems.map((p) => p.line)).to.deep.equal([2, 3]);
  });

  it('cancels a request', async () => {
    const controller = new AbortController();
    const pending = client.echo('late', { delayMs: 600_000 }, { signal: controller.signal });
    controller.abort();
    const e = await pending.then(
      () => null,
      (err: AnalysisError) => err,
    );
    expect(e!.name).to.equal('AbortError');
    expect((await client.stats()).requestsActive).to.equal(0);
  });
});
