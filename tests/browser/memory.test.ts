// Adding and removing an element 100 times leaves nothing behind: every Vega view it drew is
// finalized, every ResizeObserver and IntersectionObserver disconnected, every listener on window,
// document and media queries removed, and no request left waiting in the client or the worker.
// Counted, not timed and not heap-measured: the counts after the 100 rounds equal the counts before.
// Half the rounds render a result given as `results` (chart drawn, then removed); the other half ask
// the worker (removed at once, so the request is cancelled, or after the figures are in).
import { expect } from '@esm-bundle/chai';
import { chartKit, fixture, kit, next } from './kit.js';

// ---- counting what an element could leave behind (installed before any element exists) ----
const live = { resize: 0, intersection: 0 };
const listeners = new Map<EventTarget, Set<unknown>>();

function countingObserver<T extends typeof ResizeObserver | typeof IntersectionObserver>(
  Base: T,
  key: keyof typeof live,
): T {
  const B = Base as unknown as new (...a: unknown[]) => ResizeObserver;
  class Counting extends B {
    #observing = false;
    override observe(...a: Parameters<ResizeObserver['observe']>): void {
      if (!this.#observing) live[key]++;
      this.#observing = true;
      super.observe(...a);
    }
    override disconnect(): void {
      if (this.#observing) live[key]--;
      this.#observing = false;
      super.disconnect();
    }
  }
  return Counting as unknown as T;
}
window.ResizeObserver = countingObserver(ResizeObserver, 'resize');
window.IntersectionObserver = countingObserver(IntersectionObserver, 'intersection');

const add = EventTarget.prototype.addEventListener;
const remove = EventTarget.prototype.removeEventListener;
const watched = (t: EventTarget) => t === window || t === document || t instanceof MediaQueryList;
EventTarget.prototype.addEventListener = function (this: EventTarget, type, fn, options) {
  if (watched(this) && fn) {
    const set = listeners.get(this) ?? new Set();
    set.add(`${type}`);
    set.add(fn);
    listeners.set(this, set);
  }
  return add.call(this, type, fn, options);
};
EventTarget.prototype.removeEventListener = function (this: EventTarget, type, fn, options) {
  if (watched(this) && fn) listeners.get(this)?.delete(fn);
  return remove.call(this, type, fn, options);
};
/** Listeners added to window, document or a media query list and not removed. */
function listenerCount(): number {
  let n = 0;
  for (const set of listeners.values()) for (const x of set) if (typeof x !== 'string') n++;
  return n;
}

interface Counts {
  vegaViews: number;
  chartObservers: number;
  resizeObservers: number;
  intersectionObservers: number;
  listeners: number;
  clientPending: number;
  workerRequests: number;
}

async function counts(): Promise<Counts> {
  const client = kit.getAnalysisClient();
  await client.echo(null); // a round trip: cancellations sent before it have reached the worker
  const stats = await client.stats();
  // The client's table of requests waiting for an answer (private: read here only to count it).
  const pending = (client as unknown as { current: { pending: Map<number, unknown> } | null }).current
    ?.pending.size;
  return {
    vegaViews: chartKit.CscVegaChart.live.views,
    chartObservers: chartKit.CscVegaChart.live.observers,
    resizeObservers: live.resize,
    intersectionObservers: live.intersection,
    listeners: listenerCount(),
    clientPending: pending ?? 0,
    workerRequests: stats.requestsActive,
  };
}

type Widget = HTMLElement & { results: unknown; status: string; updateComplete: Promise<boolean> };
type Chart = HTMLElement & { ensureDrawn(): Promise<unknown> };

const ELEMENTS: { tag: string; attrs: Record<string, string> }[] = [
  { tag: 'csc-dataset-summary', attrs: { src: fixture('assessments-small.csv') } },
  { tag: 'demand-category-chart', attrs: { src: fixture('assessments.csv', 'rereferral-curve') } },
  { tag: 'rereferral-curve', attrs: { src: fixture('assessments.csv', 'rereferral-curve') } },
  {
    tag: 'attainment-gap-table',
    attrs: {
      src: fixture('assessments.csv', 'attainment-gap-table'),
      'pupils-src': fixture('pupils.csv', 'attainment-gap-table'),
    },
  },
];

function charts(el: Element): Chart[] {
  const found: Chart[] = [];
  const walk = (root: ParentNode) => {
    for (const e of root.querySelectorAll('*')) {
      if (e.localName === 'csc-vega-chart') found.push(e as Chart);
      if (e.shadowRoot) walk(e.shadowRoot);
    }
  };
  if (el.shadowRoot) walk(el.shadowRoot);
  return found;
}

function create(tag: string, attrs: Record<string, string>): Widget {
  const el = document.createElement(tag) as Widget;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.prepend(el); // at the top: in view, so its charts start drawing by themselves
  return el;
}

async function finished(el: Widget): Promise<void> {
  if (!['ready', 'empty', 'error'].includes(el.status))
    await Promise.race([next(el, 'csc-analysis-complete'), next(el, 'csc-analysis-error')]);
  await el.updateComplete;
}

describe('memory: an element added and removed 100 times', function () {
  this.timeout(300000);

  it('the counters see a chart still on the page, and see it go', async () => {
    const before = await counts();
    const el = create('rereferral-curve', ELEMENTS[2]!.attrs);
    await finished(el);
    expect(el.status).to.equal('ready');
    for (const c of charts(el)) await c.ensureDrawn();
    const during = await counts();
    expect(during.vegaViews).to.be.greaterThan(before.vegaViews);
    expect(during.resizeObservers).to.be.greaterThan(before.resizeObservers);
    el.remove();
    expect(await counts()).to.deep.equal(before);
  });

  for (const { tag, attrs } of ELEMENTS) {
    it(`<${tag}> leaves no Vega view, observer, listener or request behind`, async function () {
      if (!customElements.get(tag)) this.skip(); // not in components/index.ts yet
      // A first round loads what a page keeps once loaded (Vega, the worker, the parsed file).
      const first = create(tag, attrs);
      const complete = next<{ result: unknown }>(first, 'csc-analysis-complete');
      await finished(first);
      expect(first.status, first.shadowRoot!.textContent ?? '').to.equal('ready');
      const { result } = (await complete).detail;
      for (const c of charts(first)) await c.ensureDrawn();
      first.remove();
      const before = await counts();

      let drawn = 0;
      for (let i = 0; i < 100; i++) {
        if (i % 2 === 0) {
          const el = create(tag, {});
          el.results = result;
          await finished(el);
          for (const c of charts(el)) {
            await c.ensureDrawn();
            drawn++;
          }
          el.remove();
        } else {
          const el = create(tag, attrs);
          if (i % 4 === 3) await finished(el);
          else await el.updateComplete; // removed while the worker is at it: cancelled
          el.remove();
        }
      }
      expect(await counts()).to.deep.equal(before);
      if (charts(first).length) expect(drawn).to.be.at.least(50);
    });
  }
});
