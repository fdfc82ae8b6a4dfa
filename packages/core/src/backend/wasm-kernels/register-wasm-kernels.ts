import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputKernel } from './conv2d-backprop-input.js';
import { depthwiseConv2dBackpropFilterKernel } from './depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dBackpropInputKernel } from './depthwise-conv2d-backprop-input.js';
import { guardGatherRows } from './gather-rows.js';
import { guardHighRankBinary } from './high-rank-binary-guard.js';
import { identityKernel } from './identity.js';
import { guardTransposes } from './mat-mul-transposes.js';
import { guardWeightReuse } from './mat-mul-weights-guard.js';
import { maxPoolGradKernel } from './max-pool-grad.js';
import { unsortedSegmentSumKernel } from './unsorted-segment-sum.js';

/** Marks kernels registered by this package, so that a second registration (another copy of the module) is a no-op. */
const OWNER = Symbol.for('@proj/core/wasm-kernel');

/**
 * The kernels this package adds to the wasm backend: the ones training needs and tfjs-backend-wasm 4.22
 * lacks, plus three it ships and that are replaced: `MaxPoolGrad`, shipped with a bug, `Conv2DBackpropInput`,
 * shipped as a direct loop about 6x slower than the forward conv it becomes here, and `Identity`, shipped as a
 * copy (zero-copy here, as on cpu).
 */
export const WASM_KERNEL_COMPLETIONS: Readonly<Record<string, tf.KernelFunc>> = {
  Conv2DBackpropFilter: conv2dBackpropFilterKernel,
  Conv2DBackpropInput: conv2dBackpropInputKernel,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dBackpropFilterKernel,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2dBackpropInputKernel,
  Identity: identityKernel,
  UnsortedSegmentSum: unsortedSegmentSumKernel,
  MaxPoolGrad: maxPoolGradKernel,
};

/**
 * Shipped wasm kernels that are wrapped rather than replaced: the matMuls, whose operator cache ignores the
 * shape of reused weights ({@link guardWeightReuse}) and which run transposed operands 10-20x slower than
 * transposing first, and give wrong fused results with them ({@link guardTransposes}), `GatherV2`, whose row
 * gathers are 18x slower than `GatherNd`'s ({@link guardGatherRows}), and the XNNPACK elementwise binary ops, which return
 * garbage for outputs of rank 7 or more ({@link guardHighRankBinary}).
 */
export const WASM_KERNEL_GUARDS: Readonly<Record<string, (shipped: tf.KernelFunc) => tf.KernelFunc>> = {
  BatchMatMul: (shipped) => guardTransposes(guardWeightReuse(shipped)),
  _FusedMatMul: (shipped) => guardTransposes(guardWeightReuse(shipped)),
  GatherV2: guardGatherRows,
  Add: guardHighRankBinary,
  Sub: guardHighRankBinary,
  Multiply: guardHighRankBinary,
  RealDiv: guardHighRankBinary,
  SquaredDifference: guardHighRankBinary,
};

/**
 * Registers {@link WASM_KERNEL_COMPLETIONS} for the `wasm` backend, so that conv nets (conv2d and
 * depthwise filter gradients, max-pool gradient) and embeddings (gather gradient) train there, and wraps the
 * kernels in {@link WASM_KERNEL_GUARDS}: matMuls with reshaped weights or transposed operands, row gathers, and
 * elementwise ops of rank ≥ 7.
 * Idempotent; {@link initBackend} calls it. Each kernel is composed of ops wasm has (`MaxPoolGrad`: one pass
 * in JS over the wasm heap) and matches the cpu backend to float32 accuracy.
 *
 * Still missing on wasm after this (calls throw): Einsum, FFT/IFFT and complex numbers, and the Ragged,
 * String and Draw kernels; see the package README.
 *
 * @returns the names of the completed and guarded kernels.
 */
export function registerWasmKernels(): string[] {
  for (const [kernelName, kernelFunc] of Object.entries(WASM_KERNEL_COMPLETIONS)) {
    const existing = tf.getKernel(kernelName, 'wasm') as (tf.KernelConfig & { [OWNER]?: true }) | undefined;
    if (existing?.[OWNER]) continue;
    if (existing !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc, [OWNER]: true } as tf.KernelConfig);
  }
  for (const [kernelName, guard] of Object.entries(WASM_KERNEL_GUARDS)) {
    const shipped = tf.getKernel(kernelName, 'wasm') as (tf.KernelConfig & { [OWNER]?: true }) | undefined;
    if (shipped === undefined || shipped[OWNER]) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ ...shipped, kernelFunc: guard(shipped.kernelFunc), [OWNER]: true } as tf.KernelConfig);
  }
  return [...Object.keys(WASM_KERNEL_COMPLETIONS), ...Object.keys(WASM_KERNEL_GUARDS)];
}
