// The built kit (dist/), as the browser tests use it: they test what a page gets, not the sources.
// Typed from the sources (components/index.ts), loaded at run time from dist/csc-demand-widgets.js.
import type * as Kit from '../../components/index.js';
import type * as ChartKit from '../../components/chart.js';
import { sendKeys } from '@web/test-runner-commands';

const entry = new URL('../../dist/csc-demand-widgets.js', import.meta.url).href;

/** The kit's exports (registers its elements on first import). */
export const kit: typeof Kit = await import(/* @vite-ignore */ entry);

/** The chart entry (registers <csc-vega-chart>, which the elements otherwise load with their views). */
export const chartKit: typeof ChartKit = await import(
  /* @vite-ignore */ new URL('../../dist/chart.js', import.meta.url).href
);

/** Absolute URL of the built worker script. */
export const workerUrl = new URL('../../dist/analysis.worker.js', import.meta.url).href;

/** Absolute URL of a file under tests/fixtures/<folder>/ (tests/fixtures/browser/ unless told). */
export function fixture(name: string, folder = 'browser'): string {
  return new URL(`../fixtures/${folder}/${name}`, import.meta.url).href;
}

/** A synthetic assessments CSV of `rows` rows (about 40 bytes each), as a File. */
export function bigCsv(rows: number, name = 'big.csv'): File {
  const lines = ['child_id,referral_date,assessment_date,factors'];
  for (let i = 0; i < rows; i++) {
    const d = 1 + (i % 27);
    lines.push(`B${i % 50000},${String(d).padStart(2, '0')}/04/2019,28/04/2019,3B;4B`);
  }
  return new File([lines.join('\n') + '\n'], name, { type: 'text/csv' });
}

/** Resolves with the next `type` event fired on `target`. */
export function next<T = unknown>(target: EventTarget, type: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) =>
    target.addEventListener(type, (e) => resolve(e as CustomEvent<T>), { once: true }),
  );
}

/**
 * Polls `test` every 20 ms until it returns true. The test timeout bounds it; given `limit`, it throws
 * "timed out waiting for <what>" after `limit.ms` milliseconds instead.
 */
export async function until(
  test: () => boolean | Promise<boolean>,
  limit?: { what: string; ms: number },
): Promise<void> {
  const start = performance.now();
  while (!(await test())) {
    if (limit && performance.now() - start > limit.ms) throw new Error(`timed out waiting for ${limit.what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let axeLoaded: Promise<void> | null = null;

/**
 * The axe-core violations (WCAG 2.0 A and AA, 2.1 AA, 2.2 AA) inside `context`, shadow roots included,
 * as readable lines; [] when there are none.
 */
export async function axeViolations(context: Element): Promise<string[]> {
  axeLoaded ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).href;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error('axe-core could not be loaded'));
    document.head.append(s);
  });
  await axeLoaded;
  const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
  const result = await axe.run(context, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
  );
}

// Helpers the element tests share: make an element, wait for it to settle, read its tables, walk the
// keyboard through shadow roots, capture downloads.

/** Creates `<tag>` with attributes and appends it to the page. */
export function makeElement<T extends HTMLElement>(tag: string, attrs: Record<string, string> = {}): T {
  const el = document.createElement(tag) as T;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

/** Runs `set` on the element and waits for its analysis to finish; how it finished: 'complete' or 'error'. */
export async function settled(
  el: HTMLElement & { updateComplete: Promise<boolean> },
  set: () => void,
): Promise<'complete' | 'error'> {
  const done = Promise.race([
    next(el, 'csc-analysis-complete').then(() => 'complete' as const),
    next(el, 'csc-analysis-error').then(() => 'error' as const),
  ]);
  set();
  const how = await done;
  await el.updateComplete;
  return how;
}

/** Text of a node with white space folded. */
export const text = (node: Node | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The table under `root` whose caption starts with `caption`. */
export function tableIn(root: ShadowRoot, caption: string): HTMLTableElement {
  const t = [...root.querySelectorAll('table')].find((x) => text(x.caption).startsWith(caption));
  if (!t) throw new Error(`no table "${caption}"`);
  return t;
}

/** The body cells of a table as text. */
export function cells(t: HTMLTableElement): string[][] {
  return [...t.tBodies[0]!.rows].map((r) => [...r.cells].map((c) => text(c)));
}

/** The SVG of the chart under `root` once Vega has drawn it. */
export async function chartSvgIn(root: ShadowRoot): Promise<SVGSVGElement> {
  const chart = root.querySelector<InstanceType<typeof chartKit.CscVegaChart>>('csc-vega-chart')!;
  await chart.ensureDrawn();
  await until(() => !!chart.shadowRoot?.querySelector('svg[role="img"]'));
  return chart.shadowRoot!.querySelector('svg')!;
}

/** The element focused inside the shadow roots. */
export function focused(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Presses Tab until `test` holds for the focused element (at most `max` times). */
export async function tabTo(test: (e: Element | null) => boolean, max = 60): Promise<Element> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    if (test(focused())) return focused()!;
  }
  throw new Error(`not reached by Tab; focus is on ${focused()?.outerHTML.slice(0, 80)}`);
}

/** Captures the next download the page starts (the kit saves through a temporary link). */
export function nextDownload(): Promise<{ name: string; text: string }> {
  return new Promise((resolve) => {
    const onClick = (e: Event) => {
      const a = e.target as HTMLAnchorElement;
      if (a.localName !== 'a' || !a.download) return;
      e.preventDefault();
      document.removeEventListener('click', onClick, true);
      void fetch(a.href)
        .then((r) => r.text())
        .then((t) => resolve({ name: a.download, text: t }));
    };
    document.addEventListener('click', onClick, true);
  });
}

/** Every element matching `selector` under `root`, inside shadow roots too (the kit's elements nest). */
export function deep(root: ParentNode, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) found.push(...deep(el.shadowRoot, selector));
  return found;
}
