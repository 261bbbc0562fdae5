// The local model of the demand analysis: latent classes found in a council's own assessments,
// named from their dominant factors (src/domain/labels.ts), matched to the nearest national category
// where one fits, and exported as a scheme file so next year's data can be classified the same way.
// Items: every current code of the CIN dictionary except 21 that some assessment in the period
// records (retired codes read as their successors, codes the dictionary lacks ignored and reported:
// ./factor-patterns.ts). Fit: ./demand-local-fit.ts (K fixed, or K = 1 ... maxClasses by BIC).
// Nearest national category: the one whose profile differs least at the code where they differ most
// (max_j |p_kj - q_cj| over the local items); it "fits" when that largest difference is at most 0.25,
// so a local class that merges two national categories, or splits one unevenly, maps to none.
import { CIN_FACTORS } from '../domain/cin-codes.js';
import type { AssessmentData } from '../data/types.js';
import { classLabels, type ClassLabel } from '../domain/labels.js';
import { NATIONAL_SCHEME } from '../domain/national-scheme.js';
import { lcaPosterior } from '../lca/posterior.js';
import type { Scheme } from '../domain/scheme.js';
import type { LcaFit } from '../lca/types.js';
import { localFit, type LocalFits } from './demand-local-fit.js';
import { factorPatterns, type FactorPatterns } from './factor-patterns.js';
import type { DemandHooks } from './demand-types.js';

/** Largest difference in any code's probability for a local class to count as a national category. */
export const NEAREST_MAX_DIFFERENCE = 0.25;

export interface LocalCategories {
  patterns: FactorPatterns;
  /** Null when no assessment could be classified. */
  selection: LocalFits | null;
  fit: LcaFit | null;
  ofAssessment: Int32Array;
  maxPosterior: Float64Array;
  labels: ClassLabel[];
  nearest: ({ id: string; name: string; distance: number } | null)[];
}

const CANDIDATES = CIN_FACTORS.filter((f) => f.until === undefined && f.code !== '21').map((f) => f.code);

/**
 * Fit local classes and assign every selected row its modal class.
 * @param rows mask of the rows in the period (1 = use)
 */
export async function localCategories(
  data: AssessmentData,
  rows: Uint8Array,
  {
    classes,
    maxClasses,
    seed,
    starts,
  }: { classes: 'auto' | number; maxClasses: number; seed: number; starts: number },
  hooks: DemandHooks,
): Promise<LocalCategories> {
  const all = factorPatterns(data, CANDIDATES, rows);
  const used = CANDIDATES.filter((c) => !all.unusedItems.includes(c));
  const patterns =
    used.length === CANDIDATES.length || used.length === 0 ? all : factorPatterns(data, used, rows);
  const { table, status } = patterns;
  const ofAssessment = new Int32Array(data.n);
  const maxPosterior = new Float64Array(data.n).fill(NaN);
  if (table.n === 0 || used.length === 0) {
    ofAssessment.set(status);
    return { patterns, selection: null, fit: null, ofAssessment, maxPosterior, labels: [], nearest: [] };
  }
  const cap = Math.max(1, Math.min(table.nPatterns, classes === 'auto' ? maxClasses : classes));
  const range: [number, number] = classes === 'auto' ? [1, cap] : [cap, cap];
  const selection = await localFit(table, { classes: range, seed, starts, ...hooks });
  const fit = selection.fits.find((f) => f.classes === selection.chosen)!;
  const posterior = lcaPosterior(table, fit);
  for (let i = 0; i < data.n; i++) {
    ofAssessment[i] = status[i]! < 0 ? status[i]! : posterior.modal[i]!;
    maxPosterior[i] = posterior.maxPosterior[i]!;
  }
  const items = table.items;
  return {
    patterns,
    selection,
    fit,
    ofAssessment,
    maxPosterior,
    labels: classLabels(fit.itemProbs, items),
    nearest: fit.itemProbs.map((row) => nearestNational(row, items)),
  };
}

/** The national category nearest a local profile, or null if none is within NEAREST_MAX_DIFFERENCE. */
export function nearestNational(
  row: readonly number[],
  items: readonly string[],
): { id: string; name: string; distance: number } | null {
  let best: { id: string; name: string; distance: number } | null = null;
  for (const c of NATIONAL_SCHEME.categories) {
    let d = 0;
    items.forEach((code, j) => {
      const q = c.profile[code];
      if (q !== undefined) d = Math.max(d, Math.abs(row[j]! - q));
    });
    if (!best || d < best.distance) best = { id: c.id, name: c.name, distance: d };
  }
  return best && best.distance <= NEAREST_MAX_DIFFERENCE ? best : null;
}

/** The local fit as a scheme file (validateScheme accepts it; ids are slugs of the names). */
export function localScheme(fit: LcaFit, labels: ClassLabel[], periodLabel: string, n: number): Scheme {
  const ids = new Set<string>();
  return {
    version: `local-${periodLabel.replace(/[^0-9a-z]+/gi, '-')}-${fit.classes}-classes`,
    source: `Latent class fit of ${n} assessments (${periodLabel}), ${fit.classes} classes chosen by BIC.`,
    note: 'Profiles estimated from local data by the demand analysis of csc-demand-widgets.',
    categories: labels.map((l, k) => {
      const base =
        l.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 60)
          .replace(/-+$/, '') || `class-${k + 1}`;
      let id = base;
      for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
      ids.add(id);
      return {
        id,
        name: l.name,
        share: fit.shares[k]!,
        description: `Dominant factors: ${l.factors.map((f) => f.code).join(', ')}.`,
        profile: Object.fromEntries(fit.items.map((code, j) => [code, fit.itemProbs[k]![j]!])),
      };
    }),
  };
}
