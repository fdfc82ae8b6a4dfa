/**
 * The bad-input suite of @proj/robust-vi (tools/bad-input): every exported function and class (and the VAE's
 * method) is called with each of its arguments (and each option key) replaced by wrong types, non-finite numbers,
 * negative, huge and empty sizes, disposed and wrongly typed tensors, and unknown keys. Each call must throw an
 * Error naming the function the user called, or return what the entry documents; never hang, crash the process
 * or leak a tensor. Valid arguments are tiny.
 */
import { type BadInputEntry, findBadInputProblems, formatFindings, uncoveredExports } from '@proj/bad-input';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as rv from '../src/index.js';

const VAE_OPTIONS = { inputDim: 3, latentDim: 1, hidden: [2], activation: 'tanh', seed: 0 } as const;

/** One VAE per backend for the entries that only read it (entries that free their result make their own). */
let shared: rv.BernoulliVae | undefined;
const vae = () => shared!;
const fresh = () => rv.createBernoulliVae(VAE_OPTIONS);
const data = () =>
  tf.tensor2d([
    [1, 0, 1],
    [0, 0, 1],
  ]);
const logWeights = () => [
  tf.tensor2d([
    [-1, -2, -3],
    [-4, -5, -6],
  ]),
  tf.zeros([2, 3]),
];

const ENTRIES: BadInputEntry[] = [
  {
    export: 'robustBound',
    name: 'robustBound',
    call: ([j, q, o]) => rv.robustBound(j as never, q as never, o as never),
    valid: () => [...logWeights(), { logAlpha: -2, k: 1, form: 'jensen' }],
    options: 2,
  },
  {
    export: 'robustWeights',
    name: 'robustWeights',
    call: ([j, q, o]) => rv.robustWeights(j as never, q as never, o as never),
    valid: () => [...logWeights(), { logAlpha: -2, k: 2, form: 'loose' }],
    options: 2,
  },
  {
    export: 'createBernoulliVae',
    name: 'createBernoulliVae',
    call: ([o]) => rv.createBernoulliVae(o as never),
    valid: () => [{ ...VAE_OPTIONS }],
    options: 0,
  },
  {
    // The result (the VAE, holding the given variables) is freed by the harness.
    export: 'BernoulliVae',
    name: 'BernoulliVae',
    call: ([o, e, d]) => new rv.BernoulliVae(o as never, e as never, d as never),
    valid: () => {
      const made = fresh();
      return [{ ...VAE_OPTIONS }, made.encoder, made.decoder];
    },
    options: 0,
  },
  {
    export: 'BernoulliVae',
    name: 'BernoulliVae.dispose',
    call: ([v]) => (v as rv.BernoulliVae).dispose(),
    valid: () => [fresh()],
    keep: { 0: 'the VAE whose method is under test' },
  },
  {
    export: 'vaeVariables',
    name: 'vaeVariables',
    call: ([v]) => rv.vaeVariables(v as never),
    valid: () => [fresh()],
  },
  {
    export: 'vaeLogWeights',
    name: 'vaeLogWeights',
    call: ([v, x, o]) => rv.vaeLogWeights(v as never, x as never, o as never),
    valid: () => [vae(), data(), { samples: 2, seed: 0 }],
    options: 2,
  },
  {
    export: 'vaeLoss',
    name: 'vaeLoss',
    call: ([v, x, o]) => rv.vaeLoss(v as never, x as never, o as never),
    valid: () => [vae(), data(), { objective: 'robust', samples: 2, k: 1, logAlpha: -3, seed: 0 }],
    options: 2,
  },
  {
    export: 'importanceLogLikelihood',
    name: 'importanceLogLikelihood',
    call: ([v, x, o]) => rv.importanceLogLikelihood(v as never, x as never, o as never),
    valid: () => [vae(), data(), { samples: 3, seed: 0, batchSize: 1 }],
    options: 2,
  },
  {
    export: 'samplePrior',
    name: 'samplePrior',
    call: ([v, count, seed]) => rv.samplePrior(v as never, count as never, seed as never),
    valid: () => [vae(), 2, 0],
  },
];

describeBackends(
  '@proj/robust-vi bad input',
  () => {
    beforeAll(() => {
      shared = fresh();
    });
    afterAll(() => shared?.dispose());

    it('has an entry for every exported function', () => {
      expect(uncoveredExports(rv as unknown as Record<string, unknown>, ENTRIES)).toEqual([]);
    });

    it.each(ENTRIES.map((e, i) => [`${e.name} (${i})`, e] as const))('%s', (_, e) => {
      expect(formatFindings(e, findBadInputProblems(e, { runs: 200 }))).toBe('');
    });
  },
  { backends: ['wasm'] },
);
