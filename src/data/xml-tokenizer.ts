// A streaming XML tokenizer over bytes, enough of XML 1.0 for data files such as the CIN census
// return. Contract:
// - input: chunks of UTF-8 bytes (a Windows-1252 or UTF-16 return is transcoded before it gets here,
//   see load-cin.ts and byte-chunks.ts); chunk boundaries may fall anywhere: an incomplete tag or
//   text run is carried to the next chunk, so memory is one chunk plus the longest construct;
// - output: `open(id, b, s, e, line)` per start tag (an empty-element tag `<a/>` is an open and a
//   close), `text(b, s, e)` per run of character data inside an element (entity and character
//   references resolved; a run may arrive in pieces), `close(id, line)` per end tag. `id` is the
//   local name's index in the name table given (a prefix such as `cin:` is dropped, so a document
//   with a namespace, default or prefixed, reads like one without), -1 for a name not in it, whose
//   local name is then b[s, e); a sink that has `value` gets a value element (`<Name>text</Name>`
//   on one line, no reference in its text) as one `value(id, b, ns, ne, s, e, line)` call instead
//   of open, text and close;
// - the XML declaration's `encoding` is kept (`encoding`, lower case, null when not declared);
//   comments, processing instructions and a DOCTYPE without an internal subset are skipped; CDATA is
//   text; attributes are checked for form and otherwise ignored (their values are not used);
// - `line` counts line feeds (1 = first line);
// - not well-formed input throws XmlError naming the line: a mismatched or stray end tag, a bad
//   name, a `<` or `&` out of place, an unknown entity, text outside the root, a DTD internal subset
//   (refused: no entity expansion, so no "billion laughs"); `finish()` throws XmlError('truncated')
//   when the input ends inside a tag, a comment or an element still open (naming that element and the
//   line it opened on).
// Why our own and not `sax` or `saxes` from npm (both well kept, small, no eval): both take strings
// (the file decoded to text first), build a string per name and text node and an object per tag, and
// run a character-level state machine over every character; a national return is about 3.5 GB (980
// bytes per assessment). Measured on the synthetic council's 200,000-assessment return (191 MB,
// Node 20, CPU time, events counted and nothing kept): saxes 6 3.4 s, sax 1 10.6 s, this tokenizer
// 0.36-0.74 s (warm-cold). saxes is 172 KB with its xmlchars dependency (120 KB), sax 80 KB. This one
// hands values over as byte ranges, as the CSV tokenizer (csv.ts) does, counting lines as it goes.
// Where a return's bytes are (measured on the synthetic council's): a quarter indentation, a third
// start tags, a third end tags, a tenth values. So: what followed each tag (the white space and the
// next tag, `\n    <PersonBirthDate>` after </LAchildID>) is learnt, two ways per tag, and next
// time compared in place eight bytes at a time (`predicted`: on the synthetic return all but about
// a thousand of 8.8 million tags); failing that, indentation is skipped eight bytes at a time;
// the element after an event is guessed from what followed it last time and its start tag, `>`
// included, compared in place eight bytes at a time (the hash table over bytes, xml-names.ts, when
// the guess fails); an end tag is checked in constant time; a value element `<Name>text</Name>` is
// read whole and, when the sink takes it (`value`), handed over in one call; chunks are scanned
// where they lie (only a tag cut by a chunk's end is carried). Not indexOf for '<': a return has a
// tag every 26 bytes, and Uint8Array.prototype.indexOf costs about 22 ns a call (finding every '<'
// and '>' of the 336 MB return by indexOf took 0.60 s of CPU, a plain loop over every byte 0.25 s).

import { COLON, NAME, NameTable, signature } from './xml-names.js';

export { NameTable } from './xml-names.js';

/** A well-formedness fault, with the line it was found on. */
export class XmlError extends Error {
  override name = 'XmlError';
  constructor(
    message: string,
    readonly line: number,
    readonly code: 'invalid-xml' | 'truncated',
  ) {
    super(message);
  }
}

/** Receives the document's events. Ranges index `b`, valid only during the call. */
export interface XmlSink {
  open(id: number, b: Uint8Array, s: number, e: number, line: number): void;
  text(b: Uint8Array, s: number, e: number): void;
  close(id: number, line: number): void;
  /**
   * Optional: a value element `<Name>text</Name>` on one line, in one call instead of open, text
   * and close (a data file is mostly these): the name is b[ns, ne), the text b[s, e) untrimmed
   * (possibly white space only or empty), `line` that of the start tag.
   */
  value?(id: number, b: Uint8Array, ns: number, ne: number, s: number, e: number, line: number): void;
  /**
   * Optional, with `recordId`: an element of that id (a record of a data file) read whole by the
   * sink from b[i], just after its start tag (on line `line`), through its end tag, in place of the
   * events: returns the position after the end tag, having set `recordLines` to the line feeds it
   * read, or -1 having read nothing (the tokenizer then reads the element the general way).
   */
  record?(b: Uint8Array, i: number, line: number): number;
  readonly recordId?: number;
  readonly recordLines?: number;
}

const LT = 60, GT = 62, SLASH = 47, BANG = 33, QM = 63, AMP = 38, LF = 10; // prettier-ignore
const EQ = 61, DQ = 34, SQ = 39, SEMI = 59, RB = 93, LB = 91, DASH = 45; // prettier-ignore

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
const nameStart = (c: number): boolean => NAME[c] === 1;
const nameChar = (c: number): boolean => NAME[c]! !== 0;
/**
 * How much of a new chunk is joined to the bytes carried from the last one (a tag or text cut by
 * the chunk boundary) to finish them; the rest of the chunk is scanned where it lies, not copied.
 */
const BRIDGE = 1 << 12;
/** Four spaces, as DataView.getInt32 reads them; eight as getFloat64 does (a plain number, not NaN). */
const SPACES = 0x20202020;
const SPACES8 = new DataView(new Uint8Array(8).fill(32).buffer).getFloat64(0, true);
/** The longest gap and tag learnt (bytes), in words; what is kept per learnt gap and tag (meta). */
const PRED_WORDS = 8, PRED_BYTES = 8 * PRED_WORDS, M = 6; // prettier-ignore

const latin = (b: Uint8Array, s: number, e: number): string =>
  String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);

/**
 * Split a byte stream into XML events. Push chunks, then call `finish()`.
 * @example const t = new XmlTokenizer(names, sink); t.push(bytes); t.finish();
 */
export class XmlTokenizer {
  /** Declared encoding (lower case), null until an XML declaration says one. */
  encoding: string | null = null;
  /** Namespace URIs declared (xmlns and xmlns:prefix), for reporting. */
  readonly namespaces: string[] = [];
  line = 1;
  private work = new Uint8Array(1 << 16);
  private carryLen = 0;
  private first = true;
  private depth = 0;
  private rootSeen = false;
  private stackIds = new Int32Array(64);
  private stackLines = new Int32Array(64);
  private stackNames: string[] = [];
  private stackHashes = new Int32Array(64);
  private stackLengths = new Int32Array(64);
  private scratch = new Uint8Array(256);
  private selfClosing = false;
  /** The buffer being scanned, for reading four bytes at once. */
  private dv: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  /**
   * Per event (an element's start or end tag: ((id + 1) << 1) | isEnd, -1 being a name not in the
   * table), the id of the start tag that last followed it; `last` is the latest event.
   */
  private readonly next: Int32Array;
  private last = 0;
  /** Whether the sink takes a value element in one call (XmlSink.value). */
  private readonly fused: boolean;
  /** The element the sink reads whole (XmlSink.record), -2 for none. */
  private readonly recordId: number;
  /**
   * What followed each event lately (see `predicted`): per event two slots, each the bytes from the
   * event's end through the next tag's `>` as words (predWords), and in predMeta its length (0: none),
   * the offset of the tag's `<`, the line feeds before it, the tag's event, its local name's offset
   * from the name and the name's signature. predVictim: per event, the slot to learn into next.
   */
  private readonly predWords: Float64Array;
  private readonly predMeta: Int32Array;
  private readonly predVictim: Uint8Array;
  /** Set by startTag and endTag for `learn`: the tag's end when it is a plain one, else -1. */
  private tagClose = -1;
  private tagEvent = 0;
  private tagLocal = 0;
  private tagSig = 0;

  constructor(
    private readonly names: NameTable,
    private readonly sink: XmlSink,
  ) {
    this.fused = typeof sink.value === 'function';
    this.recordId = typeof sink.record === 'function' ? (sink.recordId ?? -2) : -2;
    this.next = new Int32Array((names.names.length + 1) * 2).fill(-1);
    const events = (names.names.length + 1) * 2;
    this.predWords = new Float64Array(events * 2 * PRED_WORDS);
    this.predMeta = new Int32Array(events * 2 * M);
    this.predVictim = new Uint8Array(events);
  }

  push(bytes: Uint8Array): void {
    // A plain Uint8Array view (a Node Buffer is a subclass): one kind of array keeps the scanner's
    // element reads monomorphic, which the engine compiles to plain loads.
    const chunk =
      bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    let from = 0;
    if (this.first || this.carryLen > 0) {
      // The carried bytes with the head of the chunk (all of it at the start, for the byte order
      // mark); scanning them finishes what the last chunk cut, usually within a few bytes.
      const carry = this.carryLen;
      const take = Math.min(chunk.length, this.first ? chunk.length : BRIDGE);
      this.append(chunk, 0, take);
      let pos = 0;
      if (this.first) {
        if (this.carryLen < 3) return;
        this.first = false;
        const w = this.work;
        if (w[0] === 0xef && w[1] === 0xbb && w[2] === 0xbf) pos = 3;
      }
      let end = this.scan(this.work.subarray(0, this.carryLen), pos, false);
      if (end < carry && take < chunk.length) {
        // A construct longer than the bridge began in the carried bytes: join the whole chunk.
        this.append(chunk, take, chunk.length);
        end = this.scan(this.work.subarray(0, this.carryLen), end, false);
        this.keep(this.work, end, this.carryLen);
        return;
      }
      if (take === chunk.length) {
        this.keep(this.work, end, this.carryLen);
        return;
      }
      // The rest, from where the bridge stopped (inside the chunk by now), is scanned in place.
      this.carryLen = 0;
      from = end - carry;
    }
    const end = this.scan(chunk, from, false);
    this.keep(chunk, end, chunk.length);
  }

  /** Append b[s, e) to the carried bytes. */
  private append(b: Uint8Array, s: number, e: number): void {
    const need = this.carryLen + e - s;
    if (this.work.length < need) {
      const work = new Uint8Array(Math.max(need, this.work.length * 2));
      work.set(this.work.subarray(0, this.carryLen));
      this.work = work;
    }
    this.work.set(b.subarray(s, e), this.carryLen);
    this.carryLen = need;
  }

  /** Carry b[s, e) (not yet scanned) to the next chunk. */
  private keep(b: Uint8Array, s: number, e: number): void {
    if (b === this.work) {
      this.work.copyWithin(0, s, e);
      this.carryLen = e - s;
    } else {
      this.carryLen = 0;
      this.append(b, s, e);
    }
  }

  /** End of input: throws XmlError('truncated') if the document is not complete. */
  finish(): void {
    const b = this.work.subarray(0, this.carryLen);
    let pos = 0;
    if (this.first && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) pos = 3;
    this.first = false;
    this.scan(b, pos, true);
    this.carryLen = 0;
    if (this.depth > 0) {
      const d = this.depth - 1;
      throw new XmlError(
        `the file ends at line ${this.line} inside <${this.openName(d)}> opened on line ${this.stackLines[d]}; ` +
          `expected </${this.openName(d)}> and the rest of the file (was it cut short?)`,
        this.line,
        'truncated',
      );
    }
  }

  /** Whether the root element has been opened. */
  get started(): boolean {
    return this.rootSeen;
  }

  private error(message: string, line = this.line): never {
    throw new XmlError(`line ${line}: ${message}`, line, 'invalid-xml');
  }

  private truncated(what: string, line: number): never {
    throw new XmlError(
      `the file ends at line ${this.line} inside ${what} begun on line ${line} (was it cut short?)`,
      this.line,
      'truncated',
    );
  }

  private countLines(b: Uint8Array, s: number, e: number): void {
    let n = 0;
    for (let i = s; i < e; i++) if (b[i] === LF) n++;
    this.line += n;
  }

  /** Emit every complete construct in b from pos; returns where the first incomplete one starts. */
  private scan(b: Uint8Array, pos: number, atEnd: boolean): number {
    const len = b.length;
    const dv = (this.dv = new DataView(b.buffer, b.byteOffset, len));
    let p = pos;
    // The white space run before the tag at p (its start, -1 when none) and its line feeds, for `learn`.
    let from = -1;
    let gapLines = 0;
    while (p < len) {
      if (from < 0) {
        const q = this.predicted(b, p, len);
        if (q > 0) {
          p = q;
          continue;
        }
      }
      if (b[p] !== LT) {
        // A text run, scanned here in one pass (runs are short: the white space between tags, a
        // value): its line feeds, whether it is white space only, whether it holds a reference.
        let q = p;
        let lines = 0;
        let ws = true;
        let amp = false;
        while (q < len) {
          const c = b[q]!;
          if (c === LT) break;
          if (c === LF) {
            // A line end and the next line's indentation (a quarter of a return's bytes): the
            // spaces eight at a time, then four, then one by one.
            lines++;
            q++;
            while (q + 8 <= len && dv.getFloat64(q, true) === SPACES8) q += 8;
            if (q + 4 <= len && dv.getInt32(q, true) === SPACES) q += 4;
            while (q < len && b[q] === 32) q++;
            continue;
          }
          if (c === AMP) amp = true;
          else if (ws && c !== 32 && c !== 9 && c !== 13) ws = false;
          q++;
        }
        if (q === len && !atEnd) return p;
        // White space alone carries nothing: values are trimmed, structure ignores it.
        if (!ws) this.textRun(b, p, q, amp);
        this.line += lines;
        if (ws && !amp) {
          from = p;
          gapLines = lines;
        }
        p = q;
        continue;
      }
      if (p + 1 >= len) {
        if (!atEnd) return p;
        this.truncated('a tag', this.line);
      }
      const n = b[p + 1]!;
      const key = this.last;
      let q: number;
      this.tagClose = -1;
      if (n === SLASH) q = this.endTag(b, p, atEnd);
      else if (n === BANG) q = this.bang(b, p, atEnd);
      else if (n === QM) q = this.instruction(b, p, atEnd);
      else q = this.startTag(b, p, atEnd);
      if (q < 0) return p;
      if (this.tagClose > 0) {
        if (from < 0) {
          from = p;
          gapLines = 0;
        }
        this.learn(key, from, p, gapLines);
      }
      from = -1;
      p = q;
    }
    return len;
  }

  /**
   * The gap and tag that followed the last event (`last`) lately, if they follow it again at p: a
   * file of records repeats itself, so `\n        <PersonBirthDate>` after `</LAchildID>` is mostly
   * compared in place a word at a time, in place of the white space run, the tag's name and the
   * guess of startTag or the check of endTag one by one. The bytes matched are exactly those read
   * the long way before (white space, then a tag with no attributes and a known name), so they mean
   * what they meant then; an end tag must also close the open element. Returns the position after
   * what was read (for a value element, after its end tag), or -1 (read the long way).
   */
  private predicted(b: Uint8Array, p: number, len: number): number {
    const key = this.last;
    const meta = this.predMeta;
    let slot = key * 2;
    let L = meta[slot * M]!;
    if (L === 0 || p + L > len || !this.same(p, slot, L)) {
      slot++;
      L = meta[slot * M]!;
      if (L === 0 || p + L > len || !this.same(p, slot, L)) return -1;
    }
    const m = slot * M;
    const tag = p + meta[m + 1]!;
    const ev = meta[m + 3]!;
    const id = (ev >> 1) - 1;
    if ((ev & 1) === 1) {
      const d = this.depth - 1;
      if (
        d < 0 ||
        this.stackIds[d] !== id ||
        this.stackLengths[d] !== L - meta[m + 1]! - 3 ||
        this.stackHashes[d] !== meta[m + 5]
      )
        // prettier-ignore
        return -1;
      this.predVictim[key] = (slot & 1) ^ 1;
      this.line += meta[m + 2]!;
      this.depth = d;
      this.last = ev;
      this.sink.close(id, this.line);
      return p + L;
    }
    this.predVictim[key] = (slot & 1) ^ 1;
    this.line += meta[m + 2]!;
    const nameEnd = p + L - 1;
    if (this.depth === 0) this.root(b, tag, nameEnd);
    this.next[key] = id;
    return this.opened(b, tag, id, tag + 1 + meta[m + 4]!, nameEnd, p + L, this.line, meta[m + 5]!);
  }

  /** Whether b[p, p + L) is the gap and tag learnt in `slot`. */
  private same(p: number, slot: number, L: number): boolean {
    const dv = this.dv;
    const w = this.predWords;
    const base = slot * PRED_WORDS;
    const last = (L - 1) >> 3;
    for (let k = 0; k < last; k++) if (dv.getFloat64(p + 8 * k, true) !== w[base + k]) return false;
    return dv.getFloat64(p + L - 8, true) === w[base + last];
  }

  /**
   * Keep b[from, tagClose) (white space, then the plain tag at `tag` just read) as what follows event
   * `key`, in the slot not used last (two per event: after </AssessmentFactors> comes another or
   * </FactorsIdentifiedAtAssessment>, and both are kept).
   */
  private learn(key: number, from: number, tag: number, lines: number): void {
    const L = this.tagClose - from;
    if (L < 8 || L > PRED_BYTES) return;
    const slot = key * 2 + this.predVictim[key]!;
    this.predVictim[key] ^= 1;
    const m = slot * M;
    const meta = this.predMeta;
    meta[m] = L;
    meta[m + 1] = tag - from;
    meta[m + 2] = lines;
    meta[m + 3] = this.tagEvent;
    meta[m + 4] = this.tagLocal;
    meta[m + 5] = this.tagSig;
    const dv = this.dv;
    const w = this.predWords;
    const base = slot * PRED_WORDS;
    const last = (L - 1) >> 3;
    for (let k = 0; k < last; k++) w[base + k] = dv.getFloat64(from + 8 * k, true);
    w[base + last] = dv.getFloat64(from + L - 8, true);
  }

  private textRun(b: Uint8Array, s: number, e: number, amp: boolean): void {
    if (this.depth === 0)
      this.error(`text outside the root element: '${latin(b, s, Math.min(e, s + 40)).trim()}'`);
    if (amp) this.resolved(b, s, e);
    else this.sink.text(b, s, e);
  }

  /** Text with entity or character references, resolved into scratch. */
  private resolved(b: Uint8Array, s: number, e: number): void {
    if (this.scratch.length < e - s) this.scratch = new Uint8Array(2 * (e - s));
    const out = this.scratch;
    let n = 0;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c !== AMP) {
        out[n++] = c;
        continue;
      }
      const semi = b.indexOf(SEMI, i);
      if (semi < 0 || semi - i > 12)
        this.error(`'&' not followed by an entity such as &amp; (write & as &amp;)`);
      const name = latin(b, i + 1, semi);
      let cp = -1;
      if (name === 'amp') cp = 38;
      else if (name === 'lt') cp = 60;
      else if (name === 'gt') cp = 62;
      else if (name === 'quot') cp = 34;
      else if (name === 'apos') cp = 39;
      else if (/^#x[0-9a-fA-F]+$/.test(name)) cp = parseInt(name.slice(2), 16);
      else if (/^#[0-9]+$/.test(name)) cp = parseInt(name.slice(1), 10);
      if (cp < 0 || cp > 0x10ffff)
        this.error(`unknown entity &${name}; (only &amp; &lt; &gt; &quot; &apos; and &#...; are defined)`);
      // The bytes are UTF-8 by now (load-cin.ts transcodes a Windows-1252 return): a reference is too.
      if (cp < 0x80) out[n++] = cp;
      else {
        const bytes = new TextEncoder().encode(String.fromCodePoint(cp));
        for (const x of bytes) out[n++] = x;
      }
      i = semi;
    }
    this.sink.text(out, 0, n);
  }

  private startTag(b: Uint8Array, p: number, atEnd: boolean): number {
    const len = b.length;
    const line = this.line;
    const start = p + 1;
    let id = -1;
    let local = start;
    let i = start;
    // The element that followed the last event the last time it occurred, compared in place: in a
    // file of records the order of elements repeats, so this mostly spares the hash and the lookup.
    let tagEnd = -1;
    const guess = this.next[this.last]!;
    if (guess >= 0) {
      // `Name>` compared in place a word at a time (xml-names.ts): a match is the whole start tag.
      const names = this.names;
      const L = names.bytes[guess]!.length + 1;
      if (start + L <= len) {
        const dv = this.dv;
        let same = false;
        if (L >= 8) {
          const w = names.tagWords[guess]!;
          const last = w.length - 1;
          let k = 0;
          while (k < last && dv.getFloat64(start + 8 * k, true) === w[k]) k++;
          same = k === last && dv.getFloat64(start + L - 8, true) === w[last];
        } else if (L >= 4) {
          const w = names.tagInts[guess]!;
          same = dv.getInt32(start, true) === w[0] && dv.getInt32(start + L - 4, true) === w[1];
        }
        if (same) {
          id = guess;
          i = start + L - 1;
          tagEnd = start + L;
        }
      }
    }
    if (i === start) {
      if (NAME[b[i]!] !== 1) this.error(`'<' not followed by an element name (write < in text as &lt;)`);
      // One pass over the name: its local part's hash, for the name table.
      let h = 0;
      while (i < len) {
        const c = b[i]!;
        if (NAME[c] === 0) break;
        if (c === COLON) {
          local = i + 1;
          h = 0;
        } else h = (Math.imul(h, 31) + c) | 0;
        i++;
      }
      id = this.names.lookupHashed(NameTable.mix(h), b, local, i);
    }
    const nameEnd = i;
    let selfClosing = false;
    // Most tags have no attributes: `>` straight after the name. (The rest in a function of its own
    // keeps this one small enough for the engine to optimise whole.)
    if (tagEnd > 0) i = tagEnd;
    else if (i < len && b[i] === GT) i++;
    else {
      i = this.attributes(b, p, nameEnd, atEnd, line);
      if (i < 0) return -1;
      selfClosing = this.selfClosing;
    }
    if (this.depth === 0) this.root(b, p, nameEnd);
    this.next[this.last] = id;
    if (selfClosing) {
      this.sink.open(id, b, local, nameEnd, line);
      this.last = ((id + 1) << 1) | 1;
      this.sink.close(id, line);
      return i;
    }
    const sig = signature(b, start, nameEnd);
    if (id >= 0 && i === nameEnd + 1) {
      // A plain tag: `learn` may keep it.
      this.tagClose = i;
      this.tagEvent = (id + 1) << 1;
      this.tagLocal = local - start;
      this.tagSig = sig;
    }
    return this.opened(b, p, id, local, nameEnd, i, line, sig);
  }

  /**
   * The rest of a start tag at p whose name ends at nameEnd (local name from `local`) and whose `>`
   * is just before i: a value element whole, or the element opened. Returns where reading goes on.
   */
  private opened(
    b: Uint8Array,
    p: number,
    id: number,
    local: number,
    nameEnd: number,
    i: number,
    line: number,
    sig: number,
  ): number {
    const start = p + 1;
    const leaf = this.leaf(b, i, nameEnd - start, sig);
    if (leaf > 0) {
      this.last = ((id + 1) << 1) | 1;
      const te = leaf - 3 - (nameEnd - start); // the end tag's '<'
      if (this.fused) this.sink.value!(id, b, local, nameEnd, i, te, line);
      else {
        this.sink.open(id, b, local, nameEnd, line);
        let k = i;
        while (k < te && isSpace(b[k]!)) k++;
        if (k < te) this.sink.text(b, i, te);
        this.sink.close(id, line);
      }
      return leaf;
    }
    if (id === this.recordId) {
      const q = this.sink.record!(b, i, line);
      if (q >= 0) {
        this.line += this.sink.recordLines!;
        this.last = ((id + 1) << 1) | 1;
        return q;
      }
    }
    this.sink.open(id, b, local, nameEnd, line);
    this.last = (id + 1) << 1;
    this.pushOpen(id, b, start, nameEnd, line, sig);
    return i;
  }

  /**
   * A value element whole, `<Name>text</Name>` on one line with no reference in the text (most
   * elements of a data file): from i, just after the start tag, returns the position after its end
   * tag (its text is b[i, that - 3 - name length)), with no trip through the open-element stack; 0
   * when the element is anything else (it is then read the general way from i).
   */
  private leaf(b: Uint8Array, i: number, nameLength: number, sig: number): number {
    const len = b.length;
    let j = i;
    while (j < len) {
      const c = b[j]!;
      if (c === LT || c === AMP || c === LF) break;
      j++;
    }
    // The end tag as endTag checks it: `</`, a name of the open one's length and signature, `>`.
    const q = j + 2 + nameLength;
    if (q >= len || b[j] !== LT || b[j + 1] !== SLASH || b[q] !== GT || signature(b, j + 2, q) !== sig)
      return 0;
    return q + 1;
  }

  private root(b: Uint8Array, p: number, nameEnd: number): void {
    if (this.rootSeen)
      this.error(`a second root element <${latin(b, p + 1, nameEnd)}> after the document ended`);
    this.rootSeen = true;
  }

  /**
   * The attributes of the tag at p (name = "value" pairs, checked for form; xmlns declarations
   * noted), from i = nameEnd: returns the position after the tag (-1: not all in the buffer yet) and
   * sets selfClosing; counts the tag's line feeds into `line`.
   */
  private attributes(b: Uint8Array, p: number, nameEnd: number, atEnd: boolean, line: number): number {
    const len = b.length;
    let i = nameEnd;
    let lines = 0;
    let selfClosing = false;
    for (;;) {
      while (i < len && isSpace(b[i]!)) {
        if (b[i] === LF) lines++;
        i++;
      }
      if (i >= len) {
        if (!atEnd) return -1;
        this.truncated('a start tag', line);
      }
      const c = b[i]!;
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= len) {
          if (!atEnd) return -1;
          this.truncated('a start tag', line);
        }
        if (b[i + 1] !== GT) this.error(`'/' inside a tag not followed by '>'`, line + lines);
        selfClosing = true;
        i += 2;
        break;
      }
      if (i === nameEnd || !nameStart(c))
        this.error(
          `unexpected '${String.fromCharCode(c)}' in the tag <${latin(b, p + 1, nameEnd)}>`,
          line + lines,
        );
      const an = i;
      while (i < len && nameChar(b[i]!)) i++;
      const ae = i;
      while (i < len && isSpace(b[i]!)) {
        if (b[i] === LF) lines++;
        i++;
      }
      if (i >= len) {
        if (!atEnd) return -1;
        this.truncated('a start tag', line);
      }
      if (b[i] !== EQ)
        this.error(`attribute ${latin(b, an, ae)} without '=' and a quoted value`, line + lines);
      i++;
      while (i < len && isSpace(b[i]!)) i++;
      const quote = b[i];
      if (i >= len) {
        if (!atEnd) return -1;
        this.truncated('a start tag', line);
      }
      if (quote !== DQ && quote !== SQ)
        this.error(`the value of attribute ${latin(b, an, ae)} is not in quotes`, line + lines);
      const close = b.indexOf(quote, i + 1);
      if (close < 0) {
        if (!atEnd) return -1;
        this.truncated('a start tag', line);
      }
      for (let k = i + 1; k < close; k++) {
        if (b[k] === LT) this.error(`'<' inside the value of attribute ${latin(b, an, ae)}`, line + lines);
        if (b[k] === LF) lines++;
      }
      const attr = latin(b, an, ae);
      if (attr === 'xmlns' || attr.startsWith('xmlns:'))
        this.namespaces.push(new TextDecoder().decode(b.subarray(i + 1, close)));
      i = close + 1;
      if (i < len && !isSpace(b[i]!) && b[i] !== GT && b[i] !== SLASH)
        this.error(`no space between attributes in <${latin(b, p + 1, nameEnd)}>`, line + lines);
    }
    this.selfClosing = selfClosing;
    this.line += lines;
    return i;
  }

  private openName(d: number): string {
    const id = this.stackIds[d]!;
    return id >= 0 ? this.names.names[id]! : this.stackNames[d]!;
  }

  private pushOpen(id: number, b: Uint8Array, s: number, e: number, line: number, hash: number): void {
    const d = this.depth;
    if (d === this.stackIds.length) {
      const ids = new Int32Array(d * 2);
      ids.set(this.stackIds);
      this.stackIds = ids;
      const lines = new Int32Array(d * 2);
      lines.set(this.stackLines);
      this.stackLines = lines;
      const hashes = new Int32Array(d * 2);
      hashes.set(this.stackHashes);
      this.stackHashes = hashes;
      const lengths = new Int32Array(d * 2);
      lengths.set(this.stackLengths);
      this.stackLengths = lengths;
    }
    this.stackIds[d] = id;
    this.stackLines[d] = line;
    this.stackHashes[d] = hash;
    this.stackLengths[d] = e - s;
    // The name for messages: a known one by its id (openName), an unknown one as written.
    if (id < 0) this.stackNames[d] = new TextDecoder().decode(b.subarray(s, e));

    this.depth = d + 1;
  }

  private endTag(b: Uint8Array, p: number, atEnd: boolean): number {
    const len = b.length;
    const d = this.depth - 1;
    if (d >= 0) {
      // The end tag of the open element, checked in constant time: `>` right after a name of its
      // length that starts and ends with its bytes (signature). Anything else takes the long way,
      // which finds the fault. (A name of the same length, first two and last two bytes would pass:
      // the document's structure is then read as written all the same.)
      const q = p + 2 + this.stackLengths[d]!;
      if (q < len && b[q] === GT && signature(b, p + 2, q) === this.stackHashes[d]) {
        this.depth = d;
        const id = this.stackIds[d]!;
        this.last = ((id + 1) << 1) | 1;
        if (id >= 0) {
          // A plain end tag: `learn` may keep it.
          this.tagClose = q + 1;
          this.tagEvent = this.last;
          this.tagSig = this.stackHashes[d]!;
        }
        this.sink.close(id, this.line);
        return q + 1;
      }
    }
    let i = p + 2;
    while (i < len && NAME[b[i]!] !== 0) i++;
    const e = i;
    let lines = 0;
    while (i < len && b[i] !== GT) {
      const c = b[i]!;
      if (c === LF) lines++;
      else if (!isSpace(c)) this.error(`a bad end tag '${latin(b, p, Math.min(i + 1, len))}'`);
      i++;
    }
    if (i >= len) {
      if (!atEnd) return -1;
      this.truncated('an end tag', this.line);
    }
    const gt = i;
    this.line += lines;
    if (this.depth === 0) this.error(`the end tag </${latin(b, p + 2, e)}> closes nothing`);
    if (signature(b, p + 2, e) !== this.stackHashes[d] || e - (p + 2) !== this.stackLengths[d])
      this.error(
        `the end tag </${new TextDecoder().decode(b.subarray(p + 2, e))}> does not match <${this.openName(d)}> opened on line ${this.stackLines[d]}`,
      );
    this.depth = d;
    const id = this.stackIds[d]!;
    this.last = ((id + 1) << 1) | 1;
    this.sink.close(id, this.line);
    return gt + 1;
  }

  /** `<!--`, `<![CDATA[`, `<!DOCTYPE`. */
  private bang(b: Uint8Array, p: number, atEnd: boolean): number {
    const len = b.length;
    const line = this.line;
    if (p + 9 > len && !atEnd) return -1;
    if (b[p + 2] === DASH && b[p + 3] === DASH) {
      let q = p + 4;
      for (;;) {
        q = b.indexOf(DASH, q);
        if (q < 0 || q + 2 >= len) {
          if (!atEnd) return -1;
          this.truncated('a comment', line);
        }
        if (b[q + 1] === DASH && b[q + 2] === GT) break;
        q++;
      }
      this.countLines(b, p, q);
      return q + 3;
    }
    if (latin(b, p + 2, p + 9) === '[CDATA[') {
      if (this.depth === 0) this.error('CDATA outside the root element');
      let q = p + 9;
      for (;;) {
        q = b.indexOf(RB, q);
        if (q < 0 || q + 2 >= len) {
          if (!atEnd) return -1;
          this.truncated('a CDATA section', line);
        }
        if (b[q + 1] === RB && b[q + 2] === GT) break;
        q++;
      }
      this.sink.text(b, p + 9, q);
      this.countLines(b, p, q);
      return q + 3;
    }
    if (latin(b, p + 2, p + 9) === 'DOCTYPE') {
      const gt = b.indexOf(GT, p);
      if (gt < 0) {
        if (!atEnd) return -1;
        this.truncated('a DOCTYPE', line);
      }
      if (b.subarray(p, gt).includes(LB))
        this.error(
          'a DOCTYPE with an internal subset (entity declarations are not read, for safety); remove it',
        );
      this.countLines(b, p, gt);
      return gt + 1;
    }
    return this.error(`'<!' not followed by a comment, CDATA or DOCTYPE`);
  }

  /** `<?xml ...?>` and other processing instructions. */
  private instruction(b: Uint8Array, p: number, atEnd: boolean): number {
    const line = this.line;
    let q = p + 2;
    for (;;) {
      q = b.indexOf(QM, q);
      if (q < 0 || q + 1 >= b.length) {
        if (!atEnd) return -1;
        this.truncated('a processing instruction', line);
      }
      if (b[q + 1] === GT) break;
      q++;
    }
    const body = latin(b, p + 2, q);
    if (/^xml\s/.test(body)) {
      if (p !== 0 && !(p === 3 && b[0] === 0xef))
        this.error('the XML declaration <?xml ...?> must come first in the file');
      const m = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(body);
      if (m) this.encoding = m[1]!.toLowerCase();
    }
    this.countLines(b, p, q);
    return q + 2;
  }
}
