import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './backend-name.js';

/**
 * How much looser than exact float32 kernels (the cpu reference) each backend's results are, as a factor on
 * test tolerances. The one place where tolerances depend on the backend: test helpers scale the tolerances a
 * test states for float32 arithmetic by this factor, so no test carries per-backend literals.
 *
 * - `cpu`, `wasm`: IEEE float32 kernels (XNNPACK keeps float32 accumulators), factor 1.
 * - `webgpu`: float32 shaders with other summation orders and approximate transcendental functions
 *   (max |gpu − cpu| ≈ 1e-5 relative on a 1024² matMul on lavapipe), factor 10.
 * - `tensorflow`: native TensorFlow; CUDA builds may run matMul and conv in TF32 on Ampere and newer GPUs
 *   (10-bit mantissa), factor 10 until a GPU run measures it.
 */
export const BACKEND_TOLERANCE_FACTOR: Readonly<Record<BackendName, number>> = {
  cpu: 1,
  wasm: 1,
  webgpu: 10,
  tensorflow: 10,
};

/** The tolerance factor of the active backend ({@link BACKEND_TOLERANCE_FACTOR}); 1 for a backend not listed. */
export function activeToleranceFactor(): number {
  return (BACKEND_TOLERANCE_FACTOR as Readonly<Record<string, number>>)[tf.getBackend()] ?? 1;
}
