// Host-side scalar functions check the types of their arguments (issue 10): before, lgammaScalar('3') returned
// '3', digammaScalar('3') 3.084 and igammaScalar('3', 2) 4e-33. Values are closed forms.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { describeBackends } from '../vitest/describe-backends.js';
import * as special from './index.js';

const UNARY = [
  'digammaScalar',
  'erfinvScalar',
  'i0eScalar',
  'i1eScalar',
  'lgammaScalar',
  'logI0Scalar',
  'log1mexpScalar',
  'ndtriScalar',
  'softplusInverseScalar',
  'tetragammaScalar',
  'trigammaScalar',
] as const;
const BINARY = ['igammaScalar', 'igammacScalar', 'logBetaScalar'] as const;
type Scalar = (...args: unknown[]) => unknown;
const byName: Readonly<Record<string, Scalar>> = { ...special } as never;

describe('the float64 scalar functions', () => {
  it('reject strings, naming the function and the argument (the cases of the issue)', () => {
    expect(() => special.lgammaScalar('3' as never)).toThrow(
      "lgammaScalar: argument 'x' must be a number, got the string '3'",
    );
    expect(() => special.digammaScalar('3' as never)).toThrow("digammaScalar: argument 'x' must be a number");
    expect(() => special.igammaScalar('3' as never, 2)).toThrow("igammaScalar: argument 'a' must be a number");
    expect(() => special.logBetaScalar(1, [2] as never)).toThrow(
      "logBetaScalar: argument 'b' must be a number, got [2]",
    );
  });

  it.each(UNARY)('%s rejects every non-number and keeps NaN → NaN', (name) => {
    const fn = byName[name]!;
    for (const bad of ['3', null, undefined, true, [1], {}, 3n]) {
      expect(() => fn(bad)).toThrow(`${name}: argument '`);
    }
    expect(fn(Number.NaN)).toBeNaN();
  });

  it.each(BINARY)('%s rejects a non-number in either argument', (name) => {
    const fn = byName[name]!;
    expect(() => fn('1', 1)).toThrow(`${name}: argument '`);
    expect(() => fn(1, null)).toThrow(`${name}: argument '`);
    expect(fn(Number.NaN, 1)).toBeNaN();
  });

  it('give the same numbers as before for numbers', () => {
    expect(special.lgammaScalar(3)).toBeCloseTo(Math.log(2), 15);
    expect(special.igammaScalar(1, 2)).toBeCloseTo(1 - Math.exp(-2), 15);
    expect(special.logBetaScalar(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(special.digammaScalar(1)).toBeCloseTo(-0.5772156649015329, 14);
  });
});

const TENSOR_UNARY = [
  'digamma',
  'erfinv',
  'i0e',
  'i1e',
  'lgamma',
  'logI0',
  'log1mexp',
  'ndtri',
  'softplusInverse',
  'trigamma',
] as const;
const TENSOR_BINARY = ['igamma', 'igammac', 'logBeta'] as const;
type Op = (...args: unknown[]) => tf.Tensor;
const ops: Readonly<Record<string, Op>> = { ...special } as never;

describeBackends(
  'the special functions on tensors: the documented NaN policy and dtypes',
  () => {
    it.each([...TENSOR_UNARY, ...TENSOR_BINARY])('%s maps NaN to NaN elementwise, as tfjs ops do', (name) => {
      const args = TENSOR_BINARY.includes(name as never)
        ? [
            [Number.NaN, 1.5],
            [0.5, Number.NaN],
          ]
        : [[Number.NaN]];
      expect(Array.from(ops[name]!(...args).dataSync()).every(Number.isNaN)).toBe(true);
    });

    it.each(TENSOR_UNARY)('%s rejects bool tensors and booleans (was cast to 0/1)', (name) => {
      expect(() => ops[name]!(tf.tensor1d([true], 'bool'))).toThrow(`${name}: argument '`);
      expect(() => ops[name]!(true)).toThrow(`${name}: argument '`);
    });
  },
  { backends: ['cpu'] },
);
