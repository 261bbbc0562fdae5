// Public API of the analysis core: re-exports only. Pure TypeScript: no DOM, no Lit, no comlink.
export { VERSION } from './version.js';
export type { Warning } from './warnings.js';
export * from './data/cin-codes.js';
export { designMatrix } from './regression/design-matrix.js';
export type { DesignColumn, DesignMatrix, DesignOptions } from './regression/design-matrix.js';
export { ols } from './regression/ols.js';
export type { OlsCoefficient, OlsOptions, OlsResult, RobustType } from './regression/ols.js';
