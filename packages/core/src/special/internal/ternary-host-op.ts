import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../../internal/convert.js';
import { reduceToShape } from '../../internal/host-elementwise.js';

/** A float64 function of three numbers: the value of a ternary op or one of its partial derivatives. */
export type TernaryScalar = (a: number, b: number, c: number) => number;

/**
 * Ternary version of `binaryHostOp` (./host-op.ts) with numpy broadcasting of the three arguments: runs
 * `scalar` in float64 per element on the host, uploads float32, and back-propagates dy ⊙ ∂f/∂argᵢ (each
 * partial a float64 host function too), summed back to each argument's shape. Second derivatives throw.
 * Memory-neutral: intermediates are disposed; under a gradient tape only the saved inputs are kept.
 * Cost: one readback per argument and one upload; the gradient one evaluation of each partial per element.
 *
 * @throws Error naming `opName` and the three arguments when the shapes do not broadcast.
 */
export function ternaryHostOp(
  opName: string,
  argNames: readonly [string, string, string],
  args: readonly [tf.Tensor | tf.TensorLike, tf.Tensor | tf.TensorLike, tf.Tensor | tf.TensorLike],
  scalar: TernaryScalar,
  partials: readonly [TernaryScalar, TernaryScalar, TernaryScalar],
): tf.Tensor {
  return tf.tidy(() => {
    const inputs = args.map((arg, i) => toFloatTensor(arg, argNames[i]!, opName));
    const shape = broadcastShape(opName, argNames, inputs);
    const op = tf.customGrad((u, v, w, save) => {
      const saved = [u, v, w] as tf.Tensor[];
      (save as tf.GradSaveFunc)(saved);
      return {
        value: mapElementwise3(saved, shape, scalar),
        gradFunc: (dy: tf.Tensor, [su, sv, sw]: tf.Tensor[]) =>
          partials.map((partial, i) => {
            const derivative = terminalPartial(opName, [su!, sv!, sw!], shape, partial);
            return reduceToShape(tf.mul(dy, derivative), [su!, sv!, sw!][i]!.shape);
          }),
      };
    });
    return op(inputs[0]!, inputs[1]!, inputs[2]!);
  });
}

function broadcastShape(opName: string, argNames: readonly string[], inputs: readonly tf.Tensor[]): number[] {
  try {
    return inputs.reduce<number[]>((shape, t) => tf.backend_util.assertAndGetBroadcastShape(shape, t.shape), []);
  } catch {
    const described = inputs.map((t, i) => `'${argNames[i]}' [${t.shape.join(',')}]`);
    throw new Error(`${opName}: shapes of ${described[0]}, ${described[1]} and ${described[2]} do not broadcast`);
  }
}

/** fn applied per element of the three tensors broadcast to `shape`, as float32. */
function mapElementwise3(inputs: readonly tf.Tensor[], shape: number[], fn: TernaryScalar): tf.Tensor {
  return tf.tidy(() => {
    const [x, y, z] = inputs.map((t) => tf.broadcastTo(t, shape).dataSync());
    const out = new Float32Array(x!.length);
    for (let i = 0; i < out.length; i++) out[i] = fn(x![i]!, y![i]!, z![i]!);
    return tf.tensor(out, shape, 'float32');
  });
}

function terminalPartial(opName: string, inputs: tf.Tensor[], shape: number[], partial: TernaryScalar): tf.Tensor {
  const op = tf.customGrad((u, v, w) => ({
    value: mapElementwise3([u, v, w] as tf.Tensor[], shape, partial),
    gradFunc: () => {
      throw new Error(`${opName}: second derivatives are not implemented`);
    },
  }));
  return op(inputs[0]!, inputs[1]!, inputs[2]!);
}
