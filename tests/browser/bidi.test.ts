// Bidirectional-text controls in labels: a group label ending in U+202E (right-to-left
// override) would make the browser show the figures after it backwards ("21%" as "%12"). Elements
// strip the controls from every label they show (components/internal/format.ts), so the label's
// figures read in order; a published summary holding one is refused by its check.
import { expect } from '@esm-bundle/chai';
import { deep, fixture, kit, next, settled } from './kit.js';

type Widget = HTMLElement & { updateComplete: Promise<boolean> } & Record<string, unknown>;
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

async function rows(name: string, folder: string): Promise<Record<string, string>[]> {
  const text = await (await fetch(fixture(name, folder))).text();
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

/** Every text node under `root`, through shadow roots (tables, captions, summaries, chart labels). */
function allText(root: Node): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return text;
}

describe('bidirectional-text controls in labels', function () {
  this.timeout(120000);

  it('a group label with U+202E shows its figures in order: the control is stripped everywhere', async () => {
    const data = await rows('assessments.csv', 'rereferral-curve');
    const groups = [...new Set(data.map((r) => r['ethnicity']!).filter(Boolean))];
    for (const r of data) if (r['ethnicity']) r['ethnicity'] = `${r['ethnicity']}\u202E`;
    const el = document.createElement('rereferral-curve') as unknown as Widget;
    el.setAttribute('group', 'ethnicity');
    document.body.prepend(el);
    try {
      expect(await settled(el, () => (el.data = data))).to.equal('complete');
      const shown = allText(el);
      expect(CONTROLS.test(shown), 'a control reached the page').to.equal(false);
      // Each group's table row: its label alone in the first cell, then its figures, in order.
      const rowsShown = deep(el.shadowRoot!, 'tbody tr').map((tr) =>
        [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()),
      );
      const labelled = rowsShown.filter((cells) => groups.includes(cells[0]!));
      expect(labelled.length, JSON.stringify(rowsShown)).to.be.greaterThan(0);
      for (const cells of labelled) expect(cells[1], cells.join(' | ')).to.match(/^[\d,]+$/);
      // The curve table: count, then the percentage with its interval, as written.
      const pct = /^\d+\.\d% \(\d+\.\d% to \d+\.\d%\)$/;
      expect(labelled.some((cells) => cells.some((c) => pct.test(c)))).to.equal(true);
    } finally {
      el.remove();
    }
  });

  it('a published summary holding U+202E in a label is refused by its check', async () => {
    const summary = await (await fetch(new URL('../../demo/data/summary.json', import.meta.url).href)).json();
    summary.demand.categories[0].name = `${summary.demand.categories[0].name}\u202E`;
    const el = document.createElement('demand-category-chart') as unknown as Widget;
    document.body.prepend(el);
    try {
      const error = next<{ error: { message: string; problems?: { message: string }[] } }>(
        el,
        'csc-analysis-error',
      );
      el.results = summary;
      const { detail } = await error;
      const problems = (detail.error.problems ?? []).map((p) => p.message).join(' ');
      expect(problems).to.match(/demand\.categories\[0\]\.name: contains U\+202E/);
    } finally {
      el.remove();
    }
  });

  it('a public page asking for a threshold below 3 shows an error naming the rule, not figures', async () => {
    const meta = document.createElement('meta');
    meta.name = 'csc-demand-threshold';
    meta.content = '0';
    document.head.append(meta);
    const el = document.createElement('rereferral-curve') as unknown as Widget;
    el.setAttribute('public', '');
    document.body.prepend(el);
    try {
      const error = next<{ error: { message: string } }>(el, 'csc-analysis-error');
      el.setAttribute('src', fixture('assessments.csv', 'rereferral-curve'));
      const { detail } = await error;
      expect(detail.error.message).to.match(/disclosure threshold of at least 3, and this page asks for 0/);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('table')).to.equal(null);
      expect(el.shadowRoot!.textContent).to.contain('at least 3');
    } finally {
      el.remove();
      meta.remove();
      kit.configurePublishing({ threshold: null });
    }
  });
});
