import { gamma, kl } from '@proj/core/distributions';
import { digammaScalar } from '@proj/core/special';
import { expectClose, expectMeanWithin, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { gammaDrawDerivative, meanSd, REFERENCE } from '../../test/helpers.js';
import { dirichlet } from './dirichlet.js';

/** Jacobian J[i][j] = ∂xᵢ/∂αⱼ of one draw (sample shape [], so the draw is [K]). */
function jacobian(alpha: number[], seed: number): number[][] {
  return alpha.map((_, i) =>
    tf.tidy(() =>
      Array.from(
        tf
          .grad((a) => tf.gather(dirichlet({ concentration: a }).sample([], seed), i))(tf.tensor1d(alpha))
          .dataSync(),
      ),
    ),
  );
}

describeBackends('Dirichlet', () => {
  it('logProb, mean, variance and entropy match scipy', () => {
    for (const c of REFERENCE.dirichlet) {
      tf.tidy(() => {
        const d = dirichlet({ concentration: c.alpha });
        expect(d.eventShape).toEqual([c.alpha.length]);
        expectClose(d.logProb(c.x), c.logProb, { rtol: 2e-5, atol: 2e-5 });
        expectClose(d.mean(), c.mean, { rtol: 1e-6 });
        expectClose(d.variance(), c.variance, { rtol: 1e-5 });
        expectClose(d.entropy(), c.entropy, { rtol: 1e-4, atol: 1e-5 });
      });
    }
  });

  it('differentiates logProb in the concentration: log xᵢ − ψ(αᵢ) + ψ(Σα), also at αᵢ = 1', () => {
    const [alpha, x] = [
      [1, 2.5, 0.3],
      [0.2, 0.5, 0.3],
    ];
    const expected = alpha.map(
      (a, i) => Math.log(x[i]!) - digammaScalar(a) + digammaScalar(alpha.reduce((s, v) => s + v, 0)),
    );
    const grad = tf.tidy(() =>
      Array.from(
        tf
          .grad((a) => dirichlet({ concentration: a }).logProb(x))(tf.tensor1d(alpha))
          .dataSync(),
      ),
    );
    expectClose(grad, expected, { rtol: 1e-5, atol: 1e-6 });
  });

  it('KL(Dirichlet ‖ Dirichlet) matches the reference', () => {
    for (const c of REFERENCE.dirichletKl) {
      tf.tidy(() => {
        const [p, q] = [c.p, c.q].map((alpha: number[]) => dirichlet({ concentration: alpha }));
        expectClose(kl(p!, q!), c.kl, { rtol: 1e-4, atol: 1e-5 });
      });
    }
  });

  it('the Jacobian is (δᵢⱼ − xᵢ)(∂Gⱼ/∂αⱼ)/ΣG with ∂G/∂α from the inverse CDF; its columns sum to 0', () => {
    const alpha = [0.7, 2, 3.5];
    const seed = 4;
    const g = tf.tidy(() =>
      Array.from(tf.exp(gamma({ concentration: alpha, rate: [1, 1, 1] }).logSample([], seed)).dataSync()),
    );
    const total = g.reduce((s, v) => s + v, 0);
    const x = g.map((v) => v / total);
    const dG = g.map((v, j) => gammaDrawDerivative(alpha[j]!, v));
    const J = jacobian(alpha, seed);
    for (let j = 0; j < alpha.length; j++) {
      const column = J.reduce((s, row) => s + row[j]!, 0);
      expect(Math.abs(column)).toBeLessThan(1e-6);
      for (let i = 0; i < alpha.length; i++) {
        expect(J[i]![j]).toBeCloseTo((((i === j ? 1 : 0) - x[i]!) * dG[j]!) / total, 3);
      }
    }
  });

  it('E[∂x₀/∂αⱼ] = ∂E[x₀]/∂αⱼ = (δ₀ⱼα₀ − α_0)/α₀², and the sample mean is α/α₀', () => {
    const alpha = [0.3, 1.5, 4];
    const n = 4000;
    const total = alpha.reduce((s, v) => s + v, 0);
    // n independent batch members with their own concentrations: per-sample gradients of x₀.
    const grads = tf.tidy(
      () =>
        tf
          .grad((a) => tf.sum(tf.slice(dirichlet({ concentration: a }).sample([], 7), [0, 0], [-1, 1])))(
            tf.tile(tf.tensor2d([alpha]), [n, 1]),
          )
          .arraySync() as number[][],
    );
    alpha.forEach((_, j) => {
      const column = grads.map((row) => row[j]!);
      expectMeanWithin(column, ((j === 0 ? total : 0) - alpha[0]!) / total ** 2, meanSd(column).sd, 5);
    });
    const x = tf.tidy(() => dirichlet({ concentration: alpha }).sample([n], 8).arraySync() as number[][]);
    const sd = alpha.map((a) => Math.sqrt((a * (total - a)) / (total ** 2 * (total + 1))));
    expectMeanWithin(
      x,
      alpha.map((a) => a / total),
      sd,
      5,
    );
  });

  it('samples stay on the simplex with finite gradients for concentrations from 1e-3 to 1e3', () => {
    tf.tidy(() => {
      const alpha = tf.tensor1d([1e-3, 1e-3, 1e3]);
      const x = dirichlet({ concentration: alpha }).sample([100], 3);
      expectClose(tf.sum(x, -1), 1, { rtol: 1e-5 });
      expect(Array.from(x.dataSync()).every((v) => v >= 0 && v <= 1)).toBe(true);
      const grad = tf.grad((a) => tf.sum(tf.square(dirichlet({ concentration: a }).sample([100], 3))))(alpha);
      expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
    });
  });

  it('leaks nothing, also on errors, and rejects bad parameters', async () => {
    const alpha = tf.tensor1d([1, 2]);
    await expectNoLeaks(() => tf.grad((a) => tf.sum(dirichlet({ concentration: a }).sample([4], 1)))(alpha));
    await expectNoLeaks(() => {
      expect(() => dirichlet({ concentration: [1] })).toThrow(/Dirichlet: parameter 'concentration' must have a last/);
      expect(() => dirichlet({ concentration: [1, 0] })).toThrow(
        /Dirichlet: parameter 'concentration' must be positive/,
      );
    });
    alpha.dispose();
  });
});
