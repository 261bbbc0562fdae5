// `synthesiseStream`: the synthetic council as CSV text handed to a sink chunk by chunk, so the CLI
// and the benchmarks can write a national-scale council (3.6 million assessments) to disk in
// constant memory (apart from the truth's one byte per row). See synth-engine.ts for what is
// generated and synth-csv.ts for the CSV dialect.
import { runSynth } from './engine.js';
import { assessmentChunker, pupilChunker } from './csv.js';
import type { SynthOptions, SynthTruth } from './types.js';

export interface SynthCsvSink {
  /** Receives assessments.csv in order, header first. */
  assessments: (chunk: string) => void;
  /** Receives pupils.csv in order, header first. */
  pupils: (chunk: string) => void;
}

/**
 * Write a synthetic council to `sink` as two CSV streams; returns the planted truth.
 * @param options as synthesiseRows
 * @param sink called synchronously with chunks of about `chunkSize` characters (default 64 KiB)
 * @example synthesiseStream({ assessments: 3_600_000 }, { assessments: (c) => fs.writeSync(fa, c), pupils: (c) => fs.writeSync(fp, c) })
 */
export function synthesiseStream(
  options: SynthOptions,
  sink: SynthCsvSink,
  { chunkSize = 1 << 16 }: { chunkSize?: number } = {},
): SynthTruth {
  if (!(chunkSize >= 1)) {
    throw new Error(`synthesiseStream: invalid chunkSize; expected a positive number, got ${chunkSize}`);
  }
  const a = assessmentChunker(sink.assessments, chunkSize);
  const p = pupilChunker(sink.pupils, chunkSize);
  const truth = runSynth('synthesiseStream', options, {
    assessment: (row) => a.add(row),
    pupil: (row) => p.add(row),
  });
  a.flush();
  p.flush();
  return truth;
}
