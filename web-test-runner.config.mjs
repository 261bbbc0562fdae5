// Browser tests run against the built kit (dist/) in Debian's Chromium and Firefox ESR, driven by
// puppeteer (see ../shared/TOOLING.md). `npm test` builds before it runs them.
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { PassThrough } from 'node:stream';

const stalled = new Set();

const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const only = process.env.BROWSERS ? process.env.BROWSERS.split(',') : ['chromium', 'firefox'];
const browsers = [];
if (only.includes('chromium'))
  browsers.push(
    puppeteerLauncher({
      launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    }),
  );
if (only.includes('firefox'))
  browsers.push(
    puppeteerLauncher({
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
      },
    }),
  );

// `executeServerCommand('forced-colors', {active})`: emulates Windows High Contrast (forced-colors:
// active) in Chromium through CDP. @web/test-runner-commands' emulateMedia cannot (puppeteer refuses
// the feature's name), and Firefox under puppeteer has no CDP: the command fails there and the test
// skips.
const cdpSessions = new WeakMap();
const forcedColors = {
  name: 'csc-forced-colors',
  async executeCommand({ command, payload, session }) {
    if (command !== 'forced-colors') return undefined;
    if (session.browser.type !== 'puppeteer' || session.browser.name !== 'Chromium')
      throw new Error(`forced-colors emulation needs Chromium's CDP; this is ${session.browser.name}`);
    const page = session.browser.getPage(session.id);
    // One CDP session per page, kept open: Chromium clears a session's emulation when it detaches.
    let cdp = cdpSessions.get(page);
    if (!cdp) cdpSessions.set(page, (cdp = await page.createCDPSession()));
    await cdp.send('Emulation.setEmulatedMedia', {
      features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
    });
    return true;
  },
};

export default {
  files: process.env.TEST_FILES ?? 'tests/browser/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 2,
  browserStartTimeout: 120000,
  testsFinishTimeout: 600000,
  testFramework: { config: { timeout: 60000 } },
  // /second-copy/dist/... serves dist/ again under other URLs: a true second copy of the kit (its own
  // modules and chunks), as when two scripts on one page load the kit from different places.
  middleware: [
    // /stall/<id>/<name>.csv: a response that sends its header line, then nothing, for ever (a
    // server or proxy that hangs); the first time for each id only, then the whole small file, so
    // "Try again" can succeed (tests/browser/stall-and-retry.test.ts).
    function stall(ctx, next) {
      const m = /^\/stall\/([\w-]+)\/[\w-]+\.csv$/.exec(ctx.path);
      if (!m) return next();
      const head = 'child_id,referral_date,assessment_date,factors\n';
      ctx.type = 'text/csv';
      if (stalled.has(m[1])) {
        ctx.body = head + 'A1,2023-04-01,2023-04-20,3B\nA2,2023-05-01,2023-05-20,4B\n';
        return undefined;
      }
      stalled.add(m[1]);
      const body = new PassThrough();
      body.write(head);
      const end = () => body.end();
      ctx.req.on('close', end);
      setTimeout(end, 120000).unref(); // never outlive the run
      ctx.body = body;
      return undefined;
    },
    function secondCopy(ctx, next) {
      if (ctx.url.startsWith('/second-copy/')) ctx.url = ctx.url.slice('/second-copy'.length);
      return next();
    },
  ],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), forcedColors],
  browsers,
};
