import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { expectNoLeaks } from '../testing/expect-no-leaks.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { toFloatTensor } from './convert.js';
import { mapElementwise, mapElementwise2, reduceToShape } from './host-elementwise.js';

describeBackends(
  'internal helpers',
  () => {
    describe('host elementwise maps', () => {
      it('maps in float64 and rounds once to float32', async () => {
        const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
        // (1 + 1e-9) - 1 is lost in float32 arithmetic but kept in float64.
        const y = mapElementwise(x, (v) => ((v + 1e-9 - v) * 1e9) ** 2);
        expect(y.shape).toEqual([2, 2]);
        expectClose(
          y,
          [
            [1, 1],
            [1, 1],
          ],
          { rtol: 1e-6 },
        );
        await expectNoLeaks(() => mapElementwise(x, Math.sqrt));
        tf.dispose([x, y]);
      });

      it('broadcasts binary maps and names the op on mismatch', async () => {
        const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
        const b = tf.tensor1d([10, 20, 30]);
        expectClose(
          mapElementwise2(a, b, (x, y) => x * y, 'mul'),
          [
            [10, 40, 90],
            [40, 100, 180],
          ],
        );
        await expectNoLeaks(() => mapElementwise2(a, b, Math.max, 'max'));
        expect(() => mapElementwise2(a, tf.tensor1d([1, 2]), Math.max, 'igamma')).toThrow(
          'igamma: shapes [2,3] and [2] do not broadcast',
        );
        tf.dispose([a, b]);
      });

      it('reduces a broadcast gradient back to the input shape', () => {
        const g = tf.ones([2, 3]);
        expectClose(reduceToShape(g, [3]), [2, 2, 2]);
        expectClose(reduceToShape(g, [2, 1]), [[3], [3]]);
        expectClose(reduceToShape(g, []), 6);
        g.dispose();
      });
    });

    describe('toFloatTensor', () => {
      it('converts arrays and casts integer tensors', () => {
        expect(toFloatTensor([1, 2], 'x', 'f').dtype).toBe('float32');
        expect(toFloatTensor(tf.tensor1d([1, 2], 'int32'), 'x', 'f').dtype).toBe('float32');
      });

      it('rejects strings and disposed tensors, naming the op and argument', () => {
        expect(() => toFloatTensor('a' as never, 'x', 'lgamma')).toThrow("lgamma: argument 'x' must be numeric");
        const t = tf.scalar(1);
        t.dispose();
        expect(() => toFloatTensor(t, 'x', 'lgamma')).toThrow("lgamma: argument 'x' is a disposed tensor");
      });
    });
  },
  { backends: ['wasm'] },
);
