import { assertOptions } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from './internal/describe.js';
import {
  denseShapeOf,
  formatRawShape,
  isPositiveInteger,
  ndimsOf,
  type RawShape,
  type ShapeSpec,
  sameRawShape,
  toRawShape,
} from './shapes.js';

/** Options of the {@link TensorTrain} and {@link TensorTrainBatch} constructors: declared shape and ranks, checked. */
export interface TensorTrainOptions {
  /** Expected raw shape; inferred from the cores when absent. */
  readonly shape?: ShapeSpec;
  /** Expected TT-ranks [1, r_1, ..., 1]; inferred when absent. */
  readonly ranks?: readonly number[];
}

/**
 * What {@link TensorTrain} and {@link TensorTrainBatch} share: cores, raw shape, ranks. Holds data only;
 * every algorithm is a free function (T3F's design). The object owns its cores: `dispose()` frees them.
 */
export abstract class TensorTrainBase {
  /** The TT-cores, one per mode. */
  readonly cores: readonly tf.Tensor[];
  /** Mode sizes: [[n_1..n_d]] for a TT-tensor, [[m_1..m_d], [n_1..n_d]] for a TT-matrix. */
  readonly rawShape: RawShape;
  /** TT-ranks [1, r_1, ..., r_{d−1}, 1] (length d + 1). */
  readonly ranks: readonly number[];

  /**
   * Validates `cores` (see the subclasses) and `options` (only the keys `optionKeys`).
   *
   * @throws Error naming `className` for bad cores, unknown option keys, or a declared shape or ranks that do
   *   not match the cores.
   */
  protected constructor(
    cores: readonly tf.Tensor[],
    batched: boolean,
    options: TensorTrainOptions,
    className: string,
    optionKeys: readonly string[] = ['shape', 'ranks'],
  ) {
    assertOptions(className, options, optionKeys);
    const { rawShape, ranks } = validateCores(cores, batched, className);
    options ??= {};
    if (options.ranks !== undefined && !Array.isArray(options.ranks)) {
      throw new Error(`${className}: option 'ranks' must be a list of integers, got ${describeValue(options.ranks)}`);
    }
    if (options.shape !== undefined) {
      const declared = toRawShape(options.shape, className);
      if (!sameRawShape(declared, rawShape)) {
        throw new Error(
          `${className}: declared shape ${formatRawShape(declared)} does not match the cores' ${formatRawShape(rawShape)}`,
        );
      }
    }
    if (
      options.ranks !== undefined &&
      (options.ranks.length !== ranks.length || options.ranks.some((r, k) => r !== ranks[k]))
    ) {
      throw new Error(
        `${className}: declared ranks ${describeValue(options.ranks)} do not match the cores' [${ranks.join(',')}]`,
      );
    }
    this.cores = [...cores];
    this.rawShape = rawShape;
    this.ranks = ranks;
  }

  /** Number of modes (cores) d. */
  get ndims(): number {
    return ndimsOf(this.rawShape);
  }

  /** True for a TT-matrix (cores [r, m, n, r′]). */
  get isMatrix(): boolean {
    return this.rawShape.length === 2;
  }

  /** Shape of the dense object as exact integers (shapes such as 10^20 do not overflow). */
  get shape(): bigint[] {
    return denseShapeOf(this.rawShape);
  }

  /** Frees the cores. */
  dispose(): void {
    tf.dispose([...this.cores]);
  }
}

/**
 * Checks cores (T3F's validation): all float32, all of rank 3 (TT-tensor) or 4 (TT-matrix), plus a leading
 * batch axis of one common size for batches; consecutive ranks agree; r_0 = r_d = 1. Returns the raw shape
 * and ranks read off the cores.
 */
function validateCores(
  cores: readonly tf.Tensor[],
  batched: boolean,
  className: string,
): { rawShape: RawShape; ranks: number[] } {
  if (!Array.isArray(cores) || cores.length === 0) {
    throw new Error(`${className}: argument 'cores' must be a non-empty array of tensors, got ${describeValue(cores)}`);
  }
  cores.forEach((core, k) => {
    if (!(core instanceof tf.Tensor)) throw new Error(`${className}: core ${k} is not a tensor`);
    if (core.isDisposed) throw new Error(`${className}: core ${k} is a disposed tensor`);
    if (core.dtype !== 'float32') throw new Error(`${className}: core ${k} must be float32, got ${core.dtype}`);
    if (!core.shape.every(isPositiveInteger)) {
      throw new Error(`${className}: core ${k} has an empty axis, shape [${core.shape.join(',')}]`);
    }
  });
  const offset = batched ? 1 : 0;
  const rank = cores[0]!.rank - offset;
  if (rank !== 3 && rank !== 4) {
    throw new Error(
      `${className}: cores must have shape ${batched ? '[batch, r, n, r′] or [batch, r, m, n, r′]' : '[r, n, r′] or [r, m, n, r′]'}, core 0 has [${cores[0]!.shape.join(',')}]`,
    );
  }
  const ranks = [cores[0]!.shape[offset]!];
  cores.forEach((core, k) => {
    if (core.rank !== rank + offset) {
      throw new Error(
        `${className}: all cores must have rank ${rank + offset}, core ${k} has shape [${core.shape.join(',')}]`,
      );
    }
    if (batched && core.shape[0] !== cores[0]!.shape[0]) {
      throw new Error(
        `${className}: all cores must have the same batch size ${cores[0]!.shape[0]}, core ${k} has ${core.shape[0]}`,
      );
    }
    if (core.shape[offset] !== ranks[k]) {
      throw new Error(
        `${className}: core ${k} has left rank ${core.shape[offset]}, but core ${k - 1} has right rank ${ranks[k]}`,
      );
    }
    ranks.push(core.shape[core.rank - 1]!);
  });
  if (ranks[0] !== 1 || ranks[ranks.length - 1] !== 1) {
    throw new Error(`${className}: the first and last TT-ranks must be 1, got [${ranks.join(',')}]`);
  }
  const modes = (axis: number) => cores.map((core) => core.shape[axis + offset]!);
  const rawShape: RawShape = rank === 3 ? [modes(1)] : [modes(1), modes(2)];
  return { rawShape, ranks };
}
