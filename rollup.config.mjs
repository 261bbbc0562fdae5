// Four builds from one config:
// 1. the browser kit in dist/: ESM entry points for bundlers and for a plain <script type="module">
//    (csc-demand-widgets.js registers the elements; chart.js the chart alone), the worker as its own
//    module, and lazily loaded chunks (each element's view, Vega) as siblings, so
//    `new URL('./analysis.worker.js', import.meta.url)` holds from any chunk;
// 2. the core (dist/core.js), every statistical method, for bundlers and Node;
// 3. the worker as one classic script (dist/analysis.worker.classic.js);
// 4. the CLI for Node 20 in dist/cli.js.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync('./package.json', 'utf8'));
const define = { __VERSION__: JSON.stringify(pkg.version) };

// The kit's slim Vega (components/internal/vega-runtime.ts): its sub-packages, never the whole `vega`
// package (every transform, maps, layouts: about 200 KB gzip), so an import of `vega` stops the build.
// The sub-packages come from their sources (see below); these few have no sources to take, or are
// used whole.
const NOT_FROM_SOURCE = new Set([
  'vega-util',
  'vega-typings',
  'vega-canvas',
  'vega-event-selector',
  'vega-expression',
  'vega-interpreter',
]);
const slimVega = {
  name: 'csc-slim-vega',
  resolveId(id, importer) {
    // Vega's packages from their sources (one module per transform, mark, function group) rather than
    // their bundled builds (one module per package), so Rollup can leave out what the kit never uses.
    if (/^vega-[a-z-]+$/.test(id) && !NOT_FROM_SOURCE.has(id)) {
      const dir = realpathSync(fileURLToPath(new URL(`./node_modules/${id}/`, import.meta.url)));
      const browser = join(dir, 'index.browser.js');
      return existsSync(browser) ? browser : join(dir, 'index.js');
    }
    if (id !== 'vega' || !importer) return null;
    this.error(
      `${importer} imports 'vega': import Vega's sub-packages through components/internal/vega-runtime.ts ` +
        '(the full vega package would add about 200 KB gzip to the kit)',
    );
  },
};

// Parts of Vega the kit's charts never use, replaced by stubs that throw a clear error if a spec ever
// needs them: the geographic functions (d3-geo) and the selection functions Vega-Lite uses (vega-selections)
// of the expression language, TopoJSON data (topojson-client) and time formats (d3-time-format):
// about 6 KB gzip. Each rule: a
// package imported from `from` gets a module exporting `keep` from the real package and a throwing
// stub for each of `stub`.
// Also Vega's named colour schemes (vega-scale's palettes.js and d3-scale-chromatic: about 5 KB gzip):
// the kit's charts take their colours from the design tokens, and the theme (themeConfig in
// components/internal/vega-draw.ts) gives every default range Vega would otherwise name a scheme for,
// so `{scheme: ...}` in a spec fails with Vega's "Unrecognized scheme name".
const UNUSED = [
  { pkg: 'd3-geo', from: /[\\/]vega-functions[\\/]/, stub: ['geoArea', 'geoBounds', 'geoCentroid'] },
  {
    pkg: 'vega-selections',
    from: /[\\/]vega-functions[\\/]/,
    stub: ['selectionIdTest', 'selectionResolve', 'selectionTest', 'selectionTuples', 'selectionVisitor'],
  },
  { pkg: 'topojson-client', from: /[\\/]vega-loader[\\/]/, stub: ['feature', 'mesh'] },
  // Time formats (charts here have no time scales: years are numbers or labels).
  {
    pkg: 'd3-time-format',
    from: /[\\/](vega-format|d3-scale)[\\/]/,
    stub: ['timeFormat', 'timeFormatLocale', 'timeParse', 'utcFormat', 'utcParse'],
  },
];
const unusedVega = {
  name: 'csc-unused-vega',
  resolveId(id, importer) {
    const i = UNUSED.findIndex((r) => r.pkg === id && importer && r.from.test(importer));
    return i < 0 ? null : `\0csc-unused:${i}`;
  },
  load(id) {
    if (/[\\/]vega-scale[\\/]src[\\/]palettes\.js$/.test(id))
      return 'export const continuous = {};\nexport const discrete = {};\n';
    if (!id.startsWith('\0csc-unused:')) return null;
    const { pkg, keep = [], stub } = UNUSED[Number(id.slice('\0csc-unused:'.length))];
    const lines = keep.length ? [`export { ${keep.join(', ')} } from '${pkg}';`] : [];
    for (const n of stub)
      lines.push(
        `export function ${n}() {\n  throw new Error('${n} (${pkg}) is not part of the csc-demand-widgets Vega build');\n}`,
      );
    return lines.join('\n');
  },
};

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
    },
    // The entry chunk holds components/index.ts's own code (the elements' registration) rather than
    // re-exporting it from a hashed chunk: package.json "sideEffects" lists the entry files, so a
    // bundler keeps what runs there; Rollup's default ('strict') made csc-demand-widgets.js a facade
    // whose registration sat in index-[hash].js, which consumers' production builds dropped.
    preserveEntrySignatures: 'allow-extension',
    // Vega's and d3's modules do nothing on import but define things (Vega's `inherits(...)` calls
    // look like side effects to Rollup): a module of theirs none of whose exports is used is left out.
    treeshake: {
      moduleSideEffects: (id) => !/[\\/]node_modules[\\/](vega-[a-z-]+|d3-[a-z-]+)[\\/]/.test(id),
    },
    plugins: [
      unusedVega,
      slimVega,
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
    output: { file: 'dist/analysis.worker.classic.js', format: 'iife', sourcemap: true },
    plugins: [
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', minify: true, define, tsconfig: 'tsconfig.json' }),
    ],
  },
  // 4. the CLI for Node 20, one file.
  {
    input: 'src/cli.ts',
    output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node', inlineDynamicImports: true },
    external: [/^node:/],
    plugins: [
      nodeResolve({ preferBuiltins: true }),
      esbuild({ target: 'node20', define, tsconfig: 'tsconfig.json' }),
    ],
  },
];
