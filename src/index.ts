// Public API of the analysis core: re-exports only. Pure TypeScript: no DOM, no Lit, no comlink.
export { VERSION } from './version.js';
export type { Warning } from './warnings.js';
export * from './data/cin-codes.js';
