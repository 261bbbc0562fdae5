// Publishing safely, in the built kit: each element fed a published summary (`results-src`, made by
// `csc-demand analyse` from the demo's synthetic council: demo/data/summary.json) shows the numbers
// the same element shows from the record-level files, except where the summary shows c; the public
// demo page requests no record-level file and starts no worker; a damaged or altered summary is an
// error in the page naming the figure; c shows as c with its footnote, and axe finds nothing;
// "Download summary" saves the file the CLI writes; `public` (and the page's meta tag) shows
// record-level data only as the summary does.
import { expect } from '@esm-bundle/chai';
import { axeViolations, fixture, kit, makeElement, nextDownload, settled, text, until } from './kit.js';
import type * as Core from '../../src/index.js';
import type { Summary } from '../../src/publish/summary-types.js';
import type { CscElement } from '../../components/internal/csc-element.js';

type El = CscElement<unknown> & { view?: string; dimension?: string };

const core: typeof Core = await import(
  /* @vite-ignore */ new URL('../../dist/core.js', import.meta.url).href
);
const demo = (name: string) => new URL(`../../demo/data/${name}`, import.meta.url).href;
const summaryText = await (await fetch(demo('summary.json'))).text();
const published = (): Summary => JSON.parse(summaryText) as Summary;

async function loaded(tag: string, attrs: Record<string, string>): Promise<El> {
  const el = makeElement<El>(tag);
  const how = await settled(el, () => {
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  });
  expect(how, `${tag} ${JSON.stringify(attrs)}: ${el.shadowRoot?.textContent}`).to.equal('complete');
  return el;
}

/** Every table of the element: caption -> header cells and rows keyed by their first cell. */
function tables(el: El): Map<string, { head: string[]; rows: Map<string, string[]> }> {
  const out = new Map<string, { head: string[]; rows: Map<string, string[]> }>();
  for (const t of el.shadowRoot!.querySelectorAll('table')) {
    const head = [...(t.tHead?.rows[0]?.cells ?? [])].map((c) => text(c));
    const rows = new Map<string, string[]>();
    for (const body of t.tBodies)
      for (const r of body.rows) {
        const cells = [...r.cells].map((c) => text(c));
        rows.set(cells[0]!, cells.slice(1));
      }
    out.set(text(t.caption), { head, rows });
  }
  return out;
}

/**
 * Whether a published cell shows what the record-level cell shows, suppression aside: the same
 * text, or c, or the same text with some of its numbers replaced by c.
 */
function sameOrSuppressed(pub: string, rec: string): boolean {
  // '–': a statistic withheld by the summary (a profile cell resting on a few assessments, a
  // mean of a 0/1 outcome whose pupils reaching it are few).
  if (pub === rec || pub === 'c' || pub === '\u2013') return true;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = rec
    .split(/(\d[\d,]*(?:\.\d+)?%?)/)
    .map((part, i) => (i % 2 ? `(?:${escape(part)}|c)` : escape(part)))
    .join('');
  return new RegExp(`^${pattern}$`).test(pub);
}

interface Comparison {
  compared: number;
  equal: number;
  suppressed: number;
  mismatches: string[];
  captions: string[];
}

/** Compares the tables both elements show (same caption), row by row (same first cell), cell by cell. */
function compare(pub: El, rec: El): Comparison {
  const a = tables(pub);
  const b = tables(rec);
  const out: Comparison = { compared: 0, equal: 0, suppressed: 0, mismatches: [], captions: [] };
  for (const [caption, p] of a) {
    const r = b.get(caption);
    if (!r) continue;
    out.captions.push(caption);
    const cells: [string, string, string][] = p.head.map((h, i) => [
      `${caption} / header ${i}`,
      h,
      r.head[i] ?? '',
    ]);
    for (const [key, row] of p.rows) {
      const other = r.rows.get(key);
      if (!other) continue;
      row.forEach((c, i) => cells.push([`${caption} / ${key} / ${p.head[i + 1] ?? i}`, c, other[i] ?? '']));
    }
    for (const [where, x, y] of cells) {
      out.compared++;
      if (x === y) out.equal++;
      else if (sameOrSuppressed(x, y)) out.suppressed++;
      else out.mismatches.push(`${where}: published "${x}", record-level "${y}"`);
    }
  }
  return out;
}

/** The tables of the two elements agree, and the comparison is not vacuous. */
function expectSameNumbers(pub: El, rec: El, captions: string[]): Comparison {
  const c = compare(pub, rec);
  expect(c.mismatches).to.deep.equal([]);
  for (const caption of captions) expect(c.captions).to.include(caption);
  expect(c.compared).to.be.greaterThan(20);
  expect(c.equal / c.compared).to.be.greaterThan(0.6);
  return c;
}

/** Clicks the download button labelled `label` and returns the file the page saved. */
async function download(el: El, label: string): Promise<{ name: string; text: string }> {
  const saved = nextDownload();
  const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === label);
  expect(button !== undefined, `a "${label}" button`).to.equal(true);
  button!.click();
  return saved;
}

/** Where two JSON values differ (numbers to 9 significant digits, or 1e-12), as paths; [] when they agree. */
function differences(a: unknown, b: unknown, path = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= Math.max(1e-12, 1e-9 * Math.max(Math.abs(a), Math.abs(b)))
      ? []
      : [`${path}: ${a} vs ${b}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} entries vs ${b.length}`];
    return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

const buttons = (el: El) => [...el.shadowRoot!.querySelectorAll('button')].map((b) => text(b));

/** Sets a view (and dimension) and waits for the element to render it. */
async function show(el: El, view: string, dimension?: string): Promise<void> {
  el.view = view;
  if (dimension) el.dimension = dimension;
  await el.updateComplete;
}

describe('Publishing safely', () => {
  afterEach(() => {
    for (const tag of ['attainment-gap-table', 'rereferral-curve', 'demand-category-chart'])
      document.querySelectorAll(tag).forEach((e) => e.remove());
    kit.configurePublishing({ public: false, threshold: null, areaName: null });
  });

  it('<attainment-gap-table> from summary.json shows the numbers it shows from the records, at both key stages', async () => {
    for (const keyStage of ['4', '2']) {
      const pub = await loaded('attainment-gap-table', {
        'results-src': demo('summary.json'),
        'key-stage': keyStage,
      });
      expect(await axeViolations(pub)).to.deep.equal([]);
      const rec = await loaded('attainment-gap-table', {
        src: demo('assessments.csv'),
        'pupils-src': demo('pupils.csv'),
        'key-stage': keyStage,
      });
      expectSameNumbers(pub, rec, [text(rec.shadowRoot!.querySelector('table.gaps caption'))]);
      expect(text(pub.shadowRoot!.querySelector('[part=summary]'))).to.equal(
        text(rec.shadowRoot!.querySelector('[part=summary]')),
      );
      expect(text(pub.shadowRoot!.querySelector('.footnotes'))).to.contain(
        'Published figures for Anytown (synthetic), 2014-15 to 2023-24',
      );
      expect(buttons(pub)).not.to.include('Download summary (JSON)');
      expect(buttons(rec)).to.include('Download summary (JSON)');
      pub.remove();
      rec.remove();
    }
  });

  it('<rereferral-curve> from summary.json shows the numbers it shows from the records: curves, number at risk, hazard ratios', async () => {
    const pub = await loaded('rereferral-curve', { 'results-src': demo('summary.json') });
    const rec = await loaded('rereferral-curve', { src: demo('assessments.csv') });
    expect(await axeViolations(pub)).to.deep.equal([]);
    const curves = expectSameNumbers(pub, rec, [
      'Percentage re-referred by demand category',
      'Number still followed up, by months since closure',
    ]);
    // The monthly grid leaves some yearly at-risk counts out: they show as c, with the footnote.
    expect(curves.suppressed).to.be.greaterThan(0);
    expect(text(pub.shadowRoot!.querySelector('[part=risk-table]'))).to.contain(
      'c: not shown, to protect children',
    );
    expect(text(pub.shadowRoot!.querySelector('[part=summary]'))).to.equal(
      text(rec.shadowRoot!.querySelector('[part=summary]')),
    );
    await show(pub, 'hazard-ratios');
    await show(rec, 'hazard-ratios');
    expectSameNumbers(pub, rec, ['Hazard ratios of re-referral against Domestic abuse as a single factor']);
    expect(await axeViolations(pub)).to.deep.equal([]);
  });

  it('<demand-category-chart> from summary.json shows the numbers it shows from the records, in every view', async () => {
    const pub = await loaded('demand-category-chart', { 'results-src': demo('summary.json') });
    const rec = await loaded('demand-category-chart', { src: demo('assessments.csv') });
    expect(await axeViolations(pub)).to.deep.equal([]);
    expectSameNumbers(pub, rec, ['Share of assessments by category']);
    expect(text(pub.shadowRoot!.querySelector('[part=summary]'))).to.equal(
      text(rec.shadowRoot!.querySelector('[part=summary]')),
    );
    await show(pub, 'trend');
    await show(rec, 'trend');
    expectSameNumbers(pub, rec, ['Assessments with factors per financial year']);
    await show(pub, 'profile');
    await show(rec, 'profile');
    expectSameNumbers(pub, rec, ['Share of each category\u2019s assessments recording each factor']);
    let suppressed = 0;
    for (const dimension of ['gender', 'age', 'ethnicity']) {
      await show(pub, 'characteristics', dimension);
      await show(rec, 'characteristics', dimension);
      suppressed += compare(pub, rec).suppressed;
      expectSameNumbers(pub, rec, []);
    }
    // A few small groups of children are suppressed in the demo's summary.
    expect(suppressed).to.be.greaterThan(0);
    expect(await axeViolations(pub)).to.deep.equal([]);
  });

  it('demo/public.html shows all three elements from summary.json, requests no record-level file, starts no worker, and axe finds nothing', async () => {
    const frame = document.createElement('iframe');
    frame.title = 'The public demo page';
    frame.style.width = '1000px';
    frame.style.height = '800px';
    const loadedPage = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = new URL('../../demo/public.html', import.meta.url).href;
    document.body.append(frame);
    await loadedPage;
    const win = frame.contentWindow as Window & typeof globalThis;
    const doc = frame.contentDocument!;
    const elements = [
      ...doc.querySelectorAll<HTMLElement>('demand-category-chart, rereferral-curve, attainment-gap-table'),
    ];
    expect(elements.map((e) => e.localName)).to.deep.equal([
      'demand-category-chart',
      'rereferral-curve',
      'attainment-gap-table',
      'attainment-gap-table',
    ]);
    await until(() => elements.every((e) => e.getAttribute('status') === 'ready'));
    for (const e of elements) expect(e.shadowRoot!.querySelectorAll('table').length).to.be.greaterThan(0);
    const requested = win.performance.getEntriesByType('resource').map((r) => r.name);
    expect(requested.some((u) => u.endsWith('/demo/data/summary.json'))).to.equal(true);
    expect(requested.filter((u) => /assessments\.csv|pupils\.csv|truth\.json/.test(u))).to.deep.equal([]);
    expect(requested.filter((u) => /analysis\.worker/.test(u))).to.deep.equal([]);
    // The kit's shared client is made on the first record-level request: none was made.
    const key = Symbol.for(`csc-demand-widgets.client@${kit.VERSION}`);
    const client = (win as unknown as Record<symbol, { mode: string | null } | undefined>)[key];
    expect(client?.mode ?? null).to.equal(null);
    // The whole page, with its suppressed cells, passes axe.
    await new Promise((resolve, reject) => {
      const script = doc.createElement('script');
      script.src = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).href;
      script.onload = resolve;
      script.onerror = reject;
      doc.head.append(script);
    });
    const axe = (win as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(doc, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
    });
    expect(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`),
    ).to.deep.equal([]);
    frame.remove();
  });

  it('a damaged or altered summary is an error in the element that names the figure', async () => {
    const cases: [string, (s: Summary & Record<string, unknown>) => unknown, string][] = [
      [
        'an at-risk count of 3',
        (s) => {
          s.rereferral!.groups[0]!.nRisk[2] = 3;
          return s;
        },
        '$.rereferral.groups[0].nRisk[2]: 3 is a count from 1 to 5, which this summary\u2019s disclosure rule never publishes',
      ],
      [
        'a count that no longer adds up',
        (s) => {
          s.rereferral!.groups[0]!.n = (s.rereferral!.groups[0]!.n as number) + 100;
          return s;
        },
        '$.rereferral.groups[0]',
      ],
      [
        'not a summary',
        (s) => ({ ...s, format: 'something-else' }),
        '$.format: expected "csc-demand-summary"',
      ],
      [
        'a version 2 summary',
        (s) => ({ ...s, schemaVersion: '2.0' }),
        '$.schemaVersion: expected a version 1.x summary',
      ],
      [
        'a field of the wrong type',
        (s) => {
          (s.rereferral as unknown as Record<string, unknown>).groups = 'none';
          return s;
        },
        '$.rereferral.groups',
      ],
    ];
    for (const [what, alter, message] of cases) {
      const json = JSON.stringify(alter(published() as Summary & Record<string, unknown>));
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const el = makeElement<El>('rereferral-curve');
      expect(await settled(el, () => el.setAttribute('results-src', url)), what).to.equal('error');
      const alert = el.shadowRoot!.querySelector('[role=alert]');
      expect(text(alert), what).to.contain('cannot be shown');
      expect(text(alert).replace(/'/g, '\u2019'), what).to.contain(message.replace(/'/g, '\u2019'));
      el.remove();
      URL.revokeObjectURL(url);
    }
    const el = makeElement<El>('demand-category-chart');
    const url = URL.createObjectURL(
      new Blob(['{"format": "csc-demand-summary", '], { type: 'application/json' }),
    );
    expect(await settled(el, () => el.setAttribute('results-src', url))).to.equal('error');
    expect(text(el.shadowRoot!.querySelector('[role=alert]'))).to.contain('is not valid JSON');
    // A summary without the section the element shows says so.
    const noPupils = { ...published(), attainment: [] };
    const table = makeElement<El>('attainment-gap-table');
    expect(await settled(table, () => (table.results = noPupils))).to.equal('error');
    expect(text(table.shadowRoot!.querySelector('[role=alert]'))).to.contain(
      'This summary has no key stage 4 table of attainment8: it has no attainment tables',
    );
  });

  it('shows c for suppressed figures, explains it under each table, and axe finds nothing', async () => {
    // A small council: one category has 3 pupils at KS4, and the re-referral groups are small.
    const rec = await loaded('attainment-gap-table', {
      src: fixture('assessments.csv', 'attainment-gap-table'),
      'pupils-src': fixture('pupils.csv', 'attainment-gap-table'),
    });
    const summary = await rec.makeSummary();
    expect(core.validateSummary(summary).errors).to.deep.equal([]);
    const pub = makeElement<El>('attainment-gap-table');
    expect(await settled(pub, () => (pub.results = summary))).to.equal('complete');
    const row = [...pub.shadowRoot!.querySelectorAll('table.gaps tr')].find((r) =>
      text(r).startsWith('Sexual abuse'),
    )!;
    expect([...row.querySelectorAll('td')].map((td) => text(td))).to.deep.equal(['c', 'c', 'c', 'c', 'c']);
    expect(text(pub.shadowRoot!.querySelector('.footnotes'))).to.contain(
      'c: not shown to protect children\u2019s privacy',
    );
    expect(await axeViolations(pub)).to.deep.equal([]);

    kit.configurePublishing({ threshold: 60 });
    const curves = await loaded('rereferral-curve', {
      src: fixture('assessments.csv', 'rereferral-curve'),
      public: '',
    });
    const withheld = (curves.result as { groups: { suppressed?: boolean; label: string }[] }).groups.filter(
      (g) => g.suppressed,
    );
    expect(withheld.length).to.be.greaterThan(0);
    const t = tables(curves).get('Percentage re-referred by demand category')!;
    for (const g of withheld) {
      // Its curve and figures are withheld, and at least one of its counts.
      const cells = t.rows.get(g.label)!;
      expect(cells.slice(2)).to.deep.equal(['c', 'c']);
      expect(cells.slice(0, 2)).to.include('c');
    }
    const notes = text(curves.shadowRoot!.querySelector('[part=table] .footnotes'));
    expect(notes).to.contain('c: not shown, to protect children\u2019s privacy: a count from 1 to 60');
    expect(notes).to.contain(`Not drawn, and their figures shown as c: ${withheld[0]!.label}`);
    expect(await axeViolations(curves)).to.deep.equal([]);
  });

  it('shows c for a model term withheld because its level has few records, with a footnote saying so', async () => {
    // As publishRereferral and publishAttainment write a term whose level has 1 to 5 records.
    const summary = published();
    const withhold = (t: object) =>
      Object.assign(
        t,
        { suppressed: true, suppressedReason: 'small-level' },
        ...['hr', 'lower', 'upper', 'p', 'coef', 'se', 'estimate']
          .filter((k) => k in t)
          .map((k) => ({ [k]: null })),
      );
    const coxTerm = summary.rereferral!.cox!.terms.find((t) => t.term.startsWith('source='))!;
    withhold(coxTerm);
    const ks4 = summary.attainment[0]!;
    const senTerm = ks4.model!.terms.find((t) => t.term.startsWith('sen='))!;
    withhold(senTerm);
    expect(core.validateSummary(summary).errors).to.deep.equal([]);

    const curves = makeElement<El>('rereferral-curve');
    curves.view = 'hazard-ratios';
    expect(await settled(curves, () => (curves.results = summary))).to.equal('complete');
    const other = tables(curves).get('The other terms of the model')!;
    expect(other.rows.get(coxTerm.label)).to.deep.equal(['c', 'c', 'c']);
    const shown = [...other.rows.entries()].filter(([label]) => label !== coxTerm.label);
    expect(shown.length).to.be.greaterThan(2);
    for (const [, cells] of shown) expect(cells).not.to.include('c');
    const notes = [...curves.shadowRoot!.querySelectorAll('.footnotes')].map((n) => text(n)).join(' ');
    expect(notes).to.contain('the term\u2019s level, or the level it is compared with, has 1 to 5 episodes');
    expect(await axeViolations(curves)).to.deep.equal([]);

    const table = makeElement<El>('attainment-gap-table');
    expect(await settled(table, () => (table.results = summary))).to.equal('complete');
    table.shadowRoot!.querySelector<HTMLDetailsElement>('details.terms')!.open = true;
    const coefficients = [...tables(table).entries()].find(([caption]) =>
      caption.startsWith('Coefficients'),
    )![1];
    expect(coefficients.rows.get(senTerm.term)).to.deep.equal(['c', 'c', 'c', 'c']);
    expect(coefficients.rows.get('fsm')).not.to.include('c');
    expect(text(table.shadowRoot!.querySelector('details.terms'))).to.contain(
      'has 1 to 5 pupils in the model',
    );
    expect(await axeViolations(table)).to.deep.equal([]);
  });

  it('Download summary saves the file csc-demand analyse writes from the same files', async () => {
    kit.configurePublishing({ areaName: 'Anytown (synthetic)' });
    const el = await loaded('attainment-gap-table', {
      src: demo('assessments.csv'),
      'pupils-src': demo('pupils.csv'),
    });
    const file = await download(el, 'Download summary (JSON)');
    expect(file.name).to.equal('anytown-synthetic-summary.json');
    const mine = JSON.parse(file.text) as Summary;
    expect(core.validateSummary(mine).errors).to.deep.equal([]);
    const cli = published();
    expect(Date.parse(mine.metadata.generatedAt!)).to.be.greaterThan(Date.parse(cli.metadata.generatedAt!));
    mine.metadata.generatedAt = cli.metadata.generatedAt;
    // The same document, figure for figure: the browser's Math (exp, log, pow in the p-values and
    // the Cox fit) may differ from Node's in the last bits, so numbers agree to 9 significant digits.
    expect(differences(mine, cli)).to.deep.equal([]);
    await until(() => text(el.shadowRoot!.querySelector('[part=summary-note]')) === 'The summary was saved.');
  });

  it('under the public attribute, or the page\u2019s meta tag, record-level data show only what the summary shows', async () => {
    const pub = await loaded('rereferral-curve', { 'results-src': demo('summary.json') });
    const open = await loaded('rereferral-curve', { src: demo('assessments.csv'), public: '' });
    const c = compare(open, pub);
    expect(c.mismatches).to.deep.equal([]);
    expect(c.equal).to.equal(c.compared);
    expect(c.compared).to.be.greaterThan(100);
    expect(buttons(open)).not.to.include('Download summary (JSON)');
    open.remove();

    const meta = document.createElement('meta');
    meta.name = 'csc-demand-public';
    meta.content = 'true';
    document.head.append(meta);
    try {
      const byPage = await loaded('attainment-gap-table', {
        src: demo('assessments.csv'),
        'pupils-src': demo('pupils.csv'),
      });
      const fromFile = await loaded('attainment-gap-table', { 'results-src': demo('summary.json') });
      const d = compare(byPage, fromFile);
      expect(d.mismatches).to.deep.equal([]);
      expect(d.equal).to.equal(d.compared);
      expect((byPage.result as { publication?: unknown }).publication).not.to.equal(undefined);
      expect(buttons(byPage)).not.to.include('Download summary (JSON)');
    } finally {
      meta.remove();
    }
  });
});
