// Vega's sub-packages ship no type declarations; the kit imports them only in vega-runtime.ts, which
// gives its exports the types of the `vega` package (vega-typings).
declare module 'vega-dataflow';
declare module 'vega-encode';
declare module 'vega-parser';
declare module 'vega-transforms';
declare module 'vega-view';
declare module 'vega-view-transforms';
