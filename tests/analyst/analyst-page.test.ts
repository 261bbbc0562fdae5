// The analyst page (demo/analyst.html) driven as an analyst drives it, in Chromium and Firefox: the
// synthetic council's two files chosen through the file inputs, every view waited for, the period
// and the model changed (only the categories run again), the summary published; then the preview,
// the downloaded summary.json and a page built from the copied embed code must show the figures
// `csc-demand analyse` publishes from the same files with the same choices. Then the re-referral
// curve set to follow repeat plans and the pathway chart's split and first view changed: each re-runs
// its own element alone, and the summary (the CLI's with --sections), preview and embed code carry them. Keyboard only, 320 px
// and axe at each step; screenshots of each step kept (shotsDir) for a person to look at.
// Needs `npm run build` first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer';
// @ts-expect-error -- a JavaScript module without types
import { serve } from '../../scripts/serve.mjs';
import { main } from '../../src/cli.js';
import { synthesise } from '../../src/synth/synth.js';
import type { Summary } from '../../src/publish/summary-types.js';
import {
  BROWSERS,
  axe,
  drawCharts,
  launch,
  overflowsSideways,
  settled,
  shotsDir,
  tablesOf,
} from './browsers.js';

const dir = mkdtempSync(join(tmpdir(), 'csc-analyst-'));
const council = synthesise({ assessments: 2500, seed: 11 });
const files = { assessments: join(dir, 'assessments.csv'), pupils: join(dir, 'pupils.csv') };
writeFileSync(files.assessments, council.assessmentsCsv);
writeFileSync(files.pupils, council.pupilsCsv);
// The choices the test makes on the page, and the same from the shell.
const PERIOD = '2016-2022';
const CLASSES = '3';
const VIEWS = '#views > section > *';

/** The summary `csc-demand analyse` writes for the files and choices (and `more` options). */
async function cliSummary(...more: string[]): Promise<Summary> {
  let out = '';
  const code = await main(
    [
      'analyse',
      '--assessments',
      files.assessments,
      '--pupils',
      files.pupils,
      '--model',
      'local',
      '--classes',
      CLASSES,
      '--period',
      PERIOD,
      '--area',
      'Testshire',
      '--json',
      ...more,
    ],
    { out: (t) => (out += t), err: () => {} },
  );
  assert.equal(code, 0);
  return JSON.parse(out) as Summary;
}

/**
 * Where `a` and `b` differ, as JSON paths: numbers within 1e-10 of each other (relative to the larger
 * above 1) are the same figure. The browser's Math.exp and Math.log and Node's may differ in the last
 * bit, and a latent class model's item probabilities near 0 (1e-20 and below) carry that in their
 * leading digits; no printed figure shows a difference of that size.
 */
function differences(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!(a === b || Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a), Math.abs(b))))
      out.push(`${path}: ${a} against ${b}`);
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (a !== b)
    out.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} against ${JSON.stringify(b)?.slice(0, 80)}`);
  return out;
}

/** The sections the page published, and the metadata but for the time the summary was made. */
function published(
  s: Summary,
  sections: (keyof Summary)[] = ['demand', 'rereferral', 'attainment', 'pathways'],
): Record<string, unknown> {
  return {
    ...Object.fromEntries(sections.map((k) => [k, s[k]])),
    metadata: { ...s.metadata, generatedAt: null },
  };
}

let server: Server;
let url: string;
let siteServer: Server;
let siteUrl: string;
/** The council's web folder: the kit (dist/, linked) with the downloaded summary.json and a page. */
const site = join(dir, 'site');
mkdirSync(site);
for (const f of readdirSync('dist')) symlinkSync(resolve('dist', f), join(site, f));

before(async () => {
  assert.ok(existsSync('dist/embed.html'), 'build the kit first (npm run build)');
  ({ server, url } = await serve({ port: 0, root: '.' }));
  ({ server: siteServer, url: siteUrl } = await serve({ port: 0, root: dir }));
});
after(() => {
  server?.close();
  siteServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const name of BROWSERS) {
  describe(`the analyst page in ${name}`, () => {
    let browser: Browser;
    let page: Page;
    const shots = shotsDir();
    const shot = (step: string) => page.screenshot({ path: join(shots, `analyst-${name}-${step}.png`) });
    const problems: string[] = [];
    /** Each step: no axe violation, and nothing sideways at 320 px (then back to 1280). */
    async function checkStep(step: string, region?: string): Promise<void> {
      assert.deepEqual(await axe(page), [], `axe at step ${step}`);
      await page.setViewport({ width: 320, height: 800 });
      assert.equal(await overflowsSideways(page), false, `no sideways scrolling at 320 px, step ${step}`);
      await shot(`${step}-320`);
      await page.setViewport({ width: 1280, height: 900 });
      await shot(step);
      // The step's part of the page, whole (a full-page picture of this long page is too tall to read).
      if (!region) return;
      assert.ok((await drawCharts(page, region)) > 0, `charts drawn in ${region}`);
      await (await page.$(region))!.screenshot({ path: join(shots, `analyst-${name}-${step}-region.png`) });
    }
    /** Tabs forward until `selector` has the focus; fails if it never comes (not keyboard reachable). */
    async function tabTo(selector: string, max = 400): Promise<void> {
      for (let i = 0; i < max; i++) {
        if (await page.evaluate((s: string) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      assert.fail(`${selector} was not reached with the Tab key`);
    }

    before(async () => {
      browser = await launch(name);
      page = await browser.newPage();
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.setViewport({ width: 1280, height: 900 });
    });
    after(async () => {
      await browser?.close();
    });

    test('step 1: the files, chosen through the file inputs, are summarised with their problems first', async () => {
      await page.goto(`${url}demo/analyst.html`, { waitUntil: 'load' });
      await checkStep('1-start');
      await (await page.$('input#assessments-file'))!.uploadFile(files.assessments);
      await (await page.$('input#pupils-file'))!.uploadFile(files.pupils);
      await settled(page, 'csc-dataset-summary:not([hidden])');
      await settled(page, VIEWS);
      const tags = await page.$$eval(VIEWS, (els) =>
        els.map((e) => `${e.localName}:${(e as Element & { status: string }).status}`),
      );
      assert.deepEqual(tags, [
        'demand-category-chart:ready',
        'rereferral-curve:ready',
        'attainment-gap-table:ready',
        'pathway-chart:ready',
      ]);
      await checkStep('2-results', '#views');
    });

    test('step 2: the period and the model, changed from the keyboard, re-run the categories alone and stay in the address', async () => {
      await page.evaluate(`window.__starts = [];
        for (const el of document.querySelectorAll(${JSON.stringify(VIEWS)}))
          el.addEventListener('csc-analysis-start', () => window.__starts.push(el.localName));`);
      await page.focus('#main');
      await tabTo('#model-national');
      await page.keyboard.press('ArrowDown'); // the radio group's next choice: local
      await tabTo('#classes');
      await page.select('#classes', CLASSES);
      await tabTo('#period');
      await page.keyboard.type(PERIOD);
      await page.keyboard.press('Tab'); // leaving the field commits it (a change event)
      await settled(page, VIEWS);
      const starts = (await page.evaluate('window.__starts')) as string[];
      assert.ok(
        starts.length >= 1 && starts.every((t) => t === 'demand-category-chart'),
        `re-ran: ${starts}`,
      );
      const demand = await page.$eval('#view-demand', (e) => [
        e.getAttribute('model'),
        e.getAttribute('classes'),
        e.getAttribute('period'),
      ]);
      assert.deepEqual(demand, ['local', CLASSES, PERIOD]);
      const search = new URL(page.url()).searchParams;
      assert.equal(search.get('model'), 'local');
      assert.equal(search.get('period'), PERIOD);
      await checkStep('3-changed', '#view-demand');
    });

    test('step 3: publishing shows the preview, what was suppressed, the summary and the embed code, as csc-demand analyse', async () => {
      await page.$eval('#area', (e) => void ((e as HTMLInputElement).value = ''));
      await page.type('#area', 'Testshire');
      await page.$eval('#site', (e) => void ((e as HTMLInputElement).value = ''));
      await page.type('#site', `${siteUrl}site/`);
      await tabTo('#publish-button');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.getElementById('published')!.hidden, { timeout: 240000 });
      await settled(page, '#preview > *');
      const statuses = await page.$$eval('#preview > *', (els) =>
        els.map((e) => (e as Element & { status: string }).status),
      );
      assert.deepEqual(statuses, ['ready', 'ready', 'ready', 'ready']);

      // The downloaded file is the CLI's summary, the time it was made aside.
      const href = await page.$eval('#download-summary', (a) => (a as HTMLAnchorElement).href);
      const text = (await page.evaluate(`fetch(${JSON.stringify(href)}).then((r) => r.text())`)) as string;
      const downloaded = JSON.parse(text) as Summary;
      const cli = await cliSummary();
      assert.deepEqual(differences(published(downloaded), published(cli)), []);

      // The suppression list names the sections, with the count of c in each.
      const list = await page.$$eval('#suppressed-list li', (lis) => lis.map((l) => l.textContent ?? ''));
      assert.ok(
        list.some((l) => /^Categories of demand: \d+ figures? shown as c/.test(l)),
        list.join('\n'),
      );

      // The preview's demand table holds every published category's count, c where suppressed.
      const [demandTables] = await tablesOf(page, '#preview demand-category-chart');
      const shares = demandTables!.find((t) => t.length > cli.demand!.categories.length)!;
      for (const c of cli.demand!.categories) {
        const count = c.count === 'c' ? 'c' : Number(c.count).toLocaleString('en-GB');
        assert.ok(
          shares.some((row) => row.startsWith(c.name) && row.includes(` ${count} `)),
          `${c.name}: ${count}`,
        );
      }
      await checkStep('4-published', '#published');

      // A page made from the copied script-tag code and the downloaded summary shows the preview's tables.
      await tabTo('#copy-script');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() =>
        /copied|selected/.test(document.getElementById('copy-status')!.textContent!),
      );
      const code = await page.$eval('#script-code', (t) => (t as HTMLTextAreaElement).value);
      assert.match(code, /<script type="module" src="[^"]+\/site\/csc-demand-widgets\.js"><\/script>/);
      const iframes = await page.$eval('#iframe-code', (t) => (t as HTMLTextAreaElement).value);
      assert.equal((iframes.match(/<iframe /g) ?? []).length, 4);
      assert.match(iframes, /title="Categories of demand"/);
      writeFileSync(join(site, 'summary.json'), text);
      writeFileSync(
        join(site, `page-${name}.html`),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>JSNA</title></head><body><main>\n${code}</main></body></html>\n`,
      );
      const preview = await tablesOf(page, '#preview > *');
      assert.ok(
        preview.every((tables) => tables.length > 0 && tables[0]!.length > 1),
        'every view has a table',
      );
      const pub = await browser.newPage();
      await pub.goto(`${siteUrl}site/page-${name}.html`, { waitUntil: 'load' });
      await settled(pub, 'main > [results-src]');
      assert.deepEqual(await tablesOf(pub, 'main > [results-src]'), preview);
      await pub.close();
    });

    test("step 4: what the re-referral curve follows, and the pathway chart's split and first view: each re-runs its own element alone, stays in the address, and is published", async () => {
      // The page made from the embed code was a tab of its own: this one takes the keyboard back
      // (Firefox gives a key's default action, such as a button's press, to the focused tab only).
      await page.bringToFront();
      await page.evaluate('window.__starts = []');
      const starts = () => page.evaluate('window.__starts.splice(0)') as Promise<string[]>;
      // From the top of the main content: tabbing past the page's end takes the focus out of it.
      await page.focus('#main');
      await tabTo('#rereferral-outcome');
      // A closed list's next choice from the keyboard (page.select takes the focus from the page in Firefox).
      await page.keyboard.press('ArrowDown'); // repeat-plan
      await settled(page, VIEWS);
      assert.deepEqual([...new Set(await starts())], ['rereferral-curve']);
      const curve = await page.$eval('#view-rereferral', (e) => [
        e.getAttribute('outcome'),
        e.getAttribute('heading'),
        e.shadowRoot!.querySelector('h3')?.textContent?.trim(),
      ]);
      assert.deepEqual(curve, [
        'repeat-plan',
        'A repeat child protection plan after one ends',
        'A repeat child protection plan after one ends',
      ]);
      assert.equal(
        await page.$eval('label[for="publish-rereferral"]', (l) => l.textContent),
        'A repeat child protection plan after one ends',
      );
      await tabTo('#split');
      await page.keyboard.press('ArrowDown'); // neglect
      await settled(page, VIEWS);
      assert.deepEqual([...new Set(await starts())], ['pathway-chart']);
      await tabTo('#pathway-view');
      await page.keyboard.press('ArrowDown'); // adjusted
      await page.keyboard.press('ArrowDown'); // gradient
      await settled(page, VIEWS);
      assert.deepEqual(await starts(), [], 'the first view changes no figure');
      assert.deepEqual(
        await page.$eval('#view-pathways', (e) => [e.getAttribute('split'), e.getAttribute('view')]),
        ['neglect', 'gradient'],
      );
      const search = new URL(page.url()).searchParams;
      assert.deepEqual(
        ['rereferral-outcome', 'split', 'pathway-view'].map((k) => search.get(k)),
        ['repeat-plan', 'neglect', 'gradient'],
      );
      await checkStep('5-followed', '#view-rereferral');

      // Published: the repeat plans in place of the re-referral curves, as analyse --sections does.
      await page.$eval('#publish-status', (e) => void (e.textContent = ''));
      await tabTo('#publish-button');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => /ready|could not/.test(document.getElementById('publish-status')!.textContent!),
        { timeout: 240000 },
      );
      assert.match(await page.$eval('#publish-status', (e) => e.textContent!), /ready/);
      await settled(page, '#preview > *');
      const href = await page.$eval('#download-summary', (a) => (a as HTMLAnchorElement).href);
      const text = (await page.evaluate(`fetch(${JSON.stringify(href)}).then((r) => r.text())`)) as string;
      const downloaded = JSON.parse(text) as Summary;
      assert.ok(downloaded.repeatPlans, 'the repeat plans are published');
      assert.ok(!downloaded.rereferral && !downloaded.careReentry, 'and nothing the page did not show');
      assert.equal(downloaded.pathways?.options.split, 'neglect');
      const cli = await cliSummary('--sections', 'demand,repeatPlans,attainment,pathways');
      assert.deepEqual(
        differences(
          published(downloaded, ['demand', 'repeatPlans', 'attainment']),
          published(cli, ['demand', 'repeatPlans', 'attainment']),
        ),
        [],
      );
      const list = await page.$$eval('#suppressed-list li', (lis) => lis.map((l) => l.textContent ?? ''));
      assert.ok(
        list.some((l) => l.startsWith('Repeat child protection plans: ')),
        list.join('\n'),
      );
      for (const sel of ['rereferral-curve[outcome="repeat-plan"]', 'pathway-chart[view="gradient"]'])
        assert.ok(await page.$(`#preview > ${sel}`), `the preview has ${sel}`);
      const code = await page.$eval('#script-code', (t) => (t as HTMLTextAreaElement).value);
      assert.match(code, /<rereferral-curve[^>]*\n {2}outcome="repeat-plan"/);
      assert.match(code, /<pathway-chart[^>]*\n {2}view="gradient"/);
      const iframes = await page.$eval('#iframe-code', (t) => (t as HTMLTextAreaElement).value);
      assert.match(iframes, /element=rereferral-curve[^"]*&amp;outcome=repeat-plan/);
      assert.match(iframes, /title="A repeat child protection plan after one ends"/);
      assert.match(iframes, /element=pathway-chart[^"]*&amp;view=gradient/);

      // A page made from this embed code shows the preview's tables, the repeat plans among them.
      writeFileSync(join(site, 'summary.json'), text);
      writeFileSync(
        join(site, `page-${name}-2.html`),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>JSNA</title></head><body><main>\n${code}</main></body></html>\n`,
      );
      const preview = await tablesOf(page, '#preview > *');
      const pub = await browser.newPage();
      await pub.goto(`${siteUrl}site/page-${name}-2.html`, { waitUntil: 'load' });
      await settled(pub, 'main > [results-src]');
      assert.deepEqual(await tablesOf(pub, 'main > [results-src]'), preview);
      await pub.close();
      await checkStep('6-published-again', '#preview');
    });

    test('the address restores the choices after a reload (the files are not in it)', async () => {
      await page.reload({ waitUntil: 'load' });
      const values = await page.evaluate(() => ({
        local: (document.getElementById('model-local') as HTMLInputElement).checked,
        classes: (document.getElementById('classes') as HTMLSelectElement).value,
        period: (document.getElementById('period') as HTMLInputElement).value,
        area: (document.getElementById('area') as HTMLInputElement).value,
        followed: (document.getElementById('rereferral-outcome') as HTMLSelectElement).value,
        split: (document.getElementById('split') as HTMLSelectElement).value,
        first: (document.getElementById('pathway-view') as HTMLSelectElement).value,
        results: document.getElementById('results')!.hidden,
      }));
      assert.deepEqual(values, {
        local: true,
        classes: CLASSES,
        period: PERIOD,
        area: 'Testshire',
        followed: 'repeat-plan',
        split: 'neglect',
        first: 'gradient',
        results: true,
      });
      assert.deepEqual(problems, []);
    });
  });
}
