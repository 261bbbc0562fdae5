// The size budget (a council page must stay light): gzip -9 sizes of what a page downloads, measured on the
// built kit by following the module graph from the entry files (never by listing dist/, which keeps
// stale chunks of earlier builds).
//
//   node scripts/size.mjs [--dist DIR] [--report] [--json]
//
// - first load: dist/csc-demand-widgets.js and the chunks it imports statically (import/export ... from),
//   recursively: what a page fetches before any element draws. Budget 25 KB.
// - the chart chunk: what the first chart on a page loads (components/internal/vega-chart.ts's
//   loadVega): vega-<hash>.js, stock vega, vega-lite and vega-embed as published (rollup.config.mjs puts
//   every package they import there and nothing of ours: checked against its source map), and our chart
//   code (vega-draw-<hash>.js and what it imports that the first load has not). Budget: our chart code
//   at most 15 KB; the stock libraries are what they are (about 307 KB), never trimmed.
// - every element: the first load, the chunks it imports lazily (`import()`: Vega, the renderers)
//   and theirs, and the analysis worker (dist/analysis.worker.js with everything it imports, statically
//   or lazily): what a page showing every element ends up fetching. Each file counts once. Budget 450 KB.
//   A page on data never fetches summary-check (the validator of published summaries) and a page from a
//   published summary never starts the worker, so the two are measured as the two pages they are, and
//   the budget holds for each. The CIN census return reader (load-cin-<hash>.js and what only it imports) is printed apart: the
//   worker imports it when a file starts with `<`, so only a page given a return fetches it.
//   The main-thread fallback (the kit importing the worker's code when no worker can start) is the
//   same files as the worker, so it adds nothing.
//
// Exit 1 when a budget (see BUDGETS) is exceeded (so `npm test` fails); --report prints and always exits 0 (the
// build uses it). KB = 1000 bytes, as bundlers and CDNs report them.
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';

// The issues' budgets, enforced: `npm test` fails over any. How the kit stays under them: each
// element's ready state loads after the page (<element>.view.ts), and the charting libraries load as
// one lazy chunk when a chart nears the viewport or the page prints (vega-chart.ts).
export const BUDGETS = { firstLoad: 25_000, chartCode: 15_000, everything: 450_000 };

const root = fileURLToPath(new URL('..', import.meta.url));

/** Static and dynamic relative imports of one built module (bare specifiers are not ours to count). */
function importsOf(file) {
  const code = readFileSync(file, 'utf8');
  const [imports] = parse(code);
  const statics = [];
  const dynamics = [];
  for (const i of imports) {
    // d: -1 static import/export-from, > -1 dynamic import() with a string, -2 import.meta
    if (i.d === -2 || !i.n || !i.n.startsWith('.')) continue;
    const target = resolve(dirname(file), i.n);
    (i.d === -1 ? statics : dynamics).push(target);
  }
  // `new URL('./x.js', import.meta.url)` (the worker) is not an import: the worker is counted apart.
  return { statics, dynamics };
}

/**
 * Every file reachable from `entries`: through static imports only, or through lazy ones too; `skip`
 * files (and what only they import) are left out.
 */
function closure(entries, { lazy, skip = new Set() }) {
  const seen = new Set();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f) || skip.has(f)) continue;
    if (!existsSync(f)) throw new Error(`size: ${relative(root, f)} is imported but missing; build again`);
    seen.add(f);
    const { statics, dynamics } = importsOf(f);
    todo.push(...statics, ...(lazy ? dynamics : []));
  }
  return seen;
}

function gz(file) {
  const raw = readFileSync(file);
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
}

/** Measures the kit in `dist`: per-file and total sizes of the first load and of everything. */
export async function measure(dist = join(root, 'dist')) {
  await init;
  const entry = join(dist, 'csc-demand-widgets.js');
  const worker = join(dist, 'analysis.worker.js');
  for (const f of [entry, worker])
    if (!existsSync(f)) throw new Error(`size: ${relative(root, f)} is missing; run \`npm run build\``);
  const first = closure([entry], { lazy: false });
  // The CIN census return reader (load-cin-<hash>.js, imported when a file starts with `<`) is fetched
  // only by a page given a return: counted apart, as what reading a return adds, not in the page.
  // The same for publishing from a SQL engine's aggregates (aggregate-files-<hash>.js), which a page
  // analysing rows never asks for: it is not counted in the page (nor printed: a separate use).
  const lazyRoots = (re) =>
    [...closure([entry, worker], { lazy: true })].filter((f) => re.test(relative(dist, f)));
  // The LIIA flat CIN table's reader (load-liia-<hash>.js, imported when a CSV's header is that
  // table's) shares the census child and row writer with the return's: counted with it.
  const cinRoots = lazyRoots(/^load-(cin|liia)-[\w-]+\.js$/);
  const aggregateRoots = lazyRoots(/^aggregate-files-[\w-]+\.js$/);
  // Local classes (<demand-category-chart model="local">: the search over K, BIC, labels) are
  // imported by the worker only when a page asks for them: counted apart, as what they add.
  const localRoots = lazyRoots(/^demand-local-[\w-]+\.js$/);
  // Publishing a summary (summary-<hash>.js: the summary's parts and disclosure control) is imported
  // by the worker only when a page downloads or publishes one: counted apart, as what it adds.
  const publishRoots = lazyRoots(/^summary-[\w-]{8}\.js$/);
  const readers = new Set([...cinRoots, ...aggregateRoots, ...localRoots, ...publishRoots]);
  // A page shows its elements either from the data (the worker analyses the files; summary-check is
  // never fetched) or from a published summary (summary-check validates it; no worker starts): two
  // pages, each measured whole, and the budget holds for each.
  const named = (re) =>
    new Set([...closure([entry], { lazy: true })].filter((f) => re.test(relative(dist, f))));
  const checker = named(/^summary-check-[\w-]+\.js$/);
  const workerCode = named(/^worker-impl-[\w-]+\.js$/);
  const page = closure([entry], { lazy: true, skip: readers });
  const work = closure([worker], { lazy: true, skip: readers });
  const all = new Set([...page, ...work]);
  const dataPage = new Set([
    ...closure([entry], { lazy: true, skip: new Set([...readers, ...checker]) }),
    ...work,
  ]);
  const publicPage = closure([entry], { lazy: true, skip: new Set([...readers, ...workerCode]) });
  // Each reached from its own root, the other's left out (both reach the worker's code, which can
  // import either).
  const onDemand = [
    ...closure(cinRoots, { lazy: true, skip: new Set([...aggregateRoots, ...localRoots, ...publishRoots]) }),
  ].filter((f) => !all.has(f));
  const forAggregates = [
    ...closure(aggregateRoots, { lazy: true, skip: new Set([...cinRoots, ...localRoots, ...publishRoots]) }),
  ].filter((f) => !all.has(f));
  const forLocal = [
    ...closure(localRoots, { lazy: true, skip: new Set([...cinRoots, ...aggregateRoots, ...publishRoots]) }),
  ].filter((f) => !all.has(f));
  const forPublish = [
    ...closure(publishRoots, { lazy: true, skip: new Set([...cinRoots, ...aggregateRoots, ...localRoots]) }),
  ].filter((f) => !all.has(f));
  const files = [...all].map((f) => ({
    file: relative(dist, f),
    ...gz(f),
    firstLoad: first.has(f),
    lazy: page.has(f) && !first.has(f),
    worker: work.has(f),
  }));
  files.sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzip - a.gzip);
  // The chart chunk: the lazily imported vega-draw and the stock libraries' chunk (vega-<hash>.js).
  const draw = [...page].find((f) => /^vega-draw-[\w-]+\.js$/.test(relative(dist, f)));
  if (!draw) throw new Error('size: no vega-draw chunk among the lazy chunks; build again');
  const chart = [...closure([draw], { lazy: false })].filter((f) => !first.has(f));
  const stockFiles = chart.filter((f) => /^vega-[\w-]+\.js$/.test(relative(dist, f)) && f !== draw);
  for (const f of stockFiles) {
    const map = JSON.parse(readFileSync(`${f}.map`, 'utf8'));
    const ours = map.sources.filter((src) => !/(^|[\\/])node_modules[\\/]/.test(src));
    if (ours.length)
      throw new Error(
        `size: ${relative(dist, f)} holds our code (${ours[0]}): not the stock libraries alone`,
      );
  }
  const ofChart = (list) => files.filter((x) => list.some((f) => relative(dist, f) === x.file));
  const stock = ofChart(stockFiles);
  const code = ofChart(chart.filter((f) => !stockFiles.includes(f)));
  const sum = (list, k) => list.reduce((s, f) => s + f[k], 0);
  const firstFiles = files.filter((f) => f.firstLoad);
  const inPage = (set) => files.filter((x) => [...set].some((f) => relative(dist, f) === x.file));
  const returnFiles = onDemand.map((f) => ({ file: relative(dist, f), ...gz(f) }));
  const aggregateFiles = forAggregates.map((f) => ({ file: relative(dist, f), ...gz(f) }));
  const localFiles = forLocal.map((f) => ({ file: relative(dist, f), ...gz(f) }));
  const publishFiles = forPublish.map((f) => ({ file: relative(dist, f), ...gz(f) }));
  return {
    files,
    cinReturn: { files: returnFiles, raw: sum(returnFiles, 'raw'), gzip: sum(returnFiles, 'gzip') },
    local: { files: localFiles, raw: sum(localFiles, 'raw'), gzip: sum(localFiles, 'gzip') },
    publish: { files: publishFiles, raw: sum(publishFiles, 'raw'), gzip: sum(publishFiles, 'gzip') },
    aggregates: {
      files: aggregateFiles,
      raw: sum(aggregateFiles, 'raw'),
      gzip: sum(aggregateFiles, 'gzip'),
    },
    firstLoad: {
      raw: sum(firstFiles, 'raw'),
      gzip: sum(firstFiles, 'gzip'),
      budget: BUDGETS.firstLoad,
    },
    chart: {
      stock: { raw: sum(stock, 'raw'), gzip: sum(stock, 'gzip') },
      raw: sum(code, 'raw'),
      gzip: sum(code, 'gzip'),
      budget: BUDGETS.chartCode,
    },
    everything: {
      raw: sum(inPage(dataPage), 'raw'),
      gzip: sum(inPage(dataPage), 'gzip'),
      budget: BUDGETS.everything,
    },
    published: {
      raw: sum(inPage(publicPage), 'raw'),
      gzip: sum(inPage(publicPage), 'gzip'),
      budget: BUDGETS.everything,
    },
  };
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

/** The table the build and `npm run size` print. */
export function table(m) {
  const rows = [['file', 'loaded', 'minified', 'gzip -9', '']];
  for (const f of m.files) {
    const when = f.firstLoad ? 'first' : f.lazy && f.worker ? 'lazy, worker' : f.lazy ? 'lazy' : 'worker';
    rows.push([f.file, when, kb(f.raw), kb(f.gzip), '']);
  }
  for (const f of m.cinReturn.files) rows.push([f.file, 'a CIN return', kb(f.raw), kb(f.gzip), '']);
  for (const f of m.aggregates.files) rows.push([f.file, 'SQL aggregates', kb(f.raw), kb(f.gzip), '']);
  for (const f of m.local.files) rows.push([f.file, 'local classes', kb(f.raw), kb(f.gzip), '']);
  for (const f of m.publish.files) rows.push([f.file, 'a summary', kb(f.raw), kb(f.gzip), '']);
  const verdict = (t) =>
    t.gzip <= t.budget
      ? `within the ${kb(t.budget)} budget (${kb(t.budget - t.gzip)} to spare)`
      : `OVER the ${kb(t.budget)} budget by ${kb(t.gzip - t.budget)}`;
  rows.push(['first load', '', kb(m.firstLoad.raw), kb(m.firstLoad.gzip), verdict(m.firstLoad)]);
  rows.push([
    'chart chunk: stock vega, vega-lite, vega-embed',
    '',
    kb(m.chart.stock.raw),
    kb(m.chart.stock.gzip),
    '(as published)',
  ]);
  rows.push(['chart chunk: our chart code', '', kb(m.chart.raw), kb(m.chart.gzip), verdict(m.chart)]);
  rows.push([
    'every element on data, worker included',
    '',
    kb(m.everything.raw),
    kb(m.everything.gzip),
    verdict(m.everything),
  ]);
  rows.push([
    'every element from a published summary',
    '',
    kb(m.published.raw),
    kb(m.published.gzip),
    verdict(m.published),
  ]);
  rows.push([
    'reading a CIN census return (or LIIA table) adds',
    '',
    kb(m.cinReturn.raw),
    kb(m.cinReturn.gzip),
    '(fetched only when one is given)',
  ]);
  rows.push([
    'publishing from SQL aggregates adds',
    '',
    kb(m.aggregates.raw),
    kb(m.aggregates.gzip),
    '(fetched only by publishSummaryFromAggregates)',
  ]);
  rows.push([
    'finding local classes adds',
    '',
    kb(m.local.raw),
    kb(m.local.gzip),
    '(fetched only for model="local")',
  ]);
  rows.push([
    'publishing a summary (a download) adds',
    '',
    kb(m.publish.raw),
    kb(m.publish.gzip),
    '(fetched only by publishSummary)',
  ]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) =>
    r
      .map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((s, w) => s + w + 2, -2));
  const body = rows.slice(1, -7).map(line);
  return [line(rows[0]), rule, ...body, rule, ...rows.slice(-7).map(line)].join('\n');
}

export function withinBudget(m) {
  return [m.firstLoad, m.chart, m.everything, m.published].every((t) => t.gzip <= t.budget);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--dist');
  const dist = at >= 0 ? resolve(args[at + 1]) : join(root, 'dist');
  try {
    const m = await measure(dist);
    if (args.includes('--json')) console.log(JSON.stringify(m, null, 2));
    else console.log(table(m));
    if (!withinBudget(m) && !args.includes('--report')) {
      console.error('size: over budget (see the table, and BUDGETS in scripts/size.mjs)');
      process.exit(1);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
