import * as tf from '@tensorflow/tfjs-core';

/** What a value is, for error messages: `null`, `a number`, `TensorTrainBatch`, ... */
export function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'an object';
  return `a ${typeof x}`;
}

/**
 * A value as error messages show what was passed: primitives as themselves (`-1`, `NaN`, `yes`), tensors by
 * dtype and shape (never their data: a disposed tensor cannot be printed), arrays as JSON, other objects and
 * functions by kind. Never throws.
 */
export function shown(x: unknown): string {
  if (x instanceof tf.Tensor) return x.isDisposed ? 'a disposed tensor' : `a ${x.dtype} tensor [${x.shape.join(',')}]`;
  if (typeof x === 'function') return 'a function';
  if (Array.isArray(x)) {
    try {
      return JSON.stringify(x) ?? 'an array';
    } catch {
      return 'an array';
    }
  }
  if (x !== null && typeof x === 'object') return describe(x);
  return String(x);
}
