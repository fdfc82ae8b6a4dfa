import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { type BernoulliVae, vaeVariables } from './bernoulli-vae.js';
import { createBernoulliVae } from './create-bernoulli-vae.js';
import { robustBound } from './robust-bound.js';
import { vaeLogWeights } from './vae-log-weights.js';
import { vaeLoss } from './vae-loss.js';

/** The loss's value and gradients w.r.t. every variable, as plain arrays. */
function valueAndGrads(vae: BernoulliVae, f: () => tf.Scalar): { value: number; grads: number[][] } {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(f, vaeVariables(vae));
    return { value: value.dataSync()[0]!, grads: vaeVariables(vae).map((v) => Array.from(grads[v.name]!.dataSync())) };
  });
}

function expectSame(actual: { value: number; grads: number[][] }, expected: { value: number; grads: number[][] }) {
  expectClose(actual.value, expected.value, { rtol: 1e-5, atol: 1e-5 });
  actual.grads.forEach((g, i) => {
    expectClose(g, expected.grads[i]!, { rtol: 1e-4, atol: 1e-5 });
  });
}

describeBackends('vaeLoss', () => {
  const make = () => createBernoulliVae({ inputDim: 6, latentDim: 2, hidden: [5], seed: 4 });
  const data = () =>
    tf.tensor2d([
      [1, 0, 1, 1, 0, 0],
      [0, 0, 0, 1, 0, 1],
      [1, 1, 1, 1, 1, 0],
      [0, 1, 0, 0, 1, 1],
    ]);

  it('is minus the ELBO and minus the IWAE bound computed directly, values and gradients', () => {
    const vae = make();
    const x = data();
    const [samples, seed] = [5, 9];
    // Direct: the mean of log w over samples and objects; the IWAE bound with tfjs's own logSumExp.
    const elbo = () =>
      tf.tidy(() => {
        const { logJoint, logQ } = vaeLogWeights(vae, x, { samples, seed });
        return tf.neg(tf.mean(tf.sub(logJoint, logQ))) as tf.Scalar;
      });
    const iwae = () =>
      tf.tidy(() => {
        const { logJoint, logQ } = vaeLogWeights(vae, x, { samples, seed });
        return tf.neg(tf.mean(tf.sub(tf.logSumExp(tf.sub(logJoint, logQ), 0), Math.log(samples)))) as tf.Scalar;
      });
    const directElbo = valueAndGrads(vae, elbo);
    const directIwae = valueAndGrads(vae, iwae);
    expect(directIwae.value).toBeLessThan(directElbo.value); // −IWAE < −ELBO on the same draws
    expectSame(
      valueAndGrads(vae, () => vaeLoss(vae, x, { objective: 'elbo', samples, seed })),
      directElbo,
    );
    expectSame(
      valueAndGrads(vae, () => vaeLoss(vae, x, { objective: 'iwae', samples, seed })),
      directIwae,
    );
    for (const logAlpha of [Number.NEGATIVE_INFINITY, -1e4]) {
      const robust = (k: number) => () => vaeLoss(vae, x, { objective: 'robust', samples, k, logAlpha, seed });
      expectSame(valueAndGrads(vae, robust(1)), directElbo);
      expectSame(valueAndGrads(vae, robust(samples)), directIwae);
    }
    tf.dispose(x);
    vae.dispose();
  });

  it('is minus the mean robust bound for finite log α, and with log α above every log w its gradient vanishes', () => {
    const vae = make();
    const x = data();
    const options = { samples: 4, k: 2, seed: 2 };
    for (const logAlpha of [-6, -4]) {
      const direct = valueAndGrads(vae, () =>
        tf.tidy(() => {
          const { logJoint, logQ } = vaeLogWeights(vae, x, { samples: 4, seed: 2 });
          return tf.neg(tf.mean(robustBound(logJoint, logQ, { logAlpha, k: 2 }))) as tf.Scalar;
        }),
      );
      expectSame(
        valueAndGrads(vae, () => vaeLoss(vae, x, { objective: 'robust', logAlpha, ...options })),
        direct,
      );
    }
    const ignored = valueAndGrads(vae, () => vaeLoss(vae, x, { objective: 'robust', logAlpha: 200, ...options }));
    expectClose(ignored.value, -200);
    for (const g of ignored.grads) expectClose(g, 0, { atol: 1e-30 });
    tf.dispose(x);
    vae.dispose();
  });

  it('trains: a few Adam steps on the ELBO lower the loss; memory-neutral', async () => {
    const vae = make();
    const x = data();
    const optimizer = tf.train.adam(0.05);
    const loss = (seed: number) =>
      tf.tidy(() => vaeLoss(vae, x, { objective: 'elbo', samples: 20, seed }).dataSync()[0]!);
    const start = loss(1000);
    for (let step = 0; step < 30; step++) {
      tf.dispose(
        optimizer.minimize(
          () => vaeLoss(vae, x, { objective: 'robust', logAlpha: -50, seed: step }),
          true,
          vaeVariables(vae),
        )!,
      );
    }
    expect(loss(1000)).toBeLessThan(start - 0.5);
    await expectNoLeaks(() => vaeLoss(vae, x, { objective: 'robust', samples: 2, logAlpha: -3, seed: 1 }));
    await expectNoLeaks(() => tf.variableGrads(() => vaeLoss(vae, x, { objective: 'iwae', samples: 3, seed: 1 })));
    optimizer.dispose();
    tf.dispose(x);
    vae.dispose();
  });

  it('rejects inconsistent options, naming vaeLoss and the option, without leaving tensors', () => {
    const vae = make();
    const x = data();
    const before = tf.memory().numTensors;
    const call = (options: object) => () => vaeLoss(vae, x, { seed: 0, ...options } as never);
    expect(call({ objective: 'robust' })).toThrow(/vaeLoss: option 'logAlpha' is required/);
    expect(call({ objective: 'robust', logAlpha: Number.NaN })).toThrow(/vaeLoss: option 'logAlpha'/);
    expect(call({ objective: 'robust', logAlpha: Number.POSITIVE_INFINITY })).toThrow(/vaeLoss: option 'logAlpha'/);
    expect(call({ objective: 'elbo', logAlpha: -3 })).toThrow(
      /vaeLoss: option 'logAlpha' applies to objective 'robust'/,
    );
    expect(call({ objective: 'elbo', samples: 4, k: 2 })).toThrow(/vaeLoss: option 'k' must be 1/);
    expect(call({ objective: 'iwae', samples: 4, k: 2 })).toThrow(/vaeLoss: option 'k' must equal samples/);
    expect(call({ objective: 'robust', logAlpha: 0, samples: 4, k: 3 })).toThrow(/vaeLoss: option 'k'/);
    expect(call({ objective: 'vae' })).toThrow(/vaeLoss: option 'objective'/);
    expect(call({ objective: 'elbo', samples: 1.5 })).toThrow(/vaeLoss: option 'samples'/);
    expect(call({ objective: 'elbo', sample: 2 })).toThrow(/vaeLoss: unknown option 'sample'/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    vae.dispose();
  });
});
