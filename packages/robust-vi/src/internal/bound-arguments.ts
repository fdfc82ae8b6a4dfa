import { assertOptions } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertFloatTensor, assertOptionsObject, shown } from './validate.js';

/** Which estimate of log(α + p(x)) {@link robustBound} returns. */
export type BoundForm = 'jensen' | 'loose';

/** The checked arguments of the bound functions. */
export interface BoundArguments {
  /** Samples per object S. */
  readonly samples: number;
  /** Objects B. */
  readonly objects: number;
  /** Samples per importance group k (S % k === 0). */
  readonly k: number;
  /** log α: finite or −∞. */
  readonly logAlpha: number;
  readonly form: BoundForm;
}

const KEYS = ['logAlpha', 'k', 'form'];

/**
 * Checks the arguments shared by `robustBound` and `robustWeights`: `logJoint` and `logQ` float32 tensors of the
 * same shape [S, B] with S ≥ 1; options `logAlpha` a number that is finite or −∞, `k` an integer in [1, S]
 * dividing S (default S), `form` 'jensen' (default) or 'loose'; no other option key. Reads no tensor data. O(1).
 *
 * @throws Error naming `fn` and the argument or option at fault.
 */
export function boundArguments(fn: string, logJoint: unknown, logQ: unknown, options: unknown): BoundArguments {
  const joint = assertFloatTensor(fn, 'logJoint', logJoint, 2);
  const q = assertFloatTensor(fn, 'logQ', logQ, 2);
  if (q.shape[0] !== joint.shape[0] || q.shape[1] !== joint.shape[1]) {
    throw new Error(
      `${fn}: arguments 'logJoint' [${joint.shape.join(',')}] and 'logQ' [${q.shape.join(',')}] must have the same shape [S, B]`,
    );
  }
  const [samples, objects] = joint.shape as [number, number];
  if (samples < 1)
    throw new Error(`${fn}: argument 'logJoint' must hold at least one sample (S ≥ 1), got shape [0,${objects}]`);
  return { samples, objects, ...boundOptions(fn, samples, options) };
}

/**
 * Checks the options of the bound for S = `samples`: an object with `logAlpha` a number that is finite or −∞,
 * `k` an integer in [1, S] dividing S (default S), `form` 'jensen' (default) or 'loose', and no other key. O(1).
 *
 * @throws Error naming `fn` and the option at fault.
 */
export function boundOptions(
  fn: string,
  samples: number,
  options: unknown,
): Pick<BoundArguments, 'k' | 'logAlpha' | 'form'> {
  assertOptionsObject(fn, options);
  assertOptions(fn, options, KEYS);
  const { logAlpha, k = samples, form = 'jensen' } = options as Partial<Record<string, unknown>>;
  if (typeof logAlpha !== 'number' || Number.isNaN(logAlpha) || logAlpha === Number.POSITIVE_INFINITY) {
    throw new Error(
      `${fn}: option 'logAlpha' must be a finite number, or -Infinity for the plain ELBO/IWAE bound, got ${shown(logAlpha)}`,
    );
  }
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > samples || samples % k !== 0) {
    throw new Error(
      `${fn}: option 'k' must be an integer in [1, ${samples}] that divides the number of samples S = ${samples}, got ${shown(k)}`,
    );
  }
  if (form !== 'jensen' && form !== 'loose') {
    throw new Error(`${fn}: option 'form' must be 'jensen' or 'loose', got ${shown(form)}`);
  }
  return { k, logAlpha, form };
}

/** logJoint − logQ as [S/k, k, B]: group g holds samples g·k … g·k + k − 1 of every object. */
export function groupedLogWeights(logJoint: tf.Tensor, logQ: tf.Tensor, args: BoundArguments): tf.Tensor3D {
  return tf.reshape(tf.sub(logJoint, logQ), [args.samples / args.k, args.k, args.objects]);
}
