// Shapes of the demand analysis (./demand.ts): its options and its result, plain JSON that crosses
// postMessage unchanged and that the <demand-category-chart> element renders (types only, no code).
import type { Scheme } from '../domain/scheme.js';
import type { Warning } from '../warnings.js';

export interface DemandOptions {
  /** 'national' (default): the scheme's categories estimated on these data; 'local': classes found in them. */
  model?: 'national' | 'local';
  /** Local model: a number of classes, or 'auto' (default): K = 1 ... maxClasses chosen by BIC. */
  classes?: 'auto' | number;
  /** Local model with classes = 'auto': the largest K tried; default 14. */
  maxClasses?: number;
  /**
   * Financial years of assessment (April-March, the DfE convention): '2018-2024' is 1 April 2018 to
   * 31 March 2024, '2021-22' one year; null or '' (default) for every assessment.
   */
  period?: string | null;
  /** 'england' (default): England's published shares beside the local ones; 'none'. */
  benchmark?: 'england' | 'none';
  /** National model: a scheme of one's own (an object or its JSON text) instead of the national one. */
  scheme?: unknown;
  /** National model: what EM estimates, 'shares' (default) or 'full' (see ./categories.ts). */
  estimate?: 'shares' | 'full';
  /** Local model: seed of the starts; default 1. */
  seed?: number;
  /** Local model: seeded starts per K; default 12. */
  starts?: number;
  /** Confidence level of every interval; default 0.95. */
  level?: number;
}

/** A proportion with its Wilson interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

export type Comparison = 'higher' | 'lower' | 'similar';

export interface DemandFactor {
  code: string;
  /** Meaning from the CIN census guide. */
  meaning: string;
  probability: number;
}

export interface DemandCategory {
  /** Stable id (scheme id; for a local class, a slug of its name). */
  id: string;
  name: string;
  description: string;
  /** Assessments assigned to the category (modal posterior). */
  count: number;
  /** count / classified assessments, with its Wilson interval. */
  share: number;
  lower: number;
  upper: number;
  /** The model's estimate of the share (EM), which the counts approximate. */
  modelShare: number;
  /**
   * Benchmark share, or null: England's published share rescaled so the 12 sum to 1 (national
   * scheme), the scheme's share (a user's scheme), the nearest national category's (local model).
   */
  benchmark: number | null;
  /** England's share as published (rounded; the 12 sum to 97%), or null. */
  benchmarkPublished: number | null;
  /** The local share against the benchmark: 'higher' or 'lower' when the benchmark lies outside the interval. */
  comparison: Comparison | null;
  /** The codes that define the category, strongest first (P >= 0.4, at least one). */
  factors: DemandFactor[];
  /** Local model: the national category whose profile is nearest, if near enough (max difference <= 0.25). */
  nearestNational: { id: string; name: string; distance: number } | null;
  /** Mean posterior of the assessments assigned here (how clear-cut the assignments are). */
  averagePosterior: number | null;
}

export interface DemandYear {
  /** Financial year, '2018-19'. */
  year: string;
  /** Whether the data (or the period) cover only part of the year. */
  partial: boolean;
  /** Classified assessments in the year. */
  total: number;
  /** Assessments per category, in `categories` order. */
  counts: number[];
  /** Counts indexed to the base year = 100 (null where the base year has none). */
  index: (number | null)[];
}

export interface DemandCharacteristic {
  dimension: 'gender' | 'age' | 'ethnicity';
  group: string;
  /** Classified assessments in the group. */
  n: number;
  /** Per category: its count in the group, share of the group, and the ratio to the overall share. */
  categories: { count: number; share: number; ratio: number; lower: number; upper: number }[];
}

export interface DemandFitRow {
  classes: number;
  logLik: number;
  nParams: number;
  aic: number;
  bic: number;
  entropy: number | null;
  smallestShare: number;
  converged: boolean;
}

export interface DemandResult {
  kind: 'demand';
  method: string;
  model: 'national' | 'local';
  /** The options as used (defaults filled in). */
  options: Required<Omit<DemandOptions, 'scheme' | 'period'>> & {
    period: string | null;
    scheme: string | null;
  };
  version: string;
  /** Assessments in the period (before leaving out those without factors). */
  n: number;
  /** Assessments given a category. */
  classified: number;
  /** No factors recorded, or 21 ("no factors identified") alone. */
  noFactors: number;
  /** Only codes the model does not use. */
  outsideItems: number;
  /** Rows not analysed, by reason (outside the period, no factors, ...). */
  excluded: { code: string; reason: string; rows: number }[];
  period: { from: string; to: string; label: string } | null;
  /** The scheme behind a national model. */
  scheme: { version: string; source: string; note: string } | null;
  /** What the benchmark is ('England'), or null. */
  benchmark: { name: string; source: string } | null;
  level: number;
  categories: DemandCategory[];
  years: DemandYear[];
  /** Financial year the trend is indexed to (the first full year covered). */
  baseYear: string | null;
  profiles: {
    items: { code: string; meaning: string; short: string }[];
    /** Category x item: P(factor | category) in these data. */
    probabilities: number[][];
    /** National model: the scheme's probabilities (category x item); null for a local model. */
    scheme: number[][] | null;
  };
  characteristics: DemandCharacteristic[];
  fit: {
    classes: number;
    n: number;
    nPatterns: number;
    logLik: number;
    nParams: number;
    aic: number;
    bic: number;
    entropy: number | null;
    iterations: number;
    converged: boolean;
  };
  /** Local model: fit indices for every K tried, and the one BIC chose. */
  fits: DemandFitRow[] | null;
  chosen: number | null;
  codes: {
    ignored: { code: string; count: number }[];
    mapped: { from: string; to: string; count: number }[];
    missingBeforeIntroduced: { code: string; from: string; rows: number }[];
    unused: string[];
  };
  /** Local model: the fitted classes as a scheme file, to classify next year's data the same way. */
  localScheme: Scheme | null;
  /** The file read, and its rows the reader could not use (set by the worker; null from `demand`). */
  input: {
    file: string;
    rowsRead: number;
    rowsExcluded: number;
    excluded: { code: string; reason: string; rows: number }[];
  } | null;
  warnings: Warning[];
}

/** Progress and cancellation hooks (not options: they do not cross postMessage). */
export interface DemandHooks {
  onProgress?: (done: number, total: number) => void;
  checkpoint?: () => Promise<void>;
}
