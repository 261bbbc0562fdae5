// What every spec builder of the kit (components/*/*.spec*.ts) writes the same way: Vega's schema
// URL, and the switch that keeps marks and guides out of the accessibility tree. Pure functions on
// plain spec objects (importable in Node tests); types only from Vega.
import type { Scope, Spec } from 'vega';

/** The schema a Vega spec names (the kit draws Vega specs only: vega-chart.ts). */
export const VEGA_SCHEMA = 'https://vega.github.io/schema/vega/v6.json';

/**
 * Marks, axes, legends and titles out of the accessibility tree, in every group: the chart is one
 * image named by its one-sentence summary (vega-chart.ts), and the table under it carries the
 * numbers. Vega would otherwise give every mark an unnamed graphics-symbol role and every axis and
 * legend a description of its own, and its config has no switch for them all, so each says so itself.
 */
export function withoutAria(spec: Spec): Spec {
  const walk = (scope: Scope & { title?: unknown }): void => {
    if (scope.title && typeof scope.title === 'object') (scope.title as { aria?: boolean }).aria = false;
    for (const a of scope.axes ?? []) a.aria = false;
    for (const l of scope.legends ?? []) l.aria = false;
    for (const m of scope.marks ?? []) {
      m.aria = false;
      if (m.type === 'group') walk(m);
    }
  };
  walk(spec);
  return spec;
}
