// What the two chart specs of <rereferral-curve> share (rereferral-curve.spec.ts, the curves, and
// rereferral-curve.spec-forest.ts, the forest plot): the layout record the element and the
// number-at-risk table read, the colours the marks set themselves, Vega's schema URL (which tells
// <csc-vega-chart> the spec is Vega, not Vega-Lite), and the switch that keeps marks and guides out
// of the accessibility tree. Types only from Vega: nothing here runs Vega.
import type { Spec } from 'vega';

export interface CurveLayout {
  /** Whole chart width (px): the element's content width. */
  width: number;
  /** Below 480 px: a legend under the chart instead of labels at the curve ends. */
  narrow: boolean;
  /** Plot area: left edge and width (px) from the chart's left edge; height of the plot. */
  left: number;
  plotWidth: number;
  right: number;
  height: number;
  top: number;
  bottom: number;
}

/** The colours the marks use besides the group palette (the element passes its theme's tokens). */
export interface SpecColors {
  text: string;
  muted: string;
  background: string;
  accent: string;
}

export const LIGHT_COLORS: SpecColors = {
  text: '#0b0c0c',
  muted: '#6f777b',
  background: '#ffffff',
  accent: '#12436D',
};

/** The schema a Vega spec names (vega-chart.ts `isVega` reads it). */
export const VEGA_SCHEMA = 'https://vega.github.io/schema/vega/v6.json';

/** Charts narrower than this (px) have no room beside the plot for labels. */
export const NARROW = 480;

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * Marks and guides out of the accessibility tree: the chart is one image named by the summary, and
 * its figures are in the tables (Vega would otherwise give every mark an unnamed graphics-symbol role
 * and every axis and legend a description of its own). Vega's config has no switch for all of them,
 * so each mark (in groups too), axis and legend says so itself.
 */
export function withoutAria(spec: Spec): Spec {
  const walk = (scope: { marks?: unknown[]; axes?: unknown[]; legends?: unknown[] }): void => {
    for (const node of [...(scope.marks ?? []), ...(scope.axes ?? []), ...(scope.legends ?? [])]) {
      const n = node as { aria?: boolean; marks?: unknown[] };
      n.aria = false;
      if (n.marks) walk(n);
    }
  };
  walk(spec);
  return spec;
}
