import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  createModel,
  dirichletLogDensity,
  implicitLoss,
  logLikelihood,
  perplexity,
  scoreFunctionLoss,
  topicWords,
} from '../src/model.js';

describeBackends('amortized LDA model', () => {
  it('log Dir(θ | α) and its α-gradient match closed forms', () => {
    tf.tidy(() => {
      const theta = tf.tensor2d([
        [0.2, 0.3, 0.5],
        [0.6, 0.3, 0.1],
      ]);
      // Dir(1, 1, 1) has density Γ(3) = 2 everywhere on the simplex; Dir(2, 1, 1) has 6θ₁.
      const alpha = tf.tensor2d([
        [1, 1, 1],
        [2, 1, 1],
      ]);
      expectClose(dirichletLogDensity(alpha, theta), [Math.log(2), Math.log(6 * 0.6)], { rtol: 1e-5 });
      // ∂/∂αₖ = log θₖ − ψ(αₖ) + ψ(α₀); at α = (1, 1, 1): ψ(3) − ψ(1) = 1 + 1/2, so log θₖ + 3/2.
      const grad = tf.grad((a) => tf.sum(dirichletLogDensity(a as tf.Tensor2D, tf.slice(theta, [0, 0], [1, 3]))))(
        tf.tensor2d([[1, 1, 1]]),
      );
      expectClose(grad, [[0.2, 0.3, 0.5].map((t) => Math.log(t) + 1.5)], { rtol: 1e-4, atol: 1e-5 });
    });
  });

  it('the log-likelihood equals a dense host computation', () => {
    tf.tidy(() => {
      const model = createModel(5, 2, [4], 3);
      const beta = topicWords(model).arraySync() as number[][];
      const theta = [
        [0.25, 0.75],
        [1, 0],
      ];
      const counts = [
        [1, 0, 2, 0, 3],
        [0, 4, 0, 1, 0],
      ];
      const expected = counts.map((row, d) =>
        row.reduce((sum, n, w) => sum + n * Math.log(theta[d]![0]! * beta[0]![w]! + theta[d]![1]! * beta[1]![w]!), 0),
      );
      expectClose(logLikelihood(tf.tensor2d(theta), model, tf.tensor2d(counts)), expected, { rtol: 1e-5 });
      tf.dispose(model.variables as tf.Variable[]);
    });
  });

  it('with uniform topics the perplexity is V·exp(KL/N) for documents of one length N', () => {
    const model = createModel(8, 3, [6], 1);
    model.topicLogits.assign(tf.zeros([3, 8]));
    const counts = tf.tensor2d([
      [2, 0, 0, 1, 0, 0, 1, 0],
      [0, 0, 4, 0, 0, 0, 0, 0],
    ]);
    const lengths = tf.tensor1d([4, 4]);
    const { perplexity: value, kl } = perplexity(model, counts, lengths, 0.5, 3, 9);
    expect(value).toBeCloseTo(8 * Math.exp(kl / 4), 3);
    tf.dispose([counts, lengths, ...model.variables]);
  });

  it('both losses give finite gradients for every variable and leave no tensor behind', async () => {
    const model = createModel(6, 3, [5], 2);
    const counts = tf.tensor2d([
      [1, 2, 0, 0, 3, 1],
      [0, 0, 5, 1, 0, 0],
    ]);
    const lengths = tf.tensor1d([7, 6]);
    for (const loss of [
      () => implicitLoss(model, counts, 0.3, 4),
      () => scoreFunctionLoss(model, counts, lengths, 0.3, -1.5, 4).loss,
    ]) {
      await expectNoLeaks(() => {
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(loss, model.variables as tf.Variable[]);
          expect(Number.isFinite(value.dataSync()[0])).toBe(true);
          expect(Object.keys(grads)).toHaveLength(model.variables.length);
          for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
        });
      });
    }
    await expectNoLeaks(() => {
      perplexity(model, counts, lengths, 0.3, 2, 5);
    });
    tf.dispose([counts, lengths, ...model.variables]);
  });

  it('the score-function and implicit gradients of the encoder agree in expectation (within 5 standard errors)', () => {
    const model = createModel(6, 3, [5], 11);
    const counts = tf.tensor2d([
      [1, 2, 0, 0, 3, 1],
      [0, 0, 5, 1, 0, 0],
    ]);
    const lengths = tf.tensor1d([7, 6]);
    const bias = model.layers[model.layers.length - 1]!.bias;
    const draws = (loss: (seed: number) => tf.Scalar) =>
      Array.from({ length: 400 }, (_, seed) =>
        tf.tidy(() => Array.from(tf.variableGrads(() => loss(seed), [bias]).grads[bias.name]!.dataSync())),
      );
    const implicit = draws((seed) => implicitLoss(model, counts, 0.3, seed));
    const score = draws((seed) => scoreFunctionLoss(model, counts, lengths, 0.3, -1.7, seed + 10_000).loss);
    const stats = (rows: number[][], k: number) => {
      const x = rows.map((r) => r[k]!);
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1);
      return { mean, se2: variance / x.length };
    };
    for (let k = 0; k < 3; k++) {
      const [a, b] = [stats(implicit, k), stats(score, k)];
      expect(Math.abs(a.mean - b.mean)).toBeLessThan(5 * Math.sqrt(a.se2 + b.se2));
    }
    tf.dispose([counts, lengths, ...model.variables]);
  });
});
