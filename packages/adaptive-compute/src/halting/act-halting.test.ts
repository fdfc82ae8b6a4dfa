import { randomUniform } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { ActHalting, actHalting } from './act-halting.js';
import { haltingOutput } from './halting-output.js';

/** The halting rule in float64 from its definition (Graves 2016, eqs. 6-8): N, R, ρ, p and ∂ρ/∂h. */
function reference(h: readonly number[], eps = 0.01) {
  const units = h.length + 1;
  const scores = [...h, 1];
  let cumsum = 0;
  let n = units;
  for (let i = 0; i < units; i++) {
    cumsum += scores[i]!;
    if (cumsum >= 1 - eps) {
      n = i + 1;
      break;
    }
  }
  const remainder = 1 - h.slice(0, n - 1).reduce((a, b) => a + b, 0);
  const p = scores.map((s, i) => (i < n - 1 ? s : i === n - 1 ? remainder : 0));
  return { n, remainder, rho: n + remainder, p, grad: h.map((_, i) => (i < n - 1 ? -1 : 0)) };
}

describeBackends('actHalting', () => {
  // mfigurnov/sact act_test.py, ActTest: the golden cases.
  const golden = [
    { h: [0.999, 0.999, 0.999, 0.999], rho: 2, n: 1, p: [1, 0, 0, 0, 0], grad: [0, 0, 0, 0] },
    { h: [0.01, 0.5, 0.6, 0.7], rho: 3.49, n: 3, p: [0.01, 0.5, 0.49, 0, 0], grad: [-1, -1, 0, 0] },
    { h: [0.01, 0.01, 0.01, 0.01], rho: 5.96, n: 5, p: [0.01, 0.01, 0.01, 0.01, 0.96], grad: [-1, -1, -1, -1] },
  ];

  it.each(golden)('golden case h = $h: ρ = $rho, N = $n, p and ∂ρ/∂h as act_test.py', ({ h, rho, n, p, grad }) => {
    tf.tidy(() => {
      const scores = tf.tensor2d([h]);
      const out = actHalting(scores);
      expect(out).toBeInstanceOf(ActHalting);
      expectClose(out.ponderCost, [rho], { rtol: 1e-6 });
      expect(out.numUnits.dtype).toBe('int32');
      expect(Array.from(out.numUnits.dataSync())).toEqual([n]);
      expectClose(out.haltingDistribution, [p], { atol: 1e-6 });
      expectClose(out.remainder, [rho - n], { atol: 1e-6 });
      expectClose(tf.grad((s) => tf.sum(actHalting(s).ponderCost))(scores), [grad], { atol: 0 });
    });
  });

  it('halting after the first unit gives ρ = 2 and N = 1; all-small scores give N = L', () => {
    tf.tidy(() => {
      const out = actHalting(
        tf.tensor2d([
          [0.995, 0.2],
          [0.001, 0.001],
        ]),
      );
      expectClose(out.ponderCost, [2, 3 + 0.998], { rtol: 1e-6 });
      expect(Array.from(out.numUnits.dataSync())).toEqual([1, 3]);
    });
  });

  it('matches the float64 definition on random scores: Σp = 1, p_n = 0 after N, ∂ρ/∂h = −1 before N', () => {
    tf.tidy(() => {
      // Scores spread so that N covers 1..L; rows are independent cases.
      const raw = randomUniform([200, 5], 11, { min: 0, max: 0.6 });
      const scores = tf.mul(raw, tf.tensor1d([1, 1, 1.5, 0.5, 1]));
      const rows = scores.arraySync() as number[][];
      const out = actHalting(scores, { eps: 0.05 });
      const gradient = tf.grad((s) => tf.sum(actHalting(s, { eps: 0.05 }).ponderCost))(scores);
      const expected = rows.map((h) => reference(h, 0.05));
      expect(Array.from(out.numUnits.dataSync())).toEqual(expected.map((e) => e.n));
      expect(new Set(expected.map((e) => e.n)).size).toBeGreaterThan(2);
      expectClose(
        out.ponderCost,
        expected.map((e) => e.rho),
        { rtol: 1e-5 },
      );
      expectClose(
        out.haltingDistribution,
        expected.map((e) => e.p),
        { atol: 2e-6 },
      );
      expectClose(tf.sum(out.haltingDistribution, 1), 1, { atol: 2e-6 });
      expectClose(
        gradient,
        expected.map((e) => e.grad),
        { atol: 0 },
      );
    });
  });

  it('treats batch rows and SACT positions independently: [B, H, W, L − 1] equals the flattened rows', () => {
    tf.tidy(() => {
      const scores = randomUniform([2, 3, 4, 3], 5, { min: 0, max: 0.7 });
      const spatial = actHalting(scores);
      const flat = actHalting(tf.reshape(scores, [24, 3]));
      expect(spatial.ponderCost.shape).toEqual([2, 3, 4]);
      expect(spatial.haltingDistribution.shape).toEqual([2, 3, 4, 4]);
      expectClose(spatial.ponderCost, flat.ponderCost.dataSync(), { rtol: 0, atol: 0 });
      expectClose(spatial.haltingDistribution, flat.haltingDistribution.dataSync(), { rtol: 0, atol: 0 });
      // One row alone gives what it gives inside the batch.
      const single = actHalting(tf.slice(tf.reshape(scores, [24, 3]), [7, 0], [1, 3]));
      expectClose(single.ponderCost, [flat.ponderCost.dataSync()[7]!], { rtol: 0, atol: 0 });
    });
  });

  it('weights the states by p: act_test.py ActWrapperTest outputs 1.48 and 3.9', () => {
    tf.tidy(() => {
      const states = [0, 1, 2, 3, 4].map((v) => tf.tensor2d([[v], [v]]));
      const halting = actHalting(
        tf.tensor2d([
          [0.01, 0.5, 0.6, 0.7],
          [0.01, 0.01, 0.01, 0.01],
        ]),
      );
      expectClose(haltingOutput(states, halting.haltingDistribution), [[1.48], [3.9]], { rtol: 1e-6 });
    });
  });

  it('differentiates with a single halting score (L = 2) and a single state (L = 1)', () => {
    tf.tidy(() => {
      // h_1 = 0.3 < 1 − ε: N = 2, R = 0.7, ρ = 2.7, ∂ρ/∂h_1 = −1 (tfjs's Unpack gradient fails on one output).
      const rho = tf.grad((h) => tf.sum(actHalting(h).ponderCost))(tf.tensor2d([[0.3]]));
      expectClose(rho, [[-1]], { rtol: 1e-6 });
      // haltingOutput of one state: p = [1], output = s; ∂/∂p = s.
      const dp = tf.grad((p) => tf.sum(haltingOutput([tf.tensor2d([[2, 3]])], p)))(tf.tensor2d([[1]]));
      expectClose(dp, [[5]], { rtol: 1e-6 });
    });
  });

  it('leaks nothing, with gradients and on error paths, and names itself in errors', async () => {
    const scores = tf.tensor2d([[0.3, 0.4]]);
    await expectNoLeaks(() => actHalting(scores));
    await expectNoLeaks(() => tf.grad((s) => tf.sum(actHalting(s).ponderCost))(scores));
    await expectNoLeaks(() => {
      expect(() => actHalting(scores, { eps: 1 })).toThrow(/actHalting: argument 'options.eps'/);
    });
    expect(() => actHalting(scores, { eps: 0 })).toThrow(
      /actHalting: argument 'options.eps' must be a number in \(0, 1\)/,
    );
    expect(() => actHalting(scores, { epsilon: 0.1 } as never)).toThrow(/actHalting: unknown option 'epsilon'/);
    expect(() => actHalting(tf.tensor1d([0.5]))).toThrow(/actHalting: argument 'scores'/);
    scores.dispose();
  });
});
