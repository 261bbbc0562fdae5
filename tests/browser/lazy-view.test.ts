// The base element's loadView hook: an element may import the code of its ready state (tables,
// sentences, spec builders) lazily, in parallel with the analysis, to keep the first load small.
// The result shows only once that code is in; a view that fails to load is the element's error.
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { kit, next } from './kit.js';

let release: () => void = () => {};
let fail = false;

class LazyView extends kit.CscElement<{ n: number }> {
  protected override async compute(): Promise<{ n: number }> {
    return { n: 1 };
  }
  protected override fromResults(json: unknown): { n: number } {
    return json as { n: number };
  }
  protected override loadView(): Promise<void> {
    return new Promise((resolve, reject) => {
      release = () => (fail ? reject(new Error('The view could not be loaded.')) : resolve());
    });
  }
  protected override renderResult(r: { n: number }) {
    return html`<p part="summary">n is ${r.n}</p>`;
  }
}
customElements.define('test-lazy-view', LazyView);

describe('CscElement.loadView', () => {
  it('shows the result only once the view has loaded', async () => {
    fail = false;
    const el = document.createElement('test-lazy-view') as LazyView;
    document.body.append(el);
    el.results = { n: 7 };
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(el.status).to.equal('loading');
    const complete = next(el, 'csc-analysis-complete');
    release();
    await complete;
    await el.updateComplete;
    expect(el.status).to.equal('ready');
    expect(el.shadowRoot!.textContent).to.include('n is 7');
    el.remove();
  });

  it('shows an error when the view fails to load', async () => {
    fail = true;
    const el = document.createElement('test-lazy-view') as LazyView;
    document.body.append(el);
    el.results = { n: 7 };
    await el.updateComplete;
    const failed = next(el, 'csc-analysis-error');
    release();
    await failed;
    await el.updateComplete;
    expect(el.status).to.equal('error');
    expect(el.shadowRoot!.textContent).to.include('The view could not be loaded.');
    el.remove();
  });
});
