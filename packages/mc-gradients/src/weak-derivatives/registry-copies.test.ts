import { Normal, normal, Uniform, uniform } from '@proj/core/distributions';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { registerWeakDerivative, weakDerivativeOf, weakDerivativeParams } from './registry.js';

describeBackends(
  'the weak-derivative registry across module copies',
  () => {
    it('finds the built-in entries for a class from another copy of @proj/core (same family name)', () => {
      class CopiedNormal extends Normal {
        static override readonly family = 'Normal';
      }
      const d = new CopiedNormal({ loc: tf.scalar(0), scale: tf.scalar(1) });
      expect(weakDerivativeParams(d)).toEqual(['loc', 'scale']);
      expect(weakDerivativeOf(d, 'loc')).toBe(weakDerivativeOf(normal({ loc: 0, scale: 1 }), 'loc'));
    });

    it('shares registrations between copies of the module and rejects classes without a family name', async () => {
      // A query makes vitest load a second instance of the module, as a second installed copy would be.
      const secondCopy = './registry.js?second-copy';
      const copy = (await import(/* @vite-ignore */ secondCopy)) as typeof import('./registry.js');
      expect(copy.registerWeakDerivative).not.toBe(registerWeakDerivative);
      const entry = {
        constant: () => tf.scalar(1),
        sample: () => ({ positive: tf.scalar(0), negative: tf.scalar(0) }),
      };
      copy.registerWeakDerivative(Uniform, 'low', entry);
      expect(weakDerivativeOf(uniform({ low: 0, high: 1 }), 'low')).toBe(entry);
      class Unnamed extends Uniform {}
      expect(() => registerWeakDerivative(Unnamed, 'low', entry)).toThrow(
        "registerWeakDerivative: argument 'family' must be a Distribution class with its own static 'family' name, got Unnamed",
      );
    });
  },
  { backends: ['cpu'] },
);
