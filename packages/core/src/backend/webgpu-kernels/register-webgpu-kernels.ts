import * as tf from '@tensorflow/tfjs-core';
import { depthwiseConv2dBackpropFilterKernel } from '../wasm-kernels/depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropInputKernel } from '../wasm-kernels/depthwise-conv2d-backprop-input.js';
import { guardHighRankBinary } from '../wasm-kernels/high-rank-binary-guard.js';
import { unsortedSegmentSumKernel } from '../wasm-kernels/unsorted-segment-sum.js';
import { guardAddN } from './add-n-guard.js';
import { guardArgReduceShape } from './arg-reduce-shape-guard.js';
import { runOnCpu } from './cpu-fallback.js';
import { guardDilatedDepthwise } from './dilated-depthwise-guard.js';
import { guardHighRankPad } from './pad-guard.js';
import { guardHighRankSelect, guardHighRankUnary } from './rank-guards.js';
import { guardHighRankReduce } from './reduce-guard.js';
import { guardSplitKTransposeB } from './split-k-guard.js';
import { enableSyncRead } from './sync-read.js';
import { guardHighRankTranspose } from './transpose-guard.js';

/** Marks kernels registered by this package, so that a second registration (another copy of the module) is a no-op. */
const OWNER = Symbol.for('@proj/core/webgpu-kernel');

/**
 * The kernels this package replaces in tfjs-backend-webgpu 4.22, which ships them wrong:
 * - `MaxPoolGrad` routes the gradient to the last of tied maxima and into windows of −∞ (cpu: the first
 *   maximum, none for −∞): runs the cpu kernel ({@link runOnCpu});
 * - `UnsortedSegmentSum` keeps ids outside [0, numSegments), adds int32 data as float bits and gets the
 *   shape wrong for ids of rank ≥ 2: the scatterND composition of the wasm completion.
 */
export const WEBGPU_KERNEL_COMPLETIONS: Readonly<Record<string, tf.KernelFunc>> = {
  MaxPoolGrad: runOnCpu('MaxPoolGrad'),
  UnsortedSegmentSum: unsortedSegmentSumKernel,
};

/** Binary elementwise kernels with inputs `a` and `b`, whose shaders handle outputs of rank ≤ 6 only. */
const BINARY_KERNELS = [
  'Add',
  'Sub',
  'Multiply',
  'RealDiv',
  'SquaredDifference',
  'Maximum',
  'Minimum',
  'Pow',
  'FloorDiv',
  'Mod',
  'Atan2',
  'Equal',
  'NotEqual',
  'Greater',
  'GreaterEqual',
  'Less',
  'LessEqual',
  'LogicalAnd',
  'LogicalOr',
] as const;

/** Unary elementwise kernels (input `x`, output of its shape), whose shaders handle rank ≤ 6 only. */
const UNARY_KERNELS = [
  'Abs',
  'Acos',
  'Acosh',
  'Asin',
  'Asinh',
  'Atan',
  'Atanh',
  'Cast',
  'Ceil',
  'ClipByValue',
  'Cos',
  'Cosh',
  'Elu',
  'Erf',
  'Exp',
  'Expm1',
  'Floor',
  'IsFinite',
  'IsInf',
  'IsNan',
  'LeakyRelu',
  'Log',
  'Log1p',
  'LogicalNot',
  'Neg',
  'Reciprocal',
  'Relu',
  'Relu6',
  'Round',
  'Rsqrt',
  'Selu',
  'Sigmoid',
  'Sign',
  'Sin',
  'Sinh',
  'Softplus',
  'Sqrt',
  'Square',
  'Step',
  'Tan',
  'Tanh',
] as const;

/** Reductions (input `x`, attrs `axis` or `reductionIndices`, and `keepDims`), whose shaders handle inputs of rank ≤ 6 only. */
const REDUCE_KERNELS = ['Sum', 'Max', 'Min', 'Prod', 'Mean', 'All', 'Any'] as const;

/**
 * Shipped webgpu kernels that are wrapped rather than replaced (each wrapper calls the shipped kernel where it
 * is right):
 * - elementwise ops, `Select`, reductions, `Transpose`: the shaders throw "GPU for rank 7 is not yet
 *   supported" / "Where for rank 5 …"; axes are merged (binary ops as for wasm; reductions by reduced/kept runs;
 *   transposes by axes that stay neighbours) or flattened;
 * - `PadV2` of rank ≥ 5: the shader is invalid WGSL and leaves the output unwritten (garbage);
 * - `BatchMatMul`/`_FusedMatMul` with `transposeB` on the split-K shader: wrong results;
 * - `AddN` of more than 7 tensors: the pipeline exceeds the storage-buffer limit, output unwritten (garbage);
 * - `ArgMax`/`ArgMin` of a vector: shape [1] instead of [];
 * - the depthwise gradients: dilations ignored (dilated calls go to the wasm composition).
 */
export const WEBGPU_KERNEL_GUARDS: Readonly<Record<string, (shipped: tf.KernelFunc) => tf.KernelFunc>> = {
  ...Object.fromEntries(BINARY_KERNELS.map((name) => [name, guardHighRankBinary])),
  ...Object.fromEntries(UNARY_KERNELS.map((name) => [name, guardHighRankUnary])),
  Select: guardHighRankSelect,
  PadV2: guardHighRankPad,
  Transpose: guardHighRankTranspose,
  ...Object.fromEntries(REDUCE_KERNELS.map((name) => [name, guardHighRankReduce(name)])),
  BatchMatMul: guardSplitKTransposeB,
  _FusedMatMul: guardSplitKTransposeB,
  AddN: guardAddN,
  ArgMax: guardArgReduceShape,
  ArgMin: guardArgReduceShape,
  DepthwiseConv2dNativeBackpropFilter: guardDilatedDepthwise(depthwiseConv2dBackpropFilterKernel),
  DepthwiseConv2dNativeBackpropInput: guardDilatedDepthwise(depthwiseConv2dBackpropInputKernel),
};

/**
 * Completes the `webgpu` backend of tfjs-backend-webgpu 4.22: registers {@link WEBGPU_KERNEL_COMPLETIONS},
 * wraps the kernels of {@link WEBGPU_KERNEL_GUARDS} and, in Node, makes `dataSync()` work on GPU-resident
 * tensors ({@link enableSyncRead}; tfjs reads them synchronously through `OffscreenCanvas`, which Node
 * lacks). Idempotent; {@link initBackend} calls it once webgpu is active. Each kernel matches the cpu backend
 * (see the kernel conformance tests).
 *
 * Still missing on webgpu after this (calls throw): BitwiseAnd, NonMaxSuppressionV4, Unique and the Ragged,
 * Sparse and String kernels; see the package README.
 *
 * @returns the names of the completed and guarded kernels, plus `readSync` when the synchronous read was
 *   installed.
 */
export function registerWebgpuKernels(): string[] {
  for (const [kernelName, kernelFunc] of Object.entries(WEBGPU_KERNEL_COMPLETIONS)) {
    const existing = tf.getKernel(kernelName, 'webgpu') as (tf.KernelConfig & { [OWNER]?: true }) | undefined;
    if (existing?.[OWNER]) continue;
    if (existing !== undefined) tf.unregisterKernel(kernelName, 'webgpu');
    tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc, [OWNER]: true } as tf.KernelConfig);
  }
  for (const [kernelName, guard] of Object.entries(WEBGPU_KERNEL_GUARDS)) {
    const shipped = tf.getKernel(kernelName, 'webgpu') as (tf.KernelConfig & { [OWNER]?: true }) | undefined;
    if (shipped === undefined || shipped[OWNER]) continue;
    tf.unregisterKernel(kernelName, 'webgpu');
    tf.registerKernel({ ...shipped, kernelFunc: guard(shipped.kernelFunc), [OWNER]: true } as tf.KernelConfig);
  }
  const backend = tf.findBackend('webgpu');
  const syncRead = backend !== null && enableSyncRead(backend);
  return [
    ...Object.keys(WEBGPU_KERNEL_COMPLETIONS),
    ...Object.keys(WEBGPU_KERNEL_GUARDS),
    ...(syncRead ? ['readSync'] : []),
  ];
}
