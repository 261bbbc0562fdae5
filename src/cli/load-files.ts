// Opening input files for the CLI: one file of any kind (CSV, or a CIN census return), or several CIN
// census returns read together (yearly returns, carried-over episodes merged: src/data/load-cin.ts).
// Files are streamed from disk (file-chunks.ts), never read whole. Several files that are not all returns are a usage
// error: CSV files are not merged (there is no rule for which row wins).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from './args.js';
import { fileChunks } from './file-chunks.js';
import { loadTable } from '../data/load.js';
import { loadCinReturns } from '../data/load-cin.js';
import { looksLikeXml } from '../data/xml-sniff.js';
import type { LoadResult } from '../data/types.js';

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    throw new Error(`cannot read ${path}: no such file`);
  }
}

function isXmlFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(512);
    return looksLikeXml(head.subarray(0, readSync(fd, head, 0, 512, 0)));
  } finally {
    closeSync(fd);
  }
}

/** Load one input file, or several CIN census returns as one dataset. */
export async function loadFiles(
  paths: readonly string[],
  kind: 'assessments' | 'pupils' | 'auto',
  monthFirst: boolean,
  sharedMemory = false,
): Promise<LoadResult> {
  const sizes = paths.map(sizeOf);
  if (paths.length === 1) {
    return loadTable(fileChunks(paths[0]!), {
      fileName: basename(paths[0]!),
      kind,
      monthFirst,
      totalBytes: sizes[0]!,
      sharedMemory,
    });
  }
  const notXml = paths.filter((p) => !isXmlFile(p));
  if (notXml.length > 0 || kind === 'pupils')
    throw new UsageError(
      `several files are read together only as CIN census returns (XML); ${notXml.length ? `not XML: ${notXml.join(', ')}` : 'pupils files are read one at a time'}`,
    );
  return loadCinReturns(
    paths.map((p, i) => ({ source: fileChunks(p), fileName: basename(p), totalBytes: sizes[i]! })),
    { monthFirst },
  );
}
