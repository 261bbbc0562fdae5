// <demand-category-chart> in the built kit: what a reader sees for a council's assessments in each of
// the four views (summary, caption, chart, table), from the keyboard, with downloads, and in the
// loading, empty and error states. The fixture is a synthetic council of 3,000 assessments
// (`csc-demand synth --assessments 3000 --seed 7`, the columns this element reads).
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import {
  axeViolations,
  cells,
  chartSvgIn,
  fixture,
  kit,
  makeElement,
  next,
  nextDownload,
  settled,
  tabTo,
  tableIn,
  text,
} from './kit.js';
import type { CscDemandCategoryChart } from '../../components/demand-category-chart/demand-category-chart.js';

type Chart = InstanceType<typeof CscDemandCategoryChart>;

const council = fixture('assessments.csv', 'demand-category-chart');
const noFactors = fixture('no-factors.csv', 'demand-category-chart');

const make = (attrs: Record<string, string> = {}): Chart =>
  makeElement<Chart>('demand-category-chart', attrs);
const root = (el: Chart): ShadowRoot => el.shadowRoot!;
const table = (el: Chart, caption: string): HTMLTableElement => tableIn(root(el), caption);
const chartSvg = (el: Chart): Promise<SVGSVGElement> => chartSvgIn(root(el));

describe('<demand-category-chart>', () => {
  afterEach(() => document.querySelectorAll('demand-category-chart').forEach((e) => e.remove()));

  it('is registered by the kit', () => {
    expect(customElements.get('demand-category-chart')).to.equal(kit.CscDemandCategoryChart);
  });

  it('shows a progress bar with a label while it works, then the shares against England', async () => {
    const el = make();
    const started = next(el, 'csc-analysis-start');
    const done = next(el, 'csc-analysis-complete');
    el.src = council;
    await started;
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('loading');
    const progress = root(el).querySelector('progress')!;
    expect(progress.labels![0]!.textContent).to.match(
      /^(Loading the data|Downloading the data|Reading the data|Analysing)/,
    );
    expect(await axeViolations(el)).to.deep.equal([]);
    await done;
    await el.updateComplete;
    expect(el.status).to.equal('ready');
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(text(root(el).querySelector('h2'))).to.equal('Categories of demand');
    const summary = text(root(el).querySelector('[part="summary"]'));
    expect(summary).to.match(
      /^Domestic abuse as a single factor was the largest category, \d+(\.\d)?% of assessments, (close to|above|below) England’s \d+(\.\d)?%/,
    );
    expect(text(root(el).querySelector('[part="caption"]'))).to.match(
      /^Share of the [\d,]+ assessments with factors in each of the 12 national categories of demand, with 95% intervals/,
    );
    const rows = cells(table(el, 'Share of assessments by category'));
    expect(rows.length).to.equal(12);
    expect(rows[0]![0]).to.equal('Domestic abuse as a single factor');
    expect(rows[0]![2]).to.match(/^\d+\.\d%$/);
    expect(rows[0]![3]).to.match(/^\d+\.\d% to \d+\.\d%$/);
    expect(rows[0]![4]).to.equal('20.6%');
    expect(['Similar', 'Higher', 'Lower']).to.include(rows[0]![5]);
    const svg = await chartSvg(el);
    expect(svg.getAttribute('aria-label')).to.equal(summary);
    // The chart's text says the comparison in words, not by colour alone.
    expect(svg.textContent).to.match(
      /Domestic abuse as a single factor: \d+\.\d%, (similar to|higher than|lower than) England/,
    );
  });

  it('reaches the view switch, the table and the downloads from the keyboard', async () => {
    const el = make();
    await settled(el, () => (el.src = council));
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.prepend(before);
    before.focus();
    try {
      const radio = (await tabTo((e) => e?.localName === 'input')) as HTMLInputElement;
      expect(radio.value).to.equal('share');
      expect(radio.checked).to.equal(true);
      const changed = next<{ view: string }>(el, 'csc-view-change');
      await sendKeys({ press: 'ArrowRight' });
      expect((await changed).detail.view).to.equal('trend');
      await el.updateComplete;
      expect(el.getAttribute('view')).to.equal('trend');
      expect(text(root(el).querySelector('[part="summary"]'))).to.match(
        / grew most, to \d+ in 2023-24 against 100 in 2014-15 \(all assessments with factors: \d+\)\.$/,
      );
      const region = await tabTo((e) => e?.getAttribute('role') === 'region');
      expect(region.getAttribute('aria-label')).to.equal('Growth, indexed to 2014-15 = 100');
      const csvButton = await tabTo((e) => text(e) === 'Download the table (CSV)');
      const csv = nextDownload();
      await sendKeys({ press: 'Enter' });
      const file = await csv;
      expect(csvButton.localName).to.equal('button');
      expect(file.name).to.equal('assessments-demand-trend.csv');
      const lines = file.text.replace('\ufeff', '').trim().split('\r\n');
      expect(lines[0]).to.equal('Category,Financial year,Part year,Assessments,Index (2014-15 = 100)');
      expect(lines[1]).to.match(/^Domestic abuse as a single factor,2014-15,no,\d+,100$/);
      await tabTo((e) => text(e) === 'Download the chart (SVG)');
      const svgFile = nextDownload();
      await sendKeys({ press: 'Enter' });
      const saved = await svgFile;
      expect(saved.name).to.equal('assessments-demand-trend.svg');
      expect(saved.text).to.match(/^<svg[^>]*><title>.+ grew most/);
      await tabTo((e) => text(e) === 'Download the chart (PNG)');
    } finally {
      before.remove();
    }
  });

  it('shows every view with a caption, a summary, a chart named by the summary and a table', async () => {
    const el = make();
    await settled(el, () => (el.src = council));
    const expectations: [string, RegExp, string][] = [
      ['share', /was the largest category/, 'Share of assessments by category'],
      ['trend', /grew most/, 'Growth, indexed to'],
      [
        'profile',
        /^Each category is known by the factors its assessments record most/,
        'Share of each category',
      ],
      ['characteristics', /^By gender, /, 'Ratio of each category'],
    ];
    for (const [view, summaryPattern, caption] of expectations) {
      el.view = view as Chart['view'];
      await el.updateComplete;
      const summary = text(root(el).querySelector('[part="summary"]'));
      expect(summary, view).to.match(summaryPattern);
      expect(text(root(el).querySelector('[part="caption"]')).length, view).to.be.above(40);
      expect(table(el, caption).tBodies[0]!.rows.length, view).to.be.above(1);
      const svg = await chartSvg(el);
      expect(svg.getAttribute('aria-label'), view).to.equal(summary);
      expect(await axeViolations(el), view).to.deep.equal([]);
    }
    // The characteristics view has its own switch: gender, age, ethnic group.
    const dims = [...root(el).querySelectorAll<HTMLInputElement>('[part="dimension-switch"] input')];
    expect(dims.map((d) => d.value)).to.deep.equal(['gender', 'age', 'ethnicity']);
    const changed = next<{ dimension: string }>(el, 'csc-view-change');
    dims[1]!.click();
    expect((await changed).detail.dimension).to.equal('age');
    await el.updateComplete;
    expect(text(root(el).querySelector('[part="summary"]'))).to.match(/^By age, /);
    const head = [...table(el, 'Ratio of each category').tHead!.rows[0]!.cells].map((c) => text(c));
    expect(head[0]).to.equal('Category');
    expect(
      head
        .slice(1)
        .every((h) => /^(Unborn|Under 1|1 to 4|5 to 9|10 to 15|16 and over|Not known) \([\d,]+\)$/.test(h)),
    ).to.equal(true);
  });

  it('finds groups of its own with model="local" and shows the fit for each number of groups', async () => {
    const el = make({ model: 'local', classes: '4' });
    await settled(el, () => (el.src = council));
    expect(el.status).to.equal('ready');
    expect(el.result!.categories.length).to.equal(4);
    expect(text(root(el).querySelector('[part="summary"]'))).to.match(
      /was the largest of the 4 groups found in these assessments/,
    );
    const head = [...table(el, 'Share of assessments by category').tHead!.rows[0]!.cells].map((c) => text(c));
    expect(head).to.include('Nearest national category');
    expect(cells(table(el, 'Fit for each number of groups'))[0]![0]).to.equal('4 (chosen)');
    expect(
      [...root(el).querySelectorAll('button')].some(
        (b) => text(b) === 'Download the groups as a scheme (JSON)',
      ),
    ).to.equal(true);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('takes a scheme of its own from scheme-src (as the local model saves it), and says when it cannot', async () => {
    const local = make({ model: 'local', classes: '3' });
    await settled(local, () => (local.src = council));
    const scheme = local.result!.localScheme!;
    const url = URL.createObjectURL(new Blob([JSON.stringify(scheme)], { type: 'application/json' }));
    const el = make({ 'scheme-src': url });
    await settled(el, () => (el.src = council));
    expect(el.status, text(root(el))).to.equal('ready');
    expect(el.result!.categories.map((c) => c.name)).to.have.members(scheme.categories.map((c) => c.name));
    expect(el.result!.scheme?.version).to.equal(scheme.version);
    URL.revokeObjectURL(url);
    const missing = make({ 'scheme-src': new URL('no-such-scheme.json', council).href });
    await settled(missing, () => (missing.src = council));
    expect(missing.status).to.equal('error');
    expect(text(root(missing).querySelector('[role="alert"]'))).to.match(
      /Could not fetch the scheme from .*no-such-scheme\.json: the server answered 404/,
    );
  });

  it('shows published figures without the worker, and text from the data stays text', async () => {
    const el = make();
    await settled(el, () => (el.src = council));
    const result = structuredClone(el.result!);
    result.categories[0]!.name = '<img src=x onerror="window.__pwned=1">';
    const copy = make({ view: 'share' });
    await settled(copy, () => (copy.results = JSON.parse(JSON.stringify(result))));
    expect(copy.status).to.equal('ready');
    await chartSvg(copy);
    expect(root(copy).querySelector('img')).to.equal(null);
    expect(text(root(copy))).to.contain('<img src=x');
    expect((globalThis as { __pwned?: number }).__pwned).to.equal(undefined);
    const wrong = make();
    await settled(wrong, () => (wrong.results = { kind: 'something else' }));
    expect(wrong.status).to.equal('error');
    expect(text(root(wrong).querySelector('[role="alert"]'))).to.contain(
      'These figures are not a demand result.',
    );
  });

  it('says when no assessment records a factor (the empty state)', async () => {
    const el = make();
    await settled(el, () => (el.src = noFactors));
    expect(el.status).to.equal('empty');
    expect(text(root(el))).to.contain('No assessment here records a factor');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows an error naming the line when no row can be used, and one naming a bad attribute', async () => {
    const el = make();
    await settled(el, () => (el.src = fixture('assessments-unusable.csv')));
    expect(el.getAttribute('status')).to.equal('error');
    expect(text(root(el).querySelector('[role="alert"]'))).to.contain(
      'assessments-unusable.csv line 2, column referral_date',
    );
    expect(await axeViolations(el)).to.deep.equal([]);
    const bad = make({ model: 'regional' });
    await settled(bad, () => (bad.src = council));
    expect(text(root(bad).querySelector('[role="alert"]'))).to.contain(
      'The model attribute should be national or local; got "regional"',
    );
    const period = make({ period: 'last year' });
    await settled(period, () => (period.src = council));
    expect(text(root(period).querySelector('[role="alert"]'))).to.contain('The period attribute should be');
  });

  it('limits the figures to a period of financial years', async () => {
    const el = make({ period: '2018-2020' });
    await settled(el, () => (el.src = council));
    expect(el.result!.years.map((y) => y.year)).to.deep.equal(['2018-19', '2019-20']);
    expect(text(root(el).querySelector('[part="caption"]'))).to.contain('in 2018-19 to 2019-20');
  });
});
