// The functions vega-interpreter supplies itself when the view's function table lacks them (its
// functions.js, 2.3): the math and number functions Vega's code generator would write inline, and
// which charts call for every item (Vega-Lite's `isFinite(+datum.x)` checks). These few are the
// same functions as there; vega-expr.ts hands any other name (dates, strings) to vega-interpreter
// itself, so an expression means the same either way. (vega-interpreter does not export its table,
// and a copy of all of it would weigh on every page for calls a chart seldom makes.)

type Fn = (...args: number[]) => unknown;

export const FAST_FUNCTIONS: Record<string, Fn> = {
  isNaN: Number.isNaN,
  isFinite: Number.isFinite,
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  round: Math.round,
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: Math.log,
  pow: Math.pow,
  min: Math.min,
  max: Math.max,
  clamp: (a, b, c) => Math.max(b, Math.min(c, a)),
};
