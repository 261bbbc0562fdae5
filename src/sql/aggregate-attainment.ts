// The attainment section from the second pass's `attainment` aggregate (./query-attainment.ts): the
// tables csc-demand analyse publishes from rows (KS4 and KS2 gaps, the school outcomes), by the same
// code (src/analyses/attainment.ts attainmentOfPlaced) on pupils already placed in their groups.
// Each group of pupils alike in every covariate becomes, for an outcome, at most three records with
// frequency weights: the pupils without it (excluded as missing), and two at ybar - s and ybar + s
// (s the group's standard deviation, n/2 pupils each; one at ybar when s is 0), which have the group's
// count, sum and sum of squares, all that the OLS / linear probability fit with HC1 reads of a group
// whose design row is one (ols.ts frequencies). Covariates are read by the kit's loader as a pupils
// file's would be. Contract: rows with the columns the query names (any case); throws naming the
// aggregate, row and column otherwise.
import { loadRows } from '../data/load-rows.js';
import type { PupilData } from '../data/types.js';
import { attainmentOfPlaced, OUTCOME_COLUMN } from '../analyses/attainment.js';
import { DEFAULT_OUTCOME, type AttainmentResult } from '../analyses/attainment-types.js';
import { defaultAttainment } from '../publish/summary-parts.js';
import type { SummaryOptions } from '../publish/summary.js';
import { withColumns, type AggregateRow } from './aggregate-data.js';
import type { FirstPass } from './first-pass.js';
import { ATTAINMENT_KEYS, ATTAINMENT_OUTCOMES } from './query-attainment.js';

const NAME = 'attainment';
const COLUMNS = [
  ...ATTAINMENT_KEYS,
  'n',
  ...ATTAINMENT_OUTCOMES.flatMap((o) => [`n_${o}`, `s_${o}`, `q_${o}`]),
];

function num(r: AggregateRow, i: number, column: string, whole: boolean): number {
  const v = r[column];
  const x = v === null || v === '' ? 0 : Number(v);
  if (!Number.isFinite(x) || (whole && (!Number.isInteger(x) || x < 0)))
    throw new Error(
      `${NAME}: row ${i + 1}, column ${column}: expected ${whole ? 'a whole number' : 'a number'}, got ${JSON.stringify(v)}`,
    );
  return x;
}

/** The rows of `base` at `index`, every per-row column gathered (codes of a factor, values of a number). */
function gather(base: PupilData, index: Int32Array): PupilData {
  const out: Record<string, unknown> = { ...base, n: index.length };
  for (const [key, v] of Object.entries(base)) {
    if (ArrayBuffer.isView(v) && (v as unknown as ArrayLike<number>).length === base.n) {
      const src = v as unknown as Float64Array;
      const dst = new (src.constructor as Float64ArrayConstructor)(index.length);
      for (let r = 0; r < index.length; r++) dst[r] = src[index[r]!]!;
      out[key] = dst;
    } else if (v && typeof v === 'object' && 'codes' in v && 'levels' in v) {
      const c = v as { codes: Int32Array; levels: string[] };
      out[key] = { ...c, codes: Int32Array.from(index, (i) => c.codes[i]!) };
    }
  }
  return out as unknown as PupilData;
}

const PRESENT: Record<string, number> = { ks2_reading: 100, ks2_maths: 100 };

/** The attainment tables and the warnings of those that failed (as summary-parts.ts runs them). */
export async function aggregateAttainment(
  input: readonly AggregateRow[],
  first: FirstPass,
  { keyStages = [4, 2], attainment: asked }: Pick<SummaryOptions, 'keyStages' | 'attainment'>,
): Promise<{ attainment: AttainmentResult[]; warnings: { code: string; message: string }[] }> {
  const rows = withColumns(input, NAME, COLUMNS);
  const warnings: { code: string; message: string }[] = [];
  if (!rows.length) return { attainment: [], warnings };
  // Each group once, as the kit's loader reads a pupils file.
  const loaded = await loadRows(
    rows.map((r, i) => {
      const o: Record<string, unknown> = { pupil_id: `g${i + 1}`, child_id: '' };
      for (const k of ATTAINMENT_KEYS) if (k !== 'grp') o[k] = r[k] ?? '';
      // A valid value where the group has the outcome (which tables run depends on it); the values
      // the fits read are set per table below.
      for (const k of ATTAINMENT_OUTCOMES) o[k] = num(r, i, `n_${k}`, true) > 0 ? (PRESENT[k] ?? 0) : '';
      return o;
    }),
    { fileName: NAME, kind: 'pupils' },
  );
  const base = loaded.data as PupilData;
  if (base.n !== rows.length) {
    const p = loaded.problems?.[0];
    throw new Error(`${NAME}: ${rows.length - base.n} rows could not be read${p ? ` (${p.message})` : ''}`);
  }
  const K = first.categories.categories.labels.length;
  const groupOf = rows.map((r, i) => {
    const g = num(r, i, 'grp', false);
    if (!Number.isInteger(g) || g < -4 || g >= K)
      throw new Error(
        `${NAME}: row ${i + 1}, column grp: expected a whole number from -4 to ${K - 1}, got ${JSON.stringify(r.grp)}`,
      );
    return g === -4 ? K : g;
  });
  const out: AttainmentResult[] = [];
  for (const table of asked ?? defaultAttainment(base, keyStages)) {
    const keyStage = table.keyStage ?? 4;
    if (!base.keyStage.some((k) => k === keyStage)) continue;
    const outcome = table.outcome ?? DEFAULT_OUTCOME[keyStage];
    const index: number[] = [];
    const y: number[] = [];
    const weight: number[] = [];
    const groups: number[] = [];
    rows.forEach((r, i) => {
      const n = num(r, i, 'n', true);
      const m = num(r, i, `n_${outcome}`, true);
      const add = (v: number, w: number) => {
        index.push(i);
        y.push(v);
        weight.push(w);
        groups.push(groupOf[i]!);
      };
      if (n - m > 0) add(NaN, n - m);
      if (m === 0) return;
      const mean = num(r, i, `s_${outcome}`, false) / m;
      const variance = num(r, i, `q_${outcome}`, false) / m - mean * mean;
      const s = variance > 0 ? Math.sqrt(variance) : 0;
      if (s > 0 && m > 1) {
        add(mean - s, m / 2);
        add(mean + s, m / 2);
      } else add(mean, m);
    });
    const pupils = gather(base, Int32Array.from(index));
    (pupils as unknown as Record<string, Float64Array>)[
      OUTCOME_COLUMN[outcome as keyof typeof OUTCOME_COLUMN]
    ] = Float64Array.from(y);
    try {
      out.push(
        attainmentOfPlaced(
          first.assessments,
          pupils,
          first.categories.categories,
          { ...table, keyStage, threshold: 0 },
          { groups: Int32Array.from(groups), weight: Float64Array.from(weight) },
        ),
      );
    } catch (e) {
      warnings.push({
        code: 'attainment-failed',
        message: `Attainment at key stage ${keyStage} is left out: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  return { attainment: out, warnings };
}
