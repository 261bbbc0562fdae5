// demo/csp.html, the page with a strict Content-Security-Policy (no inline script or style, no eval,
// workers from 'self' or blob:), opened in a frame: the three widgets read the synthetic council in
// their worker, draw their charts and make their SVG and PNG downloads, and the page sees not one
// `securitypolicyviolation`. The policy comes from the page's <meta http-equiv> (the test server
// sends no header; scripts/serve.mjs sends the same policy as a header too).
import { expect } from '@esm-bundle/chai';
import { deep, until } from './kit.js';

interface CspWindow extends Window {
  cspViolations: string[];
  consoleProblems: string[];
}
interface Chart extends HTMLElement {
  ensureDrawn(): Promise<unknown>;
  toSVG(): Promise<string>;
  toPNG(): Promise<Blob>;
}
interface Widget extends HTMLElement {
  status: string;
  updateComplete: Promise<boolean>;
}

const page = new URL('../../demo/csp.html', import.meta.url).href;
const TAGS = ['demand-category-chart', 'rereferral-curve', 'attainment-gap-table'] as const;

/** Every element matching `selector` under `root`, shadow roots included. */
describe('the strict-CSP demo page (demo/csp.html)', function () {
  this.timeout(120000);
  let frame: HTMLIFrameElement;
  let win: CspWindow;
  let doc: Document;

  before(async () => {
    frame = document.createElement('iframe');
    frame.title = 'Strict CSP demo';
    frame.style.width = '1000px';
    frame.style.height = '800px';
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    frame.src = page;
    document.body.append(frame);
    await loaded;
    win = frame.contentWindow as CspWindow;
    doc = frame.contentDocument!;
  });

  after(() => frame.remove());

  it('has its policy in a meta element and loads the kit from its own origin', () => {
    const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!;
    expect(meta.getAttribute('content')).to.equal(
      "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self' blob:",
    );
    expect(Array.isArray(win.cspViolations)).to.equal(true);
    expect(doc.querySelectorAll('script:not([src]), style, [style]').length).to.equal(0);
  });

  for (const tag of TAGS) {
    it(`shows <${tag}> with its figures`, async function () {
      if (!win.customElements.get(tag)) this.skip(); // not in components/index.ts yet
      const el = doc.querySelector(tag) as Widget;
      await until(() => ['ready', 'error', 'empty'].includes(el.status), {
        what: `<${tag}> to finish`,
        ms: 50000,
      });
      await el.updateComplete;
      expect(el.status, el.shadowRoot!.textContent ?? '').to.equal('ready');
      expect(el.shadowRoot!.querySelectorAll('table').length).to.be.greaterThan(0);
      for (const chart of deep(el.shadowRoot!, 'csc-vega-chart') as Chart[]) {
        await chart.ensureDrawn();
        const svg = chart.shadowRoot!.querySelector('svg')!;
        expect(svg.getAttribute('role')).to.equal('img');
        expect(svg.querySelectorAll('path, rect, line').length).to.be.greaterThan(3);
        expect(await chart.toSVG()).to.match(/^<svg/);
        expect((await chart.toPNG()).type).to.equal('image/png');
      }
    });
  }

  it('drew at least one Vega chart', () => {
    const drawn = deep(doc, 'csc-vega-chart').filter((c) => c.shadowRoot!.querySelector('svg'));
    expect(drawn.length).to.be.greaterThan(0);
  });

  it("draws the page's own Vega-Lite chart: a temporal axis with a time unit, a named scheme, an interval selection", async () => {
    const chart = doc.getElementById('own-chart') as Chart;
    await chart.ensureDrawn();
    const svg = chart.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('Referrals a month in 2023, highest in the autumn.');
    // Twelve bars, coloured from the 'blues' scheme (lighter for fewer referrals), month labels on x.
    const bars = [...svg.querySelectorAll('.role-mark.marks path')];
    expect(bars.length).to.equal(12);
    expect(new Set(bars.map((b) => b.getAttribute('fill'))).size).to.be.greaterThan(5);
    expect(svg.textContent).to.match(/Jan|January/);
    // The interval selection's brush is drawn (a rect Vega-Lite adds for it).
    expect(svg.querySelector('.span_brush')).to.not.equal(null);
  });

  it('logged no console error or warning', () => {
    expect(win.consoleProblems).to.deep.equal([]);
  });

  it('saw no Content-Security-Policy violation', () => {
    expect(win.cspViolations).to.deep.equal([]);
    expect(doc.getElementById('csp-count')!.textContent).to.equal('0 violations');
  });
});
