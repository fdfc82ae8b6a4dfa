/**
 * The bad-input suite of @proj/riemannian (tools/bad-input): every exported function and class is called with
 * each of its arguments replaced by wrong types, non-finite numbers, negative, huge and empty sizes, disposed
 * and wrongly typed tensors, and unknown or bad option values (also inside `lineSearch` and `runtimeCheck`).
 * Each call must throw an Error naming the function, or return what the entry documents; never hang, crash
 * the process or leak a tensor. The functions f the user writes are kept valid. Valid arguments are tiny: a
 * point of shape [2, 3, 2] and TT-rank 2, optimizers stopped after one step.
 */
import { type BadInputEntry, findBadInputProblems, formatFindings, uncoveredExports } from '@proj/bad-input';
import type { ProgressReporter } from '@proj/core';
import { describeBackends } from '@proj/core/vitest';
import {
  frobeniusNormSquared,
  randomMatrix,
  randomTensor,
  randomTensorBatch,
  subtract,
  type TensorTrain,
} from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import * as riemannian from '../src/index.js';
import {
  addNProjected,
  deltasToTangentSpace,
  gradients,
  hessianVectorProduct,
  pairwiseFlatInnerProjected,
  project,
  projectMatmul,
  projectSum,
  retract,
  riemannianConjugateGradient,
  riemannianGradientDescent,
  TangentSpace,
  TangentVector,
  tangentSpace,
  tangentSpaceToDeltas,
} from '../src/index.js';

const shape = [2, 3, 2];
/** The point X: shape [2, 3, 2], ranks [1, 2, 2, 1]. */
const point = () => randomTensor(shape, { seed: 1, ttRank: 2 });
/** Another TT of X's shape. */
const other = (seed = 2) => randomTensor(shape, { seed, ttRank: 2 });
/** A tangent vector at x. */
const vectorAt = (x: TensorTrain, seed = 3) => project(other(seed), x);

/** f(X) = ½‖X − A‖² (representation-invariant), for a fresh A; the functions the user writes stay valid. */
function distanceTo(a: TensorTrain) {
  return (x: TensorTrain) => tf.mul(0.5, frobeniusNormSquared(subtract(x, a), { differentiable: true }));
}

const keepF = { 0: 'f is the function the user writes' } as const;
const keepFX = { ...keepF, 1: 'a valid point: the entry of the options object corrupts it' } as const;
const silent: ProgressReporter = { start() {}, tick() {}, done() {} };

/** Every option of the optimizers with a valid value; the callback stops a run after one step. */
const optimizerOptions = () => ({
  maxIterations: 1,
  gradientTolerance: 1e-6,
  valueTolerance: 0,
  maxTTRank: 2,
  lineSearch: { initialStep: 1, maxBacktracks: 4 },
  runtimeCheck: true,
  reporter: silent,
  label: 'bad input',
  callback: (_x: TensorTrain, record: riemannian.IterationRecord) => (record.iteration >= 1 ? 'stop' : { k: 1 }),
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

type Optimizer = (f: never, x0: never, options?: never) => unknown;

/** Entries of an optimizer: its own options, the line search's and the runtime check's, a closed-form gradient. */
function optimizerEntries(name: string, run: Optimizer, extra: Record<string, unknown>): BadInputEntry[] {
  const call = (f: unknown, x0: unknown, options: unknown) => run(f as never, x0 as never, options as never);
  return [
    entry(
      name,
      (args) => call(args[0], args[1], args[2]),
      () => [distanceTo(other()), point(), { ...optimizerOptions(), ...extra }],
      {
        keep: keepF,
        options: 2,
      },
    ),
    entry(
      name,
      (args) => call(args[0], args[1], { maxIterations: 1, lineSearch: args[2] }),
      () => [
        distanceTo(other()),
        point(),
        { initialStep: 1, contraction: 0.5, sufficientDecrease: 1e-4, maxBacktracks: 4 },
      ],
      { keep: keepFX, options: 2 },
    ),
    entry(
      name,
      (args) => call(args[0], args[1], { maxIterations: 1, runtimeCheck: args[2] }),
      () => [distanceTo(other()), point(), { rtol: 1e-3, atol: 1e-6 }],
      { keep: keepFX, options: 2 },
    ),
    entry(
      name,
      (args) => call(args[0], args[1], args[2]),
      () => {
        const a = other();
        const gradient = (x: TensorTrain) => tf.tidy(() => project(subtract(x, a), x) as never) as never;
        return [distanceTo(a), point(), { maxIterations: 2, gradient, lineSearch: { initialStep: 'adaptive' } }];
      },
      { keep: keepF, options: 2 },
    ),
  ];
}

const ENTRIES: BadInputEntry[] = [
  entry(
    'tangentSpace',
    (args) => tangentSpace(args[0] as never),
    () => [point()],
  ),
  entry(
    'TangentSpace',
    (args) => new TangentSpace(args[0] as never, args[1] as never, args[2] as never),
    () => {
      const space = tangentSpace(point());
      return [space.point, space.left, space.right];
    },
  ),
  entry(
    'TangentVector',
    (args) => new TangentVector(args[0] as never, args[1] as never),
    () => {
      const v = vectorAt(point());
      return [v.tt, v.space];
    },
  ),
  entry(
    'project',
    (args) => project(args[0] as never, args[1] as never),
    () => [other(), point()],
  ),
  entry(
    'project',
    (args) => project(args[0] as never, args[1] as never),
    () => {
      const x = point();
      return [vectorAt(x), tangentSpace(point())];
    },
  ),
  entry(
    'projectSum',
    (args) => projectSum(args[0] as never, args[1] as never, args[2] as never),
    () => [randomTensorBatch(shape, { seed: 4, ttRank: 2, batchSize: 2 }), point(), [1, -2]],
  ),
  entry(
    'projectSum',
    (args) => projectSum(args[0] as never, args[1] as never, args[2] as never),
    () => [randomTensorBatch(shape, { seed: 4, ttRank: 2, batchSize: 2 }), point(), tf.tensor2d([1, 2, 3, 4], [2, 2])],
  ),
  entry(
    'projectMatmul',
    (args) => projectMatmul(args[0] as never, args[1] as never, args[2] as never),
    () => [other(), point(), randomMatrix([shape, shape], { seed: 5, ttRank: 2 })],
  ),
  entry(
    'addNProjected',
    (args) => addNProjected(args[0] as never, args[1] as never),
    () => {
      const x = point();
      return [
        [vectorAt(x, 6), vectorAt(x, 7)],
        [1, -2],
      ];
    },
  ),
  entry(
    'deltasToTangentSpace',
    (args) => deltasToTangentSpace(args[0] as never, args[1] as never),
    () => {
      const x = point();
      return [tangentSpaceToDeltas(vectorAt(x)), x];
    },
  ),
  entry(
    'pairwiseFlatInnerProjected',
    (args) => pairwiseFlatInnerProjected(args[0] as never, args[1] as never),
    () => {
      const x = point();
      return [vectorAt(x, 6), vectorAt(x, 7)];
    },
  ),
  entry(
    'retract',
    (args) => retract(args[0] as never, args[1] as never, args[2] as never),
    () => [vectorAt(point()), 0.5, { maxTTRank: 2 }],
    { options: 2 },
  ),
  entry(
    'tangentSpaceToDeltas',
    (args) => tangentSpaceToDeltas(args[0] as never),
    () => [vectorAt(point())],
  ),
  entry(
    'gradients',
    (args) => gradients(args[0] as never, args[1] as never, args[2] as never),
    () => [distanceTo(other()), point(), { runtimeCheck: true }],
    { keep: keepF, options: 2 },
  ),
  entry(
    'gradients',
    (args) => gradients(args[0] as never, args[1] as never, { runtimeCheck: args[2] as never }),
    () => [distanceTo(other()), point(), { rtol: 1e-3, atol: 1e-6 }],
    { keep: keepFX, options: 2 },
  ),
  entry(
    'hessianVectorProduct',
    (args) => hessianVectorProduct(args[0] as never, args[1] as never, args[2] as never, args[3] as never),
    () => [distanceTo(other()), point(), other(8), { runtimeCheck: true }],
    { keep: keepF, options: 3 },
  ),
  entry(
    'hessianVectorProduct',
    (args) =>
      hessianVectorProduct(args[0] as never, args[1] as never, args[2] as never, { runtimeCheck: args[3] as never }),
    () => {
      const x = point();
      return [distanceTo(other()), x, vectorAt(x), { rtol: 1e-3, atol: 1e-6 }];
    },
    { keep: { ...keepFX, 2: 'a valid vector: the entry above corrupts it' }, options: 3 },
  ),
  ...optimizerEntries('riemannianGradientDescent', riemannianGradientDescent as Optimizer, {}),
  ...optimizerEntries('riemannianConjugateGradient', riemannianConjugateGradient as Optimizer, {
    beta: 'fletcher-reeves',
    restartEvery: 2,
  }),
];

describeBackends(
  '@proj/riemannian bad input',
  () => {
    it('has an entry for every exported function and class', () => {
      expect(uncoveredExports(riemannian as unknown as Record<string, unknown>, ENTRIES)).toEqual([]);
    });

    it.each(ENTRIES.map((e, i) => [`${e.name} (${i})`, e] as const))('%s', (_, e) => {
      expect(formatFindings(e, findBadInputProblems(e, { runs: 200 }))).toBe('');
    });
  },
  { backends: ['wasm'] },
);
