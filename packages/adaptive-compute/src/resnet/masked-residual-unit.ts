import * as tf from '@tensorflow/tfjs-core';
import { dilateMask } from '../flops/dilate-mask.js';
import { conv3x3FromRows, maskIndices, patchRows } from '../internal/active-positions.js';
import { scatterRows } from '../internal/rows.js';
import { shown } from '../internal/validate.js';
import { batchNorm } from './batch-norm.js';
import {
  checkUnitArguments,
  type ResidualUnitOptions,
  type ResidualUnitParams,
  residualBranch,
} from './residual-unit.js';

/**
 * A residual unit evaluated only at the active positions of a spatial mask (SACT's masked unit, Figurnov et
 * al., CVPR 2017, §3): y = x + m ⊙ F(x) with m the active mask [B, H, W], where the residual branch F is
 * really computed only where needed: conv2 at the active positions, conv1 at their 3×3 dilation (conv2 reads
 * its neighbours), each as one gather of the P·9 patch rows and one GEMM (conv2 reads conv1's compact rows;
 * no dense intermediate map). Inactive positions keep their value exactly (x + 0). In training, BN2's batch
 * statistics come from the computed conv1 positions; with moving statistics the result equals the dense unit
 * at every active position. The unit must keep the shape (stride 1, Cin = Cout). BN1 and the ReLUs run
 * densely (elementwise, O(B·H·W·C)); an all-active mask runs the dense unit, an empty one returns a copy.
 *
 * Complexity: 2·9·C²·(|dilated| + |active|) flops plus O(B·H·W·C) gathers/scatters; reads the mask to the host.
 *
 * @param active bool, int32 or float32 [B, H, W], nonzero = compute.
 * @throws Error naming `maskedResidualUnit` and the argument for a unit that is not a live, shape-preserving
 *   {@link ResidualUnitParams}, x that is not float32 [B, H, W, C], a mask of another shape, bad options.
 * @example
 * const y = maskedResidualUnit(unit, x, tf.greater(remaining, 0)); // frozen where remaining ≤ 0
 */
export function maskedResidualUnit(
  unit: ResidualUnitParams,
  x: tf.Tensor,
  active: tf.Tensor,
  options: ResidualUnitOptions = {},
): tf.Tensor {
  const fn = 'maskedResidualUnit';
  const training = checkUnitArguments(unit, x, options, fn, ['training']);
  if (unit.stride !== 1 || unit.conv1.shape[2] !== unit.conv1.shape[3]) {
    throw new Error(
      `${fn}: argument 'unit' must keep the shape (stride 1, Cin = Cout), got stride ${unit.stride}, [${unit.conv1.shape.join(',')}]`,
    );
  }
  const cells = x.shape.slice(0, 3);
  if (
    !(active instanceof tf.Tensor) ||
    active.isDisposed ||
    active.dtype === 'string' ||
    active.rank !== 3 ||
    !active.shape.every((n, i) => n === cells[i])
  ) {
    throw new Error(
      `${fn}: argument 'active' must be a bool or numeric tensor [${cells.join(', ')}] (x's B, H, W), got ${shown(active)}`,
    );
  }
  const values = active.dataSync();
  const mask = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) throw new Error(`${fn}: argument 'active' holds NaN at ${i}`);
    mask[i] = v !== 0 ? 1 : 0;
  }
  return maskedUnitAt(unit, x, mask, training);
}

/** {@link maskedResidualUnit} with a host mask (nonzero = active) of B·H·W entries; arguments trusted. */
export function maskedUnitAt(unit: ResidualUnitParams, x: tf.Tensor, mask: Uint8Array, training: boolean): tf.Tensor {
  const [b, h, w, c] = x.shape as [number, number, number, number];
  const active = maskIndices(mask);
  if (active.length === 0) return tf.clone(x);
  if (active.length === mask.length) return tf.tidy(() => tf.add(x, residualBranch(unit, x, training)));
  const dilated = maskIndices(dilateMask(mask, [b, h, w]));
  // Row of each dilated position in the compact conv1 output (the neighbours conv2 reads are all dilated).
  const compact = new Int32Array(mask.length).fill(-1);
  dilated.forEach((position, row) => {
    compact[position] = row;
  });
  const cells = b * h * w;
  const flat = (e: number, y: number, column: number) => (e * h + y) * w + column;
  return tf.tidy(() => {
    const preact = tf.reshape(tf.relu(batchNorm(unit.bn1, x, { training })), [cells, c]);
    // conv1 at the dilated positions, reading the pre-activation rows (a zero row for the padding).
    const inputTable = tf.concat([preact, tf.zeros([1, c])]);
    const hidden = conv3x3FromRows(inputTable, patchRows(dilated, [h, w], flat, cells), unit.conv1);
    const activated = tf.relu(batchNorm(unit.bn2, hidden, { training }));
    // conv2 at the active positions, reading the compact conv1 rows.
    const hiddenTable = tf.concat([activated, tf.zeros([1, unit.conv2.shape[2]!])]);
    const rowOf = (e: number, y: number, column: number) => compact[flat(e, y, column)]!;
    const residual = conv3x3FromRows(hiddenTable, patchRows(active, [h, w], rowOf, dilated.length), unit.conv2);
    return tf.add(x, tf.reshape(scatterRows(residual, active, cells), [b, h, w, c]));
  });
}
