// The two models of the demand analysis brought to one shape (ModelPart) that ./demand.ts turns into
// shares, trends, profiles and characteristics: 'national' (./categories.ts: a scheme's categories
// estimated on local data) and 'local' (./demand-local.ts: classes found in local data).
// Benchmarks: for the national scheme, England's share, as published but rescaled so the 12 shares
// sum to 1 like the local ones (the published percentages are rounded and sum to 97%; comparing
// local shares that sum to 100% with them would call too many categories 'higher'); the published
// figure is kept beside it. For a user's scheme, the scheme's shares. For a local class, the England
// share of its nearest national category when no other local class is nearest to the same one.
import { lookupFactor } from '../domain/cin-codes.js';
import type { AssessmentData } from '../data/types.js';
import { NATIONAL_SCHEME } from '../domain/national-scheme.js';
import type { Warning } from '../warnings.js';
import { assignCategories } from './categories.js';
import type { DemandCategory, DemandHooks, DemandResult } from './demand-types.js';

export type CategoryBase = Pick<
  DemandCategory,
  | 'id'
  | 'name'
  | 'description'
  | 'modelShare'
  | 'factors'
  | 'nearestNational'
  | 'benchmark'
  | 'benchmarkPublished'
>;

export interface ModelPart {
  ofAssessment: Int32Array;
  maxPosterior: Float64Array;
  classified: number;
  noFactors: number;
  outsideItems: number;
  categories: CategoryBase[];
  benchmark: DemandResult['benchmark'];
  profiles: DemandResult['profiles'];
  fit: DemandResult['fit'];
  fits: DemandResult['fits'];
  chosen: number | null;
  codes: DemandResult['codes'];
  scheme: DemandResult['scheme'];
  localScheme: DemandResult['localScheme'];
  warnings: Warning[];
}

const meaning = (code: string): string =>
  lookupFactor(code)?.meaning ?? `Code ${code} (not in the CIN census guide)`;

/** The codes defining a profile: P >= 0.4, strongest first, at least one. */
function factorsOf(row: readonly number[], items: readonly string[]): DemandCategory['factors'] {
  const order = items.map((code, j) => ({ code, meaning: meaning(code), probability: row[j]! }));
  order.sort((a, b) => b.probability - a.probability);
  return order.filter((f, i) => i === 0 || f.probability >= 0.4);
}

export function itemInfo(items: readonly string[]): DemandResult['profiles']['items'] {
  return items.map((code) => {
    const f = lookupFactor(code);
    return { code, meaning: meaning(code), short: f?.short ?? code };
  });
}

const NO_FIT: DemandResult['fit'] = {
  classes: 0,
  n: 0,
  nPatterns: 0,
  logLik: 0,
  nParams: 0,
  aic: 0,
  bic: 0,
  entropy: null,
  iterations: 0,
  converged: true,
};

export function nationalPart(
  data: AssessmentData,
  rows: Uint8Array,
  {
    scheme,
    estimate,
    benchmark,
  }: { scheme: unknown; estimate: 'shares' | 'full'; benchmark: 'england' | 'none' },
): ModelPart {
  const a = assignCategories(data, { scheme, estimate, rows });
  const own = scheme !== undefined;
  const f = a.fit;
  return {
    ofAssessment: a.ofAssessment,
    maxPosterior: a.maxPosterior,
    classified: a.classified,
    noFactors: a.noFactors,
    outsideItems: a.outsideScheme,
    categories: a.labels.map((l, k) => ({
      id: l.id,
      name: l.name,
      description: l.description,
      modelShare: f.shares[k]!,
      factors: factorsOf(a.schemeProfiles[k]!, a.items),
      nearestNational: null,
      benchmark: benchmark === 'none' ? null : l.schemeShare,
      benchmarkPublished: benchmark === 'none' || own ? null : l.publishedShare,
    })),
    benchmark:
      benchmark === 'none'
        ? null
        : own
          ? { name: 'the scheme', source: a.scheme.source }
          : { name: 'England', source: NATIONAL_SCHEME.source },
    profiles: { items: itemInfo(a.items), probabilities: f.itemProbs, scheme: a.schemeProfiles },
    fit: {
      classes: a.labels.length,
      n: f.n,
      nPatterns: f.nPatterns,
      logLik: f.logLik,
      nParams: f.nParams,
      aic: f.aic,
      bic: f.bic,
      entropy: f.entropy,
      iterations: f.iterations,
      converged: f.converged,
    },
    fits: null,
    chosen: null,
    codes: {
      ignored: a.ignoredCodes,
      mapped: a.mappedCodes,
      missingBeforeIntroduced: a.missingBeforeIntroduced,
      unused: a.unusedItems,
    },
    scheme: a.scheme,
    localScheme: null,
    warnings: a.warnings,
  };
}

export async function localPart(
  data: AssessmentData,
  rows: Uint8Array,
  {
    classes,
    maxClasses,
    seed,
    starts,
    benchmark,
    periodLabel,
  }: {
    classes: 'auto' | number;
    maxClasses: number;
    seed: number;
    starts: number;
    benchmark: 'england' | 'none';
    periodLabel: string;
  },
  hooks: DemandHooks,
): Promise<ModelPart> {
  // Imported when a page asks for local classes: most pages show the national categories, and the
  // search for classes (starts, EM over K, BIC, labels) is a tenth of the worker's code.
  const { localCategories, localScheme } = await import('./demand-local.js');
  const l = await localCategories(data, rows, { classes, maxClasses, seed, starts }, hooks);
  const pt = l.patterns;
  const items = pt.table.items;
  const lf = l.fit;
  const saved = lf ? localScheme(lf, l.labels, periodLabel, pt.classified) : null;
  const nearestCount = new Map<string, number>();
  for (const near of l.nearest) if (near) nearestCount.set(near.id, (nearestCount.get(near.id) ?? 0) + 1);
  const categories: CategoryBase[] = lf
    ? l.labels.map((label, k) => {
        const near = l.nearest[k] ?? null;
        const national =
          near && nearestCount.get(near.id) === 1 && benchmark !== 'none'
            ? NATIONAL_SCHEME.categories.find((c) => c.id === near.id)!
            : null;
        return {
          id: saved!.categories[k]!.id,
          name: label.name,
          description: `Dominant factors: ${label.factors
            .map((x) => `${meaning(x.code).toLowerCase()} (${Math.round(100 * x.probability)}%)`)
            .join('; ')}.`,
          modelShare: lf.shares[k]!,
          factors: factorsOf(lf.itemProbs[k]!, items),
          nearestNational: near,
          benchmark: national ? national.share : null,
          benchmarkPublished: national ? (national.publishedShare ?? null) : null,
        };
      })
    : [];
  return {
    ofAssessment: l.ofAssessment,
    maxPosterior: l.maxPosterior,
    classified: pt.classified,
    noFactors: pt.noFactors,
    outsideItems: pt.outsideItems,
    categories,
    benchmark:
      benchmark === 'none'
        ? null
        : { name: 'England (nearest national category)', source: NATIONAL_SCHEME.source },
    profiles: { items: itemInfo(items), probabilities: lf ? lf.itemProbs : [], scheme: null },
    fit: lf
      ? {
          classes: lf.classes,
          n: lf.n,
          nPatterns: lf.nPatterns,
          logLik: lf.logLik,
          nParams: lf.nParams,
          aic: lf.aic,
          bic: lf.bic,
          entropy: lf.entropy,
          iterations: lf.iterations,
          converged: lf.converged,
        }
      : NO_FIT,
    fits: l.selection ? l.selection.table.map(({ atBest: _atBest, ...row }) => row) : null,
    chosen: l.selection?.chosen ?? null,
    codes: {
      ignored: pt.ignoredCodes,
      mapped: pt.mappedCodes,
      missingBeforeIntroduced: pt.missingBeforeIntroduced,
      unused: pt.unusedItems,
    },
    scheme: null,
    localScheme: saved,
    warnings: [...(l.selection?.warnings ?? []), ...(lf?.warnings ?? [])],
  };
}
