import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { expectMeanWithin } from '../testing/expect-mean-within.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { randomExponential, randomNormal, randomUniform, toTfjsSeed } from './random-ops.js';

describeBackends(
  'seeded random ops',
  () => {
    describe('seeded random ops', () => {
      it('are reproducible for seed 0, which tfjs itself treats as unseeded', () => {
        expect(randomNormal([4], 0).arraySync()).toEqual(randomNormal([4], 0).arraySync());
        // tfjs's own randomNormal with seed 0 falls back to Math.random: two calls differ.
        expect(tf.randomNormal([4], 0, 1, 'float32', 0).arraySync()).not.toEqual(
          tf.randomNormal([4], 0, 1, 'float32', 0).arraySync(),
        );
        expect(toTfjsSeed(0)).toBe(2 ** 32);
        expect(toTfjsSeed(5)).toBe(5);
      });

      it('draw the requested distributions', () => {
        expectMeanWithin(randomNormal([20000], 3, { mean: 2, stddev: 3 }), 2, 3);
        const u = randomUniform([20000], 4, { min: -1, max: 3 });
        expectMeanWithin(u, 1, 4 / Math.sqrt(12));
        expect(tf.min(u).dataSync()[0]).toBeGreaterThanOrEqual(-1);
      });

      it('reject invalid seeds', () => {
        expect(() => randomNormal([2], -1)).toThrow("randomNormal: argument 'seed' must be an integer");
        expect(() => randomUniform([2], 1.5)).toThrow("randomUniform: argument 'seed' must be an integer");
      });

      it('reject bad shapes before allocating, naming the function (issue 10)', () => {
        expect(() => randomNormal([2, -2], 1)).toThrow(
          "randomNormal: argument 'shape' must be an array of non-negative integers, got [2,-2]",
        );
        expect(() => randomUniform([2 ** 31, 2], 1)).toThrow(
          "randomUniform: argument 'shape' [2147483648,2] describes 4294967296 elements, more than the 2147483647 a tensor can hold",
        );
        expect(() => randomExponential([1e9, 1e9], 1)).toThrow(
          "randomExponential: argument 'shape' [1000000000,1000000000]",
        );
        expect(() => randomExponential(3 as never, 1)).toThrow("randomExponential: argument 'shape' must be an array");
        expect(() => randomNormal([2.5], 1)).toThrow("randomNormal: argument 'shape'");
        expect(randomExponential([0, 3], 1).shape).toEqual([0, 3]);
      });

      it('reject unknown option keys and bad option values', () => {
        expect(() => randomNormal([2], 1, { stdev: 2 } as never)).toThrow(
          "randomNormal: unknown option 'stdev'; valid options: mean, stddev",
        );
        expect(() => randomNormal([2], 1, { stddev: -1 })).toThrow(
          "randomNormal: option 'stddev' must be a finite number ≥ 0, got -1",
        );
        expect(() => randomNormal([2], 1, { mean: Number.NaN })).toThrow(
          "randomNormal: option 'mean' must be a finite number, got NaN",
        );
        expect(() => randomUniform([2], 1, { min: 1, max: 0 })).toThrow(
          "randomUniform: option 'min' must be below option 'max', got min 1, max 0",
        );
        expect(() => randomUniform([2], 1, { low: 0 } as never)).toThrow(
          "randomUniform: unknown option 'low'; valid options: min, max",
        );
        expect(() => randomUniform([2], 1, { max: '2' } as never)).toThrow(
          "randomUniform: option 'max' must be a finite number, got the string '2'",
        );
        expect(() => toTfjsSeed(1, 5 as never)).toThrow("toTfjsSeed: argument 'fn' must be a non-empty string, got 5");
      });
    });
  },
  { backends: ['cpu'] },
);

// The backend under test against the cpu reference (wasm in the default run, the one PROJ_BACKEND names else):
// the seeded draws are documented to be bit-identical on every backend.
describeBackends(
  'seeded random ops: backend under test vs cpu',
  (backend) => {
    it(`give the same draws on ${backend} as on cpu`, async () => {
      const draw = () =>
        tf.tidy(() => [
          Array.from(randomNormal([64], 0, { mean: 2, stddev: 3 }).dataSync()),
          Array.from(randomUniform([64], 7, { min: -1, max: 3 }).dataSync()),
        ]);
      const onBackend = draw();
      await initBackend('cpu');
      const onCpu = draw();
      await initBackend(backend);
      expect(onBackend).toEqual(onCpu);
    });
  },
  { backends: ['wasm'] },
);
