// <attainment-gap-table> in the built kit: a small council (three demand categories under the national
// model, one of 3 pupils, and pupils not known to social care, KS4 2019; see
// tests/fixtures/attainment-gap-table/make-fixtures.mjs), sorting from the keyboard, suppressed rows,
// the states (loading, empty, error) and the CSV download.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { axeViolations, fixture, kit, makeElement, next, nextDownload, settled, text } from './kit.js';
import type { CscAttainmentGapTable } from '../../components/attainment-gap-table/attainment-gap-table.js';
import type { AttainmentResult } from '../../src/analyses/attainment-types.js';

type Table = InstanceType<typeof CscAttainmentGapTable>;

const assessments = fixture('assessments.csv', 'attainment-gap-table');
const pupils = fixture('pupils.csv', 'attainment-gap-table');
const pupilsBad = fixture('pupils-bad.csv', 'attainment-gap-table');
const make = (attrs: Record<string, string> = {}): Table => makeElement<Table>('attainment-gap-table', attrs);
const root = (el: Table) => el.shadowRoot!;
const gapTable = (el: Table) => root(el).querySelector<HTMLTableElement>('table.gaps')!;
/** Row headers of the categories' body, top to bottom. */
const order = (el: Table) => [...gapTable(el).tBodies[0]!.rows].map((r) => text(r.cells[0]));
const header = (el: Table, label: string) =>
  [...gapTable(el).tHead!.rows[0]!.cells].find((th) => text(th).startsWith(label))!;
const rowOf = (el: Table, label: string) => [...gapTable(el).rows].find((r) => text(r.cells[0]) === label)!;

async function loaded(attrs: Record<string, string> = {}): Promise<Table> {
  const el = make();
  const how = await settled(el, () => {
    for (const [k, v] of Object.entries({
      src: assessments,
      'pupils-src': pupils,
      ...attrs,
    }))
      el.setAttribute(k, v);
  });
  expect(how).to.equal('complete');
  return el;
}

describe('<attainment-gap-table>', () => {
  afterEach(() => document.querySelectorAll('attainment-gap-table').forEach((e) => e.remove()));

  it('is registered by the kit', () => {
    expect(customElements.get('attainment-gap-table')).to.equal(kit.CscAttainmentGapTable);
  });

  it('shows the gaps with a caption, a summary and the national context, and axe finds nothing', async () => {
    const el = await loaded();
    expect(el.status).to.equal('ready');
    expect(await axeViolations(el)).to.deep.equal([]);
    const caption = text(gapTable(el).caption);
    expect(caption).to.contain('Key stage 4 Attainment 8 by demand category, the 2019 exams');
    expect(caption).to.contain('gaps to pupils not known to children\u2019s social care');
    expect(caption).to.contain('ordinary least squares with robust (HC1) standard errors');
    expect(caption).to.contain(
      'adjusted for free school meals, special educational needs, gender, ethnicity, IDACI decile and prior attainment at KS2',
    );
    const summary = text(root(el).querySelector('[part=summary]'));
    expect(summary).to.match(
      /^The widest adjusted gap is for pupils in the category ‘Disability’: [\d.]+ Attainment 8 points below pupils not known/,
    );
    expect(text(root(el).querySelector('[part=caption]'))).to.contain('18.3, against 46.3 for all pupils');
    // Raw and adjusted figures of a shown row, and the comparison group marked as such.
    const n1 = rowOf(el, 'Domestic abuse as a single factor');
    expect(text(n1.cells[1])).to.equal('40');
    expect(text(n1.cells[4])).to.match(/^−\d+\.\d −\d+\.\d to −\d+\.\d$/);
    expect(text(rowOf(el, 'Pupils not known to children’s social care').cells[4])).to.equal('comparison');
    expect(text(rowOf(el, 'All pupils').cells[1])).to.equal('165');
  });

  it('shows c for a group of 1 to 5 pupils (and the group protecting it), explained in a footnote', async () => {
    const el = await loaded();
    const small = rowOf(el, 'Sexual abuse');
    expect([...small.cells].slice(1).map(text)).to.deep.equal(['c', 'c', 'c', 'c', 'c']);
    expect(text(rowOf(el, 'Children in need without a categorised assessment').cells[1])).to.equal('c');
    expect(text(root(el).querySelector('.footnotes'))).to.contain(
      'c: not shown to protect children’s privacy. The group has between 1 and 5 pupils',
    );
    // Nothing of the hidden group reaches the page or the result.
    expect(el.result!.rows.find((r) => r.label === 'Sexual abuse')!.n).to.equal(null);
  });

  it('sorts by any column from the keyboard, updating aria-sort and the order of the rows', async () => {
    const el = await loaded();
    const initial = order(el);
    expect(initial).to.have.length(13);
    expect(initial.slice(0, 2)).to.deep.equal([
      'Domestic abuse as a single factor',
      'Complexities around parental mental health',
    ]);
    expect(header(el, 'Pupils').hasAttribute('aria-sort')).to.equal(false);
    const changes: unknown[] = [];
    el.addEventListener('csc-sort-change', (e) => changes.push((e as CustomEvent).detail));
    // Tab from the Group button to the Pupils button, then Enter.
    header(el, 'Group').querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(text(root(el).activeElement)).to.contain('Pupils');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(header(el, 'Pupils').getAttribute('aria-sort')).to.equal('ascending');
    // Empty categories (0 pupils) first, then 24 and 40; suppressed rows last whatever the direction.
    expect(order(el).slice(-4)).to.deep.equal([
      'Disability',
      'Domestic abuse as a single factor',
      'Sexual abuse',
      'Children in need without a categorised assessment',
    ]);
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(header(el, 'Pupils').getAttribute('aria-sort')).to.equal('descending');
    expect(order(el).slice(0, 2)).to.deep.equal(['Domestic abuse as a single factor', 'Disability']);
    expect(order(el).slice(-2)).to.deep.equal([
      'Sexual abuse',
      'Children in need without a categorised assessment',
    ]);
    expect(text(root(el).querySelector('.sort-status'))).to.contain(
      'Categories sorted by Pupils, descending.',
    );
    // Group, by keyboard: Shift+Tab back to it.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(text(root(el).activeElement)).to.contain('Group');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(header(el, 'Group').getAttribute('aria-sort')).to.equal('ascending');
    expect(header(el, 'Pupils').hasAttribute('aria-sort')).to.equal(false);
    expect(changes).to.deep.equal([
      { column: 'n', direction: 'ascending' },
      { column: 'n', direction: 'descending' },
      { column: 'group', direction: 'ascending' },
    ]);
    // The totals stay below the categories.
    expect([...gapTable(el).tBodies[1]!.rows].map((r) => text(r.cells[0]))).to.deep.equal([
      'All children in need',
      'Pupils not known to children’s social care',
      'All pupils',
    ]);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('takes its sort order from the sort-column and sort-direction attributes', async () => {
    const el = await loaded({ 'sort-column': 'adjusted' });
    expect(header(el, 'Adjusted gap').getAttribute('aria-sort')).to.equal('ascending');
    // The widest (most negative) adjusted gap first: Disability's planted effect is -25, domestic abuse's -20.
    expect(order(el).slice(0, 2)).to.deep.equal(['Disability', 'Domestic abuse as a single factor']);
    el.setAttribute('sort-direction', 'descending');
    await el.updateComplete;
    expect(header(el, 'Adjusted gap').getAttribute('aria-sort')).to.equal('descending');
    expect(order(el)[0]).to.equal('Domestic abuse as a single factor');
    el.setAttribute('sort-column', 'nonsense');
    await el.updateComplete;
    expect(gapTable(el).querySelectorAll('th[aria-sort]')).to.have.length(0);
  });

  it('downloads the table as CSV: raw numbers, c for suppressed rows', async () => {
    const el = await loaded();
    const saved = nextDownload();
    const button = [...root(el).querySelectorAll('button')].find(
      (b) => text(b) === 'Download the table (CSV)',
    )!;
    button.click();
    const file = await saved;
    expect(file.name).to.equal('attainment-gaps-ks4-attainment8.csv');
    const csv = file.text.replace(/^\ufeff/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('group,pupils,mean,raw gap,adjusted gap,lower 95%,upper 95%,p,note');
    expect(lines).to.include('Sexual abuse,c,c,c,c,c,c,c,suppressed');
    const n1 = lines.find((l) => l.startsWith('Domestic abuse as a single factor,'))!.split(',');
    const row = el.result!.rows.find((r) => r.label === 'Domestic abuse as a single factor')!;
    expect(Number(n1[1])).to.equal(40);
    expect(Number(n1[4])).to.equal(row.adjustedGap);
    expect(lines.find((l) => l.startsWith('Pupils not known'))).to.match(/comparison group$/);
  });

  it('shows an error naming the file and the line when the pupils file has no usable row', async () => {
    const el = make();
    const how = await settled(el, () => {
      el.setAttribute('src', assessments);
      el.setAttribute('pupils-src', pupilsBad);
    });
    expect(how).to.equal('error');
    expect(el.status).to.equal('error');
    const alert = root(el).querySelector('[role=alert]')!;
    expect(text(alert)).to.contain('pupils-bad.csv line 2, column key_stage');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('asks for the pupils file when only the assessments are given', async () => {
    const el = make();
    const how = await settled(el, () => el.setAttribute('src', assessments));
    expect(how).to.equal('error');
    expect(text(root(el).querySelector('[role=alert]'))).to.contain('needs a pupils file as well');
  });

  it('shows the loading state with a labelled progress bar, then the empty state for a key stage with no results', async () => {
    const el = make({ 'key-stage': '2' });
    const done = next(el, 'csc-analysis-complete');
    el.setAttribute('pupils-src', pupils);
    el.setAttribute('src', assessments);
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    const progress = root(el).querySelector('progress')!;
    expect(text(root(el).querySelector(`label[for=${progress.id}]`))).to.match(
      /^(Loading|Reading|Downloading|Analysing)/,
    );
    const e = (await done) as CustomEvent<{ status: string }>;
    await el.updateComplete;
    expect(e.detail.status).to.equal('empty');
    expect(text(root(el).querySelector('.empty'))).to.contain('No pupil result could be used');
  });

  it('renders a result given as the results property, without a worker, as text even if it holds markup', async () => {
    const first = await loaded();
    const result = structuredClone(first.result!) as AttainmentResult;
    result.rows[0]!.label = '<img src=x onerror="window.__pwned=1">';
    const el = make();
    await settled(el, () => (el.results = result));
    expect(el.status).to.equal('ready');
    expect(text(rowOf(el, '<img src=x onerror="window.__pwned=1">').cells[1])).to.equal('40');
    expect(root(el).querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
