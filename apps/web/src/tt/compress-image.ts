import { full, toTTMatrix } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_SIDE } from './image.js';

/**
 * The TT-matrix shape of an IMAGE_SIDE² image: rows and columns each split as 4·8·8 (TT modes 16, 64, 64).
 * Three modes, not four: toTTMatrix interleaves the row and column modes with a transpose of rank 2d, and
 * tfjs-backend-webgl 4.22 transposes at most rank 6 ("Packed transpose for rank 8 is not yet supported").
 */
export const IMAGE_TT_SHAPE: [number[], number[]] = [
  [4, 8, 8],
  [4, 8, 8],
];

/** Options of {@link compressImage}: the TT-SVD's rank cap and relative tolerance (0 or absent: none). */
export interface CompressOptions {
  readonly maxTTRank: number;
  readonly epsilon?: number;
}

/** What {@link compressImage} returns. */
export interface Compression {
  /** The TT-matrix reconstruction, IMAGE_SIDE² values, row-major. */
  readonly reconstruction: Float32Array;
  /** TT-ranks (r_0..r_d). */
  readonly ranks: number[];
  /** Entries of the TT cores. */
  readonly parameters: number;
  /** Pixels per core entry: IMAGE_SIDE² / parameters. */
  readonly compressionRatio: number;
  /** ‖A − TT‖_F / ‖A‖_F, in float64 on the host from the float32 reconstruction. */
  readonly relativeError: number;
  /** Wall time of the TT-SVD and reconstruction in ms. */
  readonly ms: number;
}

/**
 * Compresses a grayscale image as a TT-matrix (`toTTMatrix` of @proj/tt, TT-SVD) and reconstructs it (`full`),
 * on the active tfjs backend. Memory-neutral. O(N·64) for N = IMAGE_SIDE² pixels.
 *
 * @param pixels IMAGE_SIDE² values, row-major.
 * @throws Error naming compressImage for a wrong pixel count.
 */
export function compressImage(pixels: Float32Array, options: CompressOptions): Compression {
  if (pixels.length !== IMAGE_SIDE * IMAGE_SIDE) {
    throw new Error(`compressImage: argument 'pixels' must hold ${IMAGE_SIDE ** 2} values, got ${pixels.length}`);
  }
  const start = performance.now();
  const epsilon = options.epsilon !== undefined && options.epsilon > 0 ? { epsilon: options.epsilon } : {};
  const dense = tf.tensor2d(pixels, [IMAGE_SIDE, IMAGE_SIDE]);
  try {
    const tt = toTTMatrix(dense, IMAGE_TT_SHAPE, { maxTTRank: options.maxTTRank, ...epsilon });
    try {
      const reconstructed = full(tt);
      const reconstruction = reconstructed.dataSync() as Float32Array;
      reconstructed.dispose();
      const parameters = tt.cores.reduce((sum, core) => sum + core.size, 0);
      return {
        reconstruction,
        ranks: [...tt.ranks],
        parameters,
        compressionRatio: pixels.length / parameters,
        relativeError: relativeError(pixels, reconstruction),
        ms: performance.now() - start,
      };
    } finally {
      tt.dispose();
    }
  } finally {
    dense.dispose();
  }
}

function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += a[i]! ** 2;
  }
  return Math.sqrt(diff / norm);
}
