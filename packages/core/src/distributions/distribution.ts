import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { stopGradient } from '../ops/stop-gradient.js';
import { assertSeed, type Seed } from '../random/seed.js';
import { assertShape, MAX_ELEMENTS } from '../validation/assert-args.js';

/**
 * How samples depend on the parameters: `full` (a differentiable transform of parameter-free noise, so
 * `tf.grad` flows through `sample`), `implicit` (differentiable through implicit reparameterization
 * gradients), `none` (no gradient through samples: use score-function or measure-valued estimators).
 */
export type Reparameterization = 'full' | 'implicit' | 'none';

/** Options shared by every distribution constructor; an unknown key is an error naming the family. */
export interface DistributionOptions {
  /**
   * Check parameter values when the distribution is built (a boolean; default true): positive scales, rates and
   * concentrations, probabilities in [0, 1], no NaN, and no ±∞ where the family needs finite values (TFP's
   * `validate_args`). The check reads the parameters back to the host: turn it off in hot loops on GPU
   * backends. Unchecked invalid parameters give NaN or ±∞ results (never a hang or an exception).
   */
  readonly validateArgs?: boolean;
}

/**
 * A probability distribution over tensors (TensorFlow Probability's surface, batched).
 *
 * Shapes: parameters broadcast to `batchShape`; one draw is an event of `eventShape`.
 * `sample(sampleShape, seed)` returns [...sampleShape, ...batchShape, ...eventShape]; `logProb(x)` takes any x
 * whose shape ends in `eventShape` and broadcasts against [...batchShape, ...eventShape], and returns its shape
 * without the event axes. `mean`, `variance`, `stddev`, `mode` return [...batchShape, ...eventShape];
 * `entropy` returns `batchShape`. Methods that have no closed form for a family throw.
 *
 * Memory: parameters given as tensors are used as they are (the caller keeps owning them, so gradients
 * flow to them); parameters given as arrays or numbers are converted to tensors owned by the distribution,
 * freed by `dispose()` or by the enclosing `tf.tidy`. Every method returns new tensors and leaks nothing.
 *
 * Errors: constructors (and their factories) throw naming the family for a parameters argument that is not an
 * object, a missing or unknown parameter, non-numeric values (bool tensors included), invalid values (see
 * {@link DistributionOptions.validateArgs}), shapes that do not broadcast and bad options; methods throw naming
 * `<Family>.<method>`. A failing call frees the tensors it created.
 */
export abstract class Distribution<
  P extends Readonly<Record<string, tf.Tensor>> = Readonly<Record<string, tf.Tensor>>,
> {
  /**
   * The family's name: the key of the KL registry (and of other packages' registries, such as weak
   * derivatives), a string so that it survives two copies of this module. A subclass that does not set its
   * own belongs to its parent's family and uses its parent's registry entries.
   */
  static readonly family: string = 'Distribution';

  /** The family's name, for error messages: the class's static {@link Distribution.family}. */
  get name(): string {
    return (this.constructor as typeof Distribution).family;
  }

  abstract readonly reparameterization: Reparameterization;
  readonly batchShape: readonly number[];

  protected constructor(
    readonly params: P,
    readonly eventShape: readonly number[],
    batchShape: readonly number[],
    private readonly owned: readonly tf.Tensor[],
  ) {
    this.batchShape = batchShape;
  }

  /**
   * Draws samples of shape [...sampleShape, ...batchShape, ...eventShape] from the seed; the same seed gives
   * the same samples on every backend.
   *
   * @throws Error naming `<Family>.sample` for a bad seed, or a `sampleShape` that is not an array of
   *   non-negative integers or makes the samples hold more than 2³¹ − 1 elements.
   */
  sample(sampleShape: readonly number[], seed: Seed): tf.Tensor {
    const full = this.checkSampleArgs('sample', sampleShape, seed);
    return tf.tidy(() => this.sampleN(full, seed));
  }

  /**
   * Log density (or log mass) of x; −∞ outside the support (±∞ included), NaN where x is NaN.
   *
   * @throws Error naming `<Family>.logProb` for non-numeric x or a shape that does not fit the distribution.
   */
  logProb(x: tf.Tensor | tf.TensorLike): tf.Tensor {
    return tf.tidy(() => {
      const value = this.checkValue(x, 'logProb');
      return this.nanWhereNaN(value, this.logProbOf(value));
    });
  }

  /** Density (or mass) of x: exp(logProb(x)); 0 outside the support, NaN where x is NaN. */
  prob(x: tf.Tensor | tf.TensorLike): tf.Tensor {
    return tf.tidy(() => {
      const value = this.checkValue(x, 'prob');
      return tf.exp(this.nanWhereNaN(value, this.logProbOf(value)));
    });
  }

  /**
   * Cumulative distribution function P(X ≤ x) of a univariate family; 0 at −∞, 1 at +∞, NaN where x is NaN.
   *
   * @throws Error naming `<Family>.cdf` where the family has no closed form, or for bad x.
   */
  cdf(x: tf.Tensor | tf.TensorLike): tf.Tensor {
    return tf.tidy(() => {
      const value = this.checkValue(x, 'cdf');
      return this.nanWhereNaN(value, this.cdfOf(value));
    });
  }

  mean(): tf.Tensor {
    return tf.tidy(() => this.broadcastToBatch(this.meanOf()));
  }

  variance(): tf.Tensor {
    return tf.tidy(() => this.broadcastToBatch(this.varianceOf()));
  }

  stddev(): tf.Tensor {
    return tf.tidy(() => tf.sqrt(this.variance()));
  }

  /** The most likely value. */
  mode(): tf.Tensor {
    return tf.tidy(() => this.broadcastToBatch(this.modeOf()));
  }

  /** Differential (or Shannon) entropy in nats, shape `batchShape`. */
  entropy(): tf.Tensor {
    return tf.tidy(() => tf.broadcastTo(this.entropyOf(), [...this.batchShape]));
  }

  /** Frees the parameter tensors this distribution created (never those the caller passed in). */
  dispose(): void {
    tf.dispose([...this.owned]);
  }

  /**
   * The full shape [...sampleShape, ...batchShape, ...eventShape] of samples, after checking the arguments of a
   * sampling method (as {@link Distribution.sample} documents, naming `<Family>.<method>`).
   */
  protected checkSampleArgs(method: string, sampleShape: readonly number[], seed: Seed): number[] {
    const fn = `${this.name}.${method}`;
    assertSeed(seed, fn);
    const shape = assertShape(fn, 'sampleShape', sampleShape);
    const full = [...shape, ...this.batchShape, ...this.eventShape];
    const size = full.reduce((a, b) => a * b, 1);
    if (size > MAX_ELEMENTS) {
      throw new Error(
        `${fn}: argument 'sampleShape' [${shape.join(',')}] with batch and event shape ` +
          `[${[...this.batchShape, ...this.eventShape].join(',')}] makes ${size} samples, more than ${MAX_ELEMENTS}`,
      );
    }
    return full;
  }

  /** Samples of the full shape [...sampleShape, ...batchShape, ...eventShape]. */
  protected abstract sampleN(shape: number[], seed: Seed): tf.Tensor;
  /** Log density of a value already checked against the event shape. */
  protected abstract logProbOf(x: tf.Tensor): tf.Tensor;

  protected cdfOf(_x: tf.Tensor): tf.Tensor {
    return this.notDefined('cdf');
  }
  protected meanOf(): tf.Tensor {
    return this.notDefined('mean');
  }
  protected varianceOf(): tf.Tensor {
    return this.notDefined('variance');
  }
  protected modeOf(): tf.Tensor {
    return this.notDefined('mode');
  }
  protected entropyOf(): tf.Tensor {
    return this.notDefined('entropy');
  }

  protected notDefined(method: string): never {
    throw new Error(`${this.name}.${method}: not available in closed form for this distribution`);
  }

  /**
   * The result of a scalar-event family with NaN wherever x is NaN (a support mask alone would say −∞ or 0
   * there); families with event axes get NaN from their sums.
   */
  private nanWhereNaN(x: tf.Tensor, result: tf.Tensor): tf.Tensor {
    if (this.eventShape.length > 0) return result;
    const nan = tf.broadcastTo(tf.isNaN(stopGradient(x)), result.shape);
    return tf.where(nan, tf.fill(result.shape, Number.NaN), result);
  }

  private broadcastToBatch(value: tf.Tensor): tf.Tensor {
    return tf.broadcastTo(value, [...this.batchShape, ...this.eventShape]);
  }

  /** Converts x and checks that its shape ends in the event shape and broadcasts against the batch. */
  private checkValue(x: tf.Tensor | tf.TensorLike, method: string): tf.Tensor {
    const value = toFloatTensor(x, 'x', `${this.name}.${method}`);
    const full = [...this.batchShape, ...this.eventShape];
    const eventRank = this.eventShape.length;
    const trailing = value.shape.slice(value.rank - eventRank);
    const eventMatches = value.rank >= eventRank && trailing.every((size, i) => size === this.eventShape[i]);
    let broadcasts = true;
    try {
      tf.backend_util.assertAndGetBroadcastShape(value.shape, full);
    } catch {
      broadcasts = false;
    }
    if (!eventMatches || !broadcasts) {
      throw new Error(
        `${this.name}.${method}: argument 'x' of shape [${value.shape.join(',')}] must end in the event shape ` +
          `[${this.eventShape.join(',')}] and broadcast against [${full.join(',')}] (batch + event)`,
      );
    }
    return value;
  }
}
