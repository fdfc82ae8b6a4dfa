/**
 * The bad-input suite of @proj/adaptive-compute (tools/bad-input): every exported function is called with each of
 * its arguments (and each option or config key) replaced by wrong types, non-finite numbers, negative, huge and
 * empty sizes, disposed and wrongly typed tensors, and unknown keys. Each call must throw an Error naming the
 * function the user called, or return what the entry documents; never hang, crash the process or leak a tensor.
 * Valid arguments are tiny; parameters (tf.Variables) are made once and shared by the samples.
 */
import { type BadInputEntry, findBadInputProblems, formatFindings, uncoveredExports } from '@proj/bad-input';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, expect, it } from 'vitest';
import * as ac from '../src/index.js';

/** Parameters shared by the samples, made on first use (after the backend is set up). */
let shared:
  | {
      unit: ac.ResidualUnitParams;
      bn: ac.BatchNormParams;
      branch: ac.HaltingBranchParams;
      stage: ac.AdaptiveStageParams;
      pact: ac.AdaptiveStageParams;
      net: ac.AdaptiveResNetParams;
    }
  | undefined;
const params = () => {
  shared ??= {
    unit: ac.createResidualUnit(2, 2, 1, 1),
    bn: ac.createBatchNorm(2),
    branch: ac.createHaltingBranch('spatial', 2, 2),
    stage: ac.createAdaptiveStage({ inChannels: 2, channels: 2, stride: 1, units: 2, method: 'sact', seed: 3 }),
    pact: ac.createAdaptiveStage({ inChannels: 2, channels: 2, stride: 1, units: 2, method: 'pact', seed: 4 }),
    net: ac.createAdaptiveResNet({
      inChannels: 1,
      classes: 2,
      stemChannels: 2,
      stages: [{ channels: 2, stride: 1, units: 2 }],
      method: 'act',
      seed: 5,
    }),
  };
  return shared;
};
const map = () => tf.randomNormal([1, 3, 3, 2], 0, 1, 'float32', 1);
const stageConfig = () => ({ inChannels: 2, channels: 4, stride: 2, units: 2, method: 'act', seed: 0 });
const netConfig = () => ({
  inChannels: 1,
  classes: 2,
  stemChannels: 2,
  stages: [{ channels: 2, stride: 1, units: 2 }],
  method: 'sact',
  seed: 0,
});
const isNumber = (result: unknown) => typeof result === 'number';

const ENTRIES: BadInputEntry[] = [
  {
    export: 'actHalting',
    name: 'actHalting',
    call: ([s, o]) => ac.actHalting(s as never, o as never),
    valid: () => [tf.tensor2d([[0.3, 0.8]]), { eps: 0.01 }],
    options: 1,
  },
  {
    export: 'haltingStep',
    name: 'haltingStep',
    call: ([state, s, o]) => ac.haltingStep(state as never, s as never, o as never),
    valid: () => [
      ac.haltingStep(null, tf.tensor1d([0.2, 0.9])).state,
      tf.tensor1d([0.5, 0.1]),
      { eps: 0.01, last: false },
    ],
    options: 2,
  },
  {
    export: 'haltingOutput',
    name: 'haltingOutput',
    call: ([states, p]) => ac.haltingOutput(states as never, p as never),
    valid: () => [
      [tf.ones([2, 3]), tf.zeros([2, 3])],
      tf.tensor2d([
        [0.5, 0.5],
        [1, 0],
      ]),
    ],
  },
  {
    export: 'ponderLoss',
    name: 'ponderLoss',
    call: ([costs, tau]) => ac.ponderLoss(costs as never, tau as never),
    valid: () => [[tf.tensor1d([2, 3])], 0.01],
  },
  {
    export: 'relaxedHalting',
    name: 'relaxedHalting',
    call: ([l, o]) => ac.relaxedHalting(l as never, o as never),
    valid: () => [tf.tensor1d([0.3, -1]), { temperature: 0.5, seed: 1 }],
    options: 1,
  },
  {
    export: 'stickBreaking',
    name: 'stickBreaking',
    call: ([z]) => ac.stickBreaking(z as never),
    valid: () => [tf.tensor2d([[0.3, 0.5]])],
  },
  {
    export: 'geometricLogPrior',
    name: 'geometricLogPrior',
    call: ([p, pi]) => ac.geometricLogPrior(p as never, pi as never),
    valid: () => [tf.tensor2d([[0.3, 0.7]]), 0.2],
  },
  {
    export: 'ponderCostMap',
    name: 'ponderCostMap',
    call: ([costs, size]) => ac.ponderCostMap(costs as never, size as never),
    valid: () => [
      [tf.ones([1, 2, 2]), tf.ones([1])],
      [4, 4],
    ],
  },
  {
    export: 'convFlops',
    name: 'convFlops',
    call: (args) => ac.convFlops(...(args as [number, number, number, number, number])),
    valid: () => [10, 3, 3, 2, 4],
    returns: isNumber,
  },
  {
    export: 'dilateMask',
    name: 'dilateMask',
    call: ([m, shape]) => ac.dilateMask(m as never, shape as never),
    valid: () => [new Uint8Array([1, 0, 0, 0]), [1, 2, 2]],
  },
  {
    export: 'residualUnitFlops',
    name: 'residualUnitFlops',
    call: ([u, size, m]) => ac.residualUnitFlops(u as never, size as never, m as never),
    valid: () => [params().unit, [2, 2], new Uint8Array([1, 0, 0, 0])],
    // Without a mask (undefined) it counts every position: a number.
    returns: (result, args) => args[2] === undefined && isNumber(result),
  },
  {
    export: 'createBatchNorm',
    name: 'createBatchNorm',
    call: ([c]) => ac.createBatchNorm(c as never),
    valid: () => [3],
  },
  {
    export: 'batchNorm',
    name: 'batchNorm',
    call: ([bn, x, o]) => ac.batchNorm(bn as never, x as never, o as never),
    valid: () => [params().bn, map(), { training: true }],
    options: 2,
  },
  {
    export: 'createResidualUnit',
    name: 'createResidualUnit',
    call: (args) => ac.createResidualUnit(...(args as [number, number, number, number])),
    valid: () => [2, 4, 2, 7],
  },
  {
    export: 'residualUnit',
    name: 'residualUnit',
    call: ([u, x, o]) => ac.residualUnit(u as never, x as never, o as never),
    valid: () => [params().unit, map(), { training: false }],
    options: 2,
  },
  {
    export: 'maskedResidualUnit',
    name: 'maskedResidualUnit',
    call: ([u, x, m, o]) => ac.maskedResidualUnit(u as never, x as never, m as never, o as never),
    valid: () => [
      params().unit,
      map(),
      tf.tensor3d([
        [
          [1, 0, 0],
          [0, 0, 0],
          [0, 0, 1],
        ],
      ]),
      { training: false },
    ],
    options: 3,
  },
  {
    export: 'residualUnitVariables',
    name: 'residualUnitVariables',
    call: ([u]) => ac.residualUnitVariables(u as never),
    valid: () => [params().unit],
    // The variables are the caller's: not to be freed by the harness.
    returns: (result) => Array.isArray(result),
  },
  {
    export: 'createHaltingBranch',
    name: 'createHaltingBranch',
    call: (args) => ac.createHaltingBranch(...(args as ['global', number, number])),
    valid: () => ['global', 3, 1],
  },
  {
    export: 'haltingLogits',
    name: 'haltingLogits',
    call: ([b, s, o]) => ac.haltingLogits(b as never, s as never, o as never),
    valid: () => [params().branch, map(), { training: false }],
    options: 2,
  },
  {
    export: 'haltingBranchVariables',
    name: 'haltingBranchVariables',
    call: ([b]) => ac.haltingBranchVariables(b as never),
    valid: () => [params().branch],
    returns: (result) => Array.isArray(result),
  },
  {
    export: 'createAdaptiveStage',
    name: 'createAdaptiveStage',
    call: ([c]) => ac.createAdaptiveStage(c as never),
    valid: () => [stageConfig()],
    options: 0,
  },
  {
    export: 'adaptiveStage',
    name: 'adaptiveStage',
    call: ([s, x, o]) => ac.adaptiveStage(s as never, x as never, o as never),
    valid: () => [
      params().pact,
      map(),
      { training: true, eps: 0.01, computation: 'masked', maskedFraction: 0.3, temperature: 0.5, seed: 1 },
    ],
    options: 2,
  },
  {
    export: 'adaptiveStageVariables',
    name: 'adaptiveStageVariables',
    call: ([s]) => ac.adaptiveStageVariables(s as never),
    valid: () => [params().stage],
    returns: (result) => Array.isArray(result),
  },
  {
    export: 'createAdaptiveResNet',
    name: 'createAdaptiveResNet',
    call: ([c]) => ac.createAdaptiveResNet(c as never),
    valid: () => [netConfig()],
    options: 0,
  },
  {
    export: 'adaptiveResNet',
    name: 'adaptiveResNet',
    call: ([n, x, o]) => ac.adaptiveResNet(n as never, x as never, o as never),
    valid: () => [
      params().net,
      tf.randomNormal([1, 4, 4, 1], 0, 1, 'float32', 2),
      { training: false, eps: 0.01, computation: 'masked', maskedFraction: 0.3, temperature: 0.5, seed: 1 },
    ],
    options: 2,
  },
  {
    export: 'adaptiveResNetVariables',
    name: 'adaptiveResNetVariables',
    call: ([n]) => ac.adaptiveResNetVariables(n as never),
    valid: () => [params().net],
    returns: (result) => Array.isArray(result),
  },
];

const DATA = 'a plain data holder (readonly fields, no behaviour)';
const EXEMPT = {
  ActHalting: `${DATA}: returned by actHalting`,
  HaltingState: `${DATA}: made by haltingStep`,
  StageOutput: `${DATA}: returned by adaptiveStage`,
  ResNetOutput: `${DATA}: returned by adaptiveResNet`,
  BatchNormParams: `${DATA}: made by createBatchNorm`,
  ResidualUnitParams: `${DATA}: made by createResidualUnit`,
  HaltingBranchParams: `${DATA}: made by createHaltingBranch`,
  AdaptiveStageParams: `${DATA}: made by createAdaptiveStage`,
  AdaptiveResNetParams: `${DATA}: made by createAdaptiveResNet`,
};

describeBackends(
  '@proj/adaptive-compute bad input',
  () => {
    afterAll(() => {
      if (shared === undefined) return;
      const { unit, bn, branch, stage, pact, net } = shared;
      tf.dispose([
        ...ac.residualUnitVariables(unit),
        ...Object.values(bn),
        ...ac.haltingBranchVariables(branch),
        ...ac.adaptiveStageVariables(stage),
        ...ac.adaptiveStageVariables(pact),
        ...ac.adaptiveResNetVariables(net),
      ]);
    });

    it('has an entry for every exported function', () => {
      expect(uncoveredExports(ac as unknown as Record<string, unknown>, ENTRIES, EXEMPT)).toEqual([]);
    });

    it.each(ENTRIES.map((e, i) => [`${e.name} (${i})`, e] as const))('%s', (_, e) => {
      expect(formatFindings(e, findBadInputProblems(e, { runs: 200 }))).toBe('');
    });
  },
  { backends: ['wasm'] },
);
