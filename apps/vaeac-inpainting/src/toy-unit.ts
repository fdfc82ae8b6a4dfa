import { foldIn, type Seed } from '@proj/core';
import type { AppContext } from '@proj/repro';
import { fit as fitVaeac, sample } from '@proj/vaeac';
import type { InpaintingConfig } from './config.js';
import { type ModeShares, modeShares, toyData } from './toy.js';

/** What the toy unit returns. */
export interface ToyResult {
  /** Per condition x1 = c: where VAEAC's samples of x2 fall. */
  readonly shares: readonly ModeShares[];
  /** Per condition: the least-squares line's prediction of x2 (the regression a mean imputer would give). */
  readonly regression: readonly number[];
  /** Per condition: VAEAC's samples of x2. */
  readonly samples: readonly (readonly number[])[];
  readonly epochs: number;
}

/**
 * Fits the tabular VAEAC (two real columns, σ fixed to 1 or learned: `toy.realSigma`) on the bimodal toy and
 * samples x2 | x1 = c for each configured c: z from the prior network, x2 the generative Gaussian's mean (the
 * paper's imputation mode; all the spread comes from z) or a draw from it (`toy.generation`). A unit of work.
 */
export async function runToy(
  config: InpaintingConfig,
  seed: Seed,
  context: AppContext,
  tick: (epoch: number) => void,
): Promise<ToyResult> {
  const t = config.toy;
  const rows = toyData(t.points, t.noise, foldIn(seed, 'toy/data'));
  const { model } = await fitVaeac(rows, {
    columnTypes: ['real', 'real'],
    epochs: t.epochs,
    seed: foldIn(seed, 'toy/fit'),
    width: t.width,
    depth: t.depth,
    latentDim: t.latentDim,
    learningRate: t.learningRate,
    batchSize: t.batchSize,
    validateEvery: t.validateEvery,
    realSigma: t.realSigma,
    onEpoch: (info) => {
      context.run.appendMetrics({ kind: 'toy epoch', ...info });
      tick(info.epoch);
    },
  });
  try {
    const samples = t.conditions.map((c, i) => {
      const drawn = sample(model, [[c, Number.NaN]], [[false, true]], {
        numSamples: t.samples,
        seed: foldIn(seed, `toy/sample/${i}`),
        mode: t.generation,
      });
      return drawn.map((d) => d[0]![1]!);
    });
    const shares = t.conditions.map((c, i) => modeShares(c, samples[i]!));
    for (const s of shares) context.run.appendMetrics({ kind: 'toy shares', ...s });
    return { shares, regression: t.conditions.map(leastSquares(rows)), samples, epochs: t.epochs };
  } finally {
    model.dispose();
  }
}

/** The least-squares line of x2 on x1 over `rows`, as a function of x1. O(n). */
function leastSquares(rows: readonly (readonly number[])[]): (x1: number) => number {
  const n = rows.length;
  const mx = rows.reduce((s, r) => s + r[0]!, 0) / n;
  const my = rows.reduce((s, r) => s + r[1]!, 0) / n;
  const sxy = rows.reduce((s, r) => s + (r[0]! - mx) * (r[1]! - my), 0);
  const sxx = rows.reduce((s, r) => s + (r[0]! - mx) ** 2, 0);
  return (x1) => my + (sxy / sxx) * (x1 - mx);
}
