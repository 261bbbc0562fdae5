// JSON for `csc-demand km` and `cox`, written in pieces as it is made. A million-row curve is ten
// columns of a million numbers: JSON.stringify built the whole document as one string (and, indented,
// one number a line: 289 MB), and a replacer first copied every typed array into an Array. Here the
// document is compact, typed arrays are written straight from their buffer, and text leaves in
// chunks of about 64 KB, so memory holds one chunk, not the document.
// Conventions are those of the R reference files: NaN (R's NA) is null, infinities are "Infinity"
// and "-Infinity"; the rest is what JSON.stringify writes (undefined members left out, toJSON not
// consulted: the documents are plain data).

const CHUNK = 1 << 16;
/** Numbers of a typed array formatted at once. */
const BLOCK = 4096;

/**
 * Write `doc` as compact JSON through `write`, a chunk at a time, followed by a newline.
 * @example writeJson({a: new Float64Array([1, NaN])}, (t) => process.stdout.write(t)) // {"a":[1,null]}
 */
export function writeJson(doc: unknown, write: (text: string) => void): void {
  let buf = '';
  const put = (text: string): void => {
    buf += text;
    if (buf.length >= CHUNK) {
      // A block of numbers can come as one piece longer than a chunk: it leaves in chunk-sized parts.
      let at = 0;
      for (; buf.length - at >= CHUNK; at += CHUNK) write(buf.slice(at, at + CHUNK));
      buf = buf.slice(at);
    }
  };
  const num = (v: number): string =>
    Number.isNaN(v) ? 'null' : v === Infinity ? '"Infinity"' : v === -Infinity ? '"-Infinity"' : String(v);
  const value = (v: unknown): void => {
    if (v === null || v === undefined) return put('null');
    switch (typeof v) {
      case 'number':
        return put(num(v));
      case 'string':
        return put(JSON.stringify(v));
      case 'boolean':
        return put(v ? 'true' : 'false');
      case 'object':
        break;
      default:
        return put('null');
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const a = v as unknown as ArrayLike<number | bigint>;
      if (typeof a[0] === 'bigint') {
        put('[');
        for (let i = 0; i < a.length; i++) put((i ? ',' : '') + String(a[i]));
        return put(']');
      }
      return numbers(a as ArrayLike<number>);
    }
    if (Array.isArray(v)) {
      put('[');
      v.forEach((x: unknown, i) => {
        if (i) put(',');
        // JSON.stringify writes null for undefined or function members of an array.
        value(x === undefined || typeof x === 'function' ? null : x);
      });
      return put(']');
    }
    put('{');
    let first = true;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined || typeof x === 'function') continue;
      put((first ? '' : ',') + JSON.stringify(k) + ':');
      first = false;
      value(x);
    }
    put('}');
  };
  // A typed array's numbers a block at a time through JSON.stringify, which formats them in native
  // code as String() does, without a string object per number: formatting a million-row curve's
  // ten million numbers one by one took most of `km --json`'s time, and its garbage most of the rest.
  // The block is an array of plain doubles (no null or string in it, so V8 keeps its numbers unboxed
  // and serialises them on its fast path); a block with NaN or an infinity goes through `mixed`.
  const doubles: number[] = [];
  const mixed: (number | string | null)[] = [];
  const numbers = (a: ArrayLike<number>): void => {
    put('[');
    for (let s = 0; s < a.length; s += BLOCK) {
      const e = Math.min(a.length, s + BLOCK);
      let finite = true;
      doubles.length = 0;
      for (let i = s; i < e; i++) {
        const x = a[i]!;
        if (!Number.isFinite(x)) {
          finite = false;
          break;
        }
        doubles.push(x);
      }
      let text: string;
      if (finite) text = JSON.stringify(doubles);
      else {
        mixed.length = 0;
        for (let i = s; i < e; i++) {
          const x = a[i]!;
          mixed.push(Number.isFinite(x) ? x : Number.isNaN(x) ? null : x > 0 ? 'Infinity' : '-Infinity');
        }
        text = JSON.stringify(mixed);
      }
      put((s ? ',' : '') + text.slice(1, -1));
    }
    put(']');
  };
  value(doc);
  write(buf + '\n');
}
