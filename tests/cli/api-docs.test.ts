// The API documentation is generated, never hand-edited: custom-elements.json must be what the
// analyzer makes from the class comments today, and the README's API tables what
// scripts/api-docs.mjs writes from it. Either out of date fails here: run `npm run docs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The analyzer writes under the working directory: a scratch folder in the (ignored) tmp/.
const scratch = join('tmp', `api-docs-test-${process.pid}`);

function run(args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test('custom-elements.json is what the analyzer makes from the class comments now', () => {
  mkdirSync(join(root, scratch), { recursive: true });
  try {
    const cem = join('node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');
    const r = run([cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', scratch]);
    assert.equal(r.code, 0, r.out);
    const fresh = JSON.parse(readFileSync(join(root, scratch, 'custom-elements.json'), 'utf8'));
    const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(committed, fresh, 'custom-elements.json is out of date: run `npm run docs`');
  } finally {
    rmSync(join(root, scratch), { recursive: true, force: true });
  }
});

test('every element the kit registers is in the manifest with its tag, attributes, events and parts', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const tags = new Map<string, { attributes?: unknown[]; events?: unknown[]; cssParts?: unknown[] }>();
  for (const mod of manifest.modules)
    for (const d of mod.declarations ?? []) if (d.tagName) tags.set(d.tagName, d);
  const index = readFileSync(join(root, 'components', 'index.ts'), 'utf8');
  // index.ts imports each element's define function from its define.js and calls it.
  const registered = [...index.matchAll(/^import .*'\.\/([a-z-]+)\/define\.js';/gm)].map((m) => m[1]!);
  assert.ok(registered.length >= 4);
  // <csc-vega-chart> (registered by the views and chart.ts, not index.ts) is described too.
  assert.ok(tags.get('csc-vega-chart')?.attributes?.length, '<csc-vega-chart> has no tag or attributes');
  for (const folder of registered) {
    const tag = folder === 'dataset-summary' ? 'csc-dataset-summary' : folder;
    const el = tags.get(tag);
    assert.ok(el, `<${tag}> has no @element in its class comment, or custom-elements.json is stale`);
    assert.ok(el.attributes?.length, `<${tag}> lists no attributes`);
    assert.ok(el.events?.length, `<${tag}> lists no events`);
    assert.ok(el.cssParts?.length, `<${tag}> lists no CSS parts`);
  }
});

test("the README's API tables are what custom-elements.json says", () => {
  const r = run(['scripts/api-docs.mjs', '--check']);
  assert.equal(r.code, 0, r.out);
});

test('the README check fails when a table was edited by hand', () => {
  mkdirSync(join(root, scratch), { recursive: true });
  try {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const edited = readme.replace(/(<!-- api:tokens -->[\s\S]*?)\| `--csc-space`/, '$1| `--csc-spacing`');
    assert.notEqual(edited, readme);
    const copy = join(scratch, 'README.md');
    writeFileSync(join(root, copy), edited);
    const r = run(['scripts/api-docs.mjs', '--check', '--readme', copy]);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /out of date/);
  } finally {
    rmSync(join(root, scratch), { recursive: true, force: true });
  }
});
