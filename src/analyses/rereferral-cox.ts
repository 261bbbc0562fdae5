// Hazard ratios of re-referral by group, adjusted as the Kingston University / NCB study adjusted
// them: a Cox model of the follow-up (days) on the group (treatment coding against a reference
// group) plus age at closure (years), gender, referral source (grouped by CIN code number) and
// episode length (years). Efron ties, as R's coxph.
//
// Contract
// - Input: follow-up (rereferral-follow-up.ts), the grouping, the gender and referral-source
//   groupings of the same episodes (null to leave one out: the grouping itself, say), whether to
//   adjust for age (not when grouping by age band), the reference group (its level or its label;
//   default: the largest group).
// - Episodes with a missing group or covariate are left out, counted by reason (R's na.omit).
// - Gender and referral source use their largest level as reference, so each term reads as
//   "against the most common".
// - Output: RereferralCox with the group terms in the grouping's order, then the adjustment terms;
//   null when fewer than two groups have episodes. The fit's own warnings (non-convergence, an
//   infinite coefficient for a group with no re-referrals) are returned for the result. Each factor
//   term carries `n`, the episodes in the model at its level, and `referenceN`, those at its
//   factor's reference level (null for age and episode length), for disclosure control.
import { designMatrix } from '../regression/design-matrix.js';
import { termCounts } from '../regression/term-counts.js';
import { coxPH } from '../survival/cox-ph.js';
import type { Warning } from '../warnings.js';
import type { FollowUp } from './rereferral-follow-up.js';
import type { Grouping } from './rereferral-grouping.js';
import type { RereferralCox, RereferralHazardRatio } from './rereferral-types.js';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The level with the most episodes (the first of equals), or -1 when none has any. */
function largest(counts: Float64Array): number {
  let best = -1;
  for (let c = 0; c < counts.length; c++)
    if (counts[c]! > 0 && (best < 0 || counts[c]! > counts[best]!)) best = c;
  return best;
}

const REASONS: Record<string, string> = {
  missing_age: 'no date of birth or age',
  missing_gender: 'no gender recorded',
  missing_source: 'no referral source recorded',
};

interface Adjustment {
  gender: Grouping | null;
  source: Grouping | null;
  age: boolean;
}

/**
 * A covariate the file does not record at all is left out of the adjustment (and said so), rather
 * than leaving every episode out of the model.
 */
function recordedCovariates(fu: FollowUp, asked: Adjustment): { adjust: Adjustment; notes: Warning[] } {
  const adjust = { ...asked };
  const dropped: string[] = [];
  if (adjust.gender && adjust.gender.missing === fu.n) {
    adjust.gender = null;
    dropped.push('gender');
  }
  if (adjust.source && adjust.source.missing === fu.n) {
    adjust.source = null;
    dropped.push('referral source');
  }
  if (adjust.age && !fu.ageAtClosure.some(Number.isFinite)) {
    adjust.age = false;
    dropped.push('age');
  }
  const notes: Warning[] = dropped.length
    ? [
        {
          code: 'cox-covariate-missing',
          message: `The file records no ${dropped.join(' and no ')}: the hazard ratios are not adjusted for ${dropped.length > 1 ? 'them' : 'it'}.`,
        },
      ]
    : [];
  return { adjust, notes };
}

/** Episodes at each level among the complete cases (the model's episodes). */
interface CaseCounts {
  group: Float64Array;
  gender: Float64Array | null;
  source: Float64Array | null;
}

/**
 * The complete cases' counts by group, gender and source, and the groups present: reference levels
 * come from these. Counted in one pass, where counting each factor over the cases afterwards took
 * a pass each.
 */
function completeCases(
  fu: FollowUp,
  grouping: Grouping,
  a: Adjustment,
): { counts: CaseCounts; present: Set<number> } {
  const counts: CaseCounts = {
    group: new Float64Array(grouping.levels.length),
    gender: a.gender ? new Float64Array(a.gender.levels.length) : null,
    source: a.source ? new Float64Array(a.source.levels.length) : null,
  };
  for (let k = 0; k < fu.n; k++) {
    const ok =
      grouping.codes[k]! >= 0 &&
      (!a.age || Number.isFinite(fu.ageAtClosure[k]!)) &&
      (!a.gender || a.gender.codes[k]! >= 0) &&
      (!a.source || a.source.codes[k]! >= 0);
    if (!ok) continue;
    counts.group[grouping.codes[k]!]++;
    if (a.gender) counts.gender![a.gender.codes[k]!]++;
    if (a.source) counts.source![a.source.codes[k]!]++;
  }
  const present = new Set<number>();
  for (let c = 0; c < counts.group.length; c++) if (counts.group[c]! > 0) present.add(c);
  return { counts, present };
}

/** The reference group: the one asked for (by level or label), or the largest among complete cases. */
function referenceGroup(
  grouping: Grouping,
  reference: string | null,
  counts: Float64Array,
  present: Set<number>,
): number {
  if (reference === null || reference === '') return largest(counts);
  let ref = grouping.levels.indexOf(reference);
  if (ref < 0) ref = grouping.labels.indexOf(reference);
  if (ref < 0 || !present.has(ref)) {
    const known = grouping.levels.filter((_, c) => present.has(c));
    // A long list of levels would bury the message: name the first few and how many there are.
    const shown =
      known.length > 12 ? `${known.slice(0, 12).join(', ')} and ${known.length - 12} more` : known.join(', ');
    throw new Error(
      `rereferral: invalid reference; expected one of ${shown || 'no group'}, got '${reference.length > 40 ? `${reference.slice(0, 37)}...` : reference}'`,
    );
  }
  return ref;
}

/** The model's columns and terms: group and episode length always, age, gender and source if adjusted for. */
function modelColumns(
  fu: FollowUp,
  grouping: Grouping,
  ref: number,
  a: Adjustment,
  counts: CaseCounts,
): Parameters<typeof designMatrix>[1] & {
  columns: Parameters<typeof designMatrix>[0];
  adjustedFor: string[];
} {
  // Time and event are not columns of the design: neither is ever missing, so they leave the rows
  // kept as they are, and rereferralCox gathers them in their own types (whole days, 0/1) rather than
  // as the design's outcomes (a Float64Array each, and a Float64Array copy of the days to read them from).
  const columns: Record<string, Float64Array | { codes: Int32Array; levels: string[] }> = {
    group: { codes: grouping.codes, levels: grouping.levels },
    length: fu.lengthYears,
  };
  const covariates = ['length'];
  const factors = ['group'];
  const refs: Record<string, string> = { group: grouping.levels[ref]! };
  const adjustedFor: string[] = [];
  if (a.age) {
    columns.age = fu.ageAtClosure;
    covariates.unshift('age');
    adjustedFor.push('age at closure');
  }
  for (const [name, g, what] of [
    ['gender', a.gender, 'gender'],
    ['source', a.source, 'referral source'],
  ] as const) {
    if (!g) continue;
    const big = largest(counts[name]!);
    if (big < 0) continue;
    columns[name] = { codes: g.codes, levels: g.labels };
    factors.push(name);
    refs[name] = g.labels[big]!;
    adjustedFor.push(what);
  }
  adjustedFor.push('episode length');
  return {
    columns,
    intercept: false,
    covariates,
    factors,
    ref: refs,
    adjustedFor,
  };
}

/** The published terms: the groups against the reference in the grouping's order, then the adjustments. */
function hazardTerms(
  fit: ReturnType<typeof coxPH>,
  dm: ReturnType<typeof designMatrix>,
  grouping: Grouping,
  ref: number,
  age: boolean,
): RereferralHazardRatio[] {
  const byTerm = new Map(fit.coefficients.map((c) => [c.term, c]));
  const term = (
    name: string,
    kind: RereferralHazardRatio['kind'],
    level: string | null,
    label: string,
  ): RereferralHazardRatio => {
    const c = byTerm.get(name)!;
    return {
      term: name,
      level,
      label,
      kind,
      hr: num(c.hr),
      lower: num(c.lower),
      upper: num(c.upper),
      p: num(c.p),
      coef: num(c.coef),
      se: num(c.se),
      // The episodes the term rests on, for disclosure control.
      ...termCounts(dm, name),
    };
  };
  const terms: RereferralHazardRatio[] = [];
  grouping.levels.forEach((level, c) => {
    if (c !== ref && byTerm.has(`group=${level}`))
      terms.push(term(`group=${level}`, 'group', level, grouping.labels[c]!));
  });
  if (age) terms.push(term('age', 'covariate', null, 'Age at closure (per year)'));
  terms.push(term('length', 'covariate', null, 'Episode length (per year)'));
  for (const [name, what] of [
    ['gender', 'Gender'],
    ['source', 'Referral source'],
  ] as const) {
    const lv = dm.levels[name];
    if (!lv) continue;
    for (const l of lv.levels.slice(1)) {
      terms.push(term(`${name}=${l}`, 'covariate', null, `${what}: ${l} (against ${lv.reference})`));
    }
  }
  return terms;
}

/**
 * Cox hazard ratios of re-referral by group (see the file comment).
 * @example rereferralCox(fu, grouping, { gender, source, age: true }).terms[0].hr
 */
export function rereferralCox(
  fu: FollowUp,
  grouping: Grouping,
  options: {
    gender?: Grouping | null;
    source?: Grouping | null;
    age?: boolean;
    reference?: string | null;
  } = {},
): { cox: RereferralCox | null; warnings: Warning[] } {
  const { adjust, notes } = recordedCovariates(fu, {
    gender: options.gender ?? null,
    source: options.source ?? null,
    age: options.age ?? true,
  });
  // Complete cases first, so the reference levels are chosen among the episodes the model uses.
  const { counts, present } = completeCases(fu, grouping, adjust);
  const ref = referenceGroup(grouping, options.reference ?? null, counts.group, present);
  if (present.size < 2) {
    return {
      cox: null,
      warnings: [
        ...notes,
        {
          code: 'cox-too-few-groups',
          message: 'Hazard ratios need two groups or more with complete age, gender and referral source.',
        },
      ],
    };
  }

  const { columns, adjustedFor, ...design } = modelColumns(fu, grouping, ref, adjust, counts);
  // Rows on demand: a dense X of millions of episodes would be hundreds of MB written once, read thrice.
  const dm = designMatrix(columns, { ...design, dense: false });
  const warnings: Warning[] = [...notes, ...dm.warnings];
  const excluded = Object.entries(dm.excluded).map(([code, episodes]) => ({
    reason: code === 'missing_group' ? `no ${grouping.title.toLowerCase()}` : (REASONS[code] ?? code),
    episodes,
  }));
  const time = new Int32Array(dm.n);
  const event = new Uint8Array(dm.n);
  let events = 0;
  for (let r = 0; r < dm.n; r++) {
    const k = dm.rows[r]!;
    time[r] = fu.days[k]!;
    event[r] = fu.event[k]!;
    events += event[r]!;
  }
  if (events === 0 || dm.levels.group!.levels.length < 2) return { cox: null, warnings };
  const fit = coxPH({
    time,
    event,
    x: dm.designRows,
    names: dm.names,
  });
  warnings.push(...fit.warnings);

  const lr = fit.tests.likelihoodRatio;
  return {
    cox: {
      reference: { level: grouping.levels[ref]!, label: grouping.labels[ref]! },
      terms: hazardTerms(fit, dm, grouping, ref, adjust.age),
      adjustedFor,
      n: dm.n,
      events,
      excluded,
      converged: fit.converged,
      concordance: num(fit.concordance.concordance),
      likelihoodRatio: { chisq: lr.chisq, df: lr.df, p: num(lr.p) },
      ties: 'efron',
    },
    warnings,
  };
}
