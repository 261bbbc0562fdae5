// A <Child> of a CIN census return read whole in one pass, straight into the CinChild (cin-child.ts),
// for the common case: the tokenizer (xml-tokenizer.ts) hands the reader the bytes after `<Child>`
// (XmlSink.record) and this reads on to `</Child>` without an event per tag. Contract:
// - accepted: white space between tags (line feeds counted), start tags `<Name>` with no attributes
//   and no prefix whose name the schema (cin-xml-schema.ts) has at that place, value elements
//   `<Name>text</Name>` on one line with no reference in the text, end tags that close the open
//   element; an element the schema knows but does not use (ignored) may hold anything but a
//   reference, a comment or CDATA, with start tags of any name without attributes (checked to close);
// - the child is left exactly as the sink (cin-xml-sink.ts) would leave it from the tokenizer's events:
//   the same CinChild calls (reset, beginEpisode, beginAssessment, beginPlan, value) with the same
//   bytes and lines;
// - anything else (an attribute, a namespace prefix, a self-closed or unknown element, an element out
//   of place, a value over lines, a reference, a comment, CDATA, text between elements, a mismatched
//   end tag, the chunk's end before `</Child>`) returns -1 having read nothing for the tokenizer: the
//   child is read again the general way from `<Child>`, which gives every warning and fault by line
//   and element path as before (tests compare the two on awkward returns, cin-record.test.ts).
// How: a return repeats itself, so what follows each event (a value's end tag, then white space and
// every tag up to the next value's start tag or `</Child>`) is learnt the first time it is read the
// long way and next time compared in place eight bytes at a time, its tags' events replayed (each
// checked against the open element); a value's text is scanned and copied four bytes at a time.
// Why: the general way costs an event call, a stack push and a lookup of place per tag, twice (the
// tokenizer's and the structure's); a national return has about 90 million tags (bench/parse-xml.ts
// has the figures). `scan` is one long function on purpose: a call from it is not inlined, and the
// work per value is a few loads and stores.
import {
  ALL_NAMES,
  ASSESSMENTS,
  CHILD,
  CINDETAILS,
  CPP,
  IGNORED_BASE,
  PARENT,
  VALUE_BASE,
} from './cin-xml-schema.js';
import type { CinChild } from './cin-child.js';
import { JOIN, LEVEL, SLOT, keepValue } from './cin-value-slots.js';
import { NAME, NameTable } from './xml-names.js';

const LT = 60, GT = 62, SLASH = 47, AMP = 38, LF = 10, COLON = 58; // prettier-ignore
/**
 * Events, as keys of what follows them: element id * 3 + OPENED (after a structural start tag),
 * CLOSED (after an end tag) or TEXT (at the '<' of an open value element's end tag).
 */
const OPENED = 0, CLOSED = 1, TEXT = 2, KEYS = ALL_NAMES.length * 3; // prettier-ignore
/** The longest run learnt, in 8-byte words; its most tags; what is kept of each. */
const WORDS = 20, MAX_EVENTS = 8, M = 2 + 2 * MAX_EVENTS; // prettier-ignore
const SPACES8 = new DataView(new Uint8Array(8).fill(32).buffer).getFloat64(0, true);

/** Reads a <Child> whole into a CinChild, or declines (see file comment). */
export class CinRecordScanner {
  /** Line feeds in what the last successful `scan` read. */
  lines = 0;
  private ids = new Int32Array(32);
  /** Inside an ignored element: the start and length in b of each open name. */
  private skipAt = new Int32Array(32);
  private skipLen = new Int32Array(32);
  /** Per event (KEYS), the element whose start tag followed it last. */
  private readonly next = new Int32Array(KEYS).fill(-1);
  /**
   * What followed each event lately (two slots per event): its bytes as words (little-endian
   * float64, the last one ending at the length, overlapping the one before: exact for ASCII, whose
   * words are never NaN) and in meta its length (0: none), its count of events and each event
   * (id << 1 | isEnd: the tags after the open value's end tag, up to a value's start tag or
   * `</Child>`) with the line feeds before it; victim: the slot to learn into next.
   */
  private readonly words = new Float64Array(KEYS * 2 * WORDS);
  private readonly meta = new Int32Array(KEYS * 2 * M);
  private readonly victim = new Uint8Array(KEYS);
  /** The events of what is being learnt: each (id << 1 | isEnd) and the line feeds before it. */
  private readonly pend = new Int32Array(2 * MAX_EVENTS);
  private readonly nameLen: Int32Array;
  private view: DataView = new DataView(new ArrayBuffer(8));
  private viewOf: Uint8Array | null = null;
  /** A view of the child's buffer, for copying four bytes at once. */
  private bufView: DataView = new DataView(new ArrayBuffer(8));
  private bufOf: Uint8Array | null = null;

  constructor(
    private readonly names: NameTable,
    private readonly child: CinChild,
  ) {
    this.nameLen = Int32Array.from(names.bytes, (n) => n.length);
  }

  /** Whether `Name>` of element `id` is at b[p]. */
  private tagAt(b: Uint8Array, p: number, id: number, len: number): boolean {
    const L = this.nameLen[id]! + 1;
    if (p + L > len) return false;
    const dv = this.view;
    if (L >= 8) {
      const w = this.names.tagWords[id]!;
      const last = w.length - 1;
      for (let k = 0; k < last; k++) if (dv.getFloat64(p + 8 * k, true) !== w[k]) return false;
      return dv.getFloat64(p + L - 8, true) === w[last];
    }
    if (L >= 4) {
      const w = this.names.tagInts[id]!;
      return dv.getInt32(p, true) === w[0] && dv.getInt32(p + L - 4, true) === w[1];
    }
    const n = this.names.bytes[id]!;
    for (let k = 0; k < n.length; k++) if (b[p + k] !== n[k]) return false;
    return b[p + n.length] === GT;
  }

  /**
   * Read from i (just after `<Child>`, on line `line`) through `</Child>` into the child: returns the
   * position after `</Child>`, or -1 (read it the general way).
   */
  scan(b: Uint8Array, i: number, line: number): number {
    const len = b.length;
    if (this.viewOf !== b) {
      this.view = new DataView(b.buffer, b.byteOffset, len);
      this.viewOf = b;
    }
    const dv = this.view;
    const child = this.child;
    const ids = this.ids;
    const next = this.next;
    const nameLen = this.nameLen;
    const meta = this.meta;
    const words = this.words;
    const pend = this.pend;
    child.reset(line);
    let ln = line;
    let d = 0;
    ids[0] = CHILD;
    let cur = CHILD;
    let key = CHILD * 3 + OPENED;
    let skip = 0; // open elements inside an ignored one, itself included
    let p = i;
    // What is being learnt (the long way): from where (-1: nothing), after which event, its events.
    let from = -1;
    let fromKey = 0;
    let fromLine = 0;
    let np = 0;
    for (;;) {
      let id = -1; // a value element's start tag read up to its '>', ending at p
      if (from < 0 && skip === 0) {
        // What followed this event lately, compared in place a word at a time (see `learn`).
        let slot = key * 2;
        let hit = false;
        for (let tries = 0; tries < 2 && !hit; tries++, slot++) {
          const m = slot * M;
          const L = meta[m]!;
          if (L === 0 || p + L > len) continue;
          const base = slot * WORDS;
          const lastWord = (L - 1) >> 3;
          // The last word first: two runs learnt after one event differ mostly at their ends.
          if (dv.getFloat64(p + L - 8, true) !== words[base + lastWord]) continue;
          let k = 0;
          while (k < lastWord && dv.getFloat64(p + 8 * k, true) === words[base + k]) k++;
          if (k < lastWord) continue;
          hit = true;
          // Its events again: the bytes mean what they meant when learnt; each must fit its place
          // (else the general way reads the child).
          const n = meta[m + 1]!;
          for (let x = 0; x < n; x++) {
            const ev = meta[m + 2 + 2 * x]!;
            const at = ln + meta[m + 3 + 2 * x]!;
            const tag = ev >> 1;
            if ((ev & 1) === 1) {
              if (tag !== cur) return -1;
              key = tag * 3 + CLOSED;
              if (d === 0) {
                this.lines = at - line;
                return p + L;
              }
              cur = ids[--d]!;
            } else {
              if (PARENT[tag] !== cur) return -1;
              if (tag >= VALUE_BASE) {
                id = tag;
                break;
              }
              if (d + 1 === ids.length) return -1;
              ids[++d] = tag;
              cur = tag;
              key = tag * 3 + OPENED;
              if (tag === CINDETAILS) child.beginEpisode(at);
              else if (tag === ASSESSMENTS) child.beginAssessment(at);
              else if (tag === CPP) child.beginPlan(at);
            }
          }
          ln += meta[m + 3 + 2 * (n - 1)]!;
          p += L;
        }
      }
      if (id < 0) {
        // The long way: the open value's end tag, white space (inside an ignored element, any text
        // without a reference), a tag; learnt (with the tags after it up to a value's start tag)
        // when it is all plain.
        if (from < 0 && skip === 0) {
          from = p;
          fromKey = key;
          fromLine = ln;
          np = 0;
        }
        if (key % 3 === TEXT) {
          const v = (key / 3) | 0;
          if (b[p + 1] !== SLASH || !this.tagAt(b, p + 2, v, len)) return -1;
          p += 3 + nameLen[v]!;
          key = v * 3 + CLOSED;
        }
        while (p < len) {
          const c = b[p]!;
          if (c === LT) break;
          if (c === LF) {
            ln++;
            p++;
            while (p + 8 <= len && dv.getFloat64(p, true) === SPACES8) p += 8;
            continue;
          }
          if (c === 32 || c === 9 || c === 13 || (skip > 0 && c !== AMP)) p++;
          else return -1;
        }
        if (p + 2 >= len) return -1;
        const n = b[p + 1]!;
        if (skip > 0) {
          // Inside an ignored element: names as written, each end tag checked against its start tag.
          if (n === SLASH) {
            const at = this.skipAt[skip - 1]!;
            const L = this.skipLen[skip - 1]!;
            const q = p + 2 + L;
            if (q >= len || b[q] !== GT) return -1;
            for (let k = 0; k < L; k++) if (b[p + 2 + k] !== b[at + k]) return -1;
            p = q + 1;
            if (--skip === 0) {
              // The ignored element itself closed.
              key = ids[d]! * 3 + CLOSED;
              cur = ids[--d]!;
            }
            continue;
          }
          let q = p + 1;
          if (NAME[b[q]!] !== 1) return -1;
          while (q < len && NAME[b[q]!] !== 0) q++;
          if (q >= len || b[q] !== GT || skip === this.skipAt.length) return -1;
          this.skipAt[skip] = p + 1;
          this.skipLen[skip] = q - p - 1;
          skip++;
          p = q + 1;
          continue;
        }
        if (n === SLASH) {
          // The end tag of the open element, else the general way finds what it is.
          if (!this.tagAt(b, p + 2, cur, len)) return -1;
          p += 3 + nameLen[cur]!;
          key = cur * 3 + CLOSED;
          if (from >= 0 && np < MAX_EVENTS) {
            pend[2 * np] = (cur << 1) | 1;
            pend[2 * np + 1] = ln - fromLine;
          }
          np++;
          if (d === 0) {
            if (from >= 0) this.learn(fromKey, from, p, np);
            this.lines = ln - line;
            return p;
          }
          cur = ids[--d]!;
          continue;
        }
        // A start tag: the element that followed this event last time, else the name looked up.
        id = next[key]!;
        if (id < 0 || !this.tagAt(b, p + 1, id, len)) {
          let q = p + 1;
          let h = 0;
          if (NAME[b[q]!] !== 1) return -1;
          while (q < len) {
            const c = b[q]!;
            if (NAME[c] === 0) break;
            if (c === COLON) return -1;
            h = (Math.imul(h, 31) + c) | 0;
            q++;
          }
          if (q >= len || b[q] !== GT) return -1;
          id = this.names.lookupHashed(NameTable.mix(h), b, p + 1, q);
          if (id < 0) return -1;
          next[key] = id;
        }
        if (PARENT[id] !== cur) return -1;
        p += 2 + nameLen[id]!;
        if (from >= 0 && np < MAX_EVENTS) {
          pend[2 * np] = id << 1;
          pend[2 * np + 1] = ln - fromLine;
        }
        np++;
        if (id < VALUE_BASE) {
          if (d + 1 === ids.length) return -1;
          ids[++d] = id;
          cur = id;
          key = id * 3 + OPENED;
          if (id === CINDETAILS) child.beginEpisode(ln);
          else if (id === ASSESSMENTS) child.beginAssessment(ln);
          else if (id === CPP) child.beginPlan(ln);
          continue;
        }
        if (from >= 0) this.learn(fromKey, from, p, np);
        from = -1;
      }
      // The start tag of value element `id`, at its place, just read: p is after its '>'. Its text
      // to the next '<' on this line (its end tag is checked next), copied as it is read to the
      // child's buffer past its end (kept there, by moving the end, when the value is a single one
      // with nothing to trim: what CinChild.value would do, in one pass and no call).
      const buf = child.buf;
      const n0 = child.len;
      let e = p;
      let n = n0;
      const stop = Math.min(len, p + buf.length - n0);
      if (this.bufOf !== buf) {
        this.bufView = new DataView(buf.buffer, buf.byteOffset, buf.length);
        this.bufOf = buf;
      }
      const out = this.bufView;
      // Four bytes at a time while none is '<', '&' or a line feed (a byte equal to t makes
      // x = w ^ t*0x01010101 have a zero byte, which (x - 0x01010101) & ~x & 0x80808080 finds).
      while (e + 4 <= stop) {
        const w = dv.getInt32(e, true);
        const x = w ^ 0x3c3c3c3c;
        const y = w ^ 0x26262626;
        const z = w ^ 0x0a0a0a0a;
        if ((((x - 0x01010101) & ~x) | ((y - 0x01010101) & ~y) | ((z - 0x01010101) & ~z)) & 0x80808080) break;
        out.setInt32(n, w, true);
        e += 4;
        n += 4;
      }
      while (e < stop) {
        const c = b[e]!;
        if (c === LT || c === AMP || c === LF) break;
        buf[n++] = c;
        e++;
      }
      const copied = e < stop;
      while (e < len) {
        const c = b[e]!;
        if (c === LT || c === AMP || c === LF) break;
        e++;
      }
      if (e + 1 >= len) return -1;
      if (b[e] === LT && b[e + 1] === SLASH) {
        if (id < IGNORED_BASE) {
          const v = id - VALUE_BASE;
          const level = LEVEL[v]!;
          if (copied && JOIN[v] === 0 && level < 4 && (e === p || (b[p]! > 32 && b[e - 1]! > 32))) {
            const arr = child.latest(level);
            const at = child.latestAt(level, SLOT[v]!);
            arr[at] = n0;
            arr[at + 1] = n;
            arr[at + 2] = ln;
            child.len = n;
          } else keepValue(child, id, ln, b, p, e);
        }
        key = id * 3 + TEXT;
        p = e;
        continue;
      }
      // More than a value: only an ignored element may hold it (read as written, to its end tag).
      if (id < IGNORED_BASE || b[e] === AMP || d + 1 === ids.length) return -1;
      ids[++d] = id;
      key = id * 3 + OPENED;
      this.skipAt[0] = p - 1 - nameLen[id]!;
      this.skipLen[0] = nameLen[id]!;
      skip = 1;
      from = -1;
    }
  }

  /**
   * Keep b[from, to) (what followed event `key`: the open value's end tag, then white space and
   * tags, the `n` events in `pend`, ending with a value's start tag or `</Child>`) in the slot of
   * `key` not used last: two per event, as after </AssessmentFactors> comes another or
   * </FactorsIdentifiedAtAssessment>.
   */
  private learn(key: number, from: number, to: number, n: number): void {
    const L = to - from;
    if (L < 8 || L > WORDS * 8 || n > MAX_EVENTS) return;
    const slot = key * 2 + this.victim[key]!;
    this.victim[key] ^= 1;
    const m = slot * M;
    this.meta[m] = L;
    this.meta[m + 1] = n;
    for (let x = 0; x < 2 * n; x++) this.meta[m + 2 + x] = this.pend[x]!;
    const dv = this.view;
    const base = slot * WORDS;
    const last = (L - 1) >> 3;
    for (let k = 0; k < last; k++) this.words[base + k] = dv.getFloat64(from + 8 * k, true);
    this.words[base + last] = dv.getFloat64(from + L - 8, true);
  }
}
