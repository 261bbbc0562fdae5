// The functions vega-interpreter supplies itself when the view's function table lacks them (its
// functions.js, 2.3): the math, date, sequence and string functions that Vega's code generator would
// write inline. Copied because the package does not export them; vega-expr.ts calls them exactly as
// vega-interpreter does, so an expression means the same either way.
import { ascending, isString } from 'vega';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the expression language is untyped
type Any = any;
type Fn = (...args: Any[]) => unknown;

const apply = (m: string, args: ArrayLike<Any>, cast?: (v: Any) => Any): unknown => {
  const obj = cast ? cast(args[0]) : args[0];
  return obj[m](...Array.prototype.slice.call(args, 1));
};

const datetime = (yearOrTimestring: Any, m = 0, d = 1, H = 0, M = 0, S = 0, ms = 0): Date =>
  isString(yearOrTimestring) ? new Date(yearOrTimestring) : new Date(yearOrTimestring, m, d, H, M, S, ms);

export const FALLBACK_FUNCTIONS: Record<string, Fn> = {
  isNaN: Number.isNaN,
  isFinite: Number.isFinite,
  abs: Math.abs,
  acos: Math.acos,
  asin: Math.asin,
  atan: Math.atan,
  atan2: Math.atan2,
  ceil: Math.ceil,
  cos: Math.cos,
  exp: Math.exp,
  floor: Math.floor,
  hypot: Math.hypot,
  log: Math.log,
  max: Math.max,
  min: Math.min,
  pow: Math.pow,
  random: Math.random,
  round: Math.round,
  sin: Math.sin,
  sqrt: Math.sqrt,
  tan: Math.tan,
  clamp: (a, b, c) => Math.max(b, Math.min(c, a)),

  now: Date.now,
  utc: Date.UTC,
  datetime,
  date: (d) => new Date(d).getDate(),
  day: (d) => new Date(d).getDay(),
  year: (d) => new Date(d).getFullYear(),
  month: (d) => new Date(d).getMonth(),
  hours: (d) => new Date(d).getHours(),
  minutes: (d) => new Date(d).getMinutes(),
  seconds: (d) => new Date(d).getSeconds(),
  milliseconds: (d) => new Date(d).getMilliseconds(),
  time: (d) => new Date(d).getTime(),
  timezoneoffset: (d) => new Date(d).getTimezoneOffset(),
  utcdate: (d) => new Date(d).getUTCDate(),
  utcday: (d) => new Date(d).getUTCDay(),
  utcyear: (d) => new Date(d).getUTCFullYear(),
  utcmonth: (d) => new Date(d).getUTCMonth(),
  utchours: (d) => new Date(d).getUTCHours(),
  utcminutes: (d) => new Date(d).getUTCMinutes(),
  utcseconds: (d) => new Date(d).getUTCSeconds(),
  utcmilliseconds: (d) => new Date(d).getUTCMilliseconds(),

  length: (x) => x.length,
  join: (...a) => apply('join', a),
  indexof: (...a) => apply('indexOf', a),
  lastindexof: (...a) => apply('lastIndexOf', a),
  slice: (...a) => apply('slice', a),
  reverse: (x) => x.slice().reverse(),
  sort: (x) => x.slice().sort(ascending),

  parseFloat,
  parseInt,
  upper: (x) => String(x).toUpperCase(),
  lower: (x) => String(x).toLowerCase(),
  substring: (...a) => apply('substring', a, String),
  split: (...a) => apply('split', a, String),
  replace: (...a) => apply('replace', a, String),
  trim: (x) => String(x).trim(),
  btoa: (x) => btoa(x),
  atob: (x) => atob(x),
  encodeURIComponent: (x) => encodeURIComponent(x),

  regexp: RegExp as unknown as Fn,
  test: (r, t) => RegExp(r).test(t),
};
