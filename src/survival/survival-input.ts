// Checks shared by the survival methods: times finite, events coded 0 (censored) or 1 (event),
// equal lengths. The CLI and the analyses translate other codings (TRUE/FALSE, R's 1/2 status) and
// drop rows with missing values before calling the core, so anything else here is a caller's bug.

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
