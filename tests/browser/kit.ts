// The built kit (dist/), as the browser tests use it: they test what a page gets, not the sources.
// Typed from the sources (components/index.ts), loaded at run time from dist/csc-demand-widgets.js.
import type * as Kit from '../../components/index.js';

const entry = new URL('../../dist/csc-demand-widgets.js', import.meta.url).href;

/** The kit's exports (registers its elements on first import). */
export const kit: typeof Kit = await import(/* @vite-ignore */ entry);

/** Absolute URL of the built worker script. */
export const workerUrl = new URL('../../dist/analysis.worker.js', import.meta.url).href;

/** Absolute URL of a file under tests/fixtures/browser/. */
export function fixture(name: string): string {
  return new URL(`../fixtures/browser/${name}`, import.meta.url).href;
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

/** Polls `test` every 20 ms until it returns true (the test timeout bounds it). */
export async function until(test: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await test())) await new Promise((r) => setTimeout(r, 20));
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
