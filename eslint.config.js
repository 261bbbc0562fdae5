// One lint gate for the whole tree; the import-direction rule keeps the architecture of DESIGN.md:
// components -> workers/client -> (comlink) -> workers -> src, and src never imports outward.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The core (src/) never imports outward: no elements, no worker, no browser libraries.
const CORE_OUTWARD = [
  {
    group: ['**/components/**', '**/workers/**', 'lit', 'lit/*', 'comlink', 'vega*'],
    message: 'the core (src/) is pure TypeScript: no elements, worker or browser libraries',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: CORE_OUTWARD }],
    },
  },
  // The statistical methods know no domain: they take typed arrays and plain level arrays, so
  // src/lca, src/survival and src/regression can be lifted out as libraries (src/math is their floor).
  {
    files: ['src/lca/**/*.ts', 'src/survival/**/*.ts', 'src/regression/**/*.ts', 'src/math/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CORE_OUTWARD,
            {
              group: [
                '**/data/**',
                '**/analyses/**',
                '**/publish/**',
                '**/domain/**',
                '**/synth/**',
                '**/cli/**',
              ],
              message:
                'methods take typed arrays and level arrays (src/math/level-codes.ts), never the domain or our file types',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/math/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CORE_OUTWARD,
            {
              group: [
                '**/lca/**',
                '**/survival/**',
                '**/regression/**',
                '**/data/**',
                '**/analyses/**',
                '**/publish/**',
                '**/domain/**',
                '**/synth/**',
                '**/cli/**',
              ],
              message: 'src/math is the floor: shared numerics import nothing above them',
            },
          ],
        },
      ],
    },
  },
  // The readers and the domain dictionaries sit below the generator and the analyses.
  {
    files: ['src/data/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CORE_OUTWARD,
            {
              group: ['**/synth/**', '**/analyses/**', '**/publish/**', '**/cli/**'],
              message:
                'the data layer and the domain do not import the generator, the analyses or publishing',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CORE_OUTWARD,
            {
              group: ['**/data/**', '**/synth/**', '**/analyses/**', '**/publish/**', '**/cli/**'],
              message:
                'the domain (CIN codes, the national scheme, labels) is read by the data layer, not the reverse',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**'],
              allowTypeImports: true,
              message: 'components reach the core through workers/client.ts',
            },
          ],
        },
      ],
    },
  },
);
