import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { familyChain, kl, registerKl } from './kl.js';
import { Laplace, laplace } from './laplace.js';
import { Normal, normal } from './normal.js';

describeBackends(
  'the KL registry across module copies',
  () => {
    it('keys entries by family name, so a class from another copy of the package finds the built-in forms', () => {
      // What a second installed copy of @proj/core exports: another class object with the same family name.
      class CopiedNormal extends Normal {
        static override readonly family = 'Normal';
      }
      const p = new CopiedNormal({ loc: tf.scalar(0), scale: tf.scalar(1) });
      // KL(N(0, 1) ‖ N(1, 2²)) = log 2 + (1 + 1)/(2·4) − 1/2.
      expectClose(kl(p, normal({ loc: 1, scale: 2 })), Math.log(2) + 2 / 8 - 0.5);
      expect(familyChain(p)).toEqual(['Normal', 'Distribution']);
    });

    it('shares user registrations between copies of the module, and subclasses use their parent family', async () => {
      // A query makes vitest load a second instance of the module, as a second installed copy would be.
      const secondCopy = './kl.js?second-copy';
      const copy = (await import(/* @vite-ignore */ secondCopy)) as typeof import('./kl.js');
      expect(copy.kl).not.toBe(kl);
      copy.registerKl(Normal, Laplace, () => tf.scalar(7));
      expectClose(kl(normal({ loc: 0, scale: 1 }), laplace({ loc: 0, scale: 1 })), 7);
      class Shifted extends Normal {}
      expect(new Shifted({ loc: tf.scalar(0), scale: tf.scalar(1) }).name).toBe('Normal');
      expectClose(kl(new Shifted({ loc: tf.scalar(0), scale: tf.scalar(1) }), laplace({ loc: 0, scale: 1 })), 7);
    });

    it('rejects a class without its own family name', () => {
      class Unnamed extends Normal {}
      expect(() => registerKl(Unnamed, Normal, () => tf.scalar(0))).toThrow(
        "registerKl: argument 'familyP' must be a Distribution class with its own static 'family' name, got Unnamed",
      );
    });
  },
  { backends: ['cpu'] },
);
