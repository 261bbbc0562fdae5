// Elements fed the council's CIN census return (XML) instead of a CSV: by `src` and by `file`, and
// several yearly returns at once (`file` an array), read in the worker with carried-over episodes
// merged. The fixtures hold the same twelve assessments as assessments-small.csv, so the figures a
// reader sees are those of the CSV.
import { expect } from '@esm-bundle/chai';
import { axeViolations, cells, fixture, makeElement, settled, tableIn } from './kit.js';
import type { CscDatasetSummary } from '../../components/dataset-summary/dataset-summary.js';
import type { CscDemandCategoryChart } from '../../components/demand-category-chart/demand-category-chart.js';

type Summary = InstanceType<typeof CscDatasetSummary>;

const sentence = '12 assessments of 9 children in 10 episodes with referrals from April 2019 to March 2021.';

async function picked(name: string): Promise<File> {
  const r = await fetch(fixture(name));
  return new File([await r.blob()], name, { type: 'text/xml' });
}

describe('a CIN census return given to an element', () => {
  afterEach(() =>
    document.querySelectorAll('csc-dataset-summary, demand-category-chart').forEach((e) => e.remove()),
  );

  it('reads a return from src and shows the same figures as the CSV', async () => {
    const el = makeElement<Summary>('csc-dataset-summary');
    expect(await settled(el, () => (el.src = fixture('cin-small.xml')))).to.equal('complete');
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal(sentence);
    expect(el.shadowRoot!.textContent).to.contain('Read from cin-small.xml (CIN census return, UTF-8)');
    const factors = cells(tableIn(el.shadowRoot!, 'Factors identified at assessment'));
    expect(factors.map((r) => r[0])).to.deep.equal(['1B', '2B', '3A', '3B', '3C', '4A', '4B', '5B', '21']);
  });

  it('reads a return the reader picked (file), in the worker', async () => {
    const el = makeElement<Summary>('csc-dataset-summary');
    const file = await picked('cin-small.xml');
    expect(await settled(el, () => (el.file = file))).to.equal('complete');
    expect(el.result!.file).to.equal('cin-small.xml');
    expect(el.result!.records).to.equal(12);
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal(sentence);
  });

  it('reads two yearly returns picked together as one dataset, an open episode counted once', async () => {
    const el = makeElement<Summary>('csc-dataset-summary');
    const files = [await picked('cin-2019-20.xml'), await picked('cin-2020-21.xml')];
    expect(await settled(el, () => (el.file = files))).to.equal('complete');
    expect(el.result!.records).to.equal(12);
    expect(el.result!.file).to.equal('cin-2019-20.xml, cin-2020-21.xml');
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal(sentence);
    // The merge is told, not only done.
    const notes = [...el.shadowRoot!.querySelectorAll('.notes li')].map((li) => li.textContent);
    expect(notes).to.have.length(1);
    expect(notes[0]).to.match(
      /^5 episodes appeared in more than one return and were merged \(the later return's values kept; 5 assessments sent twice counted once\)$/,
    );
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('feeds an analysis element from a return', async () => {
    const el = makeElement<CscDemandCategoryChart>('demand-category-chart');
    const state = await settled(el, () => (el.src = fixture('cin-small.xml')));
    expect(state).to.equal('complete');
    expect((el.result as { input?: { file?: string; rowsRead?: number } }).input).to.include({
      file: 'cin-small.xml',
      rowsRead: 12,
    });
  });
});
