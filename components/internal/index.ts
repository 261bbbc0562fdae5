// What the kit's elements build on: the base element, the chart, the render helpers, the styles and
// tokens, formatting and downloads. Internal: not part of the public API (may change between minors).
export * from './csc-element.js';
export * from './vega-chart.js';
export * from './render.js';
export * from './table.js';
export * from './download.js';
export * from './format.js';
export * from './define.js';
export { sharedStyles } from './shared-styles.js';
export { tokens, TOKENS } from './tokens.js';
