/**
 * The bad-input suite of @proj/implicit-reparam (tools/bad-input): every exported function and class, and every
 * method of every distribution, is called with each of its arguments (and each option key) replaced by wrong
 * types, non-finite numbers, negative, huge and empty sizes, disposed and wrongly typed tensors, and unknown
 * keys. Each call must throw an Error naming the function the user called, or return what the entry documents;
 * never hang, crash the process or leak a tensor. Valid arguments are tiny.
 */
import {
  type BadInputEntry,
  type DistributionFamilyCase,
  distributionEntries,
  findBadInputProblems,
  formatFindings,
  uncoveredExports,
} from '@proj/bad-input';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import * as ir from '../src/index.js';

const FAMILIES: readonly DistributionFamilyCase[] = [
  {
    family: 'Beta',
    factory: 'beta',
    params: () => ({ concentration1: [1, 2], concentration0: 0.5 }),
    x: () => [0.25, 0.5],
    methods: ['cdf', 'mean', 'variance', 'stddev', 'entropy'],
  },
  {
    family: 'Dirichlet',
    factory: 'dirichlet',
    params: () => ({ concentration: [1, 2, 0.5] }),
    x: () => [0.2, 0.3, 0.5],
    methods: ['mean', 'variance', 'stddev', 'entropy'],
  },
  {
    family: 'VonMises',
    factory: 'vonMises',
    params: () => ({ loc: [0, 1], concentration: 2 }),
    x: () => [0.5, -1],
    methods: ['cdf', 'mean', 'variance', 'stddev', 'mode', 'entropy'],
  },
  {
    family: 'Chi2',
    factory: 'chi2',
    params: () => ({ df: [1, 3] }),
    x: () => [0.5, 2],
    methods: ['cdf', 'mean', 'variance', 'stddev', 'mode', 'entropy'],
  },
  {
    family: 'StudentT',
    factory: 'studentT',
    params: () => ({ df: [1.5, 3], loc: 0, scale: 2 }),
    x: () => [0.5, -1],
    methods: ['cdf', 'mean', 'variance', 'stddev', 'mode', 'entropy'],
  },
  {
    family: 'TruncatedNormal',
    factory: 'truncatedNormal',
    params: () => ({ loc: [0, 1], scale: 1, low: -1, high: 2 }),
    x: () => [0.5, 1.5],
    methods: ['cdf', 'mean', 'variance', 'stddev', 'mode', 'entropy'],
  },
];

const exponentialCdf = (z: tf.Tensor, rate: tf.Tensor) => tf.sub(1, tf.exp(tf.neg(tf.mul(rate, z))));
const exponentialDensity = (z: tf.Tensor, rate: tf.Tensor) => tf.mul(rate, tf.exp(tf.neg(tf.mul(rate, z))));

const ENTRIES: BadInputEntry[] = [
  ...FAMILIES.flatMap((c) => distributionEntries(ir as unknown as Record<string, unknown>, c)),
  {
    export: 'implicitGradient',
    name: 'implicitGradient',
    call: ([cdf, density]) => ir.implicitGradient(cdf as never, density as never),
    valid: () => [exponentialCdf, exponentialDensity],
    returns: (result) => typeof result === 'function',
  },
  {
    // The sampler it returns, with samples and a parameter.
    export: 'implicitGradient',
    name: 'implicitGradient',
    call: ([z, rate]) => ir.implicitGradient(exponentialCdf, exponentialDensity)(z as never, rate as never),
    valid: () => [tf.tensor1d([0.5, 1]), tf.scalar(2)],
  },
];

const EXEMPT = {
  Gamma: "core's Gamma, re-exported: driven by @proj/core's bad-input suite",
  gamma: "core's gamma factory, re-exported: driven by @proj/core's bad-input suite",
};

describeBackends(
  '@proj/implicit-reparam bad input',
  () => {
    it('has an entry for every exported function', () => {
      expect(uncoveredExports(ir as unknown as Record<string, unknown>, ENTRIES, EXEMPT)).toEqual([]);
    });

    it.each(ENTRIES.map((e, i) => [`${e.name} (${i})`, e] as const))('%s', (_, e) => {
      expect(formatFindings(e, findBadInputProblems(e, { runs: 200 }))).toBe('');
    });
  },
  { backends: ['wasm'] },
);
