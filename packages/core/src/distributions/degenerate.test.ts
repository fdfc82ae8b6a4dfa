// Zero-probability classes, certain outcomes and infinite or NaN values (issue 10): no 0·∞ = NaN anywhere.
// Expected values are closed forms computed here in float64.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { bernoulli } from './bernoulli.js';
import { categorical } from './categorical.js';
import type { Distribution } from './distribution.js';
import { exponential } from './exponential.js';
import { gamma } from './gamma.js';
import { kl } from './kl.js';
import { laplace } from './laplace.js';
import { logNormal } from './log-normal.js';
import { multivariateNormalDiag } from './multivariate-normal-diag.js';
import { normal } from './normal.js';
import { poisson } from './poisson.js';
import { uniform } from './uniform.js';
import { weibull } from './weibull.js';

const { log, exp } = Math;
const INF = Number.POSITIVE_INFINITY;
const NAN = Number.NaN;
const log1pE = log(1 + Math.E);
/** Every element of a gradient is a number (possibly ±∞ where the true derivative is), none NaN. */
const noNaN = (t: tf.Tensor) => expect(Array.from(t.dataSync()).filter(Number.isNaN)).toEqual([]);

describeBackends('distributions at degenerate values', () => {
  describe('Categorical with an impossible class', () => {
    it('logProb gathers log-probabilities: a zero class is −∞ and the others keep their values (was NaN)', () => {
      expectClose(categorical({ probs: [0.6, 0, 0.4] }).logProb([0, 1, 2]), [log(0.6), -INF, log(0.4)], {
        rtol: 1e-6,
      });
      // logits [0, −∞, 1]: p = [1, 0, e]/(1 + e).
      expectClose(categorical({ logits: [0, -INF, 1] }).logProb([0, 1, 2]), [-log1pE, -INF, 1 - log1pE], {
        rtol: 1e-6,
      });
      // A batch: the row without a zero class is unaffected, x broadcasts against the batch [2].
      const batch = categorical({
        probs: [
          [0.6, 0, 0.4],
          [0.2, 0.3, 0.5],
        ],
      });
      expectClose(
        batch.logProb([
          [0, 0],
          [1, 1],
          [2, 2],
        ]),
        [
          [log(0.6), log(0.2)],
          [-INF, log(0.3)],
          [log(0.4), log(0.5)],
        ],
        { rtol: 1e-6 },
      );
      expectClose(batch.logProb(1), [-INF, log(0.3)], { rtol: 1e-6 });
      expectClose(batch.logProb([3, 0.5]), [-INF, -INF]);
    });

    it('has finite gradients in the possible logits: ∂ log p(k)/∂l = onehot(k) − softmax(l)', () => {
      const logits = tf.tensor1d([0, -INF, 1]);
      const p = [1 / (1 + Math.E), 0, Math.E / (1 + Math.E)];
      const gradient = tf.grad((l) => tf.sum(categorical({ logits: l }).logProb(0)))(logits);
      expectClose(gradient, [1 - p[0]!, 0, -p[2]!], { rtol: 1e-5 });
      noNaN(tf.grad((l) => tf.sum(categorical({ logits: l }).entropy()))(logits));
    });

    it('entropy and KL count 0·log 0 as 0, and KL is +∞ where q has no mass but p has', () => {
      const [p, q, r] = [
        [0.6, 0, 0.4],
        [0.5, 0.25, 0.25],
        [0.3, 0, 0.7],
      ];
      expectClose(categorical({ probs: p }).entropy(), -(0.6 * log(0.6) + 0.4 * log(0.4)), { rtol: 1e-6 });
      const cat = (probs: number[]) => categorical({ probs });
      expectClose(kl(cat(p), cat(q)), 0.6 * log(0.6 / 0.5) + 0.4 * log(0.4 / 0.25), { rtol: 1e-5 });
      expectClose(kl(cat(p), cat(r)), 0.6 * log(0.6 / 0.3) + 0.4 * log(0.4 / 0.7), { rtol: 1e-5 });
      expectClose(kl(cat(q), cat(p)), INF);
      expect(() => kl(cat(p), cat([0.5, 0.5]))).toThrow('kl: Categorical distributions over 3 and 2 classes');
    });
  });

  describe('Bernoulli with probs 0 and 1 (logits ∓∞)', () => {
    const probs = [0, 1, 0.3];
    const h = -(0.3 * log(0.3) + 0.7 * log(0.7));

    it('gives the exact log-probabilities, moments, cdf and entropy', () => {
      const d = bernoulli({ probs });
      expectClose(d.logProb(1), [-INF, 0, log(0.3)], { rtol: 1e-6 });
      expectClose(d.logProb(0), [0, -INF, log(0.7)], { rtol: 1e-6 });
      expectClose(d.prob([0, 1, 1]), [1, 1, 0.3], { rtol: 1e-6 });
      expectClose(d.mean(), probs, { rtol: 1e-6 });
      expectClose(d.variance(), [0, 0, 0.21], { rtol: 1e-6 });
      expectClose(d.cdf(0), [1, 0, 0.7], { rtol: 1e-6 });
      expectClose(d.entropy(), [0, 0, h], { rtol: 1e-6 });
      expectClose(d.mode(), [0, 1, 0]);
      expectClose(bernoulli({ logits: [-INF, INF] }).logProb([0, 1]), [0, 0]);
    });

    it('KL is exact at the degenerate ends, and +∞ where p puts mass that q does not', () => {
      const b = (p: number) => bernoulli({ probs: p });
      expectClose(kl(b(0), b(0.5)), log(2), { rtol: 1e-6 });
      expectClose(kl(b(1), b(0.5)), log(2), { rtol: 1e-6 });
      expectClose(kl(b(0), b(0)), 0);
      expectClose(kl(b(1), b(1)), 0);
      expectClose(kl(b(0.5), b(0)), INF);
      expectClose(kl(b(0.3), b(0.6)), 0.3 * log(0.3 / 0.6) + 0.7 * log(0.7 / 0.4), { rtol: 1e-5 });
    });

    it('has no NaN in the gradients of entropy and KL with infinite logits', () => {
      const logits = tf.tensor1d([-INF, INF, 0.5]);
      noNaN(tf.grad((l) => tf.sum(bernoulli({ logits: l }).entropy()))(logits));
      noNaN(tf.grad((l) => tf.sum(kl(bernoulli({ logits: l }), bernoulli({ logits: 0 }))))(logits));
    });
  });

  describe('values at ±∞ and NaN', () => {
    const families: ReadonlyArray<readonly [string, () => Distribution, number]> = [
      ['Normal', () => normal({ loc: 0, scale: 1 }), 0],
      ['LogNormal', () => logNormal({ loc: 0, scale: 1 }), 1],
      ['Uniform', () => uniform({ low: 0, high: 2 }), 1],
      ['Exponential', () => exponential({ rate: 2 }), 1],
      ['Laplace', () => laplace({ loc: 0, scale: 1 }), 0],
      ['Gamma', () => gamma({ concentration: 2, rate: 1 }), 1],
      ['Gamma a = 1', () => gamma({ concentration: 1, rate: 1 }), 1],
      ['Weibull', () => weibull({ concentration: 2, scale: 1 }), 1],
      ['Weibull k = 1', () => weibull({ concentration: 1, scale: 1 }), 1],
      ['Poisson', () => poisson({ rate: 3 }), 1],
      ['Bernoulli', () => bernoulli({ probs: 0.3 }), 1],
      ['Categorical', () => categorical({ probs: [0.5, 0.5] }), 1],
    ];

    it.each(families)(
      '%s: logProb is −∞ at ±∞ (was NaN at +∞ for Gamma, Weibull, Poisson) and NaN at NaN',
      (_, make) => {
        const d = make();
        expectClose(d.logProb([INF, -INF, NAN]), [-INF, -INF, NAN]);
        expectClose(d.prob([INF, -INF, NAN]), [0, 0, NAN]);
      },
    );

    it.each(families.filter(([name]) => name !== 'Categorical'))(
      '%s: cdf is 0 at −∞, 1 at +∞, NaN at NaN',
      (_, make) => {
        expectClose(make().cdf([-INF, INF, NAN]), [0, 1, NAN]);
      },
    );

    it('a multivariate event with a NaN component has log density NaN', () => {
      expectClose(multivariateNormalDiag({ loc: [0, 0], scaleDiag: [1, 1] }).logProb([NAN, 0]), NAN);
    });

    it('the masks leave finite gradients in the parameters where x is infinite', () => {
      const rate = tf.scalar(1.5);
      const gradient = tf.grad((r) => tf.sum(gamma({ concentration: 2, rate: r }).logProb([INF, 1])))(rate);
      // Only x = 1 contributes: ∂/∂β (a log β − βx) = a/β − x = 2/1.5 − 1.
      expectClose(gradient, 2 / 1.5 - 1, { rtol: 1e-5 });
    });
  });

  describe('parameters rejected by default, harmless with validateArgs: false', () => {
    it('samplers never hang on rates they would reject: NaN gives NaN, +∞ gives +∞', async () => {
      expectClose(poisson({ rate: [NAN, INF, 0] }, { validateArgs: false }).sample([2], 1), [
        [NAN, INF, 0],
        [NAN, INF, 0],
      ]);
      const draws = gamma({ concentration: NAN, rate: 1 }, { validateArgs: false }).sample([3], 1);
      expectClose(draws, [NAN, NAN, NAN]);
      await expectNoLeaks(() => {
        const d = poisson({ rate: [3, 30] });
        const x = d.sample([4], 2);
        d.dispose();
        return x;
      });
    });

    it('gives e^(−λ) for Poisson at 0 (a closed form) after the checks', () => {
      expectClose(poisson({ rate: 2 }).prob(0), exp(-2), { rtol: 1e-6 });
    });
  });
});
