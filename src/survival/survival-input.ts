// Checks shared by the survival methods: times finite, events coded 0 (censored) or 1 (event),
// equal lengths. The CLI and the analyses translate other codings (TRUE/FALSE, R's 1/2 status) and
// drop rows with missing values before calling the core, so anything else here is a caller's bug.
// Also the checks of case weights and counting-process entry times, shared by KM and Cox.

/**
 * The event indicator as a Uint8Array, after checking `time` and `event`.
 * @param fn the calling function's name, for the error message
 * @example survivalInput('kaplanMeier', [3, 5], [1, 0]) // Uint8Array [1, 0]
 */
export function survivalInput(
  fn: string,
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
): Uint8Array {
  if (time.length !== event.length) {
    throw new Error(
      `${fn}: invalid event; expected ${time.length} values (one per time), got ${event.length}`,
    );
  }
  const out = new Uint8Array(time.length);
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    if (!Number.isFinite(t))
      throw new Error(`${fn}: invalid time; expected finite numbers, got ${t} at index ${i}`);
    const e = event[i];
    if (e === 1 || e === true) out[i] = 1;
    else if (e !== 0 && e !== false) {
      throw new Error(`${fn}: invalid event; expected 0 (censored) or 1 (event), got ${e} at index ${i}`);
    }
  }
  return out;
}

/**
 * Checked case weights (null when none): finite and > 0, and whole numbers when `whole`.
 * @param fn the calling function's name, for the error message
 */
export function caseWeights(
  fn: string,
  weights: ArrayLike<number> | undefined,
  n: number,
  whole = false,
): ArrayLike<number> | null {
  if (weights === undefined) return null;
  if (weights.length !== n) {
    throw new Error(`${fn}: invalid weights; expected ${n} values (one per row), got ${weights.length}`);
  }
  for (let i = 0; i < n; i++) {
    const v = weights[i];
    if (!(Number.isFinite(v) && v > 0)) {
      throw new Error(`${fn}: invalid weights; expected finite numbers > 0, got ${v} at index ${i}`);
    }
    if (whole && v !== Math.floor(v)) {
      throw new Error(
        `${fn}: invalid weights; expected whole numbers (case counts: R's survfit gives fractional weights a robust variance this kit does not compute), got ${v} at index ${i}`,
      );
    }
  }
  return weights;
}

/** Checks counting-process entry times: finite, one per row, each below its stop time. */
export function startTimes(fn: string, start: ArrayLike<number>, time: ArrayLike<number>): void {
  if (start.length !== time.length) {
    throw new Error(
      `${fn}: invalid start; expected ${time.length} values (one per time), got ${start.length}`,
    );
  }
  for (let i = 0; i < start.length; i++) {
    if (!Number.isFinite(start[i]) || !(start[i] < time[i])) {
      throw new Error(
        `${fn}: invalid start; expected a finite entry time below the stop time, got start ${start[i]} and stop ${time[i]} at index ${i}`,
      );
    }
  }
}
