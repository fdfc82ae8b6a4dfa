// Constructor and method arguments (issue 10): missing, unknown and non-finite parameters, bad options, batch
// shapes that do not broadcast in kl, and sample shapes too large to allocate. Each error names the family (or
// the method) and the argument, and frees what the call created.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../vitest/describe-backends.js';
import { bernoulli } from './bernoulli.js';
import { categorical } from './categorical.js';
import { exponential } from './exponential.js';
import { gamma } from './gamma.js';
import { familyChain, kl, registerKl } from './kl.js';
import { laplace } from './laplace.js';
import { logNormal } from './log-normal.js';
import { multivariateNormalDiag } from './multivariate-normal-diag.js';
import { Normal, normal } from './normal.js';
import { poisson } from './poisson.js';
import { uniform } from './uniform.js';
import { weibull } from './weibull.js';

const INF = Number.POSITIVE_INFINITY;

/** Tensors made before the calls (a call must free what it creates, not what it is given). */
let scalar: tf.Tensor;
let mask: tf.Tensor;

/** Asserts that `build` throws `message` and leaves no tensor behind. */
function expectError(build: () => unknown, message: string | RegExp): void {
  const before = tf.memory().numTensors;
  expect(build).toThrow(message);
  expect(tf.memory().numTensors).toBe(before);
}

describeBackends(
  'distribution arguments',
  () => {
    beforeAll(() => {
      scalar = tf.scalar(1);
      mask = tf.tensor1d([1, 0], 'bool');
    });

    it.each([
      [() => normal({ loc: 0 } as never), "Normal: parameter 'scale' is missing; pass loc and scale"],
      [() => normal({ loc: 0, scale: undefined } as never), "Normal: parameter 'scale' is missing"],
      [() => gamma({ rate: 1 } as never), "Gamma: parameter 'concentration' is missing; pass concentration and rate"],
      [
        () => normal({ loc: 0, scale: 1, mean: 2 } as never),
        "Normal: unknown parameter 'mean'; valid parameters: loc, scale",
      ],
      [
        () => exponential({ rate: 1, scale: 2 } as never),
        "Exponential: unknown parameter 'scale'; valid parameters: rate",
      ],
      [
        () => bernoulli({ probs: 0.5, prob: 0.5 } as never),
        "Bernoulli: unknown parameter 'prob'; valid parameters: logits, probs",
      ],
      [() => categorical({} as never), "Categorical: pass exactly one of 'logits' or 'probs'"],
      [
        () => normal([2] as never),
        "Normal: argument 'params' must be an object with the parameters loc, scale, got [2]",
      ],
      [
        () => poisson(undefined as never),
        "Poisson: argument 'params' must be an object with the parameters rate, got undefined",
      ],
      [() => uniform(scalar as never), "Uniform: argument 'params' must be an object with the parameters low, high"],
      [
        () => normal({ loc: [[1, 2], [3]], scale: 1 } as never),
        "Normal: parameter 'loc' must be a number, array or tensor",
      ],
      [
        () => normal({ loc: true, scale: 1 } as never),
        "Normal: parameter 'loc' must be a number, array or tensor, got true",
      ],
      [
        () => normal({ loc: mask, scale: 1 }),
        "Normal: parameter 'loc' must be numeric (float32 or int32), got dtype bool",
      ],
    ])('%#: missing, unknown and non-numeric parameters: %s', (build, message) => expectError(build, message));

    it.each([
      [() => poisson({ rate: INF }), "Poisson: parameter 'rate' must be finite, got Infinity"],
      [() => normal({ loc: 0, scale: INF }), "Normal: parameter 'scale' must be finite, got Infinity"],
      [
        () => logNormal({ loc: 0, scale: [1, INF] }),
        "LogNormal: parameter 'scale' must be finite, got Infinity at [1]",
      ],
      [() => laplace({ loc: 0, scale: INF }), "Laplace: parameter 'scale' must be finite, got Infinity"],
      [() => exponential({ rate: INF }), "Exponential: parameter 'rate' must be finite, got Infinity"],
      [() => gamma({ concentration: INF, rate: 1 }), "Gamma: parameter 'concentration' must be finite, got Infinity"],
      [() => gamma({ concentration: 1, rate: INF }), "Gamma: parameter 'rate' must be finite, got Infinity"],
      [() => weibull({ concentration: 1, scale: INF }), "Weibull: parameter 'scale' must be finite, got Infinity"],
      [
        () => multivariateNormalDiag({ loc: [0, 0], scaleDiag: [1, INF] }),
        "MultivariateNormalDiag: parameter 'scaleDiag' must be finite, got Infinity at [1]",
      ],
      [() => uniform({ low: 0, high: INF }), "Uniform: parameter 'high' must be finite, got Infinity"],
      [
        () =>
          categorical({
            logits: [
              [0, 1],
              [-INF, -INF],
            ],
          }),
        "Categorical: parameter 'logits' must be above −Infinity for at least one class of each row, got -Infinity at [1]",
      ],
    ])('%#: non-finite parameters where the family needs finite ones: %s', (build, message) =>
      expectError(build, message),
    );

    it('accepts them with validateArgs: false (no readback), and rejects bad options', () => {
      expect(() => poisson({ rate: INF }, { validateArgs: false }).dispose()).not.toThrow();
      expectError(
        () => normal({ loc: 0, scale: 1 }, { validate: false } as never),
        "Normal: unknown option 'validate'; valid options: validateArgs",
      );
      expectError(
        () => normal({ loc: 0, scale: 1 }, { validateargs: false } as never),
        "Normal: unknown option 'validateargs' (did you mean 'validateArgs'?)",
      );
      expectError(
        () => gamma({ concentration: 1, rate: 1 }, { validateArgs: 'no' } as never),
        "Gamma: option 'validateArgs' must be a boolean, got the string 'no'",
      );
      expectError(() => bernoulli({ probs: 0.5 }, null as never), "Bernoulli: argument 'options' must be an object");
    });

    it('kl names both batch shapes when they do not broadcast, and rejects non-distributions', () => {
      const [p, q] = [normal({ loc: [0, 0], scale: 1 }), normal({ loc: [0, 0, 0], scale: 1 })];
      expectError(() => kl(p, q), 'kl: batch shapes do not broadcast: Normal [2] (p) and Normal [3] (q)');
      expectError(() => kl('3' as never, q), "kl: argument 'p' must be a Distribution, got the string '3'");
      expectError(() => kl(p, undefined as never), "kl: argument 'q' must be a Distribution, got undefined");
      expect(() => familyChain({} as never)).toThrow("familyChain: argument 'distribution' must be a Distribution");
      expect(() => registerKl(Normal, Normal, 'f' as never)).toThrow(
        "registerKl: argument 'fn' must be a function (p, q) => tensor, got the string 'f'",
      );
    });

    it('sample rejects shapes with more samples than a tensor holds, before allocating', () => {
      const d = normal({ loc: [0, 1], scale: 1 });
      expectError(
        () => d.sample([2 ** 31, 2], 1),
        "Normal.sample: argument 'sampleShape' [2147483648,2] describes 4294967296 elements, more than the 2147483647",
      );
      expectError(
        () => d.sample([2 ** 30], 1),
        "Normal.sample: argument 'sampleShape' [1073741824] with batch and event shape [2] makes 2147483648 samples",
      );
      expectError(
        () => d.sample([2, -2], 1),
        "Normal.sample: argument 'sampleShape' must be an array of non-negative integers, got [2,-2]",
      );
      expectError(() => d.logProb(['a'] as never), "Normal.logProb: argument 'x' must be numeric");
      expectError(() => d.prob(mask), "Normal.prob: argument 'x' must be numeric, got dtype bool");
    });
  },
  { backends: ['cpu'] },
);
