import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '../internal/convert.js';
import { assertSeed, type Seed } from '../random/seed.js';

/**
 * How samples depend on the parameters: `full` (a differentiable transform of parameter-free noise, so
 * `tf.grad` flows through `sample`), `implicit` (differentiable through implicit reparameterization
 * gradients), `none` (no gradient through samples: use score-function or measure-valued estimators).
 */
export type Reparameterization = 'full' | 'implicit' | 'none';

/** Options shared by every distribution constructor. */
export interface DistributionOptions {
  /**
   * Check parameter values (positive scales, probabilities in [0, 1], ...) when the distribution is built;
   * default true. The check reads the parameters back to the host: turn it off in hot loops on GPU backends.
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
   */
  sample(sampleShape: readonly number[], seed: Seed): tf.Tensor {
    assertSeed(seed, `${this.name}.sample`);
    if (!Array.isArray(sampleShape) || !sampleShape.every((size) => Number.isInteger(size) && size >= 0)) {
      throw new Error(
        `${this.name}.sample: argument 'sampleShape' must be an array of non-negative integers, got ${JSON.stringify(sampleShape)}`,
      );
    }
    return tf.tidy(() => this.sampleN([...sampleShape, ...this.batchShape, ...this.eventShape], seed));
  }

  /** Log density (or log mass) of x; −∞ outside the support. */
  logProb(x: tf.Tensor | tf.TensorLike): tf.Tensor {
    return tf.tidy(() => this.logProbOf(this.checkValue(x, 'logProb')));
  }

  /** Density (or mass) of x: exp(logProb(x)). */
  prob(x: tf.Tensor | tf.TensorLike): tf.Tensor {
    return tf.tidy(() => tf.exp(this.logProb(x)));
  }

  /** Cumulative distribution function P(X ≤ x) of a univariate family. */
  cdf(x: tf.Tensor | tf.TensorLike): tf.Tensor {
    return tf.tidy(() => this.cdfOf(this.checkValue(x, 'cdf')));
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
