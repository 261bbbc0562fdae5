// Two builds from one config:
// 1. the browser kit in dist/: ESM entry points for bundlers and for a plain <script type="module">
//    (csc-demand-widgets.js registers the elements), the worker as its own module, and lazily loaded
//    chunks (Vega) as siblings, so `new URL('./analysis.worker.js', import.meta.url)` holds from any chunk;
// 2. the CLI for Node 20 in dist/cli.js.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('./package.json', 'utf8'));
const define = { __VERSION__: JSON.stringify(pkg.version) };

export default [
  {
    input: {
      'csc-demand-widgets': 'components/index.ts',
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
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', minify: true, define, tsconfig: 'tsconfig.json' }),
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
