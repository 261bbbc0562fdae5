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
  CHILDREN,
  CINDETAILS,
  CPP,
  MESSAGE,
  PARENT,
  VALUE_BASE,
  IGNORED_BASE,
} from './cin-xml-schema.js';
import { CinChild } from './cin-child.js';
import { CinRecordScanner } from './cin-record.js';
import { JOIN, LEVEL, SLOT, keepValue } from './cin-value-slots.js';
import type { NameTable } from './xml-names.js';
import type { XmlSink } from './xml-tokenizer.js';

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

  /** The element read whole by `record` (XmlSink.record). */
  readonly recordId = CHILD;
  recordLines = 0;
  private scanner: CinRecordScanner | null = null;

  constructor(
    private readonly fileName: string,
    private readonly onChild: (child: CinChild) => void,
    private readonly notReturn: (message: string) => never,
    /** The tokenizer's name table: given, each <Child> is read whole when it can be (cin-record.ts). */
    names?: NameTable,
  ) {
    if (names) this.scanner = new CinRecordScanner(names, this.child);
  }

  /**
   * A <Child> whose start tag ends just before b[i], on line `line`, read whole to its end tag and
   * handed to onChild (cin-record.ts): the position after `</Child>`, or -1 when it is to be read
   * the general way (a child out of place, or anything the whole read does not take).
   */
  record(b: Uint8Array, i: number, line: number): number {
    const d = this.depth;
    if (this.scanner === null || this.skip > 0 || d === 0 || this.ids[d - 1] !== CHILDREN) return -1;
    const q = this.scanner.scan(b, i, line);
    if (q < 0) return -1;
    this.recordLines = this.scanner.lines;
    this.children++;
    this.onChild(this.child);
    return q;
  }

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
    if (level <= 3) {
      arr = child.latest(level);
      at = child.latestAt(level, SLOT[v]!);
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
      if (keepValue(this.child, id, line, b, s, e)) return;
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
