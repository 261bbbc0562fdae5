// Warnings as published: an analysis's warning messages quote counts ("3 episodes had no date of
// birth"), and a count from 1 to the threshold must not reach a public page through a sentence.
// Contract: each warning keeps its code; a message quoting a whole number from 1 to the threshold
// (a number standing alone: not part of a code such as RC1 or 18A, a decimal or a date) is replaced
// by a sentence that says the note was withheld. Conservative by design: "0 to 1" is withheld too.
import type { Warning } from '../warnings.js';

const NUMBER = /(?<![\w.,/-])\d{1,3}(?:,\d{3})*(?![\w.,/-]?\w)/g;

/** Whether a message quotes a whole number from 1 to the threshold. */
export function quotesSmallCount(message: string, threshold: number): boolean {
  for (const m of message.matchAll(NUMBER)) {
    const v = Number(m[0].replace(/,/g, ''));
    if (v >= 1 && v <= threshold) return true;
  }
  return false;
}

/**
 * Warnings with small counts taken out of their messages.
 * @example publishWarnings([{code: 'no-birthday', message: '3 episodes had no date of birth'}], 5)
 * // [{code: 'no-birthday', message: 'A note about 5 or fewer records was withheld (no-birthday).'}]
 */
export function publishWarnings(warnings: readonly Warning[], threshold: number): Warning[] {
  return warnings.map((w) =>
    quotesSmallCount(w.message, threshold)
      ? {
          code: w.code,
          message: `A note about ${threshold} or fewer records was withheld (${w.code}).`,
        }
      : { code: w.code, message: w.message },
  );
}
