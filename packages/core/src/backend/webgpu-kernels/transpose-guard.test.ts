import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks } from '../../testing/expect-no-leaks.js';
import { initBackend } from '../init-backend.js';
import { coalescePermutation, guardHighRankTranspose } from './transpose-guard.js';

describe('coalescePermutation', () => {
  it('drops size-1 axes and merges input axes that stay neighbours in the output', () => {
    expect(coalescePermutation([2, 3, 1, 2, 2, 3, 2, 2], [0, 1, 2, 5, 6, 7, 3, 4])).toEqual({
      shape: [6, 4, 12],
      perm: [0, 2, 1],
    });
    expect(coalescePermutation([2, 3, 4], [0, 1, 2])).toEqual({ shape: [24], perm: [0] });
    expect(coalescePermutation([2, 3, 4], [2, 1, 0])).toEqual({ shape: [2, 3, 4], perm: [2, 1, 0] });
    expect(coalescePermutation([1, 1], [1, 0])).toEqual({ shape: [], perm: [] });
  });
});

describe('guardHighRankTranspose (a shipped kernel limited to rank 6, as webgpu)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  /** cpu's Transpose, refusing ranks above 6 like tfjs-backend-webgpu's shader. */
  const limited: tf.KernelFunc = (args) => {
    const { x } = args.inputs as Record<'x', tf.TensorInfo>;
    if (x.shape.length > 6) throw new Error(`GPU for rank ${x.shape.length} is not yet supported`);
    return tf.getKernel('Transpose', 'cpu')!.kernelFunc(args);
  };
  const guarded = guardHighRankTranspose(limited);
  const run = (x: tf.Tensor, perm: number[]): tf.Tensor => {
    const result = guarded({ inputs: { x }, backend: tf.backend(), attrs: { perm } as unknown as tf.NamedAttrMap });
    // The guard returns a tensor of its own (tidy); a kernel's own output would come back as tensor info.
    return result instanceof tf.Tensor ? result : tf.engine().makeTensorFromTensorInfo(result as tf.TensorInfo);
  };

  it.each([
    [
      [2, 3, 1, 2, 2, 3, 2, 2],
      [0, 1, 2, 5, 6, 7, 3, 4],
    ],
    [
      [2, 3, 2, 2, 3, 2, 2],
      [6, 5, 4, 3, 2, 1, 0],
    ],
    [
      [2, 1, 3, 2, 2, 3, 2, 2],
      [7, 5, 3, 1, 0, 2, 4, 6],
    ],
  ])('shape %j, perm %j: equals tf.transpose, on the shader or the host', (shape, perm) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const x = tf.tensor(
      Float32Array.from({ length: size }, (_, i) => i),
      shape,
    );
    const ints = tf.cast(x, 'int32');
    const [actual, actualInts] = [run(x, perm), run(ints, perm)];
    expect(actual.shape).toEqual(perm.map((axis) => shape[axis]));
    expect(Array.from(actual.dataSync())).toEqual(Array.from(tf.transpose(x, perm).dataSync()));
    expect(actualInts.dtype).toBe('int32');
    expect(Array.from(actualInts.dataSync())).toEqual(Array.from(tf.transpose(ints, perm).dataSync()));
    tf.dispose([x, ints, actual, actualInts]);
  });

  it('leaks no tensors on either path', async () => {
    const x = tf.ones([2, 3, 2, 2, 3, 2, 2]);
    await expectNoLeaks(() => run(x, [6, 5, 4, 3, 2, 1, 0]));
    await expectNoLeaks(() => run(x, [0, 1, 2, 3, 6, 4, 5]));
    x.dispose();
  });
});
