// `synthesiseRows`: the synthetic council in memory, as row objects keyed by the DESIGN.md column
// names (every value the text of its CSV cell), for the demo, tests and an element's `data` property.
// See synth-engine.ts for what is generated and synth-types.ts for the truth.
import { runSynth } from './engine.js';
import type { AssessmentRow, PupilRow, SynthOptions, SynthTruth } from './types.js';

/**
 * A synthetic council as rows: deterministic from the seed.
 * @param options assessments (default 25,000), seed (1), start/end of referrals ('2014-04-01' to
 *   '2024-03-31'), extractDate (end), comparisonRatio (4 pupils not known per known pupil)
 * @returns assessment rows in file order, pupil rows, and the planted truth
 * @example synthesiseRows({ assessments: 100 }).assessments[0].child_id // 'C0000001'
 */
export function synthesiseRows(options: SynthOptions = {}): {
  assessments: AssessmentRow[];
  pupils: PupilRow[];
  truth: SynthTruth;
} {
  const assessments: AssessmentRow[] = [];
  const pupils: PupilRow[] = [];
  const truth = runSynth('synthesiseRows', options, {
    assessment: (row) => assessments.push(row),
    pupil: (row) => pupils.push(row),
  });
  return { assessments, pupils, truth };
}
