import * as tf from '@tensorflow/tfjs-core';

/**
 * Turns off the notice tfjs-backend-cpu prints once per process in Node ("Hi, looks like you are running
 * TensorFlow.js in Node.js. To speed things up dramatically, install our node backend…"): users of these
 * packages pick their backend through `initBackend`, which already prefers the fastest one installed.
 *
 * The narrowest lever: tfjs-backend-cpu 4.22 prints it from `MathBackendCPU.write` while the instance's
 * `firstUse` flag is true (`backend_cpu.js`), so this clears the flag on the cpu backend instance (creating
 * the instance when the cpu backend is registered but not yet used; that allocates nothing). tfjs's global
 * switches would be broader: `IS_TEST` and `PROD` silence every tfjs warning and change other behaviour.
 * No-op when the cpu backend is not registered or a later version has no such flag. O(1).
 */
export function silenceCpuNotice(): void {
  if (tf.findBackendFactory('cpu') == null) return;
  const cpu = tf.findBackend('cpu') as (tf.KernelBackend & { firstUse?: unknown }) | null;
  if (cpu !== null && typeof cpu.firstUse === 'boolean') cpu.firstUse = false;
}
