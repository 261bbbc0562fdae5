// What the two chart specs of <rereferral-curve> share (rereferral-curve.spec.ts, the curves, and
// rereferral-curve.spec-forest.ts, the forest plot): the layout record the element and the
// number-at-risk table read and the colours the marks set themselves; Vega-Lite's schema URL and
// the spec type come from the kit's shared components/internal/vega-lite-spec.ts. Nothing here runs
// Vega.
export { VEGA_LITE_SCHEMA, type VegaLiteSpec } from '../internal/vega-lite-spec.js';

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

/** Charts narrower than this (px) have no room beside the plot for labels. */
export const NARROW = 480;

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
