// The kit's own Vega, loaded lazily by <csc-vega-chart> (vega-chart.ts) as a chunk of its own.
//
// Why not `vega` (or vega-embed): the full `vega` package registers every transform Vega has (maps,
// force layouts, trees, word clouds, Voronoi, regression, labels, crossfilter) and vega-embed adds
// its themes, tooltip, JSON patching and action menu: about 307 KB gzip with Vega-Lite. The elements
// draw bars, lines, areas, points, rules, rects and text with axes and legends from Vega specs their
// spec builders write, so the kit builds Vega from its sub-packages: the dataflow, the parser, the
// view with its SVG and canvas renderers (SVG on the page and in downloads, canvas for PNG), the
// expression interpreter, vega-encode and vega-view-transforms (scales, axes, legends, layout), and
// of vega-transforms only what the parser itself instantiates (collecting, sieving and faceting
// data, scale domains, lookups, parameters) plus the data transforms our specs use (TRANSFORMS
// below). The build takes Vega from its sources so everything else is left out (rollup.config.mjs).
// A spec that needs a transform left out fails with Vega's "Unrecognized transform type" and the
// element says the chart could not be drawn (its table stays); tests/src/specs draw every spec.
//
// Strict CSP: specs are parsed with `{ast: true}` and evaluated by vega-interpreter, never `eval`
// or `new Function` (the View gets `expr: expressionInterpreter`).
import type * as Vega from 'vega';
import { extend } from 'vega-util';
import { transforms } from 'vega-dataflow';
import {
  aggregate,
  collect,
  compare,
  expression,
  extent,
  facet,
  field,
  filter,
  formula,
  key,
  load,
  lookup,
  multiextent,
  multivalues,
  params,
  prefacet,
  proxy,
  relay,
  sieve,
  subflow,
  tupleindex,
  values,
} from 'vega-transforms';
import * as viewTransforms from 'vega-view-transforms';
import * as encodeTransforms from 'vega-encode';
import { View as VegaView } from 'vega-view';
import { parse as vegaParse } from 'vega-parser';
import { expressionInterpreter } from 'vega-interpreter';

/** Of vega-transforms: the parser's own (all but the last two) and the data transforms specs use. */
const TRANSFORMS = {
  aggregate,
  collect,
  compare,
  expression,
  extent,
  facet,
  field,
  key,
  load,
  lookup,
  multiextent,
  multivalues,
  params,
  prefacet,
  proxy,
  relay,
  sieve,
  subflow,
  tupleindex,
  values,
  filter,
  formula,
};

extend(transforms, TRANSFORMS, viewTransforms, encodeTransforms);

export const View: typeof Vega.View = VegaView;
export const parse: typeof Vega.parse = vegaParse;
export { expressionInterpreter };
