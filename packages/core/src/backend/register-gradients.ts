import * as tf from '@tensorflow/tfjs-core';
import { importOptional } from './optional-import.js';

/** A kernel whose gradient every tfjs gradient bundle registers; used to tell whether one has loaded. */
const PROBE_KERNEL = 'RealDiv';
/** tfjs-core's ES module that registers all gradients; it loads only through a bundler, never in plain Node. */
const BUNDLER_GRADIENTS = '@tensorflow/tfjs-core/dist/register_all_gradients';

/**
 * Registers the gradients of every tfjs kernel, once per process.
 *
 * The Node (CommonJS) bundle of `@tensorflow/tfjs-core` registers none, so `tf.grad` fails with
 * "gradient function not found". Loading `@tensorflow/tfjs-layers` registers the full set into the global
 * registry; in bundlers, tfjs-core's own `register_all_gradients` module does the same.
 *
 * @throws Error naming the package to install when no gradient bundle can be loaded.
 */
export async function registerAllGradients(): Promise<void> {
  if (tf.getGradient(PROBE_KERNEL) !== undefined) return;
  await importOptional('@tensorflow/tfjs-layers');
  if (tf.getGradient(PROBE_KERNEL) !== undefined) return;
  await import(/* @vite-ignore */ BUNDLER_GRADIENTS).catch(() => undefined);
  if (tf.getGradient(PROBE_KERNEL) !== undefined) return;
  throw new Error(
    'initBackend: cannot register tfjs gradients: install @tensorflow/tfjs-layers (same version as @tensorflow/tfjs-core)',
  );
}
