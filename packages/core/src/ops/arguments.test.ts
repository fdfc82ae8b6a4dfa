// Argument checks of the engine primitives (issue 10): before, a wrong type or shape reached tfjs and failed
// with its own message (or none: a huge dilation allocated a padded input of 2^32 elements, aborting wasm).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../vitest/describe-backends.js';
import { alias } from './alias.js';
import { batchMatMul, matMulShared, sharedMatMul } from './batch-mat-mul.js';
import { contract } from './contract.js';
import { conv2dAtPositions } from './conv2d-at-positions.js';
import { gatherMatMul } from './gather-mat-mul.js';
import { arrange, axisSize, label, relabel, squeezeAxes } from './labeled.js';
import { matMul2d } from './mat-mul-2d.js';
import { permute, permuteCost, reshapeTo } from './permute.js';
import { gatherPositions, scatterPositions } from './positions.js';
import { tidyObject } from './tidy-object.js';

describeBackends('engine primitives reject bad arguments, naming the function', () => {
  let x: tf.Tensor;
  beforeAll(() => {
    x = tf.ones([2, 3]);
  });

  it('alias, tidyObject, reshapeTo and permute', () => {
    expect(() => alias('3' as never)).toThrow("alias: argument 't' must be a tensor, got the string '3'");
    expect(() => tidyObject(undefined as never)).toThrow("tidyObject: argument 'fn' must be a function, got undefined");
    expect(() => reshapeTo(x, [4, 2])).toThrow(
      "reshapeTo: argument 'shape' must be non-negative integers holding 6 elements (the size of x), got [4,2]",
    );
    expect(() => permute(x, [2, 3], [0, 0], [3, 2])).toThrow(
      "permute: argument 'perm' must be a permutation of 0..1, got [0,0]",
    );
    expect(() => permute(x, [6], [0], [2, 3])).not.toThrow();
    expect(() => permute(x, [3, 3], [1, 0], [3, 2])).toThrow(
      "permute: argument 'shape' must be non-negative integers holding 6",
    );
    expect(() => permuteCost([2, -3], [1, 0])).toThrow(
      "permuteCost: argument 'shape' must be an array of non-negative integers",
    );
    expect(() => permuteCost([2 ** 31, 2], [1, 0])).toThrow("permuteCost: argument 'shape' [2147483648,2] describes");
  });

  it('the products check dtypes, ranks and the contracted sizes', () => {
    expect(() => batchMatMul(tf.ones([2, 2, 3]), tf.ones([3, 3, 2]))).toThrow(
      "batchMatMul: shapes [2,2,3] of 'a' and [3,3,2] of 'b' do not fit [B, M, K] and [B, K, N]",
    );
    expect(() => batchMatMul(tf.ones([2, 3]), tf.ones([2, 3, 2]))).toThrow(
      "batchMatMul: argument 'a' must be a float32 tensor of rank 3, got a float32 tensor of shape [2,3]",
    );
    expect(() => matMulShared(tf.ones([2, 2, 3]), tf.ones([2, 2]))).toThrow(
      "matMulShared: shapes [2,2,3] of 'x' and [2,2] of 'w'",
    );
    expect(() => sharedMatMul(tf.ones([2, 3], 'int32'), tf.ones([2, 3, 2]))).toThrow(
      "sharedMatMul: argument 'w' must be a float32 tensor of rank 2, got a int32 tensor",
    );
    expect(() => matMul2d(x, x)).toThrow("matMul2d: shapes [2,3] of 'a' and [2,3] of 'b' do not fit [M, K] and [K, N]");
  });

  it('labels and contract', () => {
    const a = label(x, ['i', 'k']);
    expect(() => label(x, 'ik' as never)).toThrow(
      "label: argument 'axes' must be an array of strings, got the string 'ik'",
    );
    expect(() => label(undefined as never, ['i'])).toThrow("label: argument 'tensor' must be a tensor, got undefined");
    expect(() => axisSize({ tensor: x } as never, 'i')).toThrow("axisSize: argument 'x' must be a labeled tensor");
    expect(() => arrange(a, ['k', 'i'], [5])).toThrow(
      "arrange: argument 'outShape' must be non-negative integers holding 6 elements",
    );
    expect(() => relabel(a, { i: 'k' })).toThrow('relabel: renaming [i,k] gives repeated labels [k,k]');
    expect(() => squeezeAxes(a, ['z'])).toThrow("squeezeAxes: no axis 'z' in [i,k]");
    const b = label(tf.ones([3, 4]), ['k', 'j']);
    expect(() => contract(a, b, { yreused: true } as never)).toThrow(
      "contract: unknown option 'yreused' (did you mean 'yReused'?); valid options: batch, yReused, next",
    );
    expect(() => contract(a, b, { next: { summed: 'j' } } as never)).toThrow(
      "contract: option 'next' must be {order: labels} or {summed: labels, batch?: label}",
    );
    expect(() => contract(a, { ...b, axes: ['k', 'k'] })).toThrow("contract: argument 'y' must be a labeled tensor");
    expect(() => contract(label(tf.ones([2, 3], 'int32'), ['i', 'k']), b)).toThrow(
      "contract: argument 'x' must hold a float32 tensor, got dtype int32",
    );
  });

  it('gatherMatMul checks the index against the table', () => {
    const table = tf.ones([1, 3, 2]);
    expect(() => gatherMatMul(undefined, table, Int32Array.from([0, 3]))).toThrow(
      "gatherMatMul: argument 'index' must hold integers in [0, 3), got 3 at 1",
    );
    expect(() => gatherMatMul(undefined, table, [0, 1] as never)).toThrow(
      "gatherMatMul: argument 'index' must be an Int32Array",
    );
    expect(() => gatherMatMul(tf.ones([3, 1]), table, Int32Array.from([0, 1]))).toThrow(
      "gatherMatMul: argument 'rows' must have shape [2, 1]",
    );
    expect(() => gatherMatMul(undefined, tf.ones([2, 3, 2]), Int32Array.from([0]))).toThrow(
      "gatherMatMul: without 'rows', the table must have r = 1",
    );
  });

  it('positions: sizes are capped before allocating', () => {
    const map = tf.ones([1, 3, 3, 1]);
    const filter = tf.ones([2, 2, 1, 1]);
    expect(() => scatterPositions(tf.ones([1, 1, 1]), [0], [2 ** 31, 2])).toThrow(
      "scatterPositions: argument 'shape' [2147483648,2] has more than 2147483647 positions",
    );
    expect(() => conv2dAtPositions(map, filter, [0], { dilations: 2 ** 31 })).toThrow(
      'conv2dAtPositions: the 2147483649×2147483649 (dilated) filter needs a padded input of',
    );
    expect(() => gatherPositions(tf.ones([1, 2, 2, 1], 'bool'), [0])).toThrow(
      "gatherPositions: argument 'x' must be a rank-4 tensor [N, H, W, C], got a bool tensor of shape [1,2,2,1] (float32 or int32)",
    );
    expect(() => gatherPositions(map, tf.tensor1d([0]) as never)).toThrow(
      "gatherPositions: argument 'positions' must be an array of flat indices h·W + w",
    );
  });
});
