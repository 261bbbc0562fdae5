// The synthetic council: the embedded default dataset of the demo, the tests and the benchmarks,
// deterministic from a seed and calibrated to the published national figures (synth-params.ts,
// src/domain/national-scheme.ts). `synthesise` returns the two input files of DESIGN.md as CSV text and
// the truth the generator planted, so tests can check that the analyses recover it.
// Variants: synthesiseRows (row objects in memory) and synthesiseStream (CSV in chunks, for files of
// national scale). What is generated: synth-engine.ts; the truth: synth-types.ts.
import { runSynth } from './engine.js';
import { assessmentChunker, pupilChunker } from './csv.js';
import type { SynthOptions, SynthTruth } from './types.js';

/**
 * A synthetic council as CSV text: assessments.csv and pupils.csv in the DESIGN.md input formats.
 * @param options assessments (default 25,000), seed (1), start and end of referrals ('2014-04-01',
 *   '2024-03-31'), extractDate (end), comparisonRatio (4 pupils not known per known pupil)
 * @returns the two files' text and the planted truth (plain JSON)
 * @example synthesise({ assessments: 1000, seed: 7 }).assessmentsCsv.split('\n')[0]
 * // 'child_id,referral_date,assessment_date,factors,closure_date,closure_reason,...'
 */
export function synthesise(options: SynthOptions = {}): {
  assessmentsCsv: string;
  pupilsCsv: string;
  truth: SynthTruth;
} {
  const a: string[] = [];
  const p: string[] = [];
  const ac = assessmentChunker((c) => a.push(c), 1 << 16);
  const pc = pupilChunker((c) => p.push(c), 1 << 16);
  const truth = runSynth('synthesise', options, {
    assessment: (row) => ac.add(row),
    pupil: (row) => pc.add(row),
  });
  ac.flush();
  pc.flush();
  return { assessmentsCsv: a.join(''), pupilsCsv: p.join(''), truth };
}
