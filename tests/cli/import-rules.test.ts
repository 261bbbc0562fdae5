// The house's import rules hold and their checks can fail: scripts/check-import-cycles.mjs finds a
// circle of two modules (type-only imports included) and passes the kit's own tree; eslint's zones
// refuse a method that imports the data layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts', 'check-import-cycles.mjs');

test('the cycle check names the modules of a circle, type-only imports included', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  try {
    mkdirSync(join(dir, 'src', 'lca'), { recursive: true });
    writeFileSync(join(dir, 'src', 'lca', 'a.ts'), "import type { B } from './b.js';\nexport type A = B;\n");
    writeFileSync(join(dir, 'src', 'lca', 'b.ts'), "export { x } from './a.js';\nexport type B = number;\n");
    writeFileSync(join(dir, 'src', 'c.ts'), "import { x } from './lca/b.js';\nexport const y = x;\n");
    const r = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/lca\/a\.ts <-> src\/lca\/b\.ts/);
    assert.doesNotMatch(r.stderr, /src\/c\.ts/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the kit has no import circle', () => {
  const r = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('eslint refuses a method file that imports the data layer or the domain', () => {
  const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const code =
    "import type { Categorical } from '../data/types.js';\nimport { CIN_FACTORS } from '../domain/cin-codes.js';\n" +
    'export const f = (c: Categorical): number => c.codes.length + CIN_FACTORS.length;\n';
  const r = spawnSync(process.execPath, [eslint, '--stdin', '--stdin-filename', 'src/survival/probe.ts'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /data\/types\.js.*methods take typed arrays/);
  assert.match(r.stdout, /domain\/cin-codes\.js/);
});
