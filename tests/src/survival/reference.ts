// Helpers for the R reference checks: the fixtures in ../shared/reference/survival/ (see its
// README: survival 3.5.3 on R 4.2.2) and a comparison that reads R's NA (null) and Inf ("Infinity").
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { readGenericTable, type GenericTable } from '../../../src/data/generic-table.js';

const dir = new URL('../../fixtures/reference/survival/', import.meta.url);

export const referencePath = (name: string): string => fileURLToPath(new URL(name, dir));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fixtures are untyped JSON
export function expected(name: 'lung' | 'veteran'): any {
  return JSON.parse(readFileSync(referencePath(`${name}_expected.json`), 'utf8'));
}

export function table(name: 'lung' | 'veteran'): Promise<GenericTable> {
  return readGenericTable(readFileSync(referencePath(`${name}.csv`)), { fileName: `${name}.csv` });
}

/** R's value as a number: null (NA) -> NaN, "Infinity" -> Infinity. */
export function rValue(v: number | string | null): number {
  if (v === null) return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v as number;
}

/** Every element within `abs` (absolute), NA matching NaN and Inf matching Inf exactly. */
export function closeAbs(
  actual: ArrayLike<number>,
  want: (number | string | null)[],
  abs: number,
  what: string,
): void {
  assert.equal(actual.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const w = rValue(want[i]);
    const a = actual[i];
    if (Number.isNaN(w) || !Number.isFinite(w)) {
      assert.ok(
        Object.is(a, w) || (Number.isNaN(w) && Number.isNaN(a)),
        `${what}[${i}]: expected ${w}, got ${a}`,
      );
    } else {
      assert.ok(
        Math.abs(a - w) <= abs,
        `${what}[${i}]: expected ${w}, got ${a} (|diff| ${Math.abs(a - w)} > ${abs})`,
      );
    }
  }
}

/** |actual - want| <= rel |want| (NA matching NaN). */
export function closeRel(actual: number, want: number | string | null, rel: number, what: string): void {
  const w = rValue(want);
  if (Number.isNaN(w)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NA, got ${actual}`);
    return;
  }
  assert.ok(
    Math.abs(actual - w) <= rel * Math.abs(w),
    `${what}: expected ${w}, got ${actual} (relative diff ${Math.abs(actual - w) / Math.abs(w)} > ${rel})`,
  );
}
