// Linear convolution of two real sequences by the fast Fourier transform: out[i] = sum_j a[j] b[i - j],
// for i < length. Iterative radix-2 Cooley-Tukey on the next power of two at least a.length +
// b.length - 1 (no wrap-around), so O(n log n) where the direct sum is O(n^2); used for the daily
// distributions of the synthetic council's repeat hazards (thousands of days long).
// Round-off is about 1e-16 times the largest terms: callers that need exact zeros clear values below
// their own tolerance.

function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = re[i]!;
      re[i] = re[j]!;
      re[j] = r;
      const m = im[i]!;
      im[i] = im[j]!;
      im[j] = m;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a]! += tr;
        im[a]! += ti;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
}

/** A real sequence's transform, zero-padded to n (a power of two): reusable across convolutions. */
export interface Spectrum {
  n: number;
  re: Float64Array;
  im: Float64Array;
}

/** The transform of `a` padded to `n` (a power of two at least the convolution's length). */
export function spectrum(a: ArrayLike<number>, n: number): Spectrum {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  re.set(a as ArrayLike<number>);
  fft(re, im, false);
  return { n, re, im };
}

/** The smallest power of two holding the linear convolution of lengths a and b. */
export function convolutionSize(a: number, b: number): number {
  let n = 1;
  while (n < a + b - 1) n <<= 1;
  return n;
}

/** The first `length` terms of the convolution of two spectra of the same size. */
export function convolveSpectra(a: Spectrum, b: Spectrum, length: number): Float64Array {
  const { n } = a;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = a.re[i]! * b.re[i]! - a.im[i]! * b.im[i]!;
    im[i] = a.re[i]! * b.im[i]! + a.im[i]! * b.re[i]!;
  }
  fft(re, im, true);
  const out = new Float64Array(length);
  for (let i = 0; i < Math.min(length, n); i++) out[i] = re[i]! / n;
  return out;
}

/**
 * The first `length` terms of the convolution of a and b.
 * @example fftConvolve([1, 2], [1, 1], 3) // Float64Array [1, 3, 2]
 */
export function fftConvolve(a: ArrayLike<number>, b: ArrayLike<number>, length: number): Float64Array {
  const n = convolutionSize(a.length, b.length);
  return convolveSpectra(spectrum(a, n), spectrum(b, n), length);
}
