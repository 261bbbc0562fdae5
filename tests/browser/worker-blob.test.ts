// When the page's CSP allows workers only from blob: URLs (or the kit's script is on a CDN: a worker's
// own script must be same-origin), the client starts a classic blob worker that loads the kit's
// worker (analysis.worker.classic.js) with importScripts, which script-src governs.
import { expect } from '@esm-bundle/chai';
import { fixture, kit } from './kit.js';

describe('the blob worker wrapper', () => {
  let client: InstanceType<typeof kit.AnalysisClient>;

  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = 'worker-src blob:';
    document.head.append(meta);
    client = kit.createAnalysisClient({ startTimeoutMs: 10000 });
  });
  after(() => client.terminate());

  it('starts a worker through a blob wrapper when the script URL is refused', async () => {
    const info = await client.ping();
    expect(client.mode).to.equal('blob-worker');
    expect(info.inWorker).to.equal(true);
  });

  it('loads a dataset in it', async () => {
    const info = await client.loadDataset(fixture('assessments-small.csv'));
    expect(info.summary.children).to.equal(9);
  });
});
