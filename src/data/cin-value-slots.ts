// Where each kept value element of a CIN census return goes in the CinChild (cin-child.ts): its level
// (child, episode, plan, assessment, or the header's date) and slot, and whether it is a list joined
// with ';'. Shared by the structure over tokenizer events (cin-xml-sink.ts) and the whole-<Child>
// reader (cin-record.ts), so both keep a value in the same place the same way.
import {
  IGNORED_BASE,
  VALUE_BASE,
  V_AUTH,
  V_CLOSURE,
  V_CPP_CATEGORY,
  V_CPP_END,
  V_CPP_START,
  V_DISABILITY,
  V_DOB,
  V_ETHNICITY,
  V_FACTOR,
  V_GENDER,
  V_ID,
  V_NEED,
  V_REASON,
  V_REFERENCE_DATE,
  V_REFERRAL,
  V_SEX,
  V_SOURCE,
  V_START,
} from './cin-xml-schema.js';
import {
  A_AUTH,
  A_FACTORS,
  A_START,
  C_DISABILITY,
  C_DOB,
  C_ETHNICITY,
  C_GENDER,
  C_ID,
  type CinChild,
  E_CLOSURE,
  E_NEED,
  E_REASON,
  E_REFERRAL,
  E_SOURCE,
  P_CATEGORY,
  P_END,
  P_START,
} from './cin-child.js';

/** Where each value goes (by id - VALUE_BASE): 0 child, 1 episode, 2 plan, 3 assessment, 4 header. */
export const LEVEL = new Int8Array(IGNORED_BASE - VALUE_BASE);
export const SLOT = new Int8Array(IGNORED_BASE - VALUE_BASE);
export const JOIN = new Uint8Array(IGNORED_BASE - VALUE_BASE);
(
  [
    [V_ID, 0, C_ID],
    [V_DOB, 0, C_DOB],
    [V_GENDER, 0, C_GENDER],
    [V_SEX, 0, C_GENDER],
    [V_ETHNICITY, 0, C_ETHNICITY],
    [V_DISABILITY, 0, C_DISABILITY],
    [V_REFERRAL, 1, E_REFERRAL],
    [V_SOURCE, 1, E_SOURCE],
    [V_NEED, 1, E_NEED],
    [V_CLOSURE, 1, E_CLOSURE],
    [V_REASON, 1, E_REASON],
    [V_CPP_START, 2, P_START],
    [V_CPP_END, 2, P_END],
    [V_CPP_CATEGORY, 2, P_CATEGORY],
    [V_START, 3, A_START],
    [V_AUTH, 3, A_AUTH],
    [V_FACTOR, 3, A_FACTORS],
    [V_REFERENCE_DATE, 4, 0],
  ] as const
).forEach(([v, level, slot]) => {
  LEVEL[v] = level;
  SLOT[v] = slot;
});
JOIN[V_DISABILITY] = 1;
JOIN[V_FACTOR] = 1;

/**
 * Keep the value element `id` (a kept one, at its place) with text b[s, e) (untrimmed) from line
 * `line` in the child's latest episode, plan or assessment as its level says; false for the
 * header's date, which is not a child's.
 */
export function keepValue(
  child: CinChild,
  id: number,
  line: number,
  b: Uint8Array,
  s: number,
  e: number,
): boolean {
  const v = id - VALUE_BASE;
  const level = LEVEL[v]!;
  if (level > 3) return false; // the header's date
  child.value(child.latest(level), child.latestAt(level, SLOT[v]!), line, JOIN[v] === 1, b, s, e);
  return true;
}
