/**
 * The bad-input suite of @proj/mc-gradients (tools/bad-input): every exported function is called with each of
 * its arguments (and each key of its options object, the cost and the distribution factory included) replaced
 * by wrong types, non-finite numbers, negative, huge and empty sizes, disposed and wrongly typed tensors, and
 * unknown keys. Each call must throw an Error naming the function the user called, or return what the entry
 * documents; never hang, crash the process or leak a tensor. Valid arguments are tiny: a normal with scalar
 * parameters, 4 draws.
 */
import { type BadInputEntry, findBadInputProblems, formatFindings, uncoveredExports } from '@proj/bad-input';
import { Normal, normal } from '@proj/core/distributions';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import * as mc from '../src/index.js';
import {
  deltaMethod,
  estimatorByName,
  measureValued,
  movingAverageBaseline,
  optimalBaseline,
  pathwise,
  registerWeakDerivative,
  sampleDoubleSidedMaxwell,
  sampleRayleigh,
  scoreFunction,
  taylorExpansion,
  weakDerivativeOf,
  weakDerivativeParams,
} from '../src/index.js';

/** A family of its own, so that registering weak derivatives for it changes nothing else. */
class BadInputNormal extends Normal {
  // Normal types its family as the literal 'Normal'; the value is what the registry reads.
  static override readonly family = 'BadInputNormal' as 'Normal';
}

/** The options of every estimator, all valid: (x − 1)² under N(loc, scale²), 4 draws. */
const common = () => ({
  cost: (x: tf.Tensor) => tf.square(tf.sub(x, 1)),
  distribution: (p: Record<'loc' | 'scale', tf.Tensor>) => normal({ loc: p.loc, scale: p.scale }),
  params: { loc: tf.scalar(0.5), scale: tf.scalar(1.5) },
  numSamples: 4,
  seed: 1,
  perSample: true,
  controlVariate: deltaMethod({ numCoefficientSamples: 2 }),
});

/** An entry whose export and error name agree. */
function entry(
  name: string,
  call: (args: unknown[]) => unknown,
  valid: () => unknown[],
  more: Partial<BadInputEntry> = {},
): BadInputEntry {
  return { export: name, name, call, valid, ...more };
}

const ENTRIES: BadInputEntry[] = [
  entry(
    'scoreFunction',
    (args) => scoreFunction(args[0] as never),
    () => [{ ...common(), baseline: optimalBaseline({ numSamples: 2 }) }],
    { options: 0 },
  ),
  entry(
    'scoreFunction',
    (args) => scoreFunction(args[0] as never),
    () => [{ ...common(), controlVariate: undefined, baseline: movingAverageBaseline({ decay: 0.5 }) }],
    { options: 0 },
  ),
  entry(
    'pathwise',
    (args) => pathwise(args[0] as never),
    () => [common()],
    { options: 0 },
  ),
  entry(
    'measureValued',
    (args) => measureValued(args[0] as never),
    () => [{ ...common(), coupling: false }],
    {
      options: 0,
    },
  ),
  entry(
    'estimatorByName',
    (args) => estimatorByName(args[0] as never),
    () => ['pathwise'],
    {
      returns: (result) => typeof result === 'function',
    },
  ),
  entry(
    'deltaMethod',
    (args) => deltaMethod(args[0] as never),
    () => [{ coefficient: 'estimate', numCoefficientSamples: 3, decay: 0.5, epsilon: 1e-3, hessianStep: 1e-2 }],
    { options: 0 },
  ),
  entry(
    'taylorExpansion',
    (args) => taylorExpansion(args[0] as never, args[1] as never, args[2] as never),
    () => [(x: tf.Tensor) => tf.sum(tf.cos(x), 1), tf.tensor1d([0.5, 1]), { step: 1e-2 }],
    { options: 2, keep: { 0: 'the cost is the function the user writes' } },
  ),
  entry(
    'movingAverageBaseline',
    (args) => movingAverageBaseline(args[0] as never),
    () => [{ decay: 0.9 }],
    {
      options: 0,
    },
  ),
  entry(
    'optimalBaseline',
    (args) => optimalBaseline(args[0] as never),
    () => [{ numSamples: 3 }],
    { options: 0 },
  ),
  entry(
    'sampleRayleigh',
    (args) => sampleRayleigh(args[0] as never, args[1] as never),
    () => [[2, 3], 1],
  ),
  entry(
    'sampleDoubleSidedMaxwell',
    (args) => sampleDoubleSidedMaxwell(args[0] as never, args[1] as never),
    () => [[2, 3], 1],
  ),
  entry(
    'registerWeakDerivative',
    (args) => registerWeakDerivative(args[0] as never, args[1] as never, args[2] as never),
    () => [BadInputNormal, 'loc', { constant: () => tf.scalar(1), sample: () => ({}) }],
  ),
  entry(
    'weakDerivativeOf',
    (args) => weakDerivativeOf(args[0] as never, args[1] as never),
    () => [normal({ loc: 0, scale: 1 }), 'loc'],
  ),
  entry(
    'weakDerivativeParams',
    (args) => weakDerivativeParams(args[0] as never),
    () => [normal({ loc: 0, scale: 1 })],
  ),
];

describeBackends(
  '@proj/mc-gradients bad input',
  () => {
    it('has an entry for every exported function', () => {
      expect(uncoveredExports(mc as unknown as Record<string, unknown>, ENTRIES)).toEqual([]);
    });

    it.each(ENTRIES.map((e, i) => [`${e.name} (${i})`, e] as const))('%s', (_, e) => {
      expect(formatFindings(e, findBadInputProblems(e, { runs: 200 }))).toBe('');
    });
  },
  { backends: ['wasm'] },
);
