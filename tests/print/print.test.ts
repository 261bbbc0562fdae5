// Printing: a JSNA page printed or saved as PDF holds every chart, those below the fold too, though
// charts otherwise draw only when they near the viewport (components/internal/vega-chart.ts): the
// charting chunk is imported when the page is idle, and a print draws every chart from it. The
// built demo (demo/index.html, served with the strict CSP by scripts/serve.mjs) is printed by Debian's
// Chromium through puppeteer's page.pdf() without scrolling, and the PDF's text, as poppler's pdftotext
// reads it, must hold each chart's axis titles: text in the charts and nowhere else on the page.
// Needs `npm run build` first (npm test builds before its Node tests).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
// @ts-expect-error -- a JavaScript module without types
import { serve } from '../../scripts/serve.mjs';

/**
 * Text the demo's charts carry, one a chart in page order: the share chart's, the pathway chart's
 * and the three survival charts' (repeat plans, returns to care, re-referral) axis titles. The pathway chart's ("Share of assessments") is in a
 * table caption too: a chart is in a PDF when its text occurs there more often than in a PDF of the
 * page whose charts cannot draw (`withoutCharts`).
 */
const CHART_TEXT = [
  /Share of assessments with factors/,
  /Share of assessments(?! with factors)/,
  /Months since the plan ended/,
  /Months since leaving care/,
  /Months since the episode closed/,
];
const TAGS = ['demand-category-chart', 'pathway-chart', 'rereferral-curve', 'attainment-gap-table'];
const ALL = CHART_TEXT.map(() => true);
const NONE = CHART_TEXT.map(() => false);

let server: Server;
let url: string;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'csc-print-'));

// The same site without the charting chunk, as for a reader offline once the page is in: no chart
// can draw. Its files are vega-<hash>.js and vega-draw-<hash>.js (rollup's 8-character hash); our own
// vega-lite-spec-<hash>.js, which the views need, is kept. Left out of a copy of dist/ (links), not
// blocked by puppeteer's request interception, which leaves a worker's fetches hanging now and then
// (puppeteer issue 14515): the demo's data then never arrived and its elements showed an error.
let offline: Server;
let offlineUrl: string;

before(async () => {
  assert.ok(existsSync('dist/csc-demand-widgets.js'), 'build the kit first (npm run build)');
  ({ server, url } = await serve({ port: 0, csp: true }));
  const root = join(dir, 'offline');
  mkdirSync(join(root, 'dist'), { recursive: true });
  symlinkSync(resolve('demo'), join(root, 'demo'));
  const charting = /^vega-(draw-)?[\w-]{8}\.js$/;
  const left = readdirSync('dist').filter((f) => charting.test(f));
  assert.equal(left.length, 2, `the charting chunk is two files: ${left}`);
  for (const f of readdirSync('dist'))
    if (!charting.test(f)) symlinkSync(resolve('dist', f), join(root, 'dist', f));
  ({ server: offline, url: offlineUrl } = await serve({ port: 0, csp: true, root }));
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  offline?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Whether each <csc-vega-chart> on the page (shadow roots included) has drawn its SVG: an expression
 * for page.evaluate, written as text (tsx would add helpers to a function's source the page lacks).
 */
const DRAWN = `(() => {
  const out = [];
  const walk = (root) => {
    for (const e of root.querySelectorAll('*')) {
      if (e.localName === 'csc-vega-chart') out.push(Boolean(e.shadowRoot && e.shadowRoot.querySelector('svg')));
      if (e.shadowRoot) walk(e.shadowRoot);
    }
  };
  walk(document);
  return out;
})()`;

/** The top of each <csc-vega-chart>'s box (its page offset): where the viewport must reach. */
const TOPS = DRAWN.replace(
  "out.push(Boolean(e.shadowRoot && e.shadowRoot.querySelector('svg')))",
  'out.push(e.getBoundingClientRect().top + scrollY)',
);

/** demo/index.html at `width` x `height`, its elements finished (the analyses run in the page). */
async function open(
  width: number,
  height: number,
  { blockCharts = false } = {},
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => ['error', 'warn'].includes(m.type()) && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.setViewport({ width, height });
  await page.goto(`${blockCharts ? offlineUrl : url}demo/index.html`, { waitUntil: 'load', timeout: 180000 });
  await page.waitForFunction(
    (tags: string[]) =>
      tags.every((t) =>
        [...document.querySelectorAll(t)].every((e) =>
          ['ready', 'error', 'empty'].includes((e as HTMLElement & { status: string }).status),
        ),
      ),
    { timeout: 180000 },
    TAGS,
  );
  return { page, problems };
}

/** The page printed to PDF, as pdftotext reads it back (spaces and line breaks made single spaces). */
async function pdfText(page: Page, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const count = (text: string, t: RegExp): number => text.match(new RegExp(t, 'g'))?.length ?? 0;

let blocked: Promise<string> | null = null;

/** The PDF's text when no chart can draw (the charting chunk blocked), printed once. */
function withoutCharts(): Promise<string> {
  blocked ??= (async () => {
    const { page } = await open(1280, 900, { blockCharts: true });
    const text = await pdfText(page, 'no-charts');
    assert.deepEqual(await page.evaluate(DRAWN), NONE);
    await page.close();
    return text;
  })();
  return blocked;
}

/** Every chart's text is in `text` more often than in the page printed without charts. */
async function hasEveryChart(text: string): Promise<void> {
  const without = await withoutCharts();
  for (const t of CHART_TEXT)
    assert.ok(count(text, t) > count(without, t), `the PDF has the chart whose text is ${t}`);
}

test('printed straight away, with a chart near the viewport drawn and those far below not: all are in the PDF', async () => {
  const { page, problems } = await open(1280, 900);
  // A viewport that reaches the first chart (the demand chart) and not the second (re-referral).
  const tops = (await page.evaluate(TOPS)) as number[];
  assert.equal(tops.length, CHART_TEXT.length);
  assert.ok(tops[2]! - tops[0]! > 700, `the charts are far apart: ${tops}`);
  await page.setViewport({ width: 1280, height: Math.ceil(tops[0]!) + 50 });
  await page.waitForFunction(`${DRAWN}.some(Boolean)`, { timeout: 60000 });
  const before = (await page.evaluate(DRAWN)) as boolean[];
  assert.equal(before.length, CHART_TEXT.length);
  assert.ok(before.includes(false), `a chart below the fold has not drawn yet: ${before}`);
  const text = await pdfText(page, 'straight-away');
  await hasEveryChart(text);
  assert.deepEqual(await page.evaluate(DRAWN), ALL);
  assert.deepEqual(problems, []);
  await page.close();
});

test('as a PDF service prints (print media, then page.pdf()), no chart having drawn: every chart is in the PDF', async () => {
  const { page, problems } = await open(1280, 900);
  assert.deepEqual(await page.evaluate(DRAWN), NONE, 'no chart near the viewport');
  await page.emulateMediaType('print');
  await page.waitForFunction(`${DRAWN}.every(Boolean)`, { timeout: 60000 });
  const text = await pdfText(page, 'print-media');
  await hasEveryChart(text);
  assert.deepEqual(problems, []);
  await page.close();
});

/**
 * Waits until the page has imported the charting chunk (its idle import): the page imports the same
 * module URLs itself, which resolve once they are evaluated (one module instance per URL).
 */
const CHUNK_LOADED = `(async () => {
  const chunk = /\\/dist\\/vega-(draw-)?[\\w-]{8}\\.js$/;
  let urls = [];
  while (urls.length < 2) {
    await new Promise((r) => setTimeout(r, 50));
    urls = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => chunk.test(u));
  }
  await Promise.all(urls.map((u) => import(u)));
  return urls.length;
})()`;

test('printed as soon as the page is idle, no chart having drawn or been near the viewport: every chart is in the PDF', async () => {
  const { page, problems } = await open(1280, 900);
  assert.ok(((await page.evaluate(CHUNK_LOADED)) as number) >= 2, 'the charting chunk was imported at idle');
  assert.deepEqual(await page.evaluate(DRAWN), NONE, 'no chart drawn before printing');
  const text = await pdfText(page, 'idle');
  await hasEveryChart(text);
  assert.deepEqual(await page.evaluate(DRAWN), ALL);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the chart text is in the charts alone: with the charting chunk blocked, the PDF lacks it', async () => {
  const text = await withoutCharts();
  assert.ok(text.includes('Why children are assessed'), 'the rest of the page is printed');
  for (const t of [CHART_TEXT[0]!, CHART_TEXT[2]!])
    assert.doesNotMatch(text, t, 'only a chart has this text');
});
