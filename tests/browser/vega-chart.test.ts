// <csc-vega-chart>, the chart inside every element: Vega loads only when the chart nears the
// viewport, draws under a strict CSP (no eval, no inline style), labels its SVG for screen readers,
// follows its container's width, exports SVG and PNG, and lets go of its view when removed.
import { expect } from '@esm-bundle/chai';
import type { VisualizationSpec } from '../../components/internal/vega-chart.js';
import { chartKit, next } from './kit.js';

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
  return performance.getEntriesByType('resource').some((e) => /\/dist\/vega-draw-[^/]*\.js$/.test(e.name));
}

describe('<csc-vega-chart>', () => {
  const box = document.createElement('div');
  box.style.width = '600px';
  document.body.append(box);

  it('does not load Vega until the chart comes near the viewport, then draws a labelled SVG', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    box.append(spacer);
    const chart = document.createElement('csc-vega-chart') as Chart;
    chart.spec = spec;
    chart.label = 'South has about twice the rate of North.';
    box.append(chart);
    await chart.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    expect(vegaRequested()).to.equal(false);
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

  it('refuses a Vega-Lite spec, saying to compile it to Vega first', async () => {
    const chart = document.createElement('csc-vega-chart') as Chart;
    chart.spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      mark: 'bar',
    } as unknown as VisualizationSpec;
    box.append(chart);
    const failed = next<{ message: string }>(chart, 'csc-chart-error');
    chart.scrollIntoView();
    expect((await failed).detail.message).to.match(/Vega-Lite spec.*compile it first/);
    expect(performance.getEntriesByType('resource').some((e) => /vega-lite/.test(e.name))).to.equal(false);
    chart.remove();
  });

  it('caused no Content-Security-Policy violation', () => {
    expect(violations).to.deep.equal([]);
  });
});
