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
