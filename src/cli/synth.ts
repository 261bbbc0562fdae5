// `csc-demand synth --assessments N --seed S --out DIR [--start D] [--end D] [--extract-date D]
// [--comparison-ratio R] [--format csv|parquet|cin-xml [--split-years] [--namespace URI] [--encoding E]] [--json]`: write a synthetic council to DIR as assessments.csv and
// pupils.csv (the DESIGN.md input formats, so they exercise the real reader) and truth.json (what the
// generator planted, for recovery checks). The CSV is streamed to disk in chunks, so a national-scale
// council (3.6 million assessments) needs no more memory than the truth. With --format cin-xml the
// assessments are written as CIN census returns instead (synth-cin.ts). Prints the files written
// (one JSON document with --json: { command, version, seed, assessments, files: [{ file, path,
// rows, bytes }] }). Bad option values exit 2; a directory that cannot be written exits 1.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { intOption, parseArgs, required, UsageError, type CliIO } from './args.js';
import { resolveOptions } from '../synth/engine.js';
import { synthesiseStream } from '../synth/stream.js';
import type { SynthOptions, SynthTruth } from '../synth/types.js';
import { cinFormat, writeCinCouncil } from './synth-cin.js';
import { VERSION } from '../version.js';

interface Written {
  file: string;
  path: string;
  /** Data rows (the header not counted); null for truth.json. */
  rows: number | null;
  bytes: number;
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x))
    throw new UsageError(`option --${name}: expected a number, got '${value}'`);
  return x;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(
    argv,
    [
      'assessments',
      'seed',
      'out',
      'start',
      'end',
      'extract-date',
      'comparison-ratio',
      'format',
      'namespace',
      'encoding',
    ],
    ['json', 'split-years'],
  );
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const dir = resolve(required(args, 'out'));
  const options: SynthOptions = {
    assessments: intOption(args, 'assessments', 25000),
    seed: intOption(args, 'seed', 1),
  };
  const start = args.options.get('start');
  const end = args.options.get('end');
  const extractDate = args.options.get('extract-date');
  const comparisonRatio = numberOption(args.options.get('comparison-ratio'), 'comparison-ratio');
  if (start !== undefined) options.start = start;
  if (end !== undefined) options.end = end;
  if (extractDate !== undefined) options.extractDate = extractDate;
  if (comparisonRatio !== undefined) options.comparisonRatio = comparisonRatio;
  try {
    resolveOptions('synth', options);
  } catch (e) {
    throw new UsageError(
      (e as Error).message.replace(/^synth: invalid (\w+)/, (_, o: string) => `invalid --${kebab(o)}`),
    );
  }

  const fmt = args.options.get('format') ?? 'csv';
  if (fmt !== 'csv' && fmt !== 'cin-xml' && fmt !== 'parquet')
    throw new UsageError(`option --format: expected csv, cin-xml or parquet, got '${fmt}'`);
  if (
    (fmt !== 'cin-xml' && ['namespace', 'encoding'].some((o) => args.options.has(o))) ||
    (fmt !== 'cin-xml' && args.flags.has('split-years'))
  )
    throw new UsageError('options --namespace, --encoding and --split-years go with --format cin-xml');
  mkdirSync(dir, { recursive: true });
  if (fmt === 'cin-xml') {
    const resolved = resolveOptions('synth', options);
    const format = cinFormat(
      args.options.get('encoding'),
      args.options.get('namespace'),
      args.flags.has('split-years'),
    );
    const { truth, files } = writeCinCouncil(
      dir,
      { ...options, start: resolved.start, end: resolved.end },
      format,
    );
    return report(io, args.flags.has('json'), truth, [...files, writeTruth(dir, truth)]);
  }
  const files = ['assessments.csv', 'pupils.csv'].map((file) => ({
    file,
    path: join(dir, file),
    rows: -1,
    bytes: 0,
  }));
  const fds = files.map((f) => openSync(f.path, 'w'));
  const write = (i: number) => (chunk: string) => {
    const f = files[i]!;
    f.bytes += writeSync(fds[i]!, chunk);
    for (let j = chunk.indexOf('\n'); j >= 0; j = chunk.indexOf('\n', j + 1)) f.rows++;
  };
  let truth;
  try {
    truth = synthesiseStream(options, { assessments: write(0), pupils: write(1) });
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  if (fmt === 'parquet') {
    const { csvToParquet } = await import('./synth-parquet.js');
    const parquet = await csvToParquet(files.map((f) => f.path));
    return report(io, args.flags.has('json'), truth, [...parquet, writeTruth(dir, truth)]);
  }
  return report(io, args.flags.has('json'), truth, [...files, writeTruth(dir, truth)]);
}

function writeTruth(dir: string, truth: SynthTruth): Written {
  const truthPath = join(dir, 'truth.json');
  const truthText = JSON.stringify(truth);
  const fd = openSync(truthPath, 'w');
  let bytes: number;
  try {
    bytes = writeSync(fd, truthText);
  } finally {
    closeSync(fd);
  }
  return { file: 'truth.json', path: truthPath, rows: null, bytes };
}

function report(io: CliIO, json: boolean, truth: SynthTruth, written: Written[]): number {
  if (json) {
    const doc = {
      command: 'synth',
      version: VERSION,
      seed: truth.seed,
      assessments: truth.counts['assessments'],
      children: truth.counts['children'],
      pupils: truth.counts['pupils'],
      files: written,
    };
    io.out(JSON.stringify(doc) + '\n');
  } else {
    io.out(
      `Synthetic council (seed ${truth.seed}): ${truth.counts['assessments']} assessments of ` +
        `${truth.counts['children']} children, ${truth.counts['pupils']} pupil results\n` +
        written
          .map(
            (w) =>
              `  ${w.path}  ${w.file === 'truth.json' ? 'planted truth' : w.file.endsWith('.xml') ? `${w.rows} episodes` : `${w.rows} rows`}, ${w.bytes} bytes`,
          )
          .join('\n') +
        '\n',
    );
  }
  return 0;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}
