import { describe, expect, it } from 'vitest';
import { claimTable, inpaintingClaims } from '../src/claims.js';
import type { MnistResult } from '../src/mnist.js';
import type { ToyResult } from '../src/toy-unit.js';

/** A hand-made MNIST result: single-completion PSNR `sample` dB against mean fill's 10 dB on every mask. */
function mnist(sample: number, spread: number, losses: [number, number], observedKept = true): MnistResult {
  return {
    train: 100,
    test: 10,
    epochs: losses.map((trainLoss, k) => ({ epoch: k + 1, trainLoss, seconds: 1 })),
    scores: (['rectangle', 'half', 'pixel'] as const).map((mask) => ({
      mask,
      vaeacSample: sample,
      vaeacMean: sample + 0.5,
      meanFill: 10,
      spread,
      maskedFraction: 0.5,
    })),
    grid: { digit: 3, rows: 4, spread },
    observedKept,
  };
}

/** A hand-made toy result at x1 = ±2 and 1 (only |x1| ≥ 1.5 is tested). */
function toy(upper: number, lower: number, between: number): ToyResult {
  const shares = [-2, 1, 2].map((condition) => ({ condition, upper, lower, between, mean: 0 }));
  // At x1 = 1 everything falls between the modes: not tested.
  shares[1] = { condition: 1, upper: 0, lower: 0, between: 1, mean: 0 };
  return { shares, regression: [-0.1, 0, 0.1], samples: [[], [], []], epochs: 1 };
}

const byId = (m: MnistResult, t: ToyResult) =>
  Object.fromEntries(inpaintingClaims(m, t).map(({ claim }) => [claim.id, claim]));

const IDS = [
  'psnr-gain.rectangle',
  'psnr-gain.half',
  'psnr-gain.pixel',
  'diverse-completions',
  'toy-both-modes',
  'toy-between',
  'sanity.observed-kept',
  'sanity.loss-falls',
];

describe('inpaintingClaims', () => {
  it('holds every claim on results built to meet them, with the numbers behind them', () => {
    const claims = byId(mnist(11.5, 0.05, [150, 100]), toy(0.4, 0.45, 0.15));
    expect(Object.keys(claims)).toEqual(IDS);
    for (const c of Object.values(claims)) expect(c.holds, c.id).toBe(true);
    expect(claims['psnr-gain.half']!.ours).toBe(1.5);
    expect(claims['toy-both-modes']!.ours).toBeCloseTo(40, 12);
    expect(claims['toy-between']!.ours).toBeCloseTo(15, 12);
    expect(claims['sanity.loss-falls']!.ours).toBe(-50);
  });

  it('fails each claim on results that miss it', () => {
    const claims = byId(mnist(9.5, 0.01, [100, 120], false), toy(0.1, 0.45, 0.45));
    expect(Object.keys(claims)).toEqual(IDS);
    for (const c of Object.values(claims)) expect(c.holds, c.id).toBe(false);
    expect(claims['psnr-gain.rectangle']!.ours).toBe(-0.5);
    expect(claims['diverse-completions']!.ours).toBe(0.01);
    expect(claims['toy-both-modes']!.ours).toBeCloseTo(10, 12);
    expect(claims['toy-between']!.ours).toBeCloseTo(45, 12);
    expect(claims['sanity.observed-kept']!.ours).toBe(1);
  });

  it('leaves out the toy claims without a condition |x1| ≥ 1.5; the table has a row per claim with its verdict', () => {
    const near: ToyResult = { ...toy(0.4, 0.4, 0.2), shares: toy(0.4, 0.4, 0.2).shares.slice(1, 2) };
    const stated = inpaintingClaims(mnist(11, 0.05, [150, 100]), near);
    expect(stated.map((s) => s.claim.id)).toEqual(IDS.filter((id) => !id.startsWith('toy')));
    const table = claimTable(stated);
    expect(table.map((row) => [row.claim, row.holds])).toEqual(
      stated.map((s) => [s.claim.text, s.claim.holds ? 'holds' : 'fails']),
    );
    expect(table[0]!.ours).toBe(
      '1 dB (one completion 11.00 dB, mean of the completions 11.50 dB, mean fill 10.00 dB (50 % of the pixels masked))',
    );
  });
});
