// `npm run bench`: national-scale figures the issues ask for, printed as plain text. Each area has
// its own file exporting `bench()`; this runner calls those that exist, in order. Speed goals live
// here, never as timed assertions in tests. Run alone (`npm run bench -- survival`) by naming one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const areas = ['parse', 'parse-xml', 'lca', 'survival', 'ols', 'scale', 'pathways', 'sql'];
const only = process.argv.slice(2);
for (const area of areas) {
  if (only.length && !only.includes(area)) continue;
  const file = fileURLToPath(new URL(`./${area}.ts`, import.meta.url));
  if (!existsSync(file)) continue;
  const mod = (await import(`./${area}.ts`)) as { bench: () => Promise<void> };
  console.log(`\n== ${area} ==`);
  await mod.bench();
}
