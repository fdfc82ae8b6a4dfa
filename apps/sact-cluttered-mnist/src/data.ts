import { IMAGE_SIZE, type MnistSet, mulberry32 } from '@proj/mnist';

/** Side of an MNIST digit (28). */
export const DIGIT_SIDE = 28;
/** Gray level above which a pixel of the placed digit counts as digit (the research notes' digit mask). */
export const INK_THRESHOLD = 0.1;

/** A digit's box on the canvas: rows [top, bottom) and columns [left, right). */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Cluttered MNIST: digits at random positions on a larger canvas, with clutter fragments of other digits. */
export interface ClutteredSet {
  readonly n: number;
  /** Canvas side S. */
  readonly side: number;
  /** [n, S, S] gray levels in [0, 1], row-major. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  /** Per image, the tight box of the digit's ink (gray > {@link INK_THRESHOLD}) on the canvas. */
  readonly boxes: readonly Box[];
  /** [n, S, S]: 1 where the placed digit (not the clutter) has gray > {@link INK_THRESHOLD}. */
  readonly digitMask: Uint8Array;
}

/** Options of {@link clutteredMnist}. */
export interface ClutterOptions {
  /** Canvas side S ≥ 28. */
  readonly side: number;
  /** Clutter fragments per image. */
  readonly fragments: number;
  /** Side k of a fragment (a k × k crop of another digit of the same set), 1 ≤ k ≤ 28. */
  readonly fragmentSide: number;
}

/**
 * Cluttered MNIST (Mnih et al. 2014, "Recurrent models of visual attention"): each 28 × 28 digit of `set` is
 * pasted at a uniformly random offset on a zero S × S canvas, then `fragments` k × k crops of other random
 * digits of the same set (crop origin uniform in the digit's central [4, 24 − k] range, so that crops hold ink)
 * are pasted at uniformly random canvas positions, combined by maximum. The digit's ink box and mask are kept
 * for the ponder-map metrics. Deterministic in `seed` (Mulberry32). O(n·(S² + fragments·k²)).
 *
 * @throws Error naming `clutteredMnist` and the option for a canvas smaller than a digit or a bad fragment side.
 */
export function clutteredMnist(set: MnistSet, options: ClutterOptions, seed: number): ClutteredSet {
  const { side, fragments, fragmentSide: k } = options;
  if (!Number.isInteger(side) || side < DIGIT_SIDE) {
    throw new Error(`clutteredMnist: argument 'options.side' must be an integer ≥ ${DIGIT_SIDE}, got ${side}`);
  }
  if (!Number.isInteger(k) || k < 1 || k > DIGIT_SIDE) {
    throw new Error(`clutteredMnist: argument 'options.fragmentSide' must be an integer in [1, 28], got ${k}`);
  }
  if (!Number.isInteger(fragments) || fragments < 0) {
    throw new Error(`clutteredMnist: argument 'options.fragments' must be an integer ≥ 0, got ${fragments}`);
  }
  const next = mulberry32(seed);
  const uniformInt = (n: number) => Math.min(n - 1, Math.floor(next() * n));
  const area = side * side;
  const images = new Float32Array(set.n * area);
  const digitMask = new Uint8Array(set.n * area);
  const boxes: Box[] = [];
  const span = side - DIGIT_SIDE + 1;
  const cropLow = Math.min(4, DIGIT_SIDE - k);
  const cropSpan = Math.max(1, DIGIT_SIDE - 4 - k - cropLow + 1);
  for (let i = 0; i < set.n; i++) {
    const canvas = images.subarray(i * area, (i + 1) * area);
    const mask = digitMask.subarray(i * area, (i + 1) * area);
    const [top, left] = [uniformInt(span), uniformInt(span)];
    const digit = set.images.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE);
    let box = { top: side, left: side, bottom: 0, right: 0 };
    for (let r = 0; r < DIGIT_SIDE; r++) {
      for (let c = 0; c < DIGIT_SIDE; c++) {
        const value = digit[r * DIGIT_SIDE + c]!;
        const at = (top + r) * side + left + c;
        canvas[at] = value;
        if (value > INK_THRESHOLD) {
          mask[at] = 1;
          box = {
            top: Math.min(box.top, top + r),
            left: Math.min(box.left, left + c),
            bottom: Math.max(box.bottom, top + r + 1),
            right: Math.max(box.right, left + c + 1),
          };
        }
      }
    }
    boxes.push(box.bottom > box.top ? box : { top, left, bottom: top + DIGIT_SIDE, right: left + DIGIT_SIDE });
    for (let f = 0; f < fragments && set.n > 1; f++) {
      let other = uniformInt(set.n - 1);
      if (other >= i) other++;
      const source = set.images.subarray(other * IMAGE_SIZE, (other + 1) * IMAGE_SIZE);
      const [cropTop, cropLeft] = [cropLow + uniformInt(cropSpan), cropLow + uniformInt(cropSpan)];
      const [y, x] = [uniformInt(side - k + 1), uniformInt(side - k + 1)];
      for (let r = 0; r < k; r++) {
        for (let c = 0; c < k; c++) {
          const at = (y + r) * side + x + c;
          canvas[at] = Math.max(canvas[at]!, source[(cropTop + r) * DIGIT_SIDE + cropLeft + c]!);
        }
      }
    }
  }
  return { n: set.n, side, images, labels: set.labels, boxes, digitMask };
}

/** The area of `box` in pixels. */
export function boxArea(box: Box): number {
  return (box.bottom - box.top) * (box.right - box.left);
}
