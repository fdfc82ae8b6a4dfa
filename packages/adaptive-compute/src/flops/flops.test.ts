import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { createResidualUnit, residualUnitVariables } from '../resnet/residual-unit.js';
import { convFlops } from './conv-flops.js';
import { dilateMask } from './dilate-mask.js';
import { residualUnitFlops } from './residual-unit-flops.js';

describeBackends('FLOP counting', () => {
  it('convFlops = 2·positions·Cout·kh·kw·Cin', () => {
    expect(convFlops(784, 3, 3, 8, 16)).toBe(2 * 784 * 16 * 9 * 8);
    expect(convFlops(0, 3, 3, 8, 16)).toBe(0);
    expect(() => convFlops(-1, 3, 3, 8, 16)).toThrow(/convFlops: argument 'positions'/);
  });

  it('dilateMask is a 3×3 max-pool per example (no bleeding across examples)', () => {
    const mask = Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, /* example 2 */ 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(dilateMask(mask, [2, 3, 3]))).toEqual([1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1]);
    expect(() => dilateMask(mask, [2, 3, 2])).toThrow(/dilateMask: argument 'mask'/);
  });

  it('residualUnitFlops counts conv1 on the dilated mask and conv2 on the active positions', () => {
    const unit = createResidualUnit(4, 4, 1, 1);
    const strided = createResidualUnit(4, 8, 2, 2);
    try {
      expect(residualUnitFlops(unit, [5, 5])).toBe(2 * convFlops(25, 3, 3, 4, 4));
      expect(residualUnitFlops(strided, [5, 5])).toBe(convFlops(9, 3, 3, 4, 8) + convFlops(9, 3, 3, 8, 8));
      const mask = new Uint8Array(25);
      mask[12] = 1; // the centre: dilation 9 positions
      expect(residualUnitFlops(unit, [5, 5], mask)).toBe(convFlops(9, 3, 3, 4, 4) + convFlops(1, 3, 3, 4, 4));
      expect(residualUnitFlops(unit, [5, 5], new Uint8Array(25))).toBe(0);
      expect(() => residualUnitFlops(strided, [5, 5], mask)).toThrow(
        /residualUnitFlops: argument 'mask' needs a stride-1 unit/,
      );
    } finally {
      tf.dispose([...residualUnitVariables(unit), ...residualUnitVariables(strided)]);
    }
  });
});
