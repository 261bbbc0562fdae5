// Every kind of source as one async stream of byte chunks, with progress and cancellation between
// chunks. Contract:
// - a Uint8Array is cut into 1 MB views (no copy); a string is encoded to UTF-8 1 MB at a time,
//   never split inside a surrogate pair; a web ReadableStream or any AsyncIterable (a Node
//   fs.ReadStream) is passed through chunk by chunk;
// - UTF-16 (a byte order mark FF FE or FE FF: Excel's "Unicode text" export; or no mark but the zero
//   bytes of ASCII in UTF-16 all through the first 64 bytes) is transcoded to UTF-8 on the fly, so the
//   tokenizer only ever sees an ASCII-compatible encoding;
// - after each chunk `onProgress(bytesRead, totalBytes)` (bytes of the source, NaN total if unknown);
//   for a string source the unit is characters; before each chunk `isCancelled()`, which ends the load with an Error named 'AbortError'.
import type { ByteSource, LoadOptions } from './types.js';

const CHUNK = 1 << 20;

/** The Error a cancelled load throws (name 'AbortError', as fetch uses). */
export function abortError(fileName: string): Error {
  const e = new Error(`${fileName}: loading was cancelled`);
  e.name = 'AbortError';
  return e;
}

/** Chunks of the source, each with how much of the source it used (bytes; characters for a string). */
async function* raw(source: ByteSource): AsyncGenerator<[Uint8Array, number]> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += CHUNK) {
      const chunk = source.subarray(i, Math.min(i + CHUNK, source.length));
      yield [chunk, chunk.length];
    }
  } else if (typeof source === 'string') {
    const enc = new TextEncoder();
    for (let i = 0; i < source.length;) {
      let j = Math.min(i + CHUNK, source.length);
      const c = source.charCodeAt(j - 1);
      if (j < source.length && c >= 0xd800 && c <= 0xdbff) j++;
      yield [enc.encode(source.slice(i, j)), j - i];
      i = j;
    }
  } else if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value && value.length) yield [value, value.length];
      }
    } finally {
      reader.releaseLock();
    }
  } else if (typeof (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    for await (const value of source as AsyncIterable<Uint8Array>) {
      if (typeof value === 'string') yield [new TextEncoder().encode(value), (value as string).length];
      else if (value.length) yield [value, value.length];
    }
  } else {
    throw new TypeError('expected a Uint8Array, a string, a ReadableStream or an async iterable of bytes');
  }
}

/** Size when the source knows it (bytes; characters for a string, the unit its progress counts). */
function sizeOf(source: ByteSource, given?: number): number {
  if (given !== undefined) return given;
  if (source instanceof Uint8Array || typeof source === 'string') return source.length;
  return NaN;
}

export interface ChunkStream {
  chunks: AsyncGenerator<Uint8Array>;
  /** Size of the source (bytes; characters for a string), NaN when unknown. */
  total: number;
  /** Set once the first chunk is read: 'utf-16le' / 'utf-16be' when transcoded, else null. */
  transcodedFrom: () => string | null;
  /** Whether the UTF-16 was recognised without a byte order mark (by its zero bytes). */
  bomless: () => boolean;
}

const HEAD = 64;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const c = new Uint8Array(a.length + b.length);
  c.set(a);
  c.set(b, a.length);
  return c;
}

/** The source as UTF-8-compatible chunks with progress and cancellation (see file comment). */
export function byteChunks(
  source: ByteSource,
  { fileName, totalBytes, onProgress, isCancelled }: LoadOptions,
): ChunkStream {
  let from: string | null = null;
  let bomless = false;
  const total = sizeOf(source, totalBytes);
  async function* run(): AsyncGenerator<Uint8Array> {
    let read = 0;
    let utf16: TextDecoder | null = null;
    const encoder = new TextEncoder();
    // The encoding is settled on the first HEAD bytes (fewer if the source is shorter), gathered
    // across chunks however small they come.
    let head: Uint8Array | null = new Uint8Array(0);
    const settle = (bytes: Uint8Array): Uint8Array => {
      head = null;
      from = utf16Of(bytes);
      if (from) utf16 = new TextDecoder(from);
      return bytes;
    };
    const out = (bytes: Uint8Array): Uint8Array =>
      utf16 ? encoder.encode(utf16.decode(bytes, { stream: true })) : bytes;
    for await (const [raw1, used] of raw(source)) {
      if (isCancelled?.()) throw abortError(fileName);
      read += used;
      let chunk = raw1;
      if (head) {
        const joined: Uint8Array = head.length ? concat(head, chunk) : chunk;
        if (joined.length < HEAD) {
          head = joined === chunk ? chunk.slice() : joined;
          onProgress?.(read, total);
          continue;
        }
        chunk = settle(joined);
      }
      yield out(chunk);
      onProgress?.(read, total);
    }
    if (isCancelled?.()) throw abortError(fileName);
    if (head) {
      const rest: Uint8Array = settle(head);
      if (rest.length) yield out(rest);
    }
    if (utf16) {
      const tail = (utf16 as TextDecoder).decode();
      if (tail) yield encoder.encode(tail);
    }
  }
  /**
   * 'utf-16le' / 'utf-16be' from a byte order mark, or without one from the zero bytes ASCII text has
   * in UTF-16 (a header such as `child_id,...` is every other byte zero); else null. Without this a
   * BOM-less UTF-16 file read as bytes gave a header of `c h i l d _ i d` and a missing-column error.
   */
  function utf16Of(b: Uint8Array): string | null {
    if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
    if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
    const n = b.length & ~1;
    if (n < 4) return null;
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (b[i] === 0) evenZero++;
      if (b[i + 1] === 0) oddZero++;
    }
    // Every unit's high byte zero and its low byte not: ASCII in UTF-16 (LE: low byte first).
    const units = n / 2;
    if (oddZero === units && evenZero === 0) bomless = true;
    else if (evenZero === units && oddZero === 0) bomless = true;
    else return null;
    return oddZero === units ? 'utf-16le' : 'utf-16be';
  }
  return { chunks: run(), total, transcodedFrom: () => from, bomless: () => bomless };
}
