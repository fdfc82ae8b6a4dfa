import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../../internal/convert.js';
import { mapElementwise, mapElementwise2, reduceToShape } from '../../internal/host-elementwise.js';

/** The derivative of a unary op as a tensor function of its input (differentiable when it is an op). */
export type UnaryDerivative = (x: tf.Tensor) => tf.Tensor;

/**
 * Runs a float64 scalar function elementwise on the host as a differentiable float32 op: converts `x`
 * (errors name `opName` and `argName`), maps it with `scalar`, and back-propagates dy ⊙ derivative(x).
 * Memory-neutral: intermediates are disposed; under a gradient tape only the saved input is kept (until
 * backprop).
 */
export function unaryHostOp(
  opName: string,
  argName: string,
  x: tf.Tensor | tf.TensorLike,
  scalar: (value: number) => number,
  derivative: UnaryDerivative,
): tf.Tensor {
  return tf.tidy(() => {
    const input = toFloatTensor(x, argName, opName);
    const op = tf.customGrad((t, save) => {
      const value = t as tf.Tensor;
      (save as tf.GradSaveFunc)([value]);
      return {
        value: mapElementwise(value, scalar),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, derivative(saved[0]!)),
      };
    });
    return op(input);
  });
}

/**
 * A derivative computed on the host by a float64 scalar function, as an op whose own gradient throws: a
 * gradient of the gradient fails loudly instead of coming out as a silent zero.
 */
export function terminalDerivative(opName: string, scalar: (value: number) => number): UnaryDerivative {
  return (x) => unaryHostOp(opName, 'x', x, scalar, () => notDifferentiable(opName));
}

function notDifferentiable(opName: string): never {
  throw new Error(`${opName}: second derivatives are not implemented`);
}

/** The float64 partial derivatives of a binary scalar function, both at (a, b). */
export interface BinaryPartials {
  readonly first: (a: number, b: number) => number;
  readonly second: (a: number, b: number) => number;
}

/**
 * Binary version of {@link unaryHostOp} with numpy broadcasting: the gradient of each argument is
 * dy ⊙ ∂f, summed back to that argument's shape.
 *
 * @throws Error naming `opName` and both arguments when the shapes do not broadcast.
 */
export function binaryHostOp(
  opName: string,
  argNames: readonly [string, string],
  a: tf.Tensor | tf.TensorLike,
  b: tf.Tensor | tf.TensorLike,
  scalar: (a: number, b: number) => number,
  partials: BinaryPartials,
): tf.Tensor {
  return tf.tidy(() => {
    const first = toFloatTensor(a, argNames[0], opName);
    const second = toFloatTensor(b, argNames[1], opName);
    try {
      tf.backend_util.assertAndGetBroadcastShape(first.shape, second.shape);
    } catch {
      throw new Error(
        `${opName}: shapes of '${argNames[0]}' [${first.shape.join(',')}] and '${argNames[1]}' ` +
          `[${second.shape.join(',')}] do not broadcast`,
      );
    }
    const op = tf.customGrad((s, t, save) => {
      const [u, v] = [s as tf.Tensor, t as tf.Tensor];
      (save as tf.GradSaveFunc)([u, v]);
      return {
        value: mapElementwise2(u, v, scalar, opName),
        gradFunc: (dy: tf.Tensor, [su, sv]: tf.Tensor[]) => [
          reduceToShape(tf.mul(dy, terminalPartial(opName, su!, sv!, partials.first)), su!.shape),
          reduceToShape(tf.mul(dy, terminalPartial(opName, su!, sv!, partials.second)), sv!.shape),
        ],
      };
    });
    return op(first, second);
  });
}

function terminalPartial(
  opName: string,
  a: tf.Tensor,
  b: tf.Tensor,
  partial: (a: number, b: number) => number,
): tf.Tensor {
  const op = tf.customGrad((u, v) => ({
    value: mapElementwise2(u as tf.Tensor, v as tf.Tensor, partial, opName),
    gradFunc: () => notDifferentiable(opName),
  }));
  return op(a, b);
}
