import * as tf from '@tensorflow/tfjs-core';

/**
 * Registers the gradient of every tfjs kernel that has none yet, so that `tf.grad` works; idempotent, and it
 * leaves gradients registered by others (tfjs-layers, the umbrella `@tensorflow/tfjs`, tfjs-node) in place.
 *
 * tfjs-core's Node (CommonJS) bundle registers no gradients (`tf.grad` fails with "gradient function not
 * found"), and its ES modules that do cannot be loaded by plain Node. The configs come from a copy of
 * tfjs-core's own gradient modules bundled into this package (scripts/bundle-tfjs-gradients.ts), loaded on the
 * first call: neither tfjs-layers nor any other package is needed. `initBackend` calls this.
 *
 * @returns the names of the kernels whose gradients this call registered.
 */
export async function registerAllGradients(): Promise<string[]> {
  const { GRADIENT_CONFIGS } = await import('./tfjs-gradients.generated.js');
  const added: string[] = [];
  for (const config of GRADIENT_CONFIGS) {
    if (tf.getGradient(config.kernelName) !== undefined) continue;
    tf.registerGradient(config);
    added.push(config.kernelName);
  }
  return added;
}
