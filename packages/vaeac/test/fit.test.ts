import { foldIn, randomNormal } from '@proj/core';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ColumnType,
  type EpochInfo,
  fit as fitVaeac,
  impute,
  iwaeLogLikelihood,
  loadVaeac,
  mcarMask,
  sample,
  saveVaeac,
  type Vaeac,
  vlbTerms,
} from '../src/index.js';

const TYPES: ColumnType[] = ['real', 'real', { categories: 3 }, 'real'];

/** 150 rows: x1 ≈ 2·x0, the category = which third x0 falls in, x3 = noise; 10% NaNs. */
function syntheticTable(): number[][] {
  const noise = tf.tidy(() => randomNormal([150, 3], 17).arraySync() as number[][]);
  const holes = mcarMask(150, 4, 0.1, 18);
  return noise.map(([a = 0, b = 0, c = 0], i) =>
    [a * 3 + 10, 2 * a + 0.1 * b, a < -0.43 ? 0 : a < 0.43 ? 1 : 2, c].map((v, j) => (holes[i]?.[j] ? Number.NaN : v)),
  );
}

const OPTIONS = { columnTypes: TYPES, width: 16, depth: 1, latentDim: 4, batchSize: 32, learningRate: 3e-3 };

describeBackends('fit / impute / sample', () => {
  let data: number[][] = [];
  let model: Vaeac | undefined;
  let history: EpochInfo[] = [];
  let tensorsBefore = 0;
  const trained = () => model as Vaeac;

  beforeAll(async () => {
    data = syntheticTable();
    tensorsBefore = tf.memory().numTensors;
    ({ model, history } = await fitVaeac(data, { ...OPTIONS, epochs: 40, seed: 1, validateEvery: 5 }));
  });
  afterAll(() => {
    trained().dispose();
    // fit, impute, sample, iwaeLogLikelihood and dispose leave no tensor behind.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('reports every epoch, validates every 5th and the last, and the loss goes down', () => {
    expect(history.map((h) => h.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(history.filter((h) => h.validationIwae !== null).map((h) => h.epoch)).toEqual([
      5, 10, 15, 20, 25, 30, 35, 40,
    ]);
    expect(history.every((h) => Number.isFinite(h.trainLoss) && h.seconds >= 0)).toBe(true);
    const mean = (xs: EpochInfo[]) => xs.reduce((a, h) => a + h.trainLoss, 0) / xs.length;
    expect(mean(history.slice(-5))).toBeLessThan(mean(history.slice(0, 5)));
  });

  it('IWAE ≥ ELBO and non-decreasing in K on the trained model', () => {
    const mask = mcarMask(data.length, 4, 0.3, 5);
    const iwae = [1, 5, 50].map((samples) => iwaeLogLikelihood(trained(), data, mask, { samples, seed: 6 }));
    // ELBO = E_q[log p(x_b | z, ·)] − KL, averaged over 20 noise draws.
    const draws = Array.from({ length: 20 }, (_, k) => {
      const terms = vlbTerms(trained(), data, mask, { seed: foldIn(7, k) });
      return terms.reconstruction.reduce((a, r, i) => a + r - (terms.kl[i] as number), 0) / data.length;
    });
    const elbo = draws.reduce((a, b) => a + b, 0) / draws.length;
    const [k1 = 0, k5 = 0, k50 = 0] = iwae;
    expect(Math.abs(k1 - elbo)).toBeLessThan(0.1);
    expect(k5).toBeGreaterThanOrEqual(elbo);
    expect(k5).toBeGreaterThanOrEqual(k1 - 0.01);
    expect(k50).toBeGreaterThanOrEqual(k5 - 0.01);
  });

  it('impute keeps observed entries exactly and fills every NaN (categories as valid codes)', () => {
    const imputations = impute(trained(), data, { numImputations: 3, seed: 2 });
    expect(imputations).toHaveLength(3);
    for (const table of imputations) {
      expect(table).toHaveLength(data.length);
      table.forEach((row, r) => {
        row.forEach((v, c) => {
          const original = data[r]?.[c] as number;
          if (Number.isNaN(original)) {
            expect(Number.isFinite(v)).toBe(true);
            if (c === 2) expect([0, 1, 2]).toContain(v);
          } else {
            expect(v).toBe(original);
          }
        });
      });
    }
    // Diversity comes from z ~ prior: the imputations differ somewhere.
    expect(imputations[0]).not.toEqual(imputations[1]);
  });

  it('imputes x1 from x0 better than the column mean (it learned the dependence)', () => {
    const truth = syntheticTable();
    const holed = truth.map((row) => row.map((v, c) => (c === 1 ? Number.NaN : v)));
    const imputed = impute(trained(), holed, { numImputations: 5, seed: 3 });
    const rows = truth.map((row, r) => ({ x1: row[1] as number, r })).filter(({ x1 }) => !Number.isNaN(x1));
    const meanX1 = rows.reduce((a, { x1 }) => a + x1, 0) / rows.length;
    let se = 0;
    let seMean = 0;
    for (const { x1, r } of rows) {
      const guess = imputed.reduce((a, t) => a + (t[r]?.[1] as number), 0) / imputed.length;
      se += (guess - x1) ** 2;
      seMean += (meanX1 - x1) ** 2;
    }
    expect(se).toBeLessThan(0.5 * seMean);
  });

  it('sample generates exactly the masked entries, in mode or sample mode', () => {
    const rows = data.slice(0, 20);
    const mask = rows.map((row, r) => row.map((_, c) => (r + c) % 3 === 0));
    const modes = sample(trained(), rows, mask, { numSamples: 2, seed: 4 });
    const draws = sample(trained(), rows, mask, { numSamples: 2, seed: 4, mode: 'sample' });
    for (const table of [...modes, ...draws]) {
      table.forEach((row, r) => {
        row.forEach((v, c) => {
          if (!mask[r]?.[c]) expect(Object.is(v, rows[r]?.[c])).toBe(true);
          else expect(Number.isFinite(v)).toBe(true);
        });
      });
    }
    expect(draws[0]).not.toEqual(modes[0]);
  });

  it('is deterministic given the seed, and save/load (through JSON) imputes identically', async () => {
    const small = data.slice(0, 60);
    const runs = await Promise.all([1, 1, 2].map(async (seed) => fitVaeac(small, { ...OPTIONS, epochs: 3, seed })));
    const losses = runs.map((r) => r.history.map((h) => [h.trainLoss, h.validationIwae]));
    expect(losses[0]).toEqual(losses[1]);
    expect(losses[0]).not.toEqual(losses[2]);
    const [a, b, c] = runs.map((r) => impute(r.model, small, { numImputations: 2, seed: 9 }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const loaded = loadVaeac(JSON.parse(JSON.stringify(saveVaeac(runs[0]?.model as Vaeac))));
    expect(impute(loaded, small, { numImputations: 2, seed: 9 })).toEqual(a);
    expect(loaded.columnTypes).toEqual(TYPES);
    loaded.dispose();
    for (const r of runs) r.model.dispose();
  });

  it('keeps the weights of the best validation IWAE: equal to a run stopped at that epoch', async () => {
    const small = data.slice(0, 80);
    const options = { ...OPTIONS, seed: 4, learningRate: 0.03 };
    const full = await fitVaeac(small, { ...options, epochs: 10 });
    const scores = full.history.map((h) => h.validationIwae as number);
    const best = scores.indexOf(Math.max(...scores)) + 1;
    expect(best).toBeLessThan(10); // (6 on cpu and wasm): the checkpoint is not simply the last epoch.
    // Same seed: the same trajectory up to `best`, whose best epoch is then `best` too.
    const stopped = await fitVaeac(small, { ...options, epochs: best });
    expect(stopped.history.map((h) => h.validationIwae)).toEqual(scores.slice(0, best));
    expect(saveVaeac(full.model).weights).toEqual(saveVaeac(stopped.model).weights);
    full.model.dispose();
    stopped.model.dispose();
  });

  it('trains without validation (keeps the last weights) and reports null IWAE', async () => {
    const { model: m, history: h } = await fitVaeac(data.slice(0, 40), {
      ...OPTIONS,
      epochs: 2,
      seed: 3,
      validationFraction: 0,
    });
    expect(h.map((x) => x.validationIwae)).toEqual([null, null]);
    m.dispose();
    expect(m.isDisposed).toBe(true);
  });
});
