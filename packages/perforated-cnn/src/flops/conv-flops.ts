import { assertInteger, assertKeepFraction, assertObject } from '../internal/validate.js';

/** The sizes of one convolution that its FLOPs depend on. */
export interface ConvGeometry {
  /** OH, rows of the output grid. */
  readonly outHeight: number;
  /** OW, columns of the output grid. */
  readonly outWidth: number;
  /** KH. */
  readonly kernelHeight: number;
  /** KW. */
  readonly kernelWidth: number;
  /** Cin. */
  readonly inChannels: number;
  /** Cout. */
  readonly outChannels: number;
}

const KEYS = ['outHeight', 'outWidth', 'kernelHeight', 'kernelWidth', 'inChannels', 'outChannels'] as const;

/**
 * Multiply-add FLOPs of one convolution per example, as the SACT flopsometer counts them:
 * 2 · OH·OW · KH·KW · Cin · Cout (biases ignored), times keepFraction for a perforated conv that computes that
 * fraction of its output positions (pass the mask's realized `keepFraction`). The theoretical layer speedup of
 * perforation is convFlops(g) / convFlops(g, keep) = 1 / keep. O(1).
 *
 * @param geometry the output grid, kernel and channel sizes: positive integers.
 * @param keepFraction the fraction of output positions computed, in (0, 1]; 1 by default.
 * @throws Error naming `convFlops` and the argument for a non-object geometry, unknown keys, sizes that are not
 *   positive integers, or a keepFraction outside (0, 1].
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016, §3.1.
 * @example
 * convFlops({ outHeight: 28, outWidth: 28, kernelHeight: 5, kernelWidth: 5, inChannels: 1, outChannels: 20 }); // 784000
 */
export function convFlops(geometry: ConvGeometry, keepFraction = 1): number {
  const fn = 'convFlops';
  const g = assertObject(geometry, fn, 'geometry');
  const unknown = Object.keys(g).find((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown !== undefined) {
    throw new Error(`${fn}: argument 'geometry' has unknown key '${unknown}' (valid: ${KEYS.join(', ')})`);
  }
  const sizes = KEYS.map((key) => assertInteger(g[key], fn, `geometry.${key}`, 1, 2 ** 24));
  const keep = assertKeepFraction(keepFraction, fn);
  return 2 * sizes.reduce((a, b) => a * b, 1) * keep;
}
