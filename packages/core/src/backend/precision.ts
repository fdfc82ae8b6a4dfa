import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './backend-name.js';

/**
 * How much looser than exact float32 kernels (the cpu reference) each backend's results are, as a factor on
 * test tolerances. The one place where tolerances depend on the backend: test helpers scale the tolerances a
 * test states for float32 arithmetic by this factor, so no test carries per-backend literals.
 *
 * - `cpu`, `wasm`: IEEE float32 kernels (XNNPACK keeps float32 accumulators), factor 1.
 * - `webgpu`: factor 1, measured: the core, tt, riemannian and mc-gradients suites on Dawn + lavapipe (Mesa
 *   25.0.7) pass every `expectClose`/`checkGradients` at their stated float32 tolerances, none needing more
 *   (largest gap between a shader and cpu seen: a few ulps, e.g. atan2 ≈ 1e-5 relative, matMul over 4096
 *   terms ≈ 5e-6). Real GPUs may use faster, less exact transcendental functions: measure there before
 *   trusting 1.
 * - `tensorflow`: native TensorFlow; CUDA builds may run matMul and conv in TF32 on Ampere and newer GPUs
 *   (10-bit mantissa), factor 10 until a GPU run measures it.
 */
export const BACKEND_TOLERANCE_FACTOR: Readonly<Record<BackendName, number>> = {
  cpu: 1,
  wasm: 1,
  webgpu: 1,
  tensorflow: 10,
};

/** The tolerance factor of the active backend ({@link BACKEND_TOLERANCE_FACTOR}); 1 for a backend not listed. */
export function activeToleranceFactor(): number {
  return (BACKEND_TOLERANCE_FACTOR as Readonly<Record<string, number>>)[tf.getBackend()] ?? 1;
}
