import { type Box, boxArea } from './data.js';
import { auc, mean } from './statistics.js';

/** The ponder-map statistics of one image. */
export interface ImagePonder {
  /** Mean of the map over the image. */
  readonly mean: number;
  /** Σ map inside the digit's box / Σ map. */
  readonly boxMass: number;
  /** The same for the map minus its floor (2 per stage: ρ ≥ 2); NaN when the map sits at its floor everywhere. */
  readonly boxExcessMass: number;
  /** Box area / canvas area. */
  readonly boxArea: number;
  /** Σ map on digit pixels, Σ map on background pixels, and their counts (pooled over images by the caller). */
  readonly digitSum: number;
  readonly digitPixels: number;
  readonly backgroundSum: number;
  readonly backgroundPixels: number;
  /** ROC-AUC of the map as a detector of digit pixels; NaN when the image has no digit or no background pixel. */
  readonly auc: number;
}

/**
 * Statistics of one S × S ponder-cost map (summed over blocks) against the digit's box and ink mask.
 * `floor` is the map's smallest possible value (2 per stage). O(S² log S).
 */
export function imagePonder(
  map: ArrayLike<number>,
  side: number,
  box: Box,
  digitMask: ArrayLike<number>,
  floor: number,
): ImagePonder {
  let [total, inBox, excess, excessInBox] = [0, 0, 0, 0];
  const digit: number[] = [];
  const background: number[] = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const value = map[r * side + c]!;
      const inside = r >= box.top && r < box.bottom && c >= box.left && c < box.right;
      const over = Math.max(0, value - floor);
      total += value;
      excess += over;
      if (inside) {
        inBox += value;
        excessInBox += over;
      }
      (digitMask[r * side + c] ? digit : background).push(value);
    }
  }
  const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
  return {
    mean: total / (side * side),
    boxMass: inBox / total,
    boxExcessMass: excess > 1e-6 * total ? excessInBox / excess : Number.NaN,
    boxArea: boxArea(box) / (side * side),
    digitSum: sum(digit),
    digitPixels: digit.length,
    backgroundSum: sum(background),
    backgroundPixels: background.length,
    auc: digit.length > 0 && background.length > 0 ? auc(digit, background) : Number.NaN,
  };
}

/** The test-set summary of the per-image statistics. */
export interface PonderSummary {
  /** Mean over images of the ponder mass fraction inside the digit's box. */
  readonly boxMass: number;
  /** The same for the mass above the floor (images whose map is at the floor everywhere left out); NaN if none. */
  readonly boxExcessMass: number;
  /** Mean over images of the box's share of the canvas. */
  readonly boxArea: number;
  /** Mean map value on digit pixels / on background pixels (pooled over the test set). */
  readonly digitToBackground: number;
  /** Mean over images of the per-image ROC-AUC (digit pixels vs background). */
  readonly auc: number;
}

/** Pools {@link imagePonder} results over a test set. O(n). */
export function summarizePonder(images: readonly ImagePonder[]): PonderSummary {
  const finite = (values: number[]) => values.filter(Number.isFinite);
  const pooled = (key: 'digitSum' | 'digitPixels' | 'backgroundSum' | 'backgroundPixels') =>
    images.reduce((s, i) => s + i[key], 0);
  const excess = finite(images.map((i) => i.boxExcessMass));
  return {
    boxMass: mean(images.map((i) => i.boxMass)),
    boxExcessMass: excess.length > 0 ? mean(excess) : Number.NaN,
    boxArea: mean(images.map((i) => i.boxArea)),
    digitToBackground:
      pooled('digitSum') / pooled('digitPixels') / (pooled('backgroundSum') / pooled('backgroundPixels')),
    auc: mean(finite(images.map((i) => i.auc))),
  };
}
