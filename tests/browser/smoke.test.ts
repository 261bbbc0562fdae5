import { expect } from '@esm-bundle/chai';

describe('the browser test harness', () => {
  it('starts a module worker', async () => {
    const src = URL.createObjectURL(new Blob(['postMessage(6 * 7)'], { type: 'text/javascript' }));
    const w = new Worker(src, { type: 'module' });
    const v = await new Promise((r) => (w.onmessage = (e) => r(e.data)));
    w.terminate();
    expect(v).to.equal(42);
  });
});
