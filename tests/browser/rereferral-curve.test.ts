// <rereferral-curve> in the built kit: what a reader sees for a council's assessments (curves, bands,
// the number-at-risk table, the log-rank test, the forest plot), from the keyboard, with downloads,
// and in the empty and error states. The fixture is a synthetic council of 1,500 assessments
// (`csc-demand synth --assessments 1500 --seed 7`).
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
  until,
} from './kit.js';
import type { CscRereferralCurve } from '../../components/rereferral-curve/rereferral-curve.js';

type Curve = InstanceType<typeof CscRereferralCurve>;

const council = fixture('assessments.csv', 'rereferral-curve');
const allOpen = fixture('all-open.csv', 'rereferral-curve');

const make = (attrs: Record<string, string> = {}): Curve => makeElement<Curve>('rereferral-curve', attrs);
const root = (el: Curve): ShadowRoot => el.shadowRoot!;
const table = (el: Curve, caption: string): HTMLTableElement => tableIn(root(el), caption);
const chartSvg = (el: Curve): Promise<SVGSVGElement> => chartSvgIn(root(el));

describe('<rereferral-curve>', () => {
  afterEach(() => document.querySelectorAll('rereferral-curve').forEach((e) => e.remove()));

  it('is registered by the kit', () => {
    expect(customElements.get('rereferral-curve')).to.equal(kit.CscRereferralCurve);
  });

  it('shows curves with bands, the number at risk, the log-rank test, a caption and a summary', async () => {
    const el = make({ group: 'age' });
    el.style.width = '900px';
    await settled(el, () => (el.src = council));
    expect(el.status).to.equal('ready');
    const r = el.result!;
    const summary = text(root(el).querySelector('[part="summary"]'));
    expect(summary).to.match(/^Of [\d,]+ closed episodes followed up, \d+\.\d% \(95% interval/);
    expect(summary).to.contain('against 30% and 59% in England');
    const caption = text(root(el).querySelector('[part="caption"]'));
    expect(caption).to.contain('by age at closure');
    expect(caption).to.contain('a different definition');
    expect(caption).to.contain('RC1 to RC6');
    // The chart: an image named by the summary, one labelled curve per group.
    const svg = await chartSvg(el);
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(svg.getAttribute('aria-label')).to.equal(summary);
    const svgText = svg.textContent ?? '';
    for (const g of r.groups) expect(svgText).to.contain(g.label);
    expect(svgText).to.contain('England 30%');
    expect(svgText).to.contain('DfE 22%*');
    // The number at risk at 0, 12, ... months: a table with row and column headers.
    const risk = table(el, 'Number still followed up');
    expect([...risk.tHead!.rows[0]!.cells].map((c) => text(c))).to.deep.equal([
      'Age at closure',
      ...r.overall.risk.map((x) => String(x.months)),
    ]);
    expect(risk.tBodies[0]!.rows[0]!.cells[0]!.getAttribute('scope')).to.equal('row');
    expect(cells(risk)[0]![1]).to.equal(r.groups[0]!.n.toLocaleString('en-GB'));
    // Lined up with the axis: each year's column is centred on its tick label (the element is 900 px wide).
    expect(risk.classList.contains('aligned')).to.equal(true);
    const ticks = [...svg.querySelectorAll('.role-axis-label text')];
    for (const [k, m] of r.overall.risk.map((x) => x.months).entries()) {
      const tick = ticks.find((t) => t.textContent === String(m))!.getBoundingClientRect();
      const col = risk.tHead!.rows[0]!.cells[k + 1]!.getBoundingClientRect();
      expect(Math.abs((col.left + col.right) / 2 - (tick.left + tick.right) / 2)).to.be.below(3);
    }
    expect(text(root(el))).to.match(
      /Log-rank test across the \d groups: chi-square [\d.]+ on \d degrees of freedom, p/,
    );
    const main = cells(table(el, 'Percentage re-referred by age at closure'));
    expect(main.at(-1)![0]).to.equal('All episodes');
    expect(main[0]![3]).to.match(/^\d+\.\d% \(\d+\.\d% to \d+\.\d%\)$/);
  });

  it('reaches the view switch and the downloads from the keyboard, and switches to the hazard ratios', async () => {
    const el = make({ group: 'category' });
    await settled(el, () => (el.src = council));
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.prepend(before);
    before.focus();
    try {
      const radio = (await tabTo((e) => e?.localName === 'input')) as HTMLInputElement;
      expect(radio.value).to.equal('curve');
      expect(radio.checked).to.equal(true);
      const changed = next<{ view: string }>(el, 'csc-view-change');
      await sendKeys({ press: 'ArrowRight' });
      expect((await changed).detail.view).to.equal('hazard-ratios');
      await el.updateComplete;
      expect(el.getAttribute('view')).to.equal('hazard-ratios');
      expect(await axeViolations(el)).to.deep.equal([]);
      const summary = text(root(el).querySelector('[part="summary"]'));
      expect(summary).to.match(/^Adjusted for age at closure, gender, referral source and episode length, /);
      const svg = await chartSvg(el);
      expect(svg.getAttribute('aria-label')).to.equal(summary);
      const hr = table(el, 'Hazard ratios of re-referral against');
      const rows = cells(hr);
      expect(rows[0]![1]).to.equal('1 (reference)');
      expect(rows.length).to.equal(el.result!.cox!.terms.filter((t) => t.kind === 'group').length + 1);
      expect([...hr.tHead!.rows[0]!.cells].map((c) => text(c))).to.deep.equal([
        'Demand category',
        'Hazard ratio',
        '95% interval',
        'p',
      ]);
      // The downloads, from the keyboard: the table as CSV, the chart as SVG.
      const csvButton = await tabTo((e) => text(e) === 'Download the table (CSV)');
      const csv = nextDownload();
      (csvButton as HTMLElement).click();
      const file = await csv;
      expect(file.name).to.equal('assessments-rereferral-hazard-ratios.csv');
      expect(file.text.replace('\ufeff', '').split('\r\n')[0]).to.equal(
        'Demand category,Hazard ratio,95% interval,p',
      );
      await tabTo((e) => text(e) === 'Download the chart (SVG)');
      const svgFile = nextDownload();
      await sendKeys({ press: 'Enter' });
      const saved = await svgFile;
      expect(saved.name).to.equal('assessments-rereferral-hazard-ratios.svg');
      expect(saved.text).to.match(/^<svg[^>]*><title>Adjusted for/);
      await tabTo((e) => text(e) === 'Download the chart (PNG)');
    } finally {
      before.remove();
    }
  });

  it('draws both views: the curves, and the hazard ratios (a Vega-Lite spec) a point per group', async () => {
    const el = make({ group: 'age' });
    await settled(el, () => (el.src = council));
    const curves = await chartSvg(el);
    expect(curves.querySelectorAll('.role-mark.mark-line').length).to.equal(el.result!.groups.length);
    el.view = 'hazard-ratios';
    await el.updateComplete;
    const forest = await chartSvg(el);
    expect(forest.querySelectorAll('.ratios_marks path').length).to.equal(el.result!.groups.length);
  });

  it('downloads the curve table with every figure in its own column', async () => {
    const el = make({ group: 'gender' });
    await settled(el, () => (el.src = council));
    const button = [...root(el).querySelectorAll('button')].find(
      (b) => text(b) === 'Download the table (CSV)',
    )!;
    const csv = nextDownload();
    button.click();
    const file = await csv;
    const lines = file.text.replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).to.equal(
      'Gender,followed_up,re_referred,within_12_months,lower_12_months,upper_12_months,within_6_years,lower_6_years,upper_6_years',
    );
    expect(lines.at(-1)!.startsWith('All episodes,')).to.equal(true);
    expect(Number(lines[1]!.split(',')[3])).to.be.within(0, 1);
  });

  it('shows published figures without the worker, and text from the data stays text', async () => {
    const el = make({ group: 'gender' });
    await settled(el, () => (el.src = council));
    const result = structuredClone(el.result!);
    result.groups[0]!.label = '<img src=x onerror="window.__pwned=1">';
    const copy = make({ view: 'hazard-ratios' });
    await settled(copy, () => (copy.results = JSON.parse(JSON.stringify(result))));
    expect(copy.status).to.equal('ready');
    copy.view = 'curve';
    await copy.updateComplete;
    await chartSvg(copy);
    expect(root(copy).querySelector('img')).to.equal(null);
    expect(text(root(copy))).to.contain('<img src=x');
    expect((globalThis as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('says when no episode can be followed up (the empty state)', async () => {
    const el = make();
    await settled(el, () => (el.src = allOpen));
    expect(el.status).to.equal('empty');
    expect(text(root(el))).to.contain('No closed episode in this file can be followed up');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows an error naming the line when no row can be used', async () => {
    const el = make();
    const failed = next(el, 'csc-analysis-error');
    el.src = fixture('assessments-unusable.csv');
    await failed;
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('error');
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(text(alert)).to.contain('assessments-unusable.csv line 2, column referral_date');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows an error naming the attribute when the grouping is unknown', async () => {
    const el = make({ group: 'postcode' });
    await settled(el, () => (el.src = council));
    expect(el.status).to.equal('error');
    expect(text(root(el).querySelector('[role="alert"]'))).to.contain(
      'The group attribute should be one of category, age, gender, ethnicity, source, need, none; got "postcode"',
    );
  });

  it('with no grouping: one curve, and the hazard-ratio view says why it is empty', async () => {
    const el = make({ group: 'none', view: 'hazard-ratios', horizon: '24' });
    await settled(el, () => (el.src = council));
    expect(el.result!.groups.map((g) => g.label)).to.deep.equal(['All episodes']);
    expect(el.result!.horizonMonths).to.equal(24);
    expect(text(root(el))).to.contain('Hazard ratios compare groups');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('highlights a group chosen from the keyboard: it in colour with its band, the rest grey, every group in the table', async () => {
    const el = make({ group: 'age' });
    el.style.width = '900px';
    await settled(el, () => (el.src = council));
    const groups = el.result!.groups;
    const svgBefore = await chartSvg(el);
    expect(svgBefore.querySelectorAll('.context_marks path').length).to.equal(0);
    const select = (await tabTo((e) => e?.localName === 'select')) as HTMLSelectElement;
    expect(text(select.labels![0]!)).to.equal('Highlight');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.highlight).to.equal(groups[0]!.label);
    expect(el.getAttribute('highlight')).to.equal(groups[0]!.label);
    await until(async () => (await chartSvg(el)).querySelectorAll('.context_marks path').length > 0);
    const svg = await chartSvg(el);
    expect(svg.querySelectorAll('.context_marks path').length).to.equal(groups.length - 1);
    expect(svg.querySelectorAll('.lines_marks path').length).to.equal(1);
    expect(svg.querySelectorAll('.bands_marks path').length).to.equal(1);
    expect(svg.textContent).to.contain('England 30%');
    // The table keeps every group; the attribute set from markup names the choice in the control.
    expect(cells(table(el, 'Percentage re-referred by age at closure')).length).to.equal(groups.length + 1);
    el.setAttribute('highlight', groups[2]!.label);
    await el.updateComplete;
    expect(root(el).querySelector('select')!.value).to.equal(groups[2]!.label);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
