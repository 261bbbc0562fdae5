// Helpers of the analyst page and embed tests: Debian's Chromium and Firefox ESR through puppeteer
// (../shared/TOOLING.md), axe-core run in a page or frame, screenshots kept for a person to look at,
// and the waits on the kit's elements (status, never a timer).
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer';

export const BROWSERS = (process.env.BROWSERS ?? 'chromium,firefox').split(',') as ('chromium' | 'firefox')[];

export async function launch(name: 'chromium' | 'firefox'): Promise<Browser> {
  if (name === 'firefox')
    return puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: true,
    });
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.x A and AA rules on the page or frame: the violations, as "rule: target" lines.
 * Evaluated through the browser's protocol, so a strict CSP (no inline script) does not stop it.
 */
export async function axe(target: Page | Frame): Promise<string[]> {
  await target.evaluate(axeSource);
  return target.evaluate(`(async () => {
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' ')));
  })()`) as Promise<string[]>;
}

/** Where screenshots go: $CSC_SHOTS, or a folder under the OS's temporary directory. */
export function shotsDir(): string {
  const dir = process.env.CSC_SHOTS ?? join(process.env.TMPDIR ?? '/tmp', 'csc-analyst-shots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Waits until every element matched by `selector` (light DOM) is ready, empty or in error. */
export async function settled(target: Page | Frame, selector: string, timeout = 240000): Promise<void> {
  await target.waitForFunction(
    (sel: string) => {
      const els = [...document.querySelectorAll(sel)] as (Element & { status?: string })[];
      return els.length > 0 && els.every((e) => ['ready', 'error', 'empty'].includes(e.status ?? ''));
    },
    { timeout, polling: 200 },
    selector,
  );
}

/**
 * The text of every table in each element matched by `selector`, cell by cell: what a reader reads
 * (an expression string: a function's source could carry tsx's helpers into the page).
 */
export function tablesOf(target: Page | Frame, selector: string): Promise<string[][][]> {
  return target.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) =>
    [...el.shadowRoot.querySelectorAll('table')].map((t) =>
      [...t.rows].map((r) => [...r.cells].map((c) => c.textContent.replace(/\\s+/g, ' ').trim()).join(' | '))))`) as Promise<
    string[][][]
  >;
}

/** Whether the page scrolls sideways (content wider than the viewport). */
export function overflowsSideways(target: Page | Frame): Promise<boolean> {
  return target.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth + 1',
  ) as Promise<boolean>;
}

/**
 * Draws every chart under `selector` (charts draw when near the viewport; a picture of a long region
 * wants them all) and resolves when each has its SVG: the number of charts drawn.
 */
export function drawCharts(target: Page | Frame, selector: string): Promise<number> {
  return target.evaluate(`(async () => {
    const charts = [];
    const walk = (root) => {
      for (const e of root.querySelectorAll('*')) {
        if (e.localName === 'csc-vega-chart') charts.push(e);
        if (e.shadowRoot) walk(e.shadowRoot);
      }
    };
    for (const r of document.querySelectorAll(${JSON.stringify(selector)})) walk(r.shadowRoot ?? r);
    await Promise.all(charts.map((c) => c.ensureDrawn()));
    while (!charts.every((c) => c.shadowRoot.querySelector('svg'))) await new Promise((r) => setTimeout(r, 50));
    return charts.length;
  })()`) as Promise<number>;
}
