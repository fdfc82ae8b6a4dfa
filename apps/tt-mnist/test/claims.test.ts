import { describe, expect, it } from 'vitest';
import { type CompressionOutcome, type NetworksOutcome, ttMatrixWeights, ttMnistClaims } from '../src/claims.js';

/** The tutorial's layer at rank 4: 1,725 hidden-layer parameters, the dense layer's 490,625. */
const networks = (ttAccuracy: number, denseAccuracy: number, ttRanks = [1, 4, 4, 4, 1]): NetworksOutcome => ({
  inputModes: [7, 4, 7, 4],
  outputModes: [5, 5, 5, 5],
  ttRanks,
  ttHiddenParameters: ttMatrixWeights([7, 4, 7, 4], [5, 5, 5, 5], ttRanks) + 625,
  denseHiddenParameters: 490_625,
  ttAccuracy,
  denseAccuracy,
  trainDigits: 8000,
  fineTuneEpochs: 2,
});
const rank = (r: number, before: number, after: number, error = 0.9): CompressionOutcome => ({
  rank: r,
  parameters: r === 16 ? 21_845 : 10_000,
  relativeError: error,
  errorBound: 0.9,
  accuracyBefore: before,
  accuracyAfter: after,
});
const byId = (claims: ReturnType<typeof ttMnistClaims>) => Object.fromEntries(claims.map((c) => [c.id, c]));

describe('ttMnistClaims', () => {
  it("counts the TT-matrix weights by the closed form: the tutorial's 1,100 at rank 4, 14,960 at rank 16", () => {
    expect(ttMatrixWeights([7, 4, 7, 4], [5, 5, 5, 5], [1, 4, 4, 4, 1])).toBe(35 * 4 + 16 * 20 + 16 * 35 + 4 * 20);
    expect(ttMatrixWeights([7, 4, 7, 4], [5, 5, 5, 5], [1, 16, 16, 16, 1]) + 625).toBe(15_585);
  });

  it("holds with the tutorial's numbers", () => {
    const claims = byId(ttMnistClaims(networks(96.38, 97.14), [rank(8, 50, 95), rank(16, 64.43, 97.65)]));
    expect(Object.values(claims).every((c) => c.holds)).toBe(true);
    expect(claims['tt-vs-dense-accuracy']!.ours).toBeCloseTo(-0.76, 10);
    expect(claims['tt-layer-compression']).toMatchObject({
      ours: 490_000 / 1100,
      reference: { kind: 'paper', value: 445 },
    });
    expect(claims['fine-tuned-vs-dense']!.ours).toBeCloseTo(0.51, 10);
    expect(claims['fine-tuning-recovers']!.ours).toBeCloseTo(33.22, 10);
  });

  it('fails on a large accuracy gap, an error above its bound, a fine-tuning that loses accuracy', () => {
    const claims = byId(ttMnistClaims(networks(90, 97), [rank(8, 50, 49, 0.95), rank(16, 60, 93)]));
    expect(claims['tt-net-accuracy']!.holds).toBe(false);
    expect(claims['tt-vs-dense-accuracy']).toMatchObject({ ours: -7, holds: false });
    expect(claims['tt-svd-error-bound']!.holds).toBe(false);
    expect(claims['fine-tuning-recovers']).toMatchObject({ ours: -1, holds: false });
    expect(claims['fine-tuned-accuracy']!.holds).toBe(false);
    expect(claims['fine-tuned-vs-dense']).toMatchObject({ ours: -4, holds: false });
  });

  it('checks the compression against the closed form (ours-exact) off the tutorial rank; leaves out rank-16 claims without rank 16', () => {
    const claims = ttMnistClaims(networks(95, 96, [1, 2, 2, 2, 1]), [rank(8, 50, 90)]);
    expect(claims.map((c) => c.id)).toEqual([
      'tt-net-accuracy',
      'tt-vs-dense-accuracy',
      'tt-layer-compression',
      'tt-svd-error-bound',
      'fine-tuning-recovers',
    ]);
    const compression = claims[2]!;
    expect(compression.reference).toMatchObject({ kind: 'ours-exact', value: 490_000 / (70 + 80 + 140 + 40) });
    expect(compression.holds).toBe(true);
    // A hidden layer with more parameters than the closed form says fails.
    const off = ttMnistClaims({ ...networks(95, 96, [1, 2, 2, 2, 1]), ttHiddenParameters: 1000 }, []);
    expect(off[2]!.holds).toBe(false);
  });
});
