// Hostile data: values from a file (ethnicity and gender labels, factor codes, child ids) and from
// attributes (the heading) that hold markup appear as text everywhere the element shows them (tables,
// captions, summaries, chart labels, tooltips) and in what it exports (CSV, SVG), and never run: a
// global flag their onerror handlers would set stays unset, and no <img> appears in any shadow root.
// The values come in as a page would pass them, through `data` (rows in memory) and attributes.
import { expect } from '@esm-bundle/chai';
import { deep, fixture, next } from './kit.js';

const HEADING = '<img src=x onerror=window.__pwned=1>Heading';
/** A label that opens an element, and one that first tries to close an attribute. */
const bad = (i: number, value: string) =>
  i % 2 === 0
    ? `<img src=x onerror=window.__pwned=2>${value}`
    : `"><img src=x onerror=window.__pwned=3>${value}`;
const pwned = () => (window as unknown as { __pwned?: unknown }).__pwned;

type Row = Record<string, string>;
type Widget = HTMLElement & { status: string; updateComplete: Promise<boolean> } & Record<string, unknown>;
type Chart = HTMLElement & { ensureDrawn(): Promise<unknown>; toSVG(): Promise<string> };

async function rows(name: string, folder: string): Promise<Row[]> {
  const text = await (await fetch(fixture(name, folder))).text();
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

/** The same rows with every distinct value of `column` made hostile; returns the hostile values. */
function poison(data: Row[], column: string): string[] {
  const levels = [...new Set(data.map((r) => r[column]!).filter(Boolean))].sort();
  const map = new Map(levels.map((v, i) => [v, bad(i, v)]));
  for (const r of data) if (r[column]) r[column] = map.get(r[column]!)!;
  return [...map.values()];
}

/** A CSV file's fields (RFC 4180 quoting). */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n' || c === '\r') {
      if (c !== '\n' || text[i - 1] !== '\r') fields.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) fields.push(cur);
  return fields;
}

function deepText(root: ParentNode): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(root as Node);
  return text;
}

// Downloads are caught, not saved: the blobs handed to URL.createObjectURL, and no link followed.
const blobs: Blob[] = [];
const createObjectURL = URL.createObjectURL.bind(URL);
const click = HTMLAnchorElement.prototype.click;

async function downloads(el: Element): Promise<Blob[]> {
  blobs.length = 0;
  const buttons = deep(el.shadowRoot!, '[part~="controls"] button') as HTMLButtonElement[];
  for (const b of buttons) {
    const had = blobs.length;
    b.click();
    const start = performance.now();
    while (blobs.length === had && performance.now() - start < 15000)
      await new Promise((r) => setTimeout(r, 50));
  }
  return [...blobs];
}

/** Moves the pointer over the chart's marks until the chart shows a tooltip; its text, or null. */
async function tooltipText(chart: Chart): Promise<string | null> {
  const tip = chart.shadowRoot!.querySelector<HTMLElement>('.tooltip')!;
  const marks = [...chart.shadowRoot!.querySelectorAll('svg .role-mark path, svg .role-mark rect')].slice(
    0,
    80,
  );
  for (const m of marks) {
    const box = m.getBoundingClientRect();
    const at = {
      bubbles: true,
      composed: true,
      clientX: box.x + box.width / 2,
      clientY: box.y + box.height / 2,
    };
    m.dispatchEvent(new PointerEvent('pointermove', at));
    m.dispatchEvent(new MouseEvent('mousemove', at));
    await new Promise((r) => setTimeout(r, 20));
    if (!tip.hidden && tip.textContent)
      return tip.innerHTML.includes('<img') ? '<img element>' : tip.textContent;
  }
  return null;
}

interface Case {
  tag: string;
  /**
   * Sets the hostile inputs; returns the hostile values in groups (one group per poisoned column):
   * the element shows at least one of each group (a reference level, say, may have no row).
   */
  setup: (el: Widget) => Promise<string[][]>;
  /** Whether the labels are drawn in the chart (direct labels). */
  chartLabels: boolean;
  /** Whether the labels are in a CSV download (attainment's CSV holds the categories only). */
  inCsv: boolean;
}

const CASES: Case[] = [
  {
    tag: 'csc-dataset-summary',
    chartLabels: false,
    inCsv: true,
    async setup(el) {
      const data = await rows('assessments.csv', 'rereferral-curve');
      // No spaces (they separate factor codes); the summary lists codes in upper case.
      const code = '<img/src=x/onerror=window.__pwned=4>';
      for (const r of data.slice(0, 5)) r.factors = `${r.factors};${code}`;
      el.data = data;
      return [[code, code.toUpperCase()]];
    },
  },
  {
    tag: 'rereferral-curve',
    chartLabels: true,
    inCsv: true,
    async setup(el) {
      const data = await rows('assessments.csv', 'rereferral-curve');
      const labels = poison(data, 'ethnicity');
      el.setAttribute('group', 'ethnicity');
      el.data = data;
      return [labels];
    },
  },
  {
    tag: 'attainment-gap-table',
    chartLabels: false,
    inCsv: false,
    async setup(el) {
      const pupils = await rows('pupils.csv', 'attainment-gap-table');
      const labels = [poison(pupils, 'ethnicity'), poison(pupils, 'gender')];
      el.data = await rows('assessments.csv', 'attainment-gap-table');
      el.pupilsData = pupils;
      return labels;
    },
  },
  {
    tag: 'demand-category-chart',
    chartLabels: false,
    inCsv: false,
    async setup(el) {
      const data = await rows('assessments.csv', 'rereferral-curve');
      el.data = data;
      return [];
    },
  },
];

describe('hostile data: markup in labels, codes and headings is shown as text and never runs', function () {
  this.timeout(120000);

  before(() => {
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) blobs.push(obj);
      return createObjectURL(obj);
    };
    HTMLAnchorElement.prototype.click = function () {};
  });
  after(() => {
    URL.createObjectURL = createObjectURL;
    HTMLAnchorElement.prototype.click = click;
  });
  afterEach(() => expect(pwned(), 'an onerror handler from the data ran').to.equal(undefined));

  for (const { tag, setup, chartLabels, inCsv } of CASES) {
    it(`<${tag}>: heading, tables, summary, chart, tooltip, CSV and SVG`, async function () {
      if (!customElements.get(tag)) this.skip(); // not in components/index.ts yet
      const el = document.createElement(tag) as Widget;
      el.setAttribute('heading', HEADING);
      document.body.prepend(el);
      const done = Promise.race([next(el, 'csc-analysis-complete'), next(el, 'csc-analysis-error')]);
      const groups = await setup(el);
      const labels = groups.flat();
      await done;
      await el.updateComplete;
      expect(el.status, deepText(el.shadowRoot!)).to.equal('ready');

      // On the page: as text, never as elements.
      const heading = el.shadowRoot!.querySelector('[part~="heading"]')!;
      expect(heading.textContent).to.equal(HEADING);
      expect(deep(el.shadowRoot!, 'img, [onerror]')).to.deep.equal([]);
      const shown = deepText(el.shadowRoot!);
      for (const group of groups)
        expect(
          group.some((l) => shown.includes(l)),
          `one of ${group.join(' / ')} shown as text`,
        ).to.equal(true);

      // The charts: labels drawn as SVG text, the accessible name an attribute, the tooltip text.
      for (const chart of deep(el.shadowRoot!, 'csc-vega-chart') as Chart[]) {
        await chart.ensureDrawn();
        const svg = chart.shadowRoot!.querySelector('svg')!;
        expect(svg.querySelectorAll('img, foreignObject, [onerror]').length).to.equal(0);
        const drawn = [...svg.querySelectorAll('text')].map((t) => t.textContent).join('\n');
        // Vega shortens long labels with an ellipsis: the start of a label, as text, is enough.
        const start = (l: string) => l.slice(0, 20);
        if (chartLabels)
          expect(
            labels.some((l) => drawn.includes(start(l))),
            drawn,
          ).to.equal(true);
        const tip = await tooltipText(chart);
        if (tip !== null) expect(tip).to.not.equal('<img element>');
        if (chartLabels)
          expect(
            labels.some((l) => tip?.includes(l)),
            `tooltip: ${tip}`,
          ).to.equal(true);
        const exported = await chart.toSVG();
        const doc = new DOMParser().parseFromString(exported, 'image/svg+xml');
        expect(doc.querySelector('parsererror')).to.equal(null);
        expect(doc.querySelectorAll('img, foreignObject, script, [onerror]').length).to.equal(0);
        if (chartLabels)
          expect(labels.some((l) => doc.documentElement.textContent!.includes(start(l)))).to.equal(true);
      }

      // The downloads: CSV fields hold the labels as written; SVG holds them as text.
      const files = await downloads(el);
      expect(files.length, 'the element offers downloads').to.be.greaterThan(0);
      const csvText = (await Promise.all(files.filter((b) => /csv/.test(b.type)).map((b) => b.text()))).join(
        '\r\n',
      );
      const fields = csvFields(csvText);
      for (const group of inCsv ? groups : [])
        expect(
          group.some((l) => fields.some((f) => f.includes(l))),
          `one of ${group.join(' / ')} in a CSV`,
        ).to.equal(true);
      for (const svgBlob of files.filter((b) => /svg/.test(b.type))) {
        const doc = new DOMParser().parseFromString(await svgBlob.text(), 'image/svg+xml');
        expect(doc.querySelectorAll('img, foreignObject, script, [onerror]').length).to.equal(0);
      }
      await new Promise((r) => setTimeout(r, 100)); // an image error event would have fired by now
      el.remove();
    });
  }
});
