// Two builds from one config:
// 1. the browser kit in dist/: ESM entry points for bundlers and for a plain <script type="module">
//    (csc-demand-widgets.js registers the elements), the worker as its own module, and lazily loaded
//    chunks (Vega) as siblings, so `new URL('./analysis.worker.js', import.meta.url)` holds from any chunk;
// 2. the CLI for Node 20 in dist/cli.js.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync('./package.json', 'utf8'));
const define = { __VERSION__: JSON.stringify(pkg.version) };

// The kit's slim Vega (components/internal/vega-runtime.ts). Vega-Lite imports four helpers
// (stringValue, hasOwnProperty, isObject, isString) from `vega`, which re-exports them from vega-util:
// resolving that import to vega-util keeps the whole `vega` package (every transform, maps, layouts:
// about 200 KB gzip) out of the bundle. Any other import of `vega` is a mistake that would bring it
// back, so it stops the build. Vega-Lite also keeps its own copy of vega-expression (6.1, where Vega
// has 6.2, the same parser with one more function and a fix): it gets Vega's, so the page has one.
const slimVega = {
  name: 'csc-slim-vega',
  async resolveId(id, importer, options) {
    if (id === 'vega-expression' && importer && /[\\/]node_modules[\\/]vega-lite[\\/]/.test(importer))
      return this.resolve(id, fileURLToPath(import.meta.url), { ...options, skipSelf: true });
    if (id !== 'vega' || !importer) return null;
    if (/[\\/]node_modules[\\/]vega-lite[\\/]/.test(importer))
      return this.resolve('vega-util', importer, { ...options, skipSelf: true });
    this.error(
      `${importer} imports 'vega': import Vega's sub-packages through components/internal/vega-runtime.ts ` +
        '(the full vega package would add about 200 KB gzip to the kit)',
    );
  },
};

// d3-scale-chromatic (through vega-scale) builds its 27 sequential and diverging colour schemes and
// their interpolators at the top level of one file (`var BrBG = ramp(new Array(3).concat(...))`), calls
// Rollup cannot prove free of side effects, so all of them stayed in the bundle though Vega imports
// only the categorical schemes. The package declares itself side-effect free; marking those top-level
// initialisers pure lets the unused ones go.
const pureSchemes = {
  name: 'csc-pure-schemes',
  transform(code, id) {
    if (!/[\\/]d3-scale-chromatic[\\/].*\.m?js$/.test(id)) return null;
    const marked = code
      .replaceAll('new Array(3).concat(', 'concatSchemes(')
      .replace(/^(var [\w$]+ = )(?=[\w$]+\()/gm, '$1/*#__PURE__*/ ');
    return {
      code: `${marked}\nfunction concatSchemes(...s) {\n  return new Array(3).concat(...s);\n}\n`,
      map: null,
    };
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

export default [
  {
    input: {
      'csc-demand-widgets': 'components/index.ts',
      chart: 'components/chart.ts',
      core: 'src/index.ts',
      'analysis.worker': 'workers/analysis.worker.ts',
    },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      sourcemap: true,
    },
    plugins: [
      slimVega,
      pureSchemes,
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', minify: true, define, tsconfig: 'tsconfig.json' }),
      sizeReport,
    ],
    onwarn(warning, warn) {
      // vega's d3 dependencies have harmless circular imports.
      if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
      warn(warning);
    },
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
