// Fails when any module of the kit (src/, workers/, components/) imports itself through others: a
// circle makes a layer impossible to lift out or load on its own, and type-only circles count too
// (they are the same knot to a reader). Run by `npm run lint`; eslint's no-restricted-imports zones
// (eslint.config.js) keep the direction of the layers, this keeps them free of loops.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const roots = ['src', 'workers', 'components'];
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.ts$/.test(p) && !p.endsWith('.d.ts') ? [p] : [];
  });
const files = roots.filter(existsSync).flatMap(walk);
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

const edges = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const out = new Set();
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    const target = relative('.', resolve(dirname(f), spec)).replace(/\.js$/, '.ts');
    if (existsSync(target)) out.add(target);
  }
  edges.set(f, [...out]);
}

// Tarjan's strongly connected components: every component of more than one module is a circle.
let index = 0;
const stack = [];
const info = new Map();
const circles = [];
function visit(v) {
  info.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of edges.get(v) ?? []) {
    if (!info.has(w)) {
      visit(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const scc = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) circles.push(scc.sort());
  }
}
for (const f of files) if (!info.has(f)) visit(f);

if (circles.length > 0) {
  console.error(
    `check-import-cycles: ${circles.length} import circle(s); each set of modules imports itself:`,
  );
  for (const c of circles) console.error(`  - ${c.join(' <-> ')}`);
  process.exit(1);
}
console.log(`check-import-cycles: ${files.length} modules, no import circle`);
