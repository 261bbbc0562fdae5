// Four builds from one config:
// 1. the browser kit in dist/: ESM entry points for bundlers and for a plain <script type="module">
//    (csc-demand-widgets.js registers the elements; chart.js the chart alone), the worker as its own
//    module, and lazily loaded chunks (each element's view; the charting chunk, stock vega, vega-lite
//    and vega-embed with components/internal/vega-draw.ts, as they are published) as siblings, so
//    `new URL('./analysis.worker.js', import.meta.url)` holds from any chunk;
// 2. the core (dist/core.js), every statistical method, for bundlers and Node;
// 3. the worker as one classic script (dist/analysis.worker.classic.js);
// 4. the CLI for Node 20 in dist/cli.js;
// 5. the embed page (dist/embed.html, embed.js, embed.css) and the parent's resize script
//    (dist/embed-resize.js, a classic script): apart from the kit, which embed.js loads at run time
//    from beside it, so the kit's first load and chunks are the same with or without them.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';
import { embedManifest } from './scripts/embed-manifest.mjs';

const pkg = JSON.parse(readFileSync('./package.json', 'utf8'));
const define = { __VERSION__: JSON.stringify(pkg.version) };

// What the charting chunk holds: vega, vega-lite, vega-embed and everything they import (Vega's
// packages, d3's, vega-tooltip, vega-embed's JSON helpers): every package but the kit's others.
const OTHER_PACKAGES =
  /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit|@lit-labs|comlink|papaparse|tslib)[\\/]/;
const isStockChart = (id) => /[\\/]node_modules[\\/]/.test(id) && !OTHER_PACKAGES.test(id);

// Prints the size table (scripts/size.mjs) once the kit is written; `npm test` enforces the budget.
const sizeReport = {
  name: 'csc-size-report',
  async writeBundle(options) {
    if (options.dir !== 'dist') return;
    const { measure, table } = await import('./scripts/size.mjs');
    try {
      console.log(`\n${table(await measure())}\n`);
    } catch (e) {
      this.warn(`size report: ${e instanceof Error ? e.message : e}`);
    }
  },
};

// esbuild compiles and minifies each module; terser then minifies each chunk whole (two passes),
// which esbuild cannot: across module boundaries it inlines and drops more. Measured on the kit: 4%
// smaller gzip than esbuild alone (about 10 KB of the 250 KB budget), for ~15 s more build time.
const TERSER = { ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: 'some' } };

// The embed page's manifest (what each element accepts, from custom-elements.json) as a module, and
// its HTML and CSS copied beside it.
const embedAssets = {
  name: 'csc-embed',
  resolveId: (id) => (id === 'virtual:csc-embed-manifest' ? '\0csc-embed-manifest' : null),
  load(id) {
    if (id !== '\0csc-embed-manifest') return null;
    const manifest = embedManifest(JSON.parse(readFileSync('./custom-elements.json', 'utf8')));
    return `export default ${JSON.stringify(manifest)};`;
  },
  generateBundle() {
    for (const name of ['embed.html', 'embed.css'])
      this.emitFile({ type: 'asset', fileName: name, source: readFileSync(`./embed/${name}`, 'utf8') });
  },
};

export default [
  // 1. the browser kit.
  {
    input: {
      'csc-demand-widgets': 'components/index.ts',
      chart: 'components/chart.ts',
      'analysis.worker': 'workers/analysis.worker.ts',
    },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      sourcemap: true,
      // The charting libraries as published (vega, vega-lite, vega-embed and what they import) in one
      // lazy chunk of their own, and nothing else in it: the size check (scripts/size.mjs) tells the
      // stock libraries from our chart code by chunk. <csc-vega-chart> imports it beside vega-draw.js.
      manualChunks: (id) => (isStockChart(id) ? 'vega' : undefined),
    },
    // The entry chunk holds components/index.ts's own code (the elements' registration) rather than
    // re-exporting it from a hashed chunk: package.json "sideEffects" lists the entry files, so a
    // bundler keeps what runs there; Rollup's default ('strict') made csc-demand-widgets.js a facade
    // whose registration sat in index-[hash].js, which consumers' production builds dropped.
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', minify: true, define, tsconfig: 'tsconfig.json' }),
      terser(TERSER),
      sizeReport,
    ],
    onwarn(warning, warn) {
      // vega's d3 dependencies have harmless circular imports.
      if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
      warn(warning);
    },
  },
  // 2. the core (`csc-demand-widgets/core`: every method, for bundlers and Node) as a build of its own:
  //    sharing chunks with the kit would put whole modules of core-only methods (lcaSelect and the
  //    standard errors, say) into the worker's chunks, which the size budget counts.
  {
    input: { core: 'src/index.ts' },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'core-[name]-[hash].js',
      sourcemap: true,
    },
    plugins: [
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', minify: true, define, tsconfig: 'tsconfig.json' }),
    ],
  },
  // 3. the worker as one classic script (no imports), for the blob wrapper's importScripts: a page whose
  //    CSP allows workers only from 'self' and blob: still lets a classic worker import a script its
  //    script-src allows (the kit on a CDN), where a module worker's imports count as worker-src.
  {
    input: 'workers/analysis.worker.ts',
    // The XML reader, a lazy chunk in the module worker, is inlined here: a classic script has no imports.
    output: {
      file: 'dist/analysis.worker.classic.js',
      format: 'iife',
      sourcemap: true,
      inlineDynamicImports: true,
    },
    plugins: [
      nodeResolve({ browser: true }),
      // A spare worker it starts is of its own type (workers/spare-reader.ts).
      esbuild({
        target: 'es2022',
        minify: true,
        define: { ...define, __CSC_WORKER_TYPE__: '"classic"' },
        tsconfig: 'tsconfig.json',
      }),
    ],
  },
  // 4. the CLI for Node 20, one file.
  {
    input: 'src/cli.ts',
    output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node', inlineDynamicImports: true },
    external: [/^node:/, /^@duckdb\//],
    plugins: [
      nodeResolve({ preferBuiltins: true }),
      esbuild({ target: 'node20', define, tsconfig: 'tsconfig.json' }),
    ],
  },
  // 5. the embed page's script (the kit loaded at run time, not bundled) and the parent's resizer.
  {
    input: { embed: 'embed/embed.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', sourcemap: true },
    plugins: [
      embedAssets,
      esbuild({ target: 'es2022', minify: true, define, tsconfig: 'tsconfig.json' }),
      terser(TERSER),
    ],
  },
  {
    input: 'embed/embed-resize.ts',
    output: { file: 'dist/embed-resize.js', format: 'iife' },
    plugins: [esbuild({ target: 'es2020', minify: true, tsconfig: 'tsconfig.json' }), terser({ ecma: 2020 })],
  },
];
