// The CIN census return's structure over the tokenizer's events (xml-tokenizer.ts): which element is
// where, and the values kept, into one CinChild at a time. Contract:
// - the root must be <Message> (any namespace); anything else is not a CIN census return;
// - each <Child> is read into the reused CinChild and handed to `onChild` at its end tag, so memory
//   holds one child at a time;
// - an element the schema (cin-xml-schema.ts) does not have, or has under another parent, is skipped
//   with everything inside it and counted by name, with its path and first line, for a warning;
// - every child protection plan of an episode is kept (cin-child.ts places each on an assessment's row);
// - the header's <ReferenceDate> is kept: it orders returns when several are merged.
import {
  ALL_NAMES,
  ASSESSMENTS,
  CHILD,
  CINDETAILS,
  CPP,
  MESSAGE,
  PARENT,
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
  IGNORED_BASE,
} from './cin-xml-schema.js';
import {
  A_AUTH,
  A_FACTORS,
  A_START,
  ASSESSMENT_SLOTS,
  C_DISABILITY,
  C_DOB,
  C_ETHNICITY,
  C_GENDER,
  C_ID,
  CinChild,
  E_CLOSURE,
  E_NEED,
  E_REASON,
  E_REFERRAL,
  E_SOURCE,
  EPISODE_SLOTS,
  P_CATEGORY,
  P_END,
  P_START,
  PLAN_SLOTS,
} from './cin-child.js';
import type { XmlSink } from './xml-tokenizer.js';

/** Where each value goes: 0 child, 1 episode, 2 plan, 3 assessment, 4 header. */
const LEVEL = new Int8Array(IGNORED_BASE - VALUE_BASE);
const SLOT = new Int8Array(IGNORED_BASE - VALUE_BASE);
const JOIN = new Uint8Array(IGNORED_BASE - VALUE_BASE);
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

/** Elements met that the reader skipped. */
export interface SkippedElement {
  name: string;
  path: string;
  line: number;
  count: number;
}

/** The CIN structure over tokenizer events (see file comment). */
export class CinXmlSink implements XmlSink {
  readonly child = new CinChild();
  readonly skipped = new Map<string, SkippedElement>();
  referenceDate = '';
  children = 0;
  private ids = new Int32Array(32);
  private depth = 0;
  private skip = 0;
  private arr: Int32Array | null = null;
  private at = 0;
  private itemStart = 0;
  private header: CinChild | null = null;

  constructor(
    private readonly fileName: string,
    private readonly onChild: (child: CinChild) => void,
    private readonly notReturn: (message: string) => never,
  ) {}

  open(id: number, b: Uint8Array, s: number, e: number, line: number): void {
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    const d = this.depth;
    const parent = d > 0 ? this.ids[d - 1]! : -1;
    if (d === 0 && id !== MESSAGE) {
      const name = new TextDecoder().decode(b.subarray(s, e));
      this.notReturn(
        `${this.fileName}: the root element is <${name}>; a CIN census return has <Message> with <Header> and <Children>`,
      );
    }
    if (id < 0 || PARENT[id] !== parent) {
      this.skipElement(id < 0 ? new TextDecoder().decode(b.subarray(s, e)) : ALL_NAMES[id]!, line);
      this.skip = 1;
      return;
    }
    if (d === this.ids.length) {
      const ids = new Int32Array(d * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[d] = id;
    this.depth = d + 1;
    const child = this.child;
    if (id < VALUE_BASE) {
      if (id === CHILD) child.reset(line);
      else if (id === CINDETAILS) child.beginEpisode(line);
      else if (id === ASSESSMENTS) child.beginAssessment(line);
      else if (id === CPP) child.beginPlan(line);
      return;
    }
    if (id >= IGNORED_BASE) {
      this.skip = 1; // known, not used: skip its contents quietly
      this.depth = d;
      return;
    }
    const v = id - VALUE_BASE;
    const level = LEVEL[v]!;
    let arr: Int32Array;
    let at: number;
    if (level === 0) {
      arr = child.child;
      at = SLOT[v]! * 3;
    } else if (level === 1) {
      arr = child.episode;
      at = ((child.episodes - 1) * EPISODE_SLOTS + SLOT[v]!) * 3;
    } else if (level === 2) {
      arr = child.plan;
      at = ((child.plans - 1) * PLAN_SLOTS + SLOT[v]!) * 3;
    } else if (level === 3) {
      arr = child.assessment;
      at = ((child.assessments - 1) * ASSESSMENT_SLOTS + SLOT[v]!) * 3;
    } else {
      this.header ??= new CinChild();
      this.header.len = 0;
      arr = this.header.child;
      at = 0;
      this.arr = arr;
      this.at = at;
      this.header.begin(arr, at, line, false);
      this.itemStart = 0;
      return;
    }
    child.begin(arr, at, line, JOIN[v] === 1);
    this.arr = arr;
    this.at = at;
    this.itemStart = child.len;
  }

  /**
   * A value element in one call (the tokenizer's fused path, most elements of a return): what open,
   * text and close do for it, without the open-element bookkeeping. Anything but a kept value at
   * its place (the root, a structural element, the header's date) takes those three calls.
   */
  value(id: number, b: Uint8Array, ns: number, ne: number, s: number, e: number, line: number): void {
    if (this.skip > 0) return;
    const d = this.depth;
    if (d > 0 && id >= VALUE_BASE) {
      if (PARENT[id] !== this.ids[d - 1]) {
        this.skipElement(ALL_NAMES[id]!, line);
        return;
      }
      if (id >= IGNORED_BASE) return;
      const v = id - VALUE_BASE;
      const level = LEVEL[v]!;
      const child = this.child;
      if (level === 0) return child.value(child.child, SLOT[v]! * 3, line, JOIN[v] === 1, b, s, e);
      if (level === 1)
        return child.value(child.episode, ((child.episodes - 1) * EPISODE_SLOTS + SLOT[v]!) * 3, line, false, b, s, e); // prettier-ignore
      if (level === 2)
        return child.value(child.plan, ((child.plans - 1) * PLAN_SLOTS + SLOT[v]!) * 3, line, false, b, s, e); // prettier-ignore
      if (level === 3)
        return child.value(child.assessment, ((child.assessments - 1) * ASSESSMENT_SLOTS + SLOT[v]!) * 3, line, JOIN[v] === 1, b, s, e); // prettier-ignore
    }
    this.open(id, b, ns, ne, line);
    let k = s;
    while (k < e && b[k]! <= 32) k++;
    if (k < e) this.text(b, s, e);
    this.close(id);
  }

  text(b: Uint8Array, s: number, e: number): void {
    if (this.arr === null || this.skip > 0) return;
    (this.arr === this.header?.child ? this.header : this.child).append(b, s, e);
  }

  close(id: number): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    this.depth--;
    if (this.arr !== null) {
      if (this.header && this.arr === this.header.child) {
        this.header.end(this.arr, 0, 0);
        this.referenceDate = this.header.text(this.arr, 0);
      } else this.child.end(this.arr, this.at, this.itemStart);
      this.arr = null;
      return;
    }
    if (id === CHILD) {
      this.children++;
      this.onChild(this.child);
    }
  }

  private skipElement(name: string, line: number): void {
    const seen = this.skipped.get(name);
    if (seen) {
      seen.count++;
      return;
    }
    const path = [...this.ids.subarray(0, this.depth)]
      .map((i) => ALL_NAMES[i])
      .concat(name)
      .join('/');
    this.skipped.set(name, { name, path, line, count: 1 });
  }
}
