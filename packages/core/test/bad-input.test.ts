// The bad-input suite of @proj/core (issue 10): every exported function, class and distribution method, driven
// with wrong types, wrong shapes, NaN/Inf, empty and huge sizes and unknown option keys by the harness of
// tools/bad-input. Each call must throw an Error naming the function, or return a documented result; it must
// never leak a tensor, hang or crash the process. It runs on wasm, whose allocator aborts the whole process on
// huge sizes: an unchecked size reaching a kernel fails this suite loudly.

import {
  type BadInputEntry,
  type DistributionFamilyCase,
  distributionEntries,
  findBadInputProblems,
  formatFindings,
  uncoveredExports,
} from '@proj/bad-input';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import * as distributions from '../src/distributions/index.js';
import { Normal } from '../src/distributions/index.js';
import * as core from '../src/index.js';
import * as linalg from '../src/linalg/index.js';
import * as ops from '../src/ops/index.js';
import * as special from '../src/special/index.js';
import * as testing from '../src/testing/index.js';
import { describeBackends } from '../src/vitest/index.js';

type Fn = (...args: never[]) => unknown;
const call =
  (fn: Fn) =>
  (args: unknown[]): unknown =>
    (fn as (...a: unknown[]) => unknown)(...args);

/** An entry whose errors name the export itself. */
function entry(name: string, fn: Fn, valid: () => unknown[], extra: Partial<BadInputEntry> = {}): BadInputEntry {
  return { export: name, name, call: call(fn), valid, ...extra };
}

const vector = () => tf.tensor1d([0.5, 2]);

// ---------------------------------------------------------------------------------------------------- @proj/core
const BACKEND_INFO = {
  backend: 'cpu',
  requested: 'cpu',
  packageName: '@tensorflow/tfjs-backend-cpu',
  tfjsVersion: '4.22.0',
  simd: false,
  threads: 1,
  completedKernels: [],
  missingKernels: [],
  skipped: [],
};

const CORE_ENTRIES: BadInputEntry[] = [
  // Reports on behalf of `options.fn`: here the caller is named after the function under test.
  entry('resolveBackendRequest', core.resolveBackendRequest, () => ['cpu', { fn: 'resolveBackendRequest', env: {} }], {
    options: 1,
    returns: (result) => core.BACKEND_REQUESTS.includes(result as core.BackendRequest),
  }),
  entry('describeBackend', core.describeBackend, () => [{ ...BACKEND_INFO }], { returns: () => false }),
  entry('registerWasmKernels', core.registerWasmKernels, () => []),
  entry('stopGradient', core.stopGradient, () => [vector()]),
  entry('randomNormal', core.randomNormal, () => [[2, 3], 1, { mean: 0, stddev: 1 }], { options: 2 }),
  entry('randomUniform', core.randomUniform, () => [[2], 1, { min: 0, max: 1 }], { options: 2 }),
  entry('randomExponential', core.randomExponential, () => [[2], 1]),
  entry('toTfjsSeed', core.toTfjsSeed, () => [1, 'toTfjsSeed']),
  entry('assertSeed', core.assertSeed, () => [1, 'assertSeed', 'seed']),
  entry('foldIn', core.foldIn, () => [1, 2]),
  entry('splitSeed', core.splitSeed, () => [1, 2]),
  entry('threefry2x32', core.threefry2x32, () => [1, 2, 3, 4]),
  entry('assertOptions', core.assertOptions, () => ['assertOptions', { a: 1 }, ['a']], { options: 1 }),
];

const CORE_EXEMPT = {
  initBackend: 'async (a promise); its bad input (names, concurrent calls) is tested in init-backend.test.ts',
  registerAllGradients: 'async and takes no arguments; tested in register-gradients.test.ts',
};

// ---------------------------------------------------------------------------------------------- @proj/core/ops
const labeled = (shape: number[], axes: string[]) => ops.label(tf.ones(shape), axes);

const OPS_ENTRIES: BadInputEntry[] = [
  entry('alias', ops.alias, () => [vector()]),
  entry('backendProfile', ops.backendProfile, () => []),
  entry('batchMatMul', ops.batchMatMul, () => [tf.ones([2, 2, 3]), tf.ones([2, 3, 2])]),
  entry('matMulShared', ops.matMulShared, () => [tf.ones([2, 2, 3]), tf.ones([3, 2])]),
  entry('sharedMatMul', ops.sharedMatMul, () => [tf.ones([2, 3]), tf.ones([2, 3, 2])]),
  entry(
    'contract',
    ops.contract,
    () => [
      labeled([2, 3], ['i', 'k']),
      labeled([3, 4], ['k', 'j']),
      { batch: 'b', yReused: false, next: { order: ['j', 'i'] } },
    ],
    { options: 2 },
  ),
  entry(
    'conv2dAtPositions',
    ops.conv2dAtPositions,
    () => [tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), [0, 4], { strides: 1, pad: 'same', dilations: 1 }],
    { options: 3 },
  ),
  // Reports on behalf of its last argument, the caller: here named after the function under test.
  entry(
    'convGeometry',
    ops.convGeometry,
    () => [tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), { strides: 1, pad: 'same', dilations: 1 }, 'convGeometry'],
    { options: 2, returns: (result) => typeof (result as ops.ConvGeometry | null)?.outHeight === 'number' },
  ),
  entry('gatherMatMul', ops.gatherMatMul, () => [tf.ones([2, 1]), tf.ones([1, 3, 2]), Int32Array.from([0, 2])]),
  entry('arrange', ops.arrange, () => [labeled([2, 3], ['a', 'b']), ['b', 'a'], [3, 2]]),
  entry('axisSize', ops.axisSize, () => [labeled([2, 3], ['a', 'b']), 'a']),
  entry('label', ops.label, () => [tf.ones([2, 3]), ['a', 'b'], [2, 3]]),
  entry('relabel', ops.relabel, () => [labeled([2, 3], ['a', 'b']), { a: 'z' }]),
  entry('squeezeAxes', ops.squeezeAxes, () => [labeled([2, 1], ['a', 'b']), ['b']]),
  entry('matMul2d', ops.matMul2d, () => [tf.ones([2, 3]), tf.ones([3, 2])]),
  entry('permute', ops.permute, () => [tf.ones([2, 3]), [2, 3], [1, 0], [3, 2]]),
  entry('permuteCost', ops.permuteCost, () => [
    [2, 3],
    [1, 0],
  ]),
  entry('reshapeTo', ops.reshapeTo, () => [tf.ones([2, 3]), [3, 2]]),
  entry('gatherPositions', ops.gatherPositions, () => [tf.ones([1, 2, 2, 1]), [0, 3]]),
  entry('scatterPositions', ops.scatterPositions, () => [tf.ones([1, 2, 1]), [0, 3], [2, 2]]),
  entry('stopGradient', ops.stopGradient, () => [vector()]),
  entry('tidyObject', ops.tidyObject, () => [() => ({ t: tf.scalar(1) })]),
  entry('cleanTapeOnError', ops.cleanTapeOnError, () => [() => tf.grad((t) => tf.square(t))(tf.scalar(2))]),
];

// ------------------------------------------------------------------------------------------ @proj/core/special
const UNARY_SPECIAL = [
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
const BINARY_SPECIAL = ['igamma', 'igammac', 'logBeta'] as const;
const UNARY_SCALARS = [
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
const BINARY_SCALARS = ['igammaScalar', 'igammacScalar', 'logBetaScalar'] as const;

/** The exports by name (the lists above name them). */
const specialByName: Readonly<Record<string, Fn>> = { ...special };
const linalgByName: Readonly<Record<string, Fn>> = { ...linalg };

const SPECIAL_ENTRIES: BadInputEntry[] = [
  // Elementwise: NaN, ±∞ and out-of-domain values give documented numbers (NaN, ±∞), not errors.
  ...UNARY_SPECIAL.map((name) => entry(name, specialByName[name]!, () => [tf.tensor1d([0.25, 0.5])])),
  ...BINARY_SPECIAL.map((name) =>
    entry(name, specialByName[name]!, () => [tf.tensor1d([1, 2]), tf.tensor1d([0.5, 3])]),
  ),
  ...UNARY_SCALARS.map((name) => entry(name, specialByName[name]!, () => [0.25])),
  ...BINARY_SCALARS.map((name) => entry(name, specialByName[name]!, () => [1.5, 0.5])),
  entry('betainc', special.betainc, () => [tf.tensor1d([1, 2]), tf.tensor1d([2, 0.5]), tf.tensor1d([0.5, 0.25])]),
  entry('betaincScalar', special.betaincScalar, () => [1.5, 2, 0.5]),
];

// ------------------------------------------------------------------------------------------- @proj/core/linalg
const spd = () => [
  [4, 2],
  [2, 5],
];
const LINALG_ENTRIES: BadInputEntry[] = [
  ...(['cholesky', 'det', 'inv', 'qr', 'slogdet', 'svd'] as const).map((name) =>
    entry(name, linalgByName[name]!, () => [spd()]),
  ),
  entry('solve', linalg.solve, () => [spd(), [[3], [5]]]),
  entry('triangularSolve', linalg.triangularSolve, () => [spd(), [[2], [9]], { lower: true, adjoint: false }], {
    options: 2,
  }),
  entry('truncatedSvd', linalg.truncatedSvd, () => [spd(), { maxRank: 1, relTol: 0.1, absTol: 1 }], { options: 1 }),
  entry('truncationRank', linalg.truncationRank, () => [[4, 2, 0.125], { maxRank: 2, relTol: 0.05, absTol: 1 }], {
    options: 1,
  }),
];

// ------------------------------------------------------------------------------------ @proj/core/distributions
const UNIVARIATE = ['cdf', 'mean', 'variance', 'stddev', 'mode', 'entropy'];
const FAMILIES: readonly DistributionFamilyCase[] = [
  {
    family: 'Normal',
    factory: 'normal',
    params: () => ({ loc: [0, 1], scale: 1 }),
    x: () => [0.5, 1.5],
    methods: UNIVARIATE,
  },
  {
    family: 'LogNormal',
    factory: 'logNormal',
    params: () => ({ loc: [0, 1], scale: 0.5 }),
    x: () => [0.5, 2],
    methods: UNIVARIATE,
  },
  {
    family: 'Uniform',
    factory: 'uniform',
    params: () => ({ low: [0, 1], high: 2 }),
    x: () => [0.5, 1.5],
    methods: ['cdf', 'mean', 'variance', 'stddev', 'entropy'],
  },
  {
    family: 'Exponential',
    factory: 'exponential',
    params: () => ({ rate: [1, 2] }),
    x: () => [0.5, 1],
    methods: UNIVARIATE,
  },
  {
    family: 'Laplace',
    factory: 'laplace',
    params: () => ({ loc: [0, 1], scale: 1 }),
    x: () => [0.5, 1],
    methods: UNIVARIATE,
  },
  {
    family: 'Bernoulli',
    factory: 'bernoulli',
    params: () => ({ probs: [0.2, 0.7] }),
    x: () => [0, 1],
    methods: [...UNIVARIATE, 'probs'],
  },
  {
    family: 'Categorical',
    factory: 'categorical',
    params: () => ({
      probs: [
        [0.2, 0.8],
        [0.5, 0.5],
      ],
    }),
    x: () => [0, 1],
    methods: ['mode', 'entropy', 'probs'],
  },
  {
    family: 'Poisson',
    factory: 'poisson',
    params: () => ({ rate: [1, 3] }),
    x: () => [0, 2],
    methods: ['cdf', 'mean', 'variance', 'stddev', 'mode'],
  },
  {
    family: 'Gamma',
    factory: 'gamma',
    params: () => ({ concentration: [1, 2], rate: 1 }),
    x: () => [0.5, 2],
    methods: [...UNIVARIATE, 'logSample'],
  },
  {
    family: 'Weibull',
    factory: 'weibull',
    params: () => ({ concentration: [1, 2], scale: 1 }),
    x: () => [0.5, 2],
    methods: UNIVARIATE,
  },
  {
    family: 'MultivariateNormalDiag',
    factory: 'multivariateNormalDiag',
    params: () => ({ loc: [0, 1], scaleDiag: [1, 2] }),
    x: () => [0.5, 1],
    methods: ['mean', 'variance', 'stddev', 'mode', 'entropy'],
  },
];

/** Families of its own for registerKl's valid arguments, so that the suite changes no built-in entry. */
class ProbeP extends Normal {
  static override readonly family = 'BadInputProbeP';
}
class ProbeQ extends Normal {
  static override readonly family = 'BadInputProbeQ';
}

const DISTRIBUTION_ENTRIES: BadInputEntry[] = [
  ...FAMILIES.flatMap((c) => distributionEntries(distributions as unknown as Record<string, unknown>, c)),
  entry('kl', distributions.kl, () => [
    distributions.normal({ loc: [0, 1], scale: 1 }),
    distributions.normal({ loc: 0, scale: 2 }),
  ]),
  entry('registerKl', distributions.registerKl, () => [ProbeP, ProbeQ, () => tf.scalar(0)]),
  entry('familyChain', distributions.familyChain, () => [distributions.normal({ loc: 0, scale: 1 })]),
];

const AUTHORING =
  'helper for distribution authors; every family constructor above drives it with bad parameters and options';
const DISTRIBUTION_EXEMPT = {
  Distribution:
    'abstract base class with a protected constructor; its methods are driven through every family (Normal.sample, ...)',
  prepareParams: AUTHORING,
  broadcastShapes: AUTHORING,
  checkParam: AUTHORING,
  checkPositiveFinite: AUTHORING,
  readDistributionOptions: AUTHORING,
};

// ------------------------------------------------------------------------------------------ @proj/core/testing
const TESTING_ENTRIES: BadInputEntry[] = [
  entry(
    'checkGradients',
    testing.checkGradients,
    () => [
      (x: tf.Tensor) => tf.square(x),
      [tf.tensor1d([1, 2])],
      { h: 1e-2, rtol: 1e-2, atol: 1e-3, maxEntriesPerInput: 2, seed: 0 },
    ],
    { options: 2 },
  ),
  entry('expectClose', testing.expectClose, () => [tf.tensor1d([1, 2]), [1, 2], { rtol: 1e-5, atol: 1e-6 }], {
    options: 2,
  }),
  entry('expectMeanWithin', testing.expectMeanWithin, () => [[1, 2, 3, 4], 2.5, 1.3, 5]),
  entry('testBackends', testing.testBackends, () => [['cpu', 'wasm']]),
];

const TESTING_EXEMPT = { expectNoLeaks: 'async (a promise); its bad input is tested in testing.test.ts' };

// -------------------------------------------------------------------------------------------------- the suite
const ENTRY_POINTS = [
  { path: '@proj/core', module: core, entries: CORE_ENTRIES, exempt: CORE_EXEMPT },
  { path: '@proj/core/ops', module: ops, entries: OPS_ENTRIES, exempt: {} },
  { path: '@proj/core/special', module: special, entries: SPECIAL_ENTRIES, exempt: {} },
  { path: '@proj/core/linalg', module: linalg, entries: LINALG_ENTRIES, exempt: {} },
  {
    path: '@proj/core/distributions',
    module: distributions,
    entries: DISTRIBUTION_ENTRIES,
    exempt: DISTRIBUTION_EXEMPT,
  },
  { path: '@proj/core/testing', module: testing, entries: TESTING_ENTRIES, exempt: TESTING_EXEMPT },
];

describeBackends(
  'bad input to @proj/core',
  () => {
    it.each(ENTRY_POINTS)('every export of $path has an entry or a reason', ({ module, entries, exempt }) => {
      expect(uncoveredExports(module as Record<string, unknown>, entries, exempt)).toEqual([]);
    });

    it.each(ENTRY_POINTS.flatMap(({ entries }) => entries.map((e) => [e.name, e] as const)))(
      '%s: an error naming it or a documented result, nothing leaked',
      (_, e) => {
        expect(formatFindings(e, findBadInputProblems(e))).toBe('');
      },
    );
  },
  { backends: ['wasm'] },
);
