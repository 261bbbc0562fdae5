// Dictionary levels from their bytes: the strings of levels [from, count) whose bytes lie
// back to back in `pool` (level l at offsets[l] .. offsets[l + 1]), appended to `out` in level order
// (a new array when `out` is empty: made at its full length, which for 2.67 million child ids takes
// 250-310 ms where pushing took 300-410 ms).
// An all-ASCII stretch (the usual case: ids, codes) is decoded as one string and sliced, so millions
// of levels cost one decode; otherwise each level goes through `decode` (the file's encoding,
// csv-decode.ts), one by one in level order, so the encoding is decided on the same bytes whichever
// dictionary holds them.

/** `out` with the strings of levels from..count-1 appended (see file comment). */
export function decodeLevels(
  pool: Uint8Array,
  offsets: Int32Array,
  from: number,
  count: number,
  decode: (b: Uint8Array, s: number, e: number) => string,
  out: string[],
): string[] {
  const o0 = offsets[from]!;
  const o1 = offsets[count]!;
  let ascii = true;
  for (let i = o0; i < o1; i++) {
    if (pool[i]! > 127) {
      ascii = false;
      break;
    }
  }
  const base = out.length;
  if (base === 0) out = new Array<string>(count - from).fill('');
  else out.length = base + count - from;
  if (ascii) {
    const all = new TextDecoder().decode(pool.subarray(o0, o1));
    for (let l = from; l < count; l++)
      out[base + l - from] = all.slice(offsets[l]! - o0, offsets[l + 1]! - o0);
  } else {
    for (let l = from; l < count; l++) out[base + l - from] = decode(pool, offsets[l]!, offsets[l + 1]!);
  }
  return out;
}
