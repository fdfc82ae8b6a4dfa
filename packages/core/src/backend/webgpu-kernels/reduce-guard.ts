import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from '../wasm-kernels/spatial.js';
import { runOnCpu } from './cpu-fallback.js';

/** Largest input rank of tfjs-backend-webgpu 4.22's reduction shaders ("GPU for rank 7 is not yet supported"). */
const MAX_REDUCE_RANK = 6;

/**
 * Wraps a webgpu reduction kernel (`Sum`, `Max`, `Min`, `Prod`, `Mean`, `All`, `Any`; attrs `axis` (`Max`:
 * `reductionIndices`) and `keepDims`) so that inputs of rank 7 or more work: neighbouring axes that are both reduced or both kept are
 * merged (size-1 axes dropped) and the shader runs on that view; the result is reshaped to tfjs's output
 * shape. Should more than 6 axes remain (alternating reduced and kept axes), the cpu kernel runs. Ranks ≤ 6
 * run unchanged. O(1) extra kernels (reshapes).
 */
export function guardHighRankReduce(kernelName: string): (shipped: tf.KernelFunc) => tf.KernelFunc {
  const onCpu = runOnCpu(kernelName);
  return (shipped) => (args) => {
    const { x } = args.inputs as Record<'x', tf.TensorInfo>;
    if (x.shape.length <= MAX_REDUCE_RANK) return shipped(args);
    // `Max` names its axes `reductionIndices`, the others `axis`.
    const attrs = args.attrs as unknown as Record<'axis' | 'reductionIndices', number | number[]> & {
      keepDims: boolean;
    };
    const axisKey = attrs.reductionIndices !== undefined ? 'reductionIndices' : 'axis';
    const axes = tf.util.parseAxisParam(attrs[axisKey], x.shape);
    const merged = mergeReduceAxes(x.shape, axes);
    if (merged.shape.length > MAX_REDUCE_RANK) return onCpu(args);
    const [outShape] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes);
    const finalShape = attrs.keepDims ? tf.backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
    return tf.tidy(() => {
      const inputs = { x: tf.reshape(asTensor(x), merged.shape) };
      const mergedAttrs = { ...args.attrs, [axisKey]: merged.axes, keepDims: false };
      const result = shipped({ ...args, inputs, attrs: mergedAttrs }) as tf.TensorInfo;
      return tf.reshape(tf.engine().makeTensorFromTensorInfo(result), finalShape);
    });
  };
}

/**
 * The same reduction with fewer axes: drops size-1 axes and merges neighbouring axes that are both reduced
 * or both kept. Returns the merged shape and its reduced axes.
 */
export function mergeReduceAxes(
  shape: readonly number[],
  axes: readonly number[],
): { shape: number[]; axes: number[] } {
  const merged: Array<{ size: number; reduced: boolean }> = [];
  shape.forEach((size, axis) => {
    if (size === 1) return;
    const reduced = axes.includes(axis);
    const last = merged[merged.length - 1];
    if (last !== undefined && last.reduced === reduced) last.size *= size;
    else merged.push({ size, reduced });
  });
  return {
    shape: merged.map((m) => m.size),
    axes: merged.flatMap((m, i) => (m.reduced ? [i] : [])),
  };
}
