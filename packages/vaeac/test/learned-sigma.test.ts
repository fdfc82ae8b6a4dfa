import { randomNormal } from '@proj/core';
import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ColumnType,
  columnLayout,
  DATA_MIN_SIGMA,
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
import { learnedSigma, tabularLogLikelihood } from '../src/tabular/log-likelihood.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** softplus in float64, stable for large |s|. */
const softplus = (s: number) => Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
/** log N(x; μ, σ²) in float64. */
const gaussianLogDensity = (x: number, mu: number, sigma: number) =>
  -0.5 * ((x - mu) / sigma) ** 2 - Math.log(sigma) - HALF_LOG_TWO_PI;

/** x0 ~ N(0, 1), x1 = x0 + 0.05·ε: x1 | x0 has a standard deviation far below 1 (standardized). */
function tightTable(): number[][] {
  const noise = tf.tidy(() => randomNormal([200, 2], 31).arraySync() as number[][]);
  return noise.map(([a = 0, b = 0]) => [a, a + 0.05 * b]);
}

const TYPES: ColumnType[] = ['real', 'real'];
const OPTIONS = { columnTypes: TYPES, width: 16, depth: 1, latentDim: 2, batchSize: 32, learningRate: 3e-3 };

describeBackends('learned σ of real columns', () => {
  let data: number[][] = [];
  let learned: Vaeac | undefined;
  let fixed: Vaeac | undefined;
  let tensorsBefore = 0;

  beforeAll(async () => {
    data = tightTable();
    tensorsBefore = tf.memory().numTensors;
    [learned, fixed] = await Promise.all(
      (['learned', 'fixed'] as const).map(async (realSigma) => {
        const { model } = await fitVaeac(data, { ...OPTIONS, epochs: 30, seed: 4, realSigma, validateEvery: 10 });
        return model;
      }),
    );
  }, 120_000);
  afterAll(() => {
    learned?.dispose();
    fixed?.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('the log-likelihood is the closed-form Gaussian log-density with σ = max(softplus(s), 1e-4)', () => {
    const types: ColumnType[] = ['real', { categories: 3 }, 'real'];
    const layout = columnLayout(types); // outputs: [μ0, s0 | l0, l1, l2 | μ2, s2]
    const params = [
      [0.3, 0.2, 1, -1, 0.5, -2, 1.5],
      [-1, -30, 0, 0, 0, 0.5, -0.7],
      [2, 4, 0.2, 0.1, 3, 1, 0],
    ];
    const target = [
      [0.1, 2, -1.5],
      [-1.00005, 0, 0.3],
      [0, 1, 0.8],
    ];
    const recMask = [
      [1, 0, 1],
      [1, 1, 0],
      [0, 1, 1],
    ];
    const categorical = (logits: number[], code: number) => {
      const max = Math.max(...logits);
      const p = logits.map((l) => Math.exp(l - max));
      const total = p.reduce((a, b) => a + b, 0);
      const clamped = p.map((v) => Math.max(v / total, 1e-4));
      return Math.log((clamped[code] as number) / clamped.reduce((a, b) => a + b, 0));
    };
    const expected = params.map((p, i) => {
      const [x0 = 0, k = 0, x2 = 0] = target[i] as number[];
      const [m0 = 0, m1 = 0, m2 = 0] = recMask[i] as number[];
      const real = (x: number, mu: number, s: number) => gaussianLogDensity(x, mu, Math.max(softplus(s), 1e-4));
      return (
        m0 * real(x0, p[0] as number, p[1] as number) +
        m1 * categorical(p.slice(2, 5), k) +
        m2 * real(x2, p[5] as number, p[6] as number)
      );
    });
    tf.tidy(() => {
      const log = tabularLogLikelihood(layout, 'learned');
      const got = log(tf.tensor2d(params), tf.tensor2d(target), tf.tensor2d(recMask));
      // Row 1 hits the σ floor (softplus(−30) ≈ 1e-13 → 1e-4): its density is large but finite.
      expectClose(got, expected, { rtol: 1e-4, atol: 1e-3 });
      // 'fixed' (the default) ignores the s slots: σ = 1.
      const fixedExpected = params.map((p, i) => {
        const [x0 = 0, k = 0, x2 = 0] = target[i] as number[];
        const [m0 = 0, m1 = 0, m2 = 0] = recMask[i] as number[];
        return (
          m0 * gaussianLogDensity(x0, p[0] as number, 1) +
          m1 * categorical(p.slice(2, 5), k) +
          m2 * gaussianLogDensity(x2, p[5] as number, 1)
        );
      });
      expectClose(tabularLogLikelihood(layout)(tf.tensor2d(params), tf.tensor2d(target), tf.tensor2d(recMask)), [
        ...fixedExpected,
      ]);
    });
  });

  it('σ ≥ 1e-4 for any s, and softplus(s) above the floor', () => {
    const s = [-1e4, -50, -20, -9.3, 0, 0.5, 3, 40];
    tf.tidy(() => {
      const sigma = learnedSigma(tf.tensor2d([s]));
      const values = Array.from(sigma.dataSync());
      expect(values.every((v) => v >= DATA_MIN_SIGMA * (1 - 1e-6))).toBe(true);
      expectClose(sigma, [s.map((v) => Math.max(softplus(v), DATA_MIN_SIGMA))], { rtol: 1e-5, atol: 1e-9 });
    });
  });

  it('the model keeps its σ setting; fixed is the default', async () => {
    expect(learned?.realSigma).toBe('learned');
    expect(fixed?.realSigma).toBe('fixed');
    const { model } = await fitVaeac(data.slice(0, 40), { ...OPTIONS, epochs: 1, seed: 1 });
    expect(model.realSigma).toBe('fixed');
    model.dispose();
  });

  it("learns a small σ where x1 | x0 is tight: 'sample' draws spread far less around the mode than with σ = 1", () => {
    const rows = data.slice(0, 50);
    const mask = rows.map(() => [false, true]);
    // The same seed gives the same z in both modes, so draw − mode = σ·std·ε isolates the output noise.
    const spread = (model: Vaeac) => {
      const modes = sample(model, rows, mask, { numSamples: 4, seed: 8, mode: 'mode' });
      const draws = sample(model, rows, mask, { numSamples: 4, seed: 8, mode: 'sample' });
      const sq = draws.flatMap((t, k) => t.map((row, r) => ((row[1] as number) - (modes[k]?.[r]?.[1] as number)) ** 2));
      return Math.sqrt(sq.reduce((a, b) => a + b, 0) / sq.length);
    };
    const learnedSpread = spread(learned as Vaeac);
    const fixedSpread = spread(fixed as Vaeac);
    // σ = 1 on the standardized scale: the spread is about the std of x1 (≈ 1).
    expect(fixedSpread).toBeGreaterThan(0.7);
    expect(learnedSpread).toBeLessThan(0.5 * fixedSpread);
    expect(learnedSpread).toBeGreaterThan(0);
    // 'mode' is μ: the same for both settings' API (no output noise), and the observed x0 is kept exactly.
    const modes = sample(learned as Vaeac, rows, mask, { numSamples: 2, seed: 8, mode: 'mode' });
    expect(modes.every((t) => t.every((row, r) => row[0] === rows[r]?.[0]))).toBe(true);
  });

  it('the learned σ raises the likelihood of tight data over σ = 1 (IWAE and VLB use it)', () => {
    const mask = mcarMask(data.length, 2, 0.5, 3);
    const [a, b] = [learned, fixed].map((m) => iwaeLogLikelihood(m as Vaeac, data, mask, { samples: 10, seed: 2 }));
    expect(a as number).toBeGreaterThan(b as number);
    const terms = vlbTerms(learned as Vaeac, data, mask, { seed: 3 });
    expect(terms.reconstruction.every(Number.isFinite)).toBe(true);
  });

  it('save/load (through JSON) keeps the learned σ: the same samples, imputations and IWAE', () => {
    const artifacts = saveVaeac(learned as Vaeac);
    expect(artifacts.realSigma).toBe('learned');
    const loaded = loadVaeac(JSON.parse(JSON.stringify(artifacts)));
    try {
      expect(loaded.realSigma).toBe('learned');
      const rows = data.slice(0, 20);
      const mask = rows.map(() => [false, true]);
      const options = { numSamples: 3, seed: 5, mode: 'sample' } as const;
      expect(sample(loaded, rows, mask, options)).toEqual(sample(learned as Vaeac, rows, mask, options));
      const holes = rows.map((row) => [row[0] as number, Number.NaN]);
      expect(impute(loaded, holes, { numImputations: 2, seed: 1 })).toEqual(
        impute(learned as Vaeac, holes, { numImputations: 2, seed: 1 }),
      );
      const iwae = (m: Vaeac) => iwaeLogLikelihood(m, rows, mask, { samples: 5, seed: 6 });
      expect(iwae(loaded)).toBe(iwae(learned as Vaeac));
    } finally {
      loaded.dispose();
    }
    // Artifacts without the field (saved before the option existed) load as 'fixed'.
    const { realSigma: _, ...older } = saveVaeac(fixed as Vaeac);
    const old = loadVaeac(older);
    expect(old.realSigma).toBe('fixed');
    old.dispose();
  });

  it('rejects an unknown realSigma in fit and loadVaeac, naming the function and the option', async () => {
    await expect(
      fitVaeac(data, { ...OPTIONS, epochs: 1, seed: 1, realSigma: 'learnt' as unknown as 'learned' }),
    ).rejects.toThrow(/^fit: argument 'options\.realSigma' must be one of 'fixed', 'learned', got/);
    const artifacts = { ...saveVaeac(fixed as Vaeac), realSigma: 1 as unknown as 'fixed' };
    expect(() => loadVaeac(artifacts)).toThrow(/^loadVaeac: argument 'artifacts\.realSigma' must be one of/);
  });
});
