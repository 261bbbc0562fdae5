// Vega-Lite's compiler, loaded lazily by <csc-vega-chart> (vega-chart.ts) when a spec is Vega-Lite,
// in parallel with the Vega runtime (vega-runtime.ts). The build resolves Vega-Lite's few imports
// from `vega` (stringValue, isObject ...) to vega-util, where `vega` re-exports them from, so the
// full `vega` package never enters the bundle (rollup.config.mjs).
export { compile } from 'vega-lite';
