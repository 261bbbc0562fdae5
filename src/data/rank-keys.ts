// Group equal keys and number the groups in order of first appearance, by sorting rather than by a
// hash table. Contract:
// - input: n keys of three int32 words each, interleaved in `keys` (key i is keys[3i..3i+2]);
// - output: `level[i]`, the group of key i, groups numbered 0, 1, ... in order of their first key
//   (so level[0] = 0 and a new level is always one more than the largest before it), and
//   `first[l]`, the index of the first key of level l; `count` levels;
// - exact: keys are compared word by word, a 32-bit hash only orders them.
// Why: a national file has millions of distinct child ids; a hash table of them (tens of MB) misses
// the cache on nearly every row, a quarter of the whole load's time. Here the per-row work is three
// sequential writes, and the grouping is three passes of a stable least-significant-digit radix sort
// of 32-bit hashes (11, 11 and 10 bits: the 2,048 buckets' write heads stay in cache), then one scan.
// Stability keeps equal keys in index order, so the first of each run is its first appearance.
// Equal hashes with different keys (about 800 pairs among 2.7 million keys) are split by a comparison
// sort of that run alone. Measured on the bench file (3.6 million keys, 2.67 million distinct): see
// id-dictionary.ts.

/** One MurmurHash3 round: mix word k into h. */
function round(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * Hash of three words (MurmurHash3's rounds and finaliser). A plain sum of products of the words
 * gave 320,000 collisions among 3.6 million ids of the form LA1234567 (the bytes vary in few bits);
 * this gives 1,455, as a random function would (n^2 / 2^33 = 1,508).
 */
function hash3(a: number, b: number, c: number): number {
  let h = round(round(round(0x2545f491, a), b), c);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const BITS = [0, 11, 22];
const SIZES = [2048, 2048, 1024];

/** Levels in order of first appearance for n three-word keys (see file comment). */
export function rankKeys(
  keys: Int32Array,
  n: number,
): { level: Int32Array; first: Int32Array; count: number } {
  const hash = new Int32Array(n);
  const hist = [new Int32Array(2048), new Int32Array(2048), new Int32Array(1024)];
  const [h0, h1, h2] = hist as [Int32Array, Int32Array, Int32Array];
  for (let i = 0; i < n; i++) {
    const h = hash3(keys[3 * i]!, keys[3 * i + 1]!, keys[3 * i + 2]!);
    hash[i] = h;
    h0[h & 2047]!++;
    h1[(h >>> 11) & 2047]!++;
    h2[h >>> 22]!++;
  }
  // Three stable passes: the first reads the keys in index order, the others the previous output.
  for (const h of hist) {
    let sum = 0;
    for (let v = 0; v < h.length; v++) {
      const c = h[v]!;
      h[v] = sum;
      sum += c;
    }
  }
  let srcHash = new Int32Array(n);
  let srcIdx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = hash[i]!;
    const at = h0[x & 2047]!++;
    srcHash[at] = x;
    srcIdx[at] = i;
  }
  let dstHash = hash;
  let dstIdx = new Int32Array(n);
  for (let pass = 1; pass < 3; pass++) {
    const shift = BITS[pass]!;
    const mask = SIZES[pass]! - 1;
    const h = hist[pass]!;
    for (let i = 0; i < n; i++) {
      const x = srcHash[i]!;
      const at = h[(x >>> shift) & mask]!++;
      dstHash[at] = x;
      dstIdx[at] = srcIdx[i]!;
    }
    [srcHash, dstHash] = [dstHash, srcHash];
    [srcIdx, dstIdx] = [dstIdx, srcIdx];
  }
  const sortedIdx = srcIdx;
  const sortedHash = srcHash;
  // The first key (by index) of each group, written at every member; `level` reuses a spare array.
  const level = dstIdx;
  for (let a = 0; a < n;) {
    const h = sortedHash[a]!;
    let b = a + 1;
    while (b < n && sortedHash[b] === h) b++;
    const r = sortedIdx[a]!;
    let same = true;
    for (let j = a + 1; j < b && same; j++) same = equal(keys, r, sortedIdx[j]!);
    if (same) for (let j = a; j < b; j++) level[sortedIdx[j]!] = r;
    else splitRun(keys, sortedIdx.subarray(a, b), level);
    a = b;
  }
  // In index order a key whose group starts at itself opens a new level; any other takes its
  // group's level, already numbered since the group's first key comes before it.
  const first = sortedHash; // free now: reused for the first index of each level
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = level[i]!;
    if (r === i) {
      first[count] = i;
      level[i] = count++;
    } else level[i] = level[r]!;
  }
  return { level, first: first.subarray(0, count), count };
}

function equal(keys: Int32Array, i: number, j: number): boolean {
  return (
    keys[3 * i] === keys[3 * j] && keys[3 * i + 1] === keys[3 * j + 1] && keys[3 * i + 2] === keys[3 * j + 2]
  );
}

/** A run of equal hashes holding different keys: sort it by key (then index) and mark each group. */
function splitRun(keys: Int32Array, run: Int32Array, level: Int32Array): void {
  const idx = Array.from(run).sort(
    (i, j) =>
      keys[3 * i]! - keys[3 * j]! ||
      keys[3 * i + 1]! - keys[3 * j + 1]! ||
      keys[3 * i + 2]! - keys[3 * j + 2]! ||
      i - j,
  );
  let r = idx[0]!;
  for (const i of idx) {
    if (!equal(keys, r, i)) r = i;
    level[i] = r;
  }
}
