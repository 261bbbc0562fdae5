// <csc-dataset-summary> in the built kit: what a reader sees for a good file, a file with some bad
// rows, a file with none usable, a missing file; its inputs (src, file, data, results); accessibility.
import { expect } from '@esm-bundle/chai';
import {
  axeViolations,
  bigCsv,
  cells,
  fixture,
  kit,
  makeElement,
  next,
  settled,
  tableIn,
  text,
} from './kit.js';
import type { CscDatasetSummary } from '../../components/dataset-summary/dataset-summary.js';

type Summary = InstanceType<typeof CscDatasetSummary>;

const make = (attrs: Record<string, string> = {}): Summary =>
  makeElement<Summary>('csc-dataset-summary', attrs);

describe('<csc-dataset-summary>', () => {
  afterEach(() => document.querySelectorAll('csc-dataset-summary').forEach((e) => e.remove()));

  it('is registered by the kit, and a second copy of the kit on the page does nothing', async () => {
    expect(customElements.get('csc-dataset-summary')).to.equal(kit.CscDatasetSummary);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => warnings.push(a);
    try {
      const copy = new URL('/second-copy/dist/csc-demand-widgets.js', location.origin).href;
      const second = (await import(/* @vite-ignore */ copy)) as typeof kit;
      expect(second.CscDatasetSummary).to.not.equal(kit.CscDatasetSummary);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('csc-dataset-summary')).to.equal(kit.CscDatasetSummary);
    expect(warnings).to.deep.equal([]); // same version: silent
  });

  it('shows a summary given as results without starting a worker, as text even if it holds markup', async () => {
    const el = make();
    const loaded = kit.createAnalysisClient();
    const { summary } = await loaded.loadDataset(fixture('assessments-small.csv'));
    loaded.terminate();
    const hostile = { ...summary, file: '<img src=x onerror="window.__pwned=1">.csv' };
    await settled(el, () => (el.results = hostile));
    expect(el.status).to.equal('ready');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(el.shadowRoot)).to.contain('<img src=x');
    expect((globalThis as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(kit.getAnalysisClient().mode).to.equal(null); // the page's worker never started
  });

  it('shows the figures of a good file', async () => {
    const el = make();
    await settled(el, () => (el.src = fixture('assessments-small.csv')));
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(el.status).to.equal('ready');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('About this dataset');
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal(
      '12 assessments of 9 children in 10 episodes with referrals from April 2019 to March 2021.',
    );
    const glance = Object.fromEntries(cells(tableIn(el.shadowRoot!, 'The dataset at a glance')));
    expect(glance).to.include({
      Assessments: '12',
      Children: '9',
      'Episodes (referrals)': '10',
      'First referral': '1 April 2019',
      'Last referral': '15 March 2021',
      'Rows excluded': '0',
    });
    const factors = cells(tableIn(el.shadowRoot!, 'Factors identified at assessment'));
    expect(factors.find((r) => r[0] === '3B')).to.deep.equal([
      '3B',
      'Domestic abuse: the parent or carer is a subject',
      '4',
      '33.3%',
    ]);
    expect(factors.map((r) => r[0])).to.deep.equal(['1B', '2B', '3A', '3B', '3C', '4A', '4B', '5B', '21']);
  });

  it('lists excluded rows with their reasons and line numbers, and unknown codes', async () => {
    const el = make();
    await settled(el, () => (el.src = fixture('assessments-some-bad.csv')));
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(el.status).to.equal('ready');
    expect(cells(tableIn(el.shadowRoot!, 'Rows excluded, by reason'))).to.deep.equal([
      ['Not a date', '1'],
      ['Assessment before referral', '1'],
    ]);
    const problems = [...el.shadowRoot!.querySelectorAll('.problems li')].map((li) => li.textContent);
    expect(problems[0]).to.contain('line 3, column referral_date');
    expect(problems[1]).to.contain('line 4, column assessment_date');
    expect(text(el.shadowRoot)).to.contain('99Z (1 assessment)');
    expect(text(el.shadowRoot)).to.contain('2 rows could not be used');
  });

  it('shows an error naming the line when no row can be used', async () => {
    const el = make();
    await settled(el, () => (el.src = fixture('assessments-unusable.csv')));
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(el.getAttribute('status')).to.equal('error');
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('assessments-unusable.csv line 2, column referral_date');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)[1]).to.contain('line 3');
  });

  it('shows an error in the page when the file is missing', async () => {
    const el = make();
    const failed = next<{ error: { code: string } }>(el, 'csc-analysis-error');
    el.src = fixture('missing.csv');
    expect((await failed).detail.error.code).to.equal('fetch-failed');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('404');
  });

  it('shows a labelled progress bar while a picked file loads, then its summary', async () => {
    const el = make({ heading: 'Your file', 'heading-level': '3' });
    const progress = next(el, 'csc-analysis-progress');
    const done = next(el, 'csc-analysis-complete');
    el.file = bigCsv(400_000, 'mine.csv');
    await progress;
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    const bar = el.shadowRoot!.querySelector('progress')!;
    expect(bar.labels[0]!.textContent).to.match(/^Reading the data/);
    expect(await axeViolations(el)).to.deep.equal([]);
    await done;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.equal('Your file');
    expect(el.result!.records).to.equal(400_000);
    expect(el.result!.file).to.equal('mine.csv');
  });

  it('shows only the newest source when the source changes while loading', async () => {
    const el = make();
    const completes: unknown[] = [];
    el.addEventListener('csc-analysis-complete', (e) => completes.push((e as CustomEvent).detail.result));
    const progress = next(el, 'csc-analysis-progress');
    el.file = bigCsv(400_000, 'old.csv');
    await progress;
    const done = next(el, 'csc-analysis-complete');
    el.file = null;
    el.src = fixture('assessments-small.csv');
    await done;
    const stats = await kit.getAnalysisClient().stats();
    expect(stats.requestsActive).to.equal(0);
    expect(completes.length).to.equal(1);
    expect(el.result!.file).to.equal('assessments-small.csv');
  });

  it('reads rows given as the data property', async () => {
    const el = make();
    await settled(el, () => {
      el.data = [
        { child_id: 'R1', referral_date: '2022-01-10', assessment_date: '2022-01-20', factors: '3B' },
        { child_id: 'R1', referral_date: '2022-06-10', assessment_date: '2022-06-20', factors: '4B' },
      ];
    });
    expect(el.result!.records).to.equal(2);
    expect(el.result!.episodes).to.equal(2);
    expect(el.result!.children).to.equal(1);
  });

  it('refuses results that are not a dataset summary', async () => {
    const el = make();
    await settled(el, () => (el.results = { hello: 'world' }));
    expect(el.status).to.equal('error');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('not a dataset summary');
  });
});
