// The attainment model fitted to the kept pupils, for one outcome or several over the same pupils
// (attainment.ts: Attainment 8 and the school outcomes of a key stage share their pupils, so their
// design, patterns and rotations are built once).
//
// Contract: fitAttainment(input) with the kept pupil rows and their groups (attainment-groups.ts
// codes), the exam years they span, the robust type, per pupil row the weight a placed row stands
// for (or null), and the outcomes (a column each and its model, OLS or the linear probability
// model). Model: y ~ group + fsm [+ prior attainment at KS4] + sen + gender + ethnicity +
// idaci_decile [+ year when several], not-known pupils the reference group (see attainment.ts).
// Returns per outcome the fitted model (attainment-rows.ts FittedModel) and its AttainmentModel,
// both null with a too-few-pupils warning when the model has as many terms as pupils.
// The records fitted: the pupils, or (rows of a file, HC0/HC1 or classical errors) their covariate
// patterns with frequency weights and within-pattern sums of squares (attainment-patterns.ts), the
// same fit at a fraction of the cost when the patterns are few.
import type { Categorical, PupilData } from '../data/types.js';
import { designMatrix } from '../regression/design-matrix.js';
import { olsMany } from '../regression/ols.js';
import type { RobustType } from '../regression/hc.js';
import type { Warning } from '../warnings.js';
import { NOT_KNOWN } from './attainment-groups.js';
import { patternIndex, patternMoments } from './attainment-patterns.js';
import type { FittedModel } from './attainment-rows.js';
import type { AttainmentModel } from './attainment-types.js';

export interface AttainmentFitInput {
  pupils: PupilData;
  keyStage: 2 | 4;
  labels: string[];
  rows: Int32Array;
  keptGroup: Int32Array;
  usedYears: number[];
  robust: RobustType | null;
  /** Per pupil row, the pupils a placed row stands for; null for rows of a file. */
  weight: Float64Array | null;
  /** Sum of the kept rows' weights (their number without weights). */
  nObs: number;
  outcomes: { y: ArrayLike<number>; model: AttainmentModel['type'] }[];
}

export interface AttainmentFit {
  fitted: FittedModel | null;
  model: AttainmentModel | null;
  warnings: Warning[];
}

/** Fit each outcome's model over the same kept pupils (see the file's contract). */
export function fitAttainment(input: AttainmentFitInput): AttainmentFit[] {
  const { pupils, keyStage, labels, rows, keptGroup, usedYears, robust, weight: wt, nObs, outcomes } = input;
  const K = labels.length;
  const pooled = usedYears.length > 1;
  const index =
    wt || robust === 'hc2' || robust === 'hc3'
      ? null
      : patternIndex(rows, keptGroup, [
          pupils.fsm,
          keyStage === 4 ? pupils.priorAttainment : undefined,
          pupils.sen,
          pupils.gender,
          pupils.ethnicity,
          pupils.idaciDecile,
          pooled ? pupils.year : undefined,
        ]);
  const recRows = index ? index.rep : rows;
  const recGroup = index ? index.group : keptGroup;
  const m = recRows.length;
  const levels = ['not-known', ...labels.map((_, g) => `c${g}`), 'uncategorised'];
  const groupCodes = new Int32Array(m);
  for (let r = 0; r < m; r++) groupCodes[r] = recGroup[r] === NOT_KNOWN ? 0 : recGroup[r]! + 1;
  const groupCol: Categorical = { codes: groupCodes, levels };
  // Plain loops: TypedArray.from with a map function runs through the iterator protocol, several
  // times slower over hundreds of thousands of rows.
  const sub = (col: Categorical): Categorical => {
    const codes = new Int32Array(m);
    for (let r = 0; r < m; r++) codes[r] = col.codes[recRows[r]!]!;
    return { codes, levels: col.levels };
  };
  const num = (col: ArrayLike<number>): Float64Array => {
    const v = new Float64Array(m);
    for (let r = 0; r < m; r++) v[r] = col[recRows[r]!]!;
    return v;
  };
  const recWeight = index ? index.count : wt ? num(wt) : null;
  const factors = ['group', 'sen', 'gender', 'ethnicity', 'idaci_decile', ...(pooled ? ['year'] : [])];
  const senCol = sub(pupils.sen);
  const senSeen = new Uint8Array(senCol.levels.length);
  for (let r = 0; r < m; r++) senSeen[senCol.codes[r]!] = 1;
  const senLevels = new Set(senCol.levels.filter((_, k) => senSeen[k]));
  const design = designMatrix(
    {
      fsm: num(pupils.fsm),
      // Columns the model leaves out are not copied.
      prior_attainment: keyStage === 4 ? num(pupils.priorAttainment) : undefined,
      group: groupCol,
      sen: senCol,
      gender: sub(pupils.gender),
      ethnicity: sub(pupils.ethnicity),
      idaci_decile: num(pupils.idaciDecile),
      year: pooled ? num(pupils.year) : undefined,
    },
    {
      outcomes: [],
      covariates: ['fsm', ...(keyStage === 4 ? ['prior_attainment'] : [])],
      factors,
      ref: { group: 'not-known', ...(senLevels.has('none') ? { sen: 'none' } : {}) },
      dense: false,
      ...(recWeight ? { counts: recWeight } : {}),
    },
  );
  if (!(nObs > design.p)) {
    return outcomes.map(() => ({
      fitted: null,
      model: null,
      warnings: [
        {
          code: 'too-few-pupils',
          message: `The model has ${design.p} terms but only ${nObs} pupils: the adjusted gaps cannot be estimated.`,
        },
      ],
    }));
  }
  // Each outcome over the design's rows: the patterns' means and spreads, or the pupils' values.
  const kept = design.rows;
  const onKept = (v: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(kept.length);
    for (let r = 0; r < kept.length; r++) out[r] = v[kept[r]!]!;
    return out;
  };
  const ys: Float64Array[] = [];
  const within: (Float64Array | null)[] = [];
  for (const { y } of outcomes) {
    const moments = index ? patternMoments(index, rows, y) : null;
    ys.push(onKept(moments ? moments.mean : num(y)));
    within.push(moments ? onKept(moments.within) : null);
  }
  const frequencies = recWeight ? onKept(recWeight) : undefined;
  const fits = olsMany(ys, design.designRows, design.names, {
    robust,
    ...(frequencies ? { frequencies, ...(index ? { within } : {}) } : {}),
  });
  const termOf = Int32Array.from({ length: K + 1 }, (_, g) =>
    design.names.indexOf(g === K ? 'group=uncategorised' : `group=c${g}`),
  );
  return fits.map((fit, o): AttainmentFit => {
    const vcov = (robust ? fit.robustVcov : fit.vcov) ?? fit.vcov;
    const model: AttainmentModel = {
      type: outcomes[o]!.model,
      robust,
      n: fit.n,
      df: fit.df,
      r2: fit.r2,
      adjR2: fit.adjR2,
      covariates: [],
      terms: [],
      warnings: [...design.warnings, ...fit.warnings],
    };
    if (model.type === 'lpm') {
      let outside = 0;
      fit.fitted.forEach((f, r) => {
        if (f < 0 || f > 1) outside += frequencies ? frequencies[r]! : 1;
      });
      if (outside > 0)
        model.warnings.push({
          code: 'lpm-fitted-outside',
          message: `${outside} of ${fit.n} fitted probabilities fall outside 0 to 1, a known limit of the linear probability model; the average gaps remain interpretable.`,
        });
    }
    return {
      fitted: {
        names: design.names,
        estimates: fit.coefficients.map((c) => c.estimate),
        vcov,
        df: fit.df,
        termOf,
        counts: { levels: design.levels, levelCounts: design.levelCounts, binaryCounts: design.binaryCounts },
      },
      model,
      warnings: [],
    };
  });
}
