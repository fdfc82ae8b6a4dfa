import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeBackends } from '../vitest/describe-backends.js';
import {
  assertBoolean,
  assertFinite,
  assertInteger,
  assertShape,
  assertString,
  assertTensor,
  describeValue,
  MAX_ELEMENTS,
} from './assert-args.js';

describeBackends(
  'argument checks',
  () => {
    it('describe values briefly for messages', () => {
      expect(
        [NaN, -0, '3', null, undefined, true, [2, -2], ['a', 1], [[1]], {}, () => 1, 3n].map(describeValue),
      ).toEqual([
        'NaN',
        '-0',
        "the string '3'",
        'null',
        'undefined',
        'true',
        '[2,-2]',
        "['a',1]",
        'an array',
        'an object',
        'a function',
        '3n',
      ]);
      const t = tf.ones([2, 3], 'int32');
      expect(describeValue(t)).toBe('a int32 tensor of shape [2,3]');
      t.dispose();
      expect(describeValue(t)).toBe('a disposed tensor');
    });

    it('name the function and the argument, or the option', () => {
      expect(() => assertFinite('f', 'options.mean', Number.POSITIVE_INFINITY)).toThrow(
        "f: option 'mean' must be a finite number, got Infinity",
      );
      expect(() => assertFinite('f', 'x', -1, { min: 0, max: 1 })).toThrow(
        "f: argument 'x' must be a finite number in [0, 1], got -1",
      );
      expect(() => assertInteger('f', 'n', 2.5, { min: 1, max: 3 })).toThrow(
        "f: argument 'n' must be an integer in [1, 3], got 2.5",
      );
      expect(() => assertBoolean('f', 'options.lower', 'yes')).toThrow(
        "f: option 'lower' must be a boolean, got the string 'yes'",
      );
      expect(() => assertString('f', 'fn', '')).toThrow(
        "f: argument 'fn' must be a non-empty string, got the string ''",
      );
      expect(() => assertString('f', 'fn', '', true)).not.toThrow();
    });

    it('check shapes, with the element cap', () => {
      expect(assertShape('f', 'shape', [2, 0, 3])).toEqual([2, 0, 3]);
      expect(() => assertShape('f', 'shape', [2, -2])).toThrow(
        "f: argument 'shape' must be an array of non-negative integers, got [2,-2]",
      );
      expect(() => assertShape('f', 'shape', [MAX_ELEMENTS, 2])).toThrow(
        `f: argument 'shape' [${MAX_ELEMENTS},2] describes ${2 * MAX_ELEMENTS} elements, more than the ${MAX_ELEMENTS} a tensor can hold`,
      );
      expect(() => assertShape('f', 'shape', [MAX_ELEMENTS])).not.toThrow();
    });

    it('check tensors: live, dtype, rank', () => {
      const t = tf.ones([2, 3]);
      expect(() => assertTensor('f', 'x', t, { rank: 2 })).not.toThrow();
      expect(() => assertTensor('f', 'x', t, { rank: 3 })).toThrow(
        "f: argument 'x' must be a float32 or int32 tensor of rank 3, got a float32 tensor of shape [2,3]",
      );
      expect(() => assertTensor('f', 'x', t, { dtypes: ['int32'] })).toThrow("f: argument 'x' must be a int32 tensor");
      expect(() => assertTensor('f', 'x', [1])).toThrow("f: argument 'x' must be a float32 or int32 tensor, got [1]");
      t.dispose();
      expect(() => assertTensor('f', 'x', t)).toThrow('got a disposed tensor');
    });
  },
  { backends: ['cpu'] },
);
