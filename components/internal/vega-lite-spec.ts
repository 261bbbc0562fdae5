// What every spec builder of the kit (components/*/*.spec*.ts) writes the same way: Vega-Lite's schema
// URL and the type of the specs. Types only from vega-lite: importable in Node tests, no compiler at
// load. How an element declares its chart: see components/internal/CHARTS.md.
import type { TopLevelSpec } from 'vega-lite';

/** The schema a Vega-Lite spec names (<csc-vega-chart> draws Vega-Lite and Vega specs alike). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A spec builder's result: a Vega-Lite spec. */
export type VegaLiteSpec = TopLevelSpec;
