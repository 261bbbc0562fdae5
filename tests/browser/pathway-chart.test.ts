// <pathway-chart> in the built kit: what a reader sees for a council's assessments in each of the four
// views (summary, caption, chart named by the summary, table), from the keyboard, with downloads, in
// public mode and from a published summary, and in the loading, empty and error states. The fixture
// is a synthetic council of 3,000 assessments (`csc-demand synth --assessments 3000 --seed 7`) and
// its summary (`csc-demand analyse --assessments assessments.csv --out summary.json`).
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
import type { CscPathwayChart } from '../../components/pathway-chart/pathway-chart.js';

type Chart = InstanceType<typeof CscPathwayChart>;

const council = fixture('assessments.csv', 'pathway-chart');
const summary = fixture('summary.json', 'pathway-chart');
const noFactors = fixture('no-factors.csv', 'demand-category-chart');

const make = (attrs: Record<string, string> = {}): Chart => makeElement<Chart>('pathway-chart', attrs);
const root = (el: Chart): ShadowRoot => el.shadowRoot!;
const summaryOf = (el: Chart) => text(root(el).querySelector('[part="summary"]'));

describe('<pathway-chart>', () => {
  afterEach(() => document.querySelectorAll('pathway-chart').forEach((e) => e.remove()));

  it('is registered by the kit', () => {
    expect(customElements.get('pathway-chart')).to.equal(kit.CscPathwayChart);
  });

  it('shows a labelled progress bar, then each category against the council and England', async () => {
    const el = make();
    const started = next(el, 'csc-analysis-start');
    const done = next(el, 'csc-analysis-complete');
    el.src = council;
    await started;
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('loading');
    expect(root(el).querySelector('progress')!.labels![0]!.textContent).to.match(
      /^(Loading the data|Downloading the data|Reading the data|Analysing)/,
    );
    await done;
    await el.updateComplete;
    expect(el.status).to.equal('ready');
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(text(root(el).querySelector('h2'))).to.equal('What happened after the assessment');
    const sentence = summaryOf(el);
    expect(sentence).to.match(
      /^Within 12 months of [\d,]+ assessments, \d+% ended with no further action, \d+% led to a child protection plan and \d+% to care \(England: 40%, 9% and 5%\); .+ most often led to a plan or care \(\d+%\)\.$/,
    );
    const rows = cells(tableIn(root(el), 'Highest intervention within 12 months'));
    expect(rows[0]![0]).to.equal('England (national study)');
    expect(rows[0]!.slice(2)).to.deep.equal(['40.0%', '45.0%', '9.0%', '5.0%']);
    expect(rows[1]![0]).to.equal('This council: all assessments');
    expect(rows[2]![2]).to.match(/^\d+\.\d% \(\d+\.\d% to \d+\.\d%\)( ▲ higher| ▼ lower)?$/);
    const svg = await chartSvgIn(root(el));
    expect(svg.getAttribute('aria-label')).to.equal(sentence);
    // Higher and lower are said in words as well as by the marks.
    expect(svg.textContent).to.match(/(▲ higher|▼ lower): /);
  });

  it('shows every view with a caption, a summary, a chart named by the summary and a table', async () => {
    const el = make();
    await settled(el, () => (el.src = council));
    const expectations: [string, RegExp, RegExp, string][] = [
      [
        'adjusted',
        /^Against .+, and for children of the same age, gender and ethnic group, /,
        /Wald intervals/,
        'Adjusted odds ratios',
      ],
      [
        'gradient',
        /(decile more deprived|no clear gradient)/,
        /likelihood-ratio test/,
        'Share with a plan or care by deprivation decile',
      ],
      [
        'plans',
        /^Of [\d,]+ neglect plans, \d+% followed an assessment that had not recorded neglect\.$/,
        /InitialCategoryOfAbuse/,
        'Child protection plans whose assessment',
      ],
    ];
    for (const [view, sentence, caption, table] of expectations) {
      el.view = view as Chart['view'];
      await el.updateComplete;
      expect(summaryOf(el), view).to.match(sentence);
      expect(text(root(el).querySelector('[part="caption"]')), view).to.match(caption);
      expect(cells(tableIn(root(el), table)).length, view).to.be.greaterThan(1);
      const svg = await chartSvgIn(root(el));
      expect(svg.getAttribute('aria-label')).to.equal(summaryOf(el));
      expect(await axeViolations(el), view).to.deep.equal([]);
    }
    expect(cells(tableIn(root(el), 'Child protection plans whose assessment'))[0]![0]).to.equal(
      'Neglect (16A)',
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
      expect(radio.value).to.equal('pathways');
      const changed = next<{ view: string }>(el, 'csc-view-change');
      await sendKeys({ press: 'ArrowRight' });
      expect((await changed).detail.view).to.equal('adjusted');
      await el.updateComplete;
      expect(el.getAttribute('view')).to.equal('adjusted');
      const region = await tabTo((e) => e?.getAttribute('role') === 'region');
      expect(region.getAttribute('aria-label')).to.match(/^Adjusted odds ratios/);
      await tabTo((e) => text(e) === 'Download the table (CSV)');
      const csv = nextDownload();
      await sendKeys({ press: 'Enter' });
      const file = await csv;
      expect(file.name).to.equal('assessments-pathways-adjusted.csv');
      const lines = file.text.replace('\ufeff', '').trim().split('\r\n');
      expect(lines[0]).to.equal('model,term,label,odds_ratio,lower,upper,p,coef,se');
      expect(lines[1]).to.match(/^plan,category=/);
      await tabTo((e) => text(e) === 'Download the chart (SVG)');
      const svgFile = nextDownload();
      await sendKeys({ press: 'Enter' });
      const saved = await svgFile;
      expect(saved.name).to.equal('assessments-pathways-adjusted.svg');
      expect(saved.text).to.match(/^<svg[^>]*><title>Against /);
      await tabTo((e) => text(e) === 'Download the chart (PNG)');
    } finally {
      before.remove();
    }
  });

  it('in public mode shows what a published summary would: small counts as c', async () => {
    const el = make({ public: '' });
    await settled(el, () => (el.src = council));
    expect(el.status, text(root(el))).to.equal('ready');
    expect(el.result!.publication?.threshold).to.equal(5);
    const rows = cells(tableIn(root(el), 'Highest intervention within 12 months'));
    expect(rows.flat()).to.include('c');
    expect(text(root(el))).to.contain('c: not shown, to protect children');
    expect(text(root(el))).not.to.contain('Download summary');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows a published summary without the worker (results-src), every view drawn', async () => {
    const el = make();
    await settled(el, () => el.setAttribute('results-src', summary));
    expect(el.status, text(root(el))).to.equal('ready');
    expect(text(root(el))).to.contain('Published figures');
    for (const view of ['pathways', 'adjusted', 'gradient', 'plans'] as const) {
      el.view = view;
      await el.updateComplete;
      await chartSvgIn(root(el));
      expect(summaryOf(el), view).to.match(/\.$/);
    }
    const wrong = make();
    await settled(wrong, () => (wrong.results = { kind: 'something else' }));
    expect(wrong.status).to.equal('error');
    expect(text(root(wrong).querySelector('[role="alert"]'))).to.contain(
      'These figures are neither a pathways result nor a published summary.',
    );
  });

  it('says when no assessment can be followed (the empty state), and names a bad attribute', async () => {
    const el = make();
    await settled(el, () => (el.src = noFactors));
    expect(el.status).to.equal('empty');
    expect(text(root(el))).to.contain('No assessment here has both a demand category and a whole window');
    expect(await axeViolations(el)).to.deep.equal([]);
    const bad = make({ window: 'a year' });
    await settled(bad, () => (bad.src = council));
    expect(text(root(bad).querySelector('[role="alert"]'))).to.contain(
      'The window attribute should be a whole number of months from 1 to 120; got "a year"',
    );
    const split = make({ split: 'gender' });
    await settled(split, () => (split.src = council));
    expect(text(root(split).querySelector('[role="alert"]'))).to.contain('The split attribute should be');
  });

  it('lays out at 320 px: nothing wider than the element but the tables, which scroll', async () => {
    const box = document.createElement('div');
    box.style.width = '320px';
    document.body.append(box);
    const el = document.createElement('pathway-chart') as Chart;
    box.append(el);
    try {
      await settled(el, () => (el.src = council));
      const svg = await chartSvgIn(root(el));
      expect(svg.getBoundingClientRect().width).to.be.at.most(321);
      expect(el.scrollWidth).to.be.at.most(321);
    } finally {
      box.remove();
    }
  });
});
