// `csc-demand synth --format cin-xml`: the synthetic council's assessments written as CIN census
// returns instead of assessments.csv (src/synth/cin-xml.ts): one return covering every year, or
// with --split-years one return per census year (1 April to 31 March) as each would have been sent
// at its year end, open episodes carried over from one to the next. --namespace puts a default
// namespace on <Message>; --encoding windows-1252 declares and writes Windows-1252. The pupils file
// is CSV as ever. Each file is streamed to disk in chunks.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './args.js';
import { runSynth } from '../synth/engine.js';
import { pupilChunker } from '../synth/csv.js';
import { CinXmlWriter, censusYears, encodeWindows1252, type CinXmlOptions } from '../synth/cin-xml.js';
import type { SynthOptions, SynthTruth } from '../synth/types.js';

export interface CinFormat {
  namespace?: string;
  encoding: 'utf-8' | 'windows-1252';
  splitYears: boolean;
}

export interface WrittenFile {
  file: string;
  path: string;
  rows: number;
  bytes: number;
}

/** Check the cin-xml options (UsageError for a bad one). */
export function cinFormat(
  encoding: string | undefined,
  namespace: string | undefined,
  split: boolean,
): CinFormat {
  const enc = (encoding ?? 'utf-8').toLowerCase();
  if (enc !== 'utf-8' && enc !== 'windows-1252')
    throw new UsageError(`option --encoding: expected utf-8 or windows-1252, got '${encoding}'`);
  return { encoding: enc, splitYears: split, ...(namespace ? { namespace } : {}) };
}

/** Write the returns and pupils.csv to `dir`; returns the truth and the files written. */
export function writeCinCouncil(
  dir: string,
  options: SynthOptions & { start: string; end: string },
  format: CinFormat,
): { truth: SynthTruth; files: WrittenFile[] } {
  const base: CinXmlOptions = {
    encoding: format.encoding,
    ...(format.namespace ? { namespace: format.namespace } : {}),
  };
  const periods = format.splitYears ? censusYears(options.start, options.end) : [null];
  const files: WrittenFile[] = periods.map((p) => {
    const file = p ? `cin-${p.start.slice(0, 4)}-${p.end.slice(2, 4)}.xml` : 'cin-return.xml';
    return { file, path: join(dir, file), rows: 0, bytes: 0 };
  });
  files.push({ file: 'pupils.csv', path: join(dir, 'pupils.csv'), rows: -1, bytes: 0 });
  const fds = files.map((f) => openSync(f.path, 'w'));
  const sink = (i: number, text: string): void => {
    const f = files[i]!;
    const fd = fds[i]!;
    f.bytes +=
      format.encoding === 'windows-1252' && i < periods.length
        ? writeSync(fd, encodeWindows1252(text))
        : writeSync(fd, text);
  };
  try {
    const writers = periods.map(
      (p, i) =>
        new CinXmlWriter((t) => sink(i, t), {
          ...base,
          ...(p ? { period: p } : { referenceDate: options.end }),
        }),
    );
    const pupils = pupilChunker((t) => {
      const f = files[periods.length]!;
      f.bytes += writeSync(fds[periods.length]!, t);
      for (let j = t.indexOf('\n'); j >= 0; j = t.indexOf('\n', j + 1)) f.rows++;
    }, 1 << 16);
    const truth = runSynth('synth', options, {
      assessment: (row) => {
        for (const w of writers) w.add(row);
      },
      pupil: (row) => pupils.add(row),
    });
    writers.forEach((w, i) => {
      w.finish();
      files[i]!.rows = w.episodes;
    });
    pupils.flush();
    return { truth, files };
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}
