import { expectClose, expectNoLeaks } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { actHalting } from './act-halting.js';
import type { HaltingState } from './halting-state.js';
import { haltingStep } from './halting-step.js';

describeBackends('haltingStep', () => {
  it('reproduces act_test.py SactTest.testSimple: ρ [2.1, 3.8], N [2, 3], outputs [1.2, 5.4]', () => {
    tf.tidy(() => {
      const states = [
        [1, 2],
        [3, 4],
        [5, 6],
      ].map((v) => tf.tensor3d([[v]]));
      const scores = [
        [0.9, 0.1],
        [0.5, 0.1],
        [0.8, 0.1], // unused: the last unit halts everything
      ].map((v) => tf.tensor3d([[v]]));
      let state: HaltingState | null = null;
      const p: tf.Tensor[] = [];
      let output = tf.zeros([1, 1, 2]);
      const finished: number[][] = [];
      for (let n = 0; n < 3; n++) {
        const step = haltingStep(state, scores[n]!, { last: n === 2 });
        state = step.state;
        p.push(step.probability);
        output = tf.add(output, tf.mul(states[n]!, step.probability));
        finished.push(Array.from(state.finished.dataSync()));
      }
      expectClose(state!.ponderCost, [[[2.1, 3.8]]], { rtol: 1e-6 });
      expect(Array.from(state!.numUnits.dataSync())).toEqual([2, 3]);
      expectClose(
        tf.stack(p, -1),
        [
          [
            [
              [0.9, 0.1, 0],
              [0.1, 0.1, 0.8],
            ],
          ],
        ],
        { atol: 1e-6 },
      );
      expectClose(output, [[[1.2, 5.4]]], { rtol: 1e-6 });
      // The residual masks of units 2 and 3 (act_test.py): [1, 1] then [0, 1].
      expect(finished.slice(0, 2).map((f) => f.map((v) => 1 - v))).toEqual([
        [1, 1],
        [0, 1],
      ]);
    });
  });

  it('stepping unit by unit equals actHalting', () => {
    tf.tidy(() => {
      const scores = tf.tensor2d([
        [0.2, 0.3, 0.45, 0.1],
        [0.6, 0.39, 0.2, 0.3],
        [0.1, 0.1, 0.1, 0.1],
      ]);
      const whole = actHalting(scores);
      const columns = tf.unstack(scores, 1);
      let state: HaltingState | null = null;
      for (let n = 0; n < 5; n++) state = haltingStep(state, columns[Math.min(n, 3)]!, { last: n === 4 }).state;
      expectClose(state!.ponderCost, whole.ponderCost, { rtol: 0, atol: 0 });
      expectClose(state!.numUnits, whole.numUnits, { rtol: 0, atol: 0 });
    });
  });

  it('rejects bad states, scores and options without leaking', async () => {
    const score = tf.tensor1d([0.3, 0.4]);
    const { state } = haltingStep(null, score);
    await expectNoLeaks(() => haltingStep(state, score));
    const wrong = tf.tensor1d([0.1, 0.2, 0.3]);
    await expectNoLeaks(() => {
      expect(() => haltingStep(state, wrong)).toThrow(/haltingStep: argument 'score' must have the state's shape/);
    });
    expect(() => haltingStep({} as never, score)).toThrow(/haltingStep: argument 'state' must be a HaltingState/);
    expect(() => haltingStep(null, score, { eps: -0.1 })).toThrow(/haltingStep: argument 'options.eps'/);
    expect(() => haltingStep(null, score, { last: 1 } as never)).toThrow(/haltingStep: argument 'options.last'/);
    tf.dispose([score, wrong, ...Object.values(state)]);
  });
});
