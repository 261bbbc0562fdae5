// <csc-vega-chart>, the chart inside every element and beside them: Vega loads once the page is idle
// and a chart draws only when it nears the viewport; draws Vega-Lite and Vega specs under a strict CSP (no eval, no inline style),
// fails out loud on a broken spec, labels its SVG for screen readers,
// follows its container's width, exports SVG and PNG, and lets go of its view when removed.
import { expect } from '@esm-bundle/chai';
import type { VisualizationSpec } from '../../components/internal/vega-chart.js';
import { chartKit, next, until } from './kit.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) =>
  violations.push(`${e.violatedDirective} ${e.blockedURI}`),
);
const meta = document.createElement('meta');
meta.httpEquiv = 'Content-Security-Policy';
meta.content = "script-src 'self'; style-src 'self'";
document.head.append(meta);

const spec: VisualizationSpec = {
  $schema: 'https://vega.github.io/schema/vega/v6.json',
  width: 'container',
  height: 160,
  data: [
    {
      name: 'rates',
      values: [
        { area: 'North', rate: 28 },
        { area: 'South', rate: 55 },
      ],
    },
  ],
  scales: [
    { name: 'x', type: 'band', domain: { data: 'rates', field: 'area' }, range: 'width', padding: 0.1 },
    { name: 'y', domain: { data: 'rates', field: 'rate' }, range: 'height', nice: true },
  ],
  axes: [
    { orient: 'bottom', scale: 'x' },
    { orient: 'left', scale: 'y' },
  ],
  marks: [
    {
      type: 'rect',
      from: { data: 'rates' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'area' },
          width: { scale: 'x', band: 1 },
          y: { scale: 'y', field: 'rate' },
          y2: { scale: 'y', value: 0 },
          tooltip: { signal: '{area: datum.area, rate: datum.rate}' },
        },
      },
    },
  ],
};

type Chart = InstanceType<typeof chartKit.CscVegaChart>;

function vegaRequested(): boolean {
  return performance
    .getEntriesByType('resource')
    .some((e) => /\/dist\/vega-(draw-)?[\w-]{8}\.js$/.test(e.name));
}

describe('<csc-vega-chart>', () => {
  const box = document.createElement('div');
  box.style.width = '600px';
  document.body.append(box);

  it('loads Vega once the page is idle (not with the page), and draws only when the chart nears the viewport', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    box.append(spacer);
    const chart = document.createElement('csc-vega-chart') as Chart;
    chart.spec = spec;
    chart.label = 'South has about twice the rate of North.';
    expect(vegaRequested()).to.equal(false, 'nothing of Vega before a chart is on the page');
    box.append(chart);
    await chart.updateComplete;
    // Fetched at idle so that printing can draw every chart (print listeners cannot wait for a download)...
    await until(vegaRequested);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    // ...but a chart far below the fold is not drawn.
    expect(chart.shadowRoot!.querySelector('svg')).to.equal(null);
    const drawn = next(chart, 'csc-chart-render');
    chart.scrollIntoView();
    await drawn;
    expect(vegaRequested()).to.equal(true);
    const svg = chart.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('South has about twice the rate of North.');
    expect(svg.querySelectorAll('path, rect').length).to.be.greaterThan(1);
    expect(Math.round(svg.getBoundingClientRect().width)).to.be.within(560, 600);
    spacer.remove();
    chart.remove();
    window.scrollTo(0, 0);
  });

  it('follows the width of its container', async () => {
    const chart = document.createElement('csc-vega-chart') as Chart;
    chart.spec = spec;
    box.append(chart);
    await chart.ensureDrawn();
    const svg = () => chart.shadowRoot!.querySelector('svg')!;
    const before = svg().getBoundingClientRect().width;
    box.style.width = '320px';
    const start = performance.now();
    while (svg().getBoundingClientRect().width > 330 && performance.now() - start < 5000)
      await new Promise((r) => setTimeout(r, 50));
    expect(before).to.be.greaterThan(500);
    expect(svg().getBoundingClientRect().width).to.be.at.most(330);
    box.style.width = '600px';
    chart.remove();
  });

  it('exports SVG with its label as the title, and PNG', async () => {
    const chart = document.createElement('csc-vega-chart') as Chart;
    chart.spec = spec;
    chart.label = 'Rates <by> area & "type"';
    box.append(chart);
    const svg = await chart.toSVG();
    expect(svg).to.match(/^<svg[^>]*>\s*<title>Rates &#60;by&#62; area &#38; &#34;type&#34;<\/title>/);
    const png = await chart.toPNG();
    expect(png.type).to.equal('image/png');
    expect(png.size).to.be.greaterThan(1000);
    chart.remove();
  });

  it('draws again when it is put back on the page after being removed', async () => {
    const chart = document.createElement('csc-vega-chart') as Chart;
    chart.spec = spec;
    box.append(chart);
    await chart.ensureDrawn();
    chart.remove();
    const drawn = next(chart, 'csc-chart-render');
    box.append(chart);
    await drawn;
    expect(chart.shadowRoot!.querySelectorAll('svg').length).to.equal(1);
    chart.remove();
  });

  it('takes a function that makes the spec (a lazily imported spec builder) and calls it only to draw', async () => {
    let calls = 0;
    const chart = document.createElement('csc-vega-chart') as Chart;
    chart.spec = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      return spec;
    };
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    box.append(spacer, chart);
    await chart.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).to.equal(0);
    const svg = await chart.toSVG();
    expect(calls).to.equal(1);
    expect(svg).to.match(/^<svg/);
    spacer.remove();
    chart.remove();
  });

  it('draws a Vega-Lite spec with a temporal axis and time unit, a named scheme and an interval selection, logging nothing', async () => {
    const logged: string[] = [];
    const original = { error: console.error, warn: console.warn };
    console.error = (...a: unknown[]) => logged.push(a.join(' '));
    console.warn = (...a: unknown[]) => logged.push(a.join(' '));
    const chart = document.createElement('csc-vega-chart') as Chart;
    chart.label = 'Referrals rose through the year.';
    chart.spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 'container',
      height: 150,
      data: {
        values: [1, 2, 3, 4, 5, 6].map((m) => ({ date: `2023-0${m}-15`, n: 100 + 10 * m })),
      },
      params: [{ name: 'span', select: { type: 'interval', encodings: ['x'] } }],
      mark: 'bar',
      encoding: {
        x: { field: 'date', type: 'temporal', timeUnit: 'yearmonth' },
        y: { field: 'n', type: 'quantitative' },
        color: { field: 'n', type: 'quantitative', scale: { scheme: 'blues' } },
      },
    } as VisualizationSpec;
    box.append(chart);
    try {
      await chart.ensureDrawn();
    } finally {
      Object.assign(console, original);
    }
    const svg = chart.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).to.equal('Referrals rose through the year.');
    const bars = [...svg.querySelectorAll('.role-mark.marks path')];
    expect(bars.length).to.equal(6);
    expect(new Set(bars.map((b) => b.getAttribute('fill'))).size).to.equal(6);
    expect(svg.textContent).to.match(/Jan|January/);
    expect(svg.querySelector('.span_brush')).to.not.equal(null);
    expect(logged).to.deep.equal([]);
    chart.remove();
  });

  it("a broken spec fires csc-chart-error with Vega's message and shows it, not a blank box", async () => {
    const broken: VisualizationSpec[] = [
      // Vega-Lite rejects it (no such mark).
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        mark: 'blob',
      } as unknown as VisualizationSpec,
      // Vega rejects it while parsing (no such transform).
      {
        ...spec,
        data: [{ name: 'rates', values: [], transform: [{ type: 'nonsense' }] }],
      } as unknown as VisualizationSpec,
      // Vega-Lite compiles it and Vega fails while running (a scheme that does not exist).
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        data: { values: [{ a: 1 }, { a: 2 }] },
        mark: 'point',
        encoding: { color: { field: 'a', type: 'quantitative', scale: { scheme: 'no-such-scheme' } } },
      } as VisualizationSpec,
    ];
    for (const s of broken) {
      const chart = document.createElement('csc-vega-chart') as Chart;
      chart.spec = s;
      let rendered = false;
      chart.addEventListener('csc-chart-render', () => (rendered = true));
      const failed = next<{ message: string }>(chart, 'csc-chart-error');
      const quiet = console.error;
      console.error = () => {};
      box.append(chart);
      const { detail } = await failed.finally(() => (console.error = quiet));
      expect(detail.message.length, JSON.stringify(s)).to.be.greaterThan(5);
      await chart.updateComplete;
      const shown = chart.shadowRoot!.querySelector('.failed')!;
      expect(shown.textContent).to.contain(detail.message);
      expect(chart.shadowRoot!.querySelector('svg')).to.equal(null);
      expect(rendered).to.equal(false);
      chart.remove();
    }
  });

  it('caused no Content-Security-Policy violation', () => {
    expect(violations).to.deep.equal([]);
  });
});
