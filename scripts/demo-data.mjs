// Makes the demo's synthetic council (demo/data/assessments.csv and pupils.csv) with the built CLI:
//   node dist/cli.js synth --assessments 25000 --seed 2024 --out demo/data
// and its published summary (demo/data/summary.json, what demo/public.html shows), as a council
// analyst would make it:
//   node dist/cli.js analyse --assessments demo/data/assessments.csv --pupils demo/data/pupils.csv
//     --area "Anytown (synthetic)" --out demo/data/summary.json
// Run by `npm run build` after rollup, so `npm start` and the browser tests always have it. The files
// are deterministic (seeded); they are made again only when dist/cli.js changed (a stamp records its
// hash) or with --force. demo/data/ is not committed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const out = join(root, 'demo', 'data');
const stampFile = join(out, '.stamp');
const args = ['synth', '--assessments', '25000', '--seed', '2024', '--out', out];
const analyse = [
  'analyse',
  '--assessments',
  join(out, 'assessments.csv'),
  '--pupils',
  join(out, 'pupils.csv'),
  '--area',
  'Anytown (synthetic)',
  '--out',
  join(out, 'summary.json'),
];

if (!existsSync(cli)) {
  console.error('demo-data: dist/cli.js is missing; run `npm run build` first');
  process.exit(1);
}
const stamp = `${createHash('sha256').update(readFileSync(cli)).digest('hex')} ${args.slice(0, 5).join(' ')} + summary`;
const fresh =
  !process.argv.includes('--force') &&
  existsSync(join(out, 'assessments.csv')) &&
  existsSync(join(out, 'pupils.csv')) &&
  existsSync(join(out, 'summary.json')) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp;
if (fresh) {
  console.log('demo-data: demo/data is up to date');
  process.exit(0);
}
mkdirSync(out, { recursive: true });
const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) {
  console.error(`demo-data: \`node dist/cli.js ${args.join(' ')}\` failed (exit ${r.status})`);
  process.exit(1);
}
for (const f of ['assessments.csv', 'pupils.csv'])
  if (!existsSync(join(out, f))) {
    console.error(`demo-data: synth did not write demo/data/${f}`);
    process.exit(1);
  }
const a = spawnSync(process.execPath, [cli, ...analyse], { stdio: ['ignore', 'inherit', 'inherit'] });
if (a.status !== 0 || !existsSync(join(out, 'summary.json'))) {
  console.error(`demo-data: \`node dist/cli.js ${analyse.join(' ')}\` failed (exit ${a.status})`);
  process.exit(1);
}
writeFileSync(stampFile, stamp);
console.log(
  'demo-data: wrote demo/data/assessments.csv and pupils.csv (25,000 assessments, seed 2024) and their summary.json',
);
