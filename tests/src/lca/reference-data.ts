// Loads poLCA's reference fits (../shared/reference/lca/, see its README) for the LCA tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../fixtures/reference/lca/', import.meta.url));

/** A CSV of small integer codes, as columns, with `shift` subtracted (1 for poLCA's 1..K coding). */
export function readCodes(file: string, shift = 0): { names: string[]; columns: number[][] } {
  const lines = readFileSync(dir + file, 'utf8')
    .trim()
    .split(/\r?\n/);
  const names = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(',').map((x) => Number(x) - shift));
  return { names, columns: names.map((_, j) => rows.map((r) => r[j]!)) };
}

export interface ReferenceFit {
  nclass: number;
  loglik: number;
  loglik_recomputed_logsumexp: number;
  npar: number;
  aic: number;
  bic: number;
  N: number;
  class_shares: number[];
  item_probs: Record<string, number[][]>;
  p_category2_by_class?: number[][];
  entropy_r2: number | null;
  modal_class_counts: number[];
  posterior_by_pattern: { pattern: string[]; count: number[]; posterior: number[][]; modal_class: number[] };
  polished?: { loglik: number; class_shares: number[]; item_probs: Record<string, number[][]> };
}

export function readExpected(name: string): {
  items: string[];
  N: number;
  fits: Record<string, ReferenceFit>;
} {
  return JSON.parse(readFileSync(`${dir}${name}_expected.json`, 'utf8'));
}

export const referenceDir = dir;
