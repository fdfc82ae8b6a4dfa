import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, expect, it } from 'vitest';
import { disposeBatch } from './batch.js';
import { diagGaussianKl } from './loss/diag-gaussian-kl.js';
import { createNetworks, generativeForward, networkVariables, priorForward } from './nn/networks.js';
import { columnLayout } from './tabular/column-types.js';
import { encodeRows, toHostTable } from './tabular/encode.js';
import { tabularLogLikelihood } from './tabular/log-likelihood.js';
import { standardization } from './tabular/standardization.js';
import { batchIwae, batchVlbTerms } from './vlb.js';

const TYPES = ['real', { categories: 3 }, 'real'] as const;
const ROWS = [
  [0.5, 2, -1],
  [Number.NaN, 0, 3],
  [1.5, Number.NaN, Number.NaN],
  [-2, 1, 0.25],
];
const layout = columnLayout(TYPES);
const table = toHostTable(ROWS, standardization(TYPES, ROWS));
const indices = [0, 1, 2, 3];
const logLikelihood = tabularLogLikelihood(layout);

describeBackends('the VAEAC bound', () => {
  let networks: ReturnType<typeof createNetworks> | undefined;
  const nets = () => {
    networks ??= createNetworks({ ...layout, width: 16, depth: 2, latentDim: 4 }, 3);
    return networks;
  };
  afterAll(() => tf.dispose(networks === undefined ? [] : networkVariables(networks)));

  it('the reconstruction term is exactly zero when nothing is unobserved; the VLB is then −KL + R', () => {
    const batch = encodeRows(layout, table, new Uint8Array(12), indices);
    tf.tidy(() => {
      // Only the data's own NaNs are unobserved, and those are never scored.
      const terms = batchVlbTerms(nets(), batch, logLikelihood, 5);
      expectClose(terms.reconstruction, [0, 0, 0, 0], { rtol: 0, atol: 0 });
      expectClose(terms.vlb, tf.add(tf.neg(terms.kl), terms.regularizer));
    });
    disposeBatch(batch);
  });

  it('a batch with NaNs (real and categorical) gives a finite loss and finite, non-zero gradients', () => {
    const batch = encodeRows(layout, table, Uint8Array.from([1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1]), indices);
    const variables = networkVariables(nets());
    const { value, grads } = tf.variableGrads(
      () => tf.neg(tf.mean(batchVlbTerms(nets(), batch, logLikelihood, 6).vlb)) as tf.Scalar,
      variables,
    );
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    const norms = Object.values(grads).map((g) => tf.tidy(() => tf.norm(g).dataSync()[0] as number));
    expect(norms.every(Number.isFinite)).toBe(true);
    expect(norms.filter((n) => n > 0).length).toBeGreaterThan(variables.length / 2);
    tf.dispose([value, ...Object.values(grads)]);
    disposeBatch(batch);
  });

  it('the KL term is the closed form between the proposal and the prior of the same batch', () => {
    const batch = encodeRows(layout, table, Uint8Array.from([1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1]), indices);
    tf.tidy(() => {
      const terms = batchVlbTerms(nets(), batch, logLikelihood, 8);
      expect(terms.kl.arraySync().every((v) => v >= 0)).toBe(true);
      const again = batchVlbTerms(nets(), batch, logLikelihood, 9);
      // The KL does not depend on the noise; the reconstruction does.
      expectClose(again.kl, terms.kl);
      expect(diagGaussianKl(tf.zeros([1, 2]), tf.ones([1, 2]), tf.zeros([1, 2]), tf.ones([1, 2])).dataSync()[0]).toBe(
        0,
      );
    });
    disposeBatch(batch);
  });

  it('the generative network sees the observed entries through the prior skip connections', () => {
    const masks = [Uint8Array.from([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]), Uint8Array.from(Array(12).fill(1))];
    const outputs = masks.map((mask) => {
      const batch = encodeRows(layout, table, mask, [0]);
      const out = tf.tidy(() => {
        const prior = priorForward(nets(), batch.priorInput);
        return generativeForward(nets(), tf.zeros([1, 4]), prior).arraySync();
      });
      disposeBatch(batch);
      return out;
    });
    // Same z, different observed parts: different outputs.
    expect(outputs[0]).not.toEqual(outputs[1]);
  });

  it('IWAE with K = 1 is an unbiased estimate of the ELBO without R (mean over many objects)', () => {
    const many = Array.from({ length: 400 }, (_, i) => i % 4);
    const mask = Uint8Array.from([1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1]);
    const batch = encodeRows(layout, table, mask, many);
    tf.tidy(() => {
      const terms = batchVlbTerms(nets(), batch, logLikelihood, 10);
      const elbo = tf.mean(tf.sub(terms.reconstruction, terms.kl)).dataSync()[0] as number;
      const iwae1 = tf.mean(batchIwae(nets(), batch, logLikelihood, 1, 11)).dataSync()[0] as number;
      expect(Math.abs(iwae1 - elbo)).toBeLessThan(0.05 * Math.abs(elbo) + 0.05);
    });
    disposeBatch(batch);
  });
});
