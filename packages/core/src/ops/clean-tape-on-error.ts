import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../validation/assert-args.js';

/** tfjs's gradient tape (`engine().state.activeTape`): the nodes of the ops recorded, with their saved tensors. */
type Tape = Array<{ readonly saved?: readonly tf.Tensor[] }>;

/**
 * Runs `fn` (which may run `tf.grads`/`tf.valueAndGrads`) and, when it throws, frees what a failed reverse pass
 * left on tfjs's gradient tape before rethrowing. tfjs keeps a clone of every tensor an op saves for its
 * backward pass (marked `kept`, so no `tf.tidy` frees it) and frees them only at the end of a successful
 * `engine.gradients`; when f throws inside the forward pass, or the tape does not connect x to f ("Cannot
 * compute gradient"), those clones leak (dozens of tensors per call). Only the tape nodes recorded during `fn`
 * are touched: at gradient depth 0 the tape `fn` started, inside an enclosing gradient the nodes appended to its
 * tape (which the enclosing gradient would otherwise keep). O(nodes recorded by fn) on the error path, O(1) else.
 * A workaround of the tfjs engine, so it lives in the engine layer for every package.
 *
 * @throws Error naming `cleanTapeOnError` when `fn` is not a function; whatever `fn` throws, after the cleanup.
 */
export function cleanTapeOnError<T>(fn: () => T): T {
  if (typeof fn !== 'function') {
    throw new Error(`cleanTapeOnError: argument 'fn' must be a function, got ${describeValue(fn)}`);
  }
  const state = tf.engine().state;
  const depth = state.gradientDepth;
  const tape = state.activeTape as unknown as Tape | null;
  const mark = depth > 0 && tape != null ? tape.length : 0;
  try {
    return fn();
  } catch (error) {
    const now = state.activeTape as unknown as Tape | null;
    const ours = depth > 0 ? now === tape : now !== tape;
    if (now != null && state.gradientDepth === depth && ours) {
      for (const node of now.splice(mark)) {
        for (const saved of node.saved ?? []) if (!saved.isDisposed) saved.dispose();
      }
    }
    throw error;
  }
}
