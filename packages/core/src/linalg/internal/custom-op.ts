import * as tf from '@tensorflow/tfjs-core';

/** What the forward function of {@link customOp} returns: the value and its gradient (tfjs's customGrad contract). */
export interface CustomOpResult {
  readonly value: tf.Tensor;
  /** Gradients with respect to each input, in order, given dy and the tensors saved by the forward pass. */
  readonly gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[];
}

/**
 * `tf.customGrad` with typed arguments: runs `forward` (which reads `inputs` from its closure and may save
 * tensors for the backward pass) and records `gradFunc` as the gradient of the result with respect to
 * `inputs`.
 *
 * Save inputs only, and recompute outputs from them in `gradFunc` with differentiable ops: tfjs records a
 * saved tensor as a clone taken before the op's own tape node, so a saved output is cut off from the inputs
 * and the gradient of a gradient through it comes out silently wrong.
 */
export function customOp(inputs: tf.Tensor[], forward: (save: tf.GradSaveFunc) => CustomOpResult): tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => forward(args[args.length - 1] as tf.GradSaveFunc))(
    ...inputs,
  );
}

/**
 * Marks `value`, computed from `input` outside tfjs's tape, as an output of `opName` that has no gradient:
 * a backward pass through it throws an error naming the op instead of silently returning nothing.
 */
export function notDifferentiable(opName: string, input: tf.Tensor, value: tf.Tensor): tf.Tensor {
  return customOp([input], () => ({
    value,
    gradFunc: () => {
      throw new Error(
        `${opName}: not differentiable; its gradient is not implemented (compute it outside the function passed to tf.grad)`,
      );
    },
  }));
}

/** Marks `value` as an output of an op whose gradient with respect to `input` is zero (a piecewise constant). */
export function zeroGradient(input: tf.Tensor, value: tf.Tensor): tf.Tensor {
  return customOp([input], () => ({ value, gradFunc: () => [tf.zeros(input.shape)] }));
}
