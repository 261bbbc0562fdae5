// The kit as a consumer gets it: the packed tarball (`npm pack` of the built kit) installed into a
// fresh app outside the repository, offline, then
// - the installed `csc-demand --help` (npm's .bin link) prints the usage;
// - tsc checks a consumer's TypeScript (typed events and tags), a React 19 TSX file and Vue types
//   against the installed package's declarations;
// - the app is built with Vite and with Rollup, and each build is opened in Chromium under the kit's
//   strict Content-Security-Policy: the elements are defined, <csc-dataset-summary> analyses a CSV in
//   a real worker (not the main-thread fallback), and nothing is logged to the console.
//
// Offline: the app's package-lock.json is written from the kit's own (the kit's runtime dependencies,
// with their resolved URLs and integrity), so `npm ci --offline` takes every package from the npm
// cache that the kit's `npm ci` filled; the tarball comes from a file. Vite, Rollup, TypeScript and
// the type packages are the kit's devDependencies, run from the kit. `npm run build` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { handler } from '../../scripts/serve.mjs';

const kit = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(kit, 'package.json'), 'utf8')) as { name: string; version: string };

let work = '';
let app = '';
let packed: string[] = [];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

type LockEntry = { dev?: boolean; devOptional?: boolean; link?: boolean; [k: string]: unknown };

/** The app's lockfile: the tarball, and the kit's runtime dependencies exactly as the kit locks them. */
function appLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(kit, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const kitRoot = lock.packages['']! as { dependencies?: Record<string, string>; bin?: object };
  const packages: Record<string, unknown> = {
    '': { name: 'consumer-app', dependencies: { [pkg.name]: `file:${tarball}` } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: `file:${tarball}`,
      license: 'MIT',
      dependencies: kitRoot.dependencies,
      bin: kitRoot.bin, // npm ci links .bin/ from the lockfile's entry
    },
  };
  for (const [path, entry] of Object.entries(lock.packages))
    if (path.startsWith('node_modules/') && !entry.dev && !entry.devOptional && !entry.link)
      packages[path] = entry;
  return { name: 'consumer-app', lockfileVersion: 3, requires: true, packages };
}

before(() => {
  assert.ok(
    existsSync(join(kit, 'dist/csc-demand-widgets.js')),
    'dist/ is missing: run `npm run build` first',
  );
  work = mkdtempSync(join(tmpdir(), 'csc-consumer-'));
  const out = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], kit)) as {
    filename: string;
    files: { path: string }[];
  }[];
  packed = out[0]!.files.map((f) => f.path);
  const tarball = join(work, out[0]!.filename);
  app = join(work, 'app');
  mkdirSync(app);
  cpSync(join(here, 'app'), app, { recursive: true });
  cpSync(join(here, 'types'), join(app, 'types'), { recursive: true });
  copyFileSync(join(kit, 'tests/fixtures/browser/assessments-small.csv'), join(app, 'assessments.csv'));
  const manifest = {
    name: 'consumer-app',
    private: true,
    type: 'module',
    dependencies: { [pkg.name]: `file:${tarball}` },
  };
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(appLock(tarball), null, 2));
  run(npm, ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], app);
  // The app's own type packages (a React app has @types/react, a Vue app vue): the kit's copies.
  mkdirSync(join(app, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(kit, 'node_modules/@types/react'), join(app, 'node_modules/@types/react'), 'dir');
  symlinkSync(join(kit, 'node_modules/vue'), join(app, 'node_modules/vue'), 'dir');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('contains the licence, the third-party notices, the schema and the declarations', () => {
    for (const f of [
      'LICENSE',
      'dist/THIRD-PARTY-NOTICES.md',
      'dist/summary.schema.json',
      'dist/csc-demand-widgets.js',
      'dist/analysis.worker.js',
      'dist/analysis.worker.classic.js',
      'dist/cli.js',
      'dist/types/components/index.d.ts',
      'dist/types/components/jsx/react.d.ts',
      'dist/types/components/jsx/vue.d.ts',
      'custom-elements.json',
    ])
      assert.ok(packed.includes(f), `${f} is not in the package`);
  });

  it('names in its notices every package the build bundled, with its licence text', () => {
    const notices = readFileSync(join(app, 'node_modules', pkg.name, 'dist/THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const name of ['lit-html', 'comlink'])
      assert.match(notices, new RegExp(`^\\| ${name} \\| [0-9.]+ \\| `, 'm'), `${name} is not listed`);
    assert.match(notices, /Apache License/, "comlink's Apache licence text is missing");
  });

  it("runs the installed csc-demand through npm's bin link and prints the usage", () => {
    const bin = join(app, 'node_modules/.bin/csc-demand');
    const out = run(bin, ['--help'], app);
    assert.match(out, /csc-demand <command>/);
    assert.match(out, /\banalyse\b/);
  });
});

describe("a consumer's TypeScript", () => {
  it('type-checks events, tags, React 19 JSX and Vue components against the installed declarations', () => {
    const tsc = join(kit, 'node_modules/typescript/bin/tsc');
    try {
      run(process.execPath, [tsc, '-p', join(app, 'types/tsconfig.json')], app);
    } catch (e) {
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      assert.fail(`tsc found errors in the consumer's files:\n${stdout ?? ''}${stderr ?? ''}`);
    }
  });
});

type Outcome = { status?: string; error?: string; defined: string[]; mode: string | null; text: string };

/** Opens the built app under the strict CSP; the page's outcome and everything the console said. */
async function openInChromium(dir: string): Promise<{ outcome: Outcome; logged: string[] }> {
  const server: Server = createServer(handler(dir, { csp: true }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
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
  const logged: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logged.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
    page.on('requestfailed', (r) => logged.push(`requestfailed: ${r.url()}`));
    page.on('workercreated', (w) => w.on('console', (m) => logged.push(`worker ${m.type()}: ${m.text()}`)));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    const outcome = (await page.evaluate('window.cscConsumer')) as Outcome;
    return { outcome, logged };
  } finally {
    await browser.close();
    server.close();
  }
}

function assertWorks({ outcome, logged }: { outcome: Outcome; logged: string[] }): void {
  assert.deepEqual(outcome.defined.sort(), [
    'attainment-gap-table',
    'csc-dataset-summary',
    'demand-category-chart',
    'rereferral-curve',
  ]);
  assert.equal(outcome.error, undefined, `the element failed: ${outcome.error}`);
  assert.equal(outcome.status, 'ready');
  assert.match(outcome.text, /12 assessments/, `unexpected summary: ${outcome.text}`);
  assert.equal(outcome.mode, 'worker', 'the analysis did not run in the bundled worker');
  assert.deepEqual(logged, [], 'the page logged to the console');
}

/** Every file of a build, and the JavaScript among them. */
function builtFiles(dir: string): { names: string[]; js: string } {
  const names = readdirSync(dir, { recursive: true }).map(String);
  const js = names
    .filter((n) => n.endsWith('.js'))
    .map((n) => readFileSync(join(dir, n), 'utf8'))
    .join('\n');
  return { names, js };
}

/** The worker is emitted once, as a worker: not also as an asset, a data: URL or the classic copy. */
function assertOneWorker(dir: string): void {
  const { names, js } = builtFiles(dir);
  const workers = names.filter((n) => /analysis\.worker[^/]*\.js$/.test(n));
  assert.equal(workers.length, 1, `expected the worker emitted once, got: ${workers.join(', ') || 'none'}`);
  assert.doesNotMatch(js, /data:(text|application)\/javascript/, 'a worker was inlined as a data: URL');
  assert.ok(!names.some((n) => n.includes('classic')), 'the classic worker was copied into the build');
}

describe('an app built with a bundler', () => {
  it('Vite: the elements register, analyse a CSV in the bundled worker and log nothing', async () => {
    const { build } = await import('vite');
    await build({
      root: app,
      configFile: false,
      logLevel: 'error',
      build: { outDir: join(app, 'dist-vite'), emptyOutDir: true },
    });
    copyFileSync(join(app, 'assessments.csv'), join(app, 'dist-vite/assessments.csv'));
    assertOneWorker(join(app, 'dist-vite'));
    assertWorks(await openInChromium(join(app, 'dist-vite')));
  });

  it('Rollup: the same, with the module-worker plugin the README shows', async () => {
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const { default: moduleWorkers } = await import('./rollup-module-workers.mjs');
    const out = join(app, 'dist-rollup');
    const bundle = await rollup({
      input: join(app, 'main.js'),
      plugins: [nodeResolve({ browser: true, rootDir: app }), moduleWorkers()],
      onwarn: (w) => assert.fail(`rollup warned: ${w.message}`),
    });
    await bundle.write({
      dir: out,
      format: 'es',
      entryFileNames: 'main.js',
      chunkFileNames: '[name]-[hash].js',
    });
    await bundle.close();
    copyFileSync(join(app, 'index.html'), join(out, 'index.html'));
    copyFileSync(join(app, 'assessments.csv'), join(out, 'assessments.csv'));
    assertOneWorker(out);
    assertWorks(await openInChromium(out));
  });
});
