// The other outcomes of the existing elements, in the built kit: <rereferral-curve outcome> (repeat
// child protection plans, re-entry to care) and <attainment-gap-table outcome> (school absence and
// exclusions), each with its own words, national context, chart and table, in worker and public
// (results-src and `public`) modes. The fixture is a synthetic council of 3,000 assessments and its
// pupils (`csc-demand synth --assessments 3000 --seed 7`), and its summary.
import { expect } from '@esm-bundle/chai';
import { axeViolations, chartSvgIn, fixture, makeElement, settled, tableIn, text } from './kit.js';
import type { CscRereferralCurve } from '../../components/rereferral-curve/rereferral-curve.js';
import type { CscAttainmentGapTable } from '../../components/attainment-gap-table/attainment-gap-table.js';

type Curve = InstanceType<typeof CscRereferralCurve>;
type Table = InstanceType<typeof CscAttainmentGapTable>;

const assessments = fixture('assessments.csv', 'pathway-chart');
const pupils = fixture('pupils.csv', 'pathway-chart');
const summary = fixture('summary.json', 'pathway-chart');

const curve = (attrs: Record<string, string>) => makeElement<Curve>('rereferral-curve', attrs);
const said = (el: Element, part: string) => text(el.shadowRoot!.querySelector(`[part="${part}"]`));

describe('other outcomes of <rereferral-curve> and <attainment-gap-table>', () => {
  afterEach(() =>
    document.querySelectorAll('rereferral-curve, attainment-gap-table').forEach((e) => e.remove()),
  );

  it('follows ended plans to a repeat plan, with DfE’s different figure named in the caption', async () => {
    const el = curve({ outcome: 'repeat-plan' });
    await settled(el, () => (el.src = assessments));
    expect(el.status, text(el.shadowRoot!)).to.equal('ready');
    expect(el.result!.options.outcome).to.equal('repeat-plan');
    expect(text(el.shadowRoot!.querySelector('h2'))).to.equal(
      'A repeat child protection plan after one ends',
    );
    expect(said(el, 'summary')).to.match(
      /^Of [\d,]+ ended child protection plans followed up, \d+\.\d% \(95% interval .+\) were followed by another child protection plan within 12 months/,
    );
    expect(said(el, 'caption')).to.contain('followed by another plan for the same child');
    expect(said(el, 'caption')).to.contain('23.8%');
    expect(said(el, 'caption')).not.to.contain('59%');
    const rows = tableIn(el.shadowRoot!, 'Percentage given another plan');
    expect(text(rows.tHead)).to.contain('Another plan');
    const svg = await chartSvgIn(el.shadowRoot!);
    expect(svg.getAttribute('aria-label')).to.equal(said(el, 'summary'));
    expect(svg.textContent).to.contain('Another plan');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('follows periods in care to a return, published (public) and from a summary (results-src)', async () => {
    const el = curve({ outcome: 'care-reentry', public: '' });
    await settled(el, () => (el.src = assessments));
    expect(el.status, text(el.shadowRoot!)).to.equal('ready');
    expect(said(el, 'summary')).to.match(/were followed by a return to care within 12 months/);
    expect(said(el, 'caption')).to.contain('No national figure of this kind is published');
    expect(text(el.shadowRoot!)).to.contain('Published figures');
    expect(await axeViolations(el)).to.deep.equal([]);
    const published = curve({ outcome: 'care-reentry' });
    await settled(published, () => published.setAttribute('results-src', summary));
    expect(published.status, text(published.shadowRoot!)).to.equal('ready');
    expect(published.result!.options.outcome).to.equal('care-reentry');
    await chartSvgIn(published.shadowRoot!);
    const bad = curve({ outcome: 'exclusion' });
    await settled(bad, () => (bad.src = assessments));
    expect(said(bad, 'error')).to.contain(
      'The outcome attribute should be one of rereferral, repeat-plan, care-reentry; got "exclusion"',
    );
  });

  it('shows severe absence at key stage 4 with England’s published figures, and suspensions at key stage 2', async () => {
    const el = makeElement<Table>('attainment-gap-table', {});
    await settled(el, () => {
      el.setAttribute('outcome', 'severe_absence');
      el.setAttribute('pupils-src', pupils);
      el.setAttribute('src', assessments);
    });
    expect(el.status, text(el.shadowRoot!)).to.equal('ready');
    expect(el.result!.outcome.id).to.equal('severe_absence');
    expect(said(el, 'caption')).to.contain('10.1% of children in need and 2.2% of all pupils');
    expect(said(el, 'summary')).to.match(/percentage points/);
    expect(await axeViolations(el)).to.deep.equal([]);
    const ks2 = makeElement<Table>('attainment-gap-table', {});
    await settled(ks2, () => {
      ks2.setAttribute('key-stage', '2');
      ks2.setAttribute('outcome', 'suspended');
      ks2.setAttribute('pupils-src', pupils);
      ks2.setAttribute('src', assessments);
    });
    expect(ks2.status, text(ks2.shadowRoot!)).to.equal('ready');
    expect(ks2.result!.options.keyStage).to.equal(2);
    expect(said(ks2, 'caption')).to.contain('no national figure for children in need is shown');
  });
});
