/** A digit's box on the canvas: rows [top, bottom) and columns [left, right) (the app's `Box`). */
export interface DigitBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** The SACT network the page ships: @proj/adaptive-compute's `createAdaptiveResNet` config and its weights. */
export interface ShippedNet {
  readonly method: 'sact';
  readonly inChannels: number;
  readonly classes: number;
  readonly stemChannels: number;
  readonly stages: readonly { readonly channels: number; readonly stride: number; readonly units: number }[];
  /** Every variable in `adaptiveResNetVariables` order, float32 little-endian, base64 (moving BN stats included). */
  readonly weights: string;
}

/**
 * What scripts/ship-sact.ts writes to model.txt (JSON text): the SACT network trained by the
 * sact-cluttered-mnist app (its `weights-sact-*.json`), its ponder cost τ, and 8 cluttered test images with their
 * labels and digit boxes.
 */
export interface ShippedSact {
  /** Where the weights come from: the app, its config and seed, the run folder's name. */
  readonly trainedOn: string;
  /** The ponder cost τ of the training loss (fixed by the model). */
  readonly tau: number;
  /** ε of the halting rule: a position halts once its cumulative halting score reaches 1 − ε. */
  readonly eps: number;
  /** Test accuracy (%) and mean ponder cost of this network on the app's test set, from the run's results. */
  readonly testAccuracy: number;
  readonly net: ShippedNet;
  /** Canvas side S. */
  readonly side: number;
  /** n cluttered canvases, S² gray levels 0..255 each, concatenated. */
  readonly images: readonly number[];
  readonly labels: readonly number[];
  readonly boxes: readonly DigitBox[];
}

/** Canvas `index` of the shipped images as S² values in [0, 1]. O(S²). */
export function shippedImage(shipped: ShippedSact, index: number): Float32Array {
  const area = shipped.side * shipped.side;
  if (!Number.isInteger(index) || index < 0 || index >= shipped.labels.length) {
    throw new Error(`shippedImage: argument 'index' must be an integer in [0, ${shipped.labels.length}), got ${index}`);
  }
  return Float32Array.from(shipped.images.slice(index * area, (index + 1) * area), (v) => v / 255);
}
