import type { ImageVaeacArtifacts } from '@proj/vaeac';

/** Side of the MNIST digits the shipped model inpaints. */
export const DIGIT_SIDE = 28;

/**
 * What scripts/ship-vaeac.ts writes to model.txt (JSON text) from a vaeac-inpainting app run: the model, its training
 * history and 8 test digits.
 */
export interface ShippedModel {
  readonly trainedOn: string;
  readonly history: readonly { readonly epoch: number; readonly trainLoss: number }[];
  /** 8 test digits, 784 gray levels 0..255 each, concatenated. */
  readonly digits: readonly number[];
  readonly model: ImageVaeacArtifacts;
}

/** Digit `index` of the shipped test digits as 784 values in [0, 1]. O(784). */
export function shippedDigit(shipped: ShippedModel, index: number): Float32Array {
  const size = DIGIT_SIDE * DIGIT_SIDE;
  return Float32Array.from(shipped.digits.slice(index * size, (index + 1) * size), (v) => v / 255);
}

/** The preset masks (1 = unobserved, to generate): a half of the digit, or its centre square. */
export const PRESET_MASKS = ['bottom', 'top', 'left', 'right', 'centre'] as const;
export type PresetMask = (typeof PRESET_MASKS)[number];

/** A preset mask as 784 values 0/1. O(784). */
export function presetMask(name: PresetMask): Float32Array {
  const n = DIGIT_SIDE;
  return Float32Array.from({ length: n * n }, (_, p) => {
    const row = Math.floor(p / n);
    const col = p % n;
    const hidden =
      name === 'bottom'
        ? row >= n / 2
        : name === 'top'
          ? row < n / 2
          : name === 'left'
            ? col < n / 2
            : name === 'right'
              ? col >= n / 2
              : row >= 8 && row < 20 && col >= 8 && col < 20;
    return hidden ? 1 : 0;
  });
}
