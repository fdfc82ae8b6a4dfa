/**
 * Peak signal-to-noise ratio over the masked pixels of each image, for pixel values in [0, 1]:
 * 10 · log10(1 / MSE_i), MSE_i the mean squared difference between `completion` and `truth` over image i's
 * pixels with mask 1 (floored at 1e-10, i.e. at most 100 dB); null for an image with no masked pixel.
 * All arrays are N·P (P pixels per image). O(N·P).
 *
 * @throws Error when the lengths differ or are not a multiple of `pixels`.
 */
export function maskedPsnr(
  truth: Float32Array,
  completion: Float32Array,
  masks: Float32Array,
  pixels: number,
): (number | null)[] {
  if (completion.length !== truth.length || masks.length !== truth.length || truth.length % pixels !== 0) {
    throw new Error("maskedPsnr: 'truth', 'completion' and 'masks' must have one length, a multiple of 'pixels'");
  }
  const n = truth.length / pixels;
  return Array.from({ length: n }, (_, i) => {
    let sum = 0;
    let count = 0;
    for (let p = i * pixels; p < (i + 1) * pixels; p++) {
      if (masks[p] !== 1) continue;
      sum += (completion[p]! - truth[p]!) ** 2;
      count++;
    }
    return count === 0 ? null : 10 * Math.log10(1 / Math.max(sum / count, 1e-10));
  });
}

/** Mean of the non-null entries (NaN when none). O(n). */
export function meanOfPresent(values: readonly (number | null)[]): number {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? Number.NaN : present.reduce((s, v) => s + v, 0) / present.length;
}

/** The per-pixel mean of N·P images: P values. O(N·P). */
export function pixelMeans(images: Float32Array, pixels: number): Float32Array {
  const n = images.length / pixels;
  const out = new Float32Array(pixels);
  for (let i = 0; i < n; i++) for (let p = 0; p < pixels; p++) out[p]! += images[i * pixels + p]!;
  return out.map((v) => v / n);
}

/** The images with every masked pixel (mask 1) replaced by `fill`'s value at that pixel. O(N·P). */
export function fillMasked(images: Float32Array, masks: Float32Array, fill: Float32Array): Float32Array {
  const pixels = fill.length;
  return images.map((v, k) => (masks[k] === 1 ? fill[k % pixels]! : v));
}

/** Values clipped to [0, 1] (a Gaussian decoder's means may leave the pixel range). O(n). */
export function clip01(values: Float32Array): Float32Array {
  return values.map((v) => Math.min(1, Math.max(0, v)));
}

/**
 * Mean over the masked pixels of the standard deviation across the completions (the spread of the samples,
 * in pixel units); NaN when no pixel is masked. O(K·N·P).
 */
export function maskedSpread(completions: readonly Float32Array[], masks: Float32Array): number {
  let sum = 0;
  let count = 0;
  const k = completions.length;
  for (let p = 0; p < masks.length; p++) {
    if (masks[p] !== 1) continue;
    let m = 0;
    for (const c of completions) m += c[p]!;
    m /= k;
    let v = 0;
    for (const c of completions) v += (c[p]! - m) ** 2;
    sum += Math.sqrt(v / k);
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}
