import { randomNormal } from '@proj/core';
import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, expect, it } from 'vitest';
import { convFlops } from '../flops/conv-flops.js';
import { dilateMask } from '../flops/dilate-mask.js';
import { actHalting } from '../halting/act-halting.js';
import {
  type AdaptiveMethod,
  type AdaptiveStageParams,
  adaptiveStage,
  adaptiveStageVariables,
  createAdaptiveStage,
} from './adaptive-stage.js';
import { haltingBranchVariables, haltingLogits } from './halting-branch.js';
import { residualUnit, residualUnitVariables } from './residual-unit.js';

const made: AdaptiveStageParams[] = [];
/** A stage [4 → 6 channels, stride 2, 3 units] with halting biases `bias` (−3 at init). */
function stage(method: AdaptiveMethod, seed: number, bias?: number): AdaptiveStageParams {
  const params = createAdaptiveStage({ inChannels: 4, channels: 6, stride: 2, units: 3, method, seed });
  if (bias !== undefined) {
    for (const branch of params.halting) {
      branch.bias.assign(tf.fill([1], bias));
      // Larger global weights spread the scores over the examples (different N per example).
      tf.tidy(() => branch.globalWeight.assign(tf.mul(branch.globalWeight, 8)));
    }
  }
  made.push(params);
  return params;
}

/** The states s_1..s_L of a stage computed densely, one unit after the other (inference statistics). */
function denseStates(params: AdaptiveStageParams, x: tf.Tensor): tf.Tensor[] {
  const states = [residualUnit(params.units[0]!, x)];
  for (let n = 1; n < params.units.length; n++) states.push(residualUnit(params.units[n]!, states[n - 1]!));
  return states;
}

describeBackends('adaptiveStage', () => {
  afterAll(() => tf.dispose(made.flatMap(adaptiveStageVariables)));
  const x = () => randomNormal([4, 10, 10, 4], 21);

  it('ACT: equals actHalting of the dense states and halting scores, with halted examples frozen', () => {
    const params = stage('act', 1, 0.3);
    tf.tidy(() => {
      const input = x();
      const states = denseStates(params, input);
      const scores = tf.stack(
        params.halting.map((b, n) => tf.sigmoid(haltingLogits(b, states[n]!))),
        1,
      );
      const halting = actHalting(scores);
      const out = adaptiveStage(params, input);
      expectClose(out.ponderCost, halting.ponderCost, { rtol: 1e-5 });
      expectClose(out.numUnits, halting.numUnits, { rtol: 0, atol: 0 });
      expectClose(out.haltingDistribution, halting.haltingDistribution, { atol: 1e-6 });
      const p = tf.unstack(halting.haltingDistribution, 1);
      const expected = tf.addN(states.map((s, n) => tf.mul(s, tf.reshape(p[n]!, [4, 1, 1, 1]))));
      expectClose(out.output, expected, { rtol: 1e-4, atol: 1e-5 });
      expect(new Set(out.numUnits.dataSync()).size).toBeGreaterThan(1);
      // FLOPs: every unit up to N on the whole 5 × 5 map, the halting FC after each unit but the last.
      const unitFlops = (cin: number) => convFlops(25, 3, 3, cin, 6) + convFlops(25, 3, 3, 6, 6);
      out.numUnits.dataSync().forEach((units, b) => {
        let expected = unitFlops(4) + convFlops(1, 1, 1, 6, 1);
        for (let n = 2; n <= units; n++) expected += unitFlops(6) + (n < 3 ? convFlops(1, 1, 1, 6, 1) : 0);
        expect(out.flops[b]).toBe(expected);
      });
    });
  });

  it('masked and dense computation give the same values (ACT, SACT, PACT) and FLOPs', () => {
    for (const [method, bias] of [
      ['act', 0.3],
      ['sact', -0.5],
      ['pact', 0],
    ] as const) {
      const params = stage(method, 2, bias);
      tf.tidy(() => {
        const input = x();
        const masked = adaptiveStage(params, input, { maskedFraction: 1 });
        const dense = adaptiveStage(params, input, { computation: 'dense' });
        expectClose(masked.output, dense.output, { rtol: 1e-4, atol: 1e-5 });
        expectClose(masked.ponderCost, dense.ponderCost, { rtol: 1e-5 });
        expect(Array.from(masked.flops)).toEqual(Array.from(dense.flops));
      });
    }
  });

  it('SACT with a spatially constant halting score equals ACT', () => {
    const act = stage('act', 3, 0.2);
    const sact = stage('sact', 3, 0.2);
    tf.tidy(() => {
      // Same units; the SACT branch's local 3×3 weights zero and its global term the ACT branch's.
      sact.units.forEach((unit, n) => {
        for (const key of ['conv1', 'conv2'] as const) unit[key].assign(act.units[n]![key]);
      });
      sact.halting.forEach((branch, n) => {
        branch.localWeight!.assign(tf.zerosLike(branch.localWeight!));
        branch.globalWeight.assign(act.halting[n]!.globalWeight);
      });
      const input = x();
      const a = adaptiveStage(act, input);
      const s = adaptiveStage(sact, input);
      expect(s.ponderCost.shape).toEqual([4, 5, 5]);
      expectClose(s.output, a.output, { rtol: 1e-5, atol: 1e-6 });
      expectClose(s.ponderCost, tf.tile(tf.reshape(a.ponderCost, [4, 1, 1]), [1, 5, 5]), { rtol: 1e-6 });
      expectClose(s.numUnits, tf.tile(tf.reshape(a.numUnits, [4, 1, 1]), [1, 5, 5]), { rtol: 0, atol: 0 });
    });
  });

  it('SACT: positions that halted keep their state exactly and FLOPs count the computed positions only', () => {
    const params = stage('sact', 4, -0.2);
    tf.tidy(() => {
      const input = x();
      const out = adaptiveStage(params, input, { maskedFraction: 1 });
      const units = out.numUnits.arraySync() as number[][][];
      const flat = units.flat(2);
      expect(new Set(flat).size).toBeGreaterThan(1);
      // Where N = 1 the output is s_1 exactly (p = [1, 0, 0]; the later states equal s_1 there).
      const first = residualUnit(params.units[0]!, input);
      const once = tf.expandDims(tf.equal(out.numUnits, 1), 3);
      const diff = tf.where(once, tf.abs(tf.sub(out.output, first)), tf.zerosLike(first));
      expect(tf.max(diff).dataSync()[0]).toBe(0);
      // FLOPs from N alone: unit n ≥ 2 runs conv2 where N ≥ n and conv1 on its 3×3 dilation.
      const [h, w, c] = [5, 5, 6];
      for (let b = 0; b < 4; b++) {
        let expected = convFlops(h * w, 3, 3, 4, c) + convFlops(h * w, 3, 3, c, c);
        expected += convFlops(h * w, 3, 3, c, 1) + convFlops(1, 1, 1, c, 1);
        for (let n = 2; n <= 3; n++) {
          const active = Uint8Array.from(units[b]!.flat(), (N) => (N >= n ? 1 : 0));
          const count = active.reduce((s, v) => s + v, 0);
          const wide = dilateMask(active, [1, h, w]).reduce((s, v) => s + v, 0);
          expected += convFlops(wide, 3, 3, c, c) + convFlops(count, 3, 3, c, c);
          if (n < 3) expected += convFlops(count, 3, 3, c, 1) + convFlops(1, 1, 1, c, 1);
        }
        expect(out.flops[b]).toBe(expected);
      }
    });
  });

  it('stops early: scores that halt after unit 1 give ρ = 2, N = 1 and evaluate one unit', () => {
    for (const method of ['act', 'sact'] as const) {
      const params = stage(method, 5, 8);
      for (const computation of ['masked', 'dense'] as const) {
        tf.tidy(() => {
          const out = adaptiveStage(params, x(), { computation });
          expect(out.unitsEvaluated).toBe(1);
          expectClose(out.ponderCost, 2, { rtol: 1e-6 });
          expectClose(out.numUnits, 1, { rtol: 0, atol: 0 });
        });
      }
    }
  });

  it('gives every trainable variable a gradient, zero for skipped units (Adam indexes its state by position)', () => {
    for (const [method, options] of [
      ['act', {}],
      ['sact', { computation: 'dense' }],
      ['pact', { temperature: 0 }],
    ] as const) {
      const params = stage(method, 11, 200);
      tf.tidy(() => {
        const input = x();
        const trainable = adaptiveStageVariables(params).filter((v) => v.trainable);
        const { grads } = tf.variableGrads(
          () => tf.sum(adaptiveStage(params, input, { training: true, ...options }).output),
          trainable,
        );
        expect(Object.keys(grads).sort()).toEqual(trainable.map((v) => v.name).sort());
        for (const v of [
          ...params.units.slice(1).flatMap(residualUnitVariables),
          ...params.halting.slice(1).flatMap(haltingBranchVariables),
        ]) {
          if (v.trainable) expect(tf.max(tf.abs(grads[v.name]!)).dataSync()[0]).toBe(0);
        }
        expect(tf.max(tf.abs(grads[params.units[0]!.conv1.name]!)).dataSync()[0]).toBeGreaterThan(0);
      });
    }
  });

  it('all-small scores run every unit (N = L); vanilla runs every unit with ρ = L + 1', () => {
    const act = stage('act', 6, -12);
    const vanilla = stage('vanilla', 6);
    tf.tidy(() => {
      const input = x();
      const out = adaptiveStage(act, input);
      expectClose(out.numUnits, 3, { rtol: 0, atol: 0 });
      expect(out.unitsEvaluated).toBe(3);
      const plain = adaptiveStage(vanilla, input);
      expectClose(plain.ponderCost, 4, { rtol: 0, atol: 0 });
      expectClose(plain.output, denseStates(vanilla, input)[2]!, { rtol: 1e-5, atol: 1e-6 });
    });
  });

  it('ponder-cost gradients flow to the halting biases: ∂ρ/∂h_n = −1 before N', () => {
    const params = stage('act', 7, 0.3);
    tf.tidy(() => {
      const input = x();
      const biases = params.halting.map((b) => b.bias);
      const { grads } = tf.variableGrads(() => tf.sum(adaptiveStage(params, input).ponderCost), biases);
      // ∂ρ/∂bias_n = −Σ_b [n < N_b]·h_n(1 − h_n).
      const out = adaptiveStage(params, input);
      const states = denseStates(params, input);
      const n = out.numUnits.dataSync();
      params.halting.forEach((branch, k) => {
        const h = tf.sigmoid(haltingLogits(branch, states[k]!)).dataSync();
        let expected = 0;
        for (let b = 0; b < 4; b++) if (k + 1 < n[b]!) expected -= h[b]! * (1 - h[b]!);
        expectClose(grads[branch.bias.name]!, [expected], { rtol: 1e-4, atol: 1e-7 });
      });
    });
  });

  it('PACT at test time halts at the first h > 0.5 and outputs s_N; relaxed training is seeded', () => {
    const params = stage('pact', 8, 0);
    tf.tidy(() => {
      const input = x();
      const states = denseStates(params, input);
      const h = params.halting.map((b, n) => tf.sigmoid(haltingLogits(b, states[n]!)).dataSync());
      const expectedN = [0, 1, 2, 3].map((b) => (h[0]![b]! > 0.5 ? 1 : h[1]![b]! > 0.5 ? 2 : 3));
      const out = adaptiveStage(params, input);
      expect(Array.from(out.numUnits.dataSync())).toEqual(expectedN);
      expect(new Set(expectedN).size).toBeGreaterThan(1);
      const expected = tf.stack(
        expectedN.map((N, b) => tf.squeeze(tf.slice(states[N - 1]!, [b, 0, 0, 0], [1, -1, -1, -1]), [0])),
      );
      expectClose(out.output, expected, { rtol: 1e-5, atol: 1e-6 });
      // Training at temperature 0 is the same deterministic thresholding.
      const zero = adaptiveStage(params, input, { temperature: 0 });
      expectClose(zero.numUnits, out.numUnits, { rtol: 0, atol: 0 });
      const a = adaptiveStage(params, input, { training: true, seed: 3 });
      const b = adaptiveStage(params, input, { training: true, seed: 3 });
      expectClose(a.output, b.output, { rtol: 0, atol: 0 });
      expectClose(tf.sum(a.haltingDistribution, 1), 1, { atol: 1e-6 });
    });
  });

  it('leaks nothing (every method, with gradients, on error paths) and names itself in errors', async () => {
    const input = x();
    for (const method of ['vanilla', 'act', 'sact', 'pact'] as const) {
      const params = stage(method, 9, -0.5);
      await expectNoLeaks(() => adaptiveStage(params, input, { training: true, seed: 1 }));
      await expectNoLeaks(() =>
        tf.variableGrads(() => {
          const out = adaptiveStage(params, input, { training: true, seed: 1 });
          return tf.add(tf.sum(out.output), tf.sum(out.ponderCost));
        }),
      );
    }
    const params = stage('pact', 10);
    const wrong = tf.ones([1, 4, 4, 3]);
    await expectNoLeaks(() => {
      expect(() => adaptiveStage(params, input, { training: true })).toThrow(
        /adaptiveStage: argument 'options.seed' is required/,
      );
      expect(() => adaptiveStage(params, input, { eps: 1.5 })).toThrow(/adaptiveStage: argument 'options.eps'/);
      expect(() => adaptiveStage(params, input, { temperature: -1 })).toThrow(
        /adaptiveStage: argument 'options.temperature'/,
      );
      expect(() => adaptiveStage(params, input, { mode: 'act' } as never)).toThrow(
        /adaptiveStage: unknown option 'mode'/,
      );
      expect(() => adaptiveStage(params, wrong)).toThrow(/adaptiveStage: argument 'x'/);
    });
    tf.dispose([input, wrong]);
  });
});
