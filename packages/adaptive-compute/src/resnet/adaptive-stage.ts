import { assertOptions, assertSeed, foldIn, type Seed, splitSeed, stopGradient } from '@proj/core';
import { tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { convFlops } from '../flops/conv-flops.js';
import { dilateMask } from '../flops/dilate-mask.js';
import type { HaltingState } from '../halting/halting-state.js';
import { haltingStep } from '../halting/halting-step.js';
import { maskIndices } from '../internal/active-positions.js';
import { gatherRows, scatterRows } from '../internal/rows.js';
import {
  assertBoolean,
  assertEps,
  assertFloatTensor,
  assertInstance,
  assertInteger,
  assertNumber,
  assertObject,
  assertOneOf,
  shown,
} from '../internal/validate.js';
import { relaxedHalting } from '../pact/relaxed-halting.js';
import { stickBreaking } from '../pact/stick-breaking.js';
import {
  createHaltingBranch,
  type HaltingBranchParams,
  haltingBranchVariables,
  haltingLogits,
} from './halting-branch.js';
import { maskedUnitAt } from './masked-residual-unit.js';
import {
  createResidualUnit,
  type ResidualUnitParams,
  residualBranch,
  residualUnit,
  residualUnitVariables,
} from './residual-unit.js';

/**
 * How a stage decides how many units to run. `'vanilla'`: all units. `'act'`: Graves' ACT per example
 * (global halting branch). `'sact'`: ACT per spatial position (spatial halting branch, Figurnov et al., CVPR
 * 2017). `'pact'`: probabilistic ACT per example (global branch; relaxed Bernoulli halting in training,
 * MAP thresholding at test time; Figurnov, Sobolev, Vetrov 2017).
 */
export type AdaptiveMethod = 'vanilla' | 'act' | 'sact' | 'pact';

const METHODS: readonly AdaptiveMethod[] = ['vanilla', 'act', 'sact', 'pact'];

/**
 * A ResNet stage ("block" in the SACT code) of L residual units evaluated adaptively: unit 1 carries the
 * stride and channel change and always runs at every position; a halting branch follows each unit but the
 * last (none for `'vanilla'`). A plain data holder (free with `tf.dispose(adaptiveStageVariables(stage))`).
 */
export class AdaptiveStageParams {
  constructor(
    readonly method: AdaptiveMethod,
    readonly units: readonly ResidualUnitParams[],
    /** L − 1 branches (after units 1..L − 1); empty for `'vanilla'`. */
    readonly halting: readonly HaltingBranchParams[],
  ) {}
}

/** Every tensor an {@link AdaptiveStageParams} holds. O(L). */
export function adaptiveStageVariables(stage: AdaptiveStageParams): tf.Variable[] {
  if (!(stage instanceof AdaptiveStageParams)) {
    throw new Error(`adaptiveStageVariables: argument 'stage' must be an AdaptiveStageParams, got ${shown(stage)}`);
  }
  return [...stage.units.flatMap(residualUnitVariables), ...stage.halting.flatMap(haltingBranchVariables)];
}

/** Configuration of {@link createAdaptiveStage}. */
export interface AdaptiveStageConfig {
  /** Channels of the stage input. */
  readonly inChannels: number;
  /** Channels of every unit's output (≥ inChannels, even difference). */
  readonly channels: number;
  /** Stride of the first unit: 1 or 2. */
  readonly stride: number;
  /** L, the number of units (≥ 1). */
  readonly units: number;
  readonly method: AdaptiveMethod;
  readonly seed: Seed;
}

const CONFIG_KEYS = ['inChannels', 'channels', 'stride', 'units', 'method', 'seed'];

/**
 * Fresh parameters of an adaptive stage (He-normal convolutions, halting bias −3), e.g. the CIFAR ResNet's
 * stage {inChannels: 8, channels: 16, stride: 2, units: 3}. O(L·9·C²).
 *
 * @throws Error naming `createAdaptiveStage` and the argument for a config that is not an object with the
 *   keys of {@link AdaptiveStageConfig} (unknown keys too) and valid values.
 * @example
 * const stage = createAdaptiveStage({ inChannels: 8, channels: 16, stride: 2, units: 3, method: 'sact', seed: 1 });
 */
export function createAdaptiveStage(config: AdaptiveStageConfig): AdaptiveStageParams {
  const fn = 'createAdaptiveStage';
  assertObject(config, fn, 'config');
  assertOptions(fn, config, CONFIG_KEYS);
  const method = assertOneOf(config.method, fn, 'config.method', METHODS);
  const count = assertInteger(config.units, fn, 'config.units', 1, 64);
  assertInteger(config.inChannels, fn, 'config.inChannels', 1);
  assertInteger(config.channels, fn, 'config.channels', 1);
  assertInteger(config.stride, fn, 'config.stride', 1, 2);
  assertSeed(config.seed, fn, 'config.seed');
  const seeds = splitSeed(config.seed, 2 * count);
  const units = Array.from({ length: count }, (_, n) =>
    n === 0
      ? createResidualUnit(config.inChannels, config.channels, config.stride, seeds[0]!)
      : createResidualUnit(config.channels, config.channels, 1, seeds[n]!),
  );
  const kind = method === 'sact' ? 'spatial' : 'global';
  const halting =
    method === 'vanilla'
      ? []
      : Array.from({ length: count - 1 }, (_, n) => createHaltingBranch(kind, config.channels, seeds[count + n]!));
  return new AdaptiveStageParams(method, units, halting);
}

/** Options of {@link adaptiveStage}. */
export interface AdaptiveStageOptions {
  /** Training mode: BN batch statistics (moving averages updated), PACT's relaxed halting; default false. */
  readonly training?: boolean;
  /** ε of the ACT halting rule, in (0, 1); default 0.01. */
  readonly eps?: number;
  /**
   * `'masked'` (default): units after unit 1 run only for what is still active (ACT/PACT gather the active
   * examples; SACT computes the masked unit at the active positions). `'dense'`: every unit at every position,
   * the residual multiplied by the active mask (the mfigurnov/sact formulation; faster for SACT while most
   * positions stay active, see the README's benchmark). Both stop once every cell halted and give the same
   * values (BN batch statistics in training apart) and FLOP counts.
   */
  readonly computation?: 'masked' | 'dense';
  /**
   * SACT with `'masked'`: a unit runs as the masked unit while at most this fraction of the positions is
   * active, and in the dense formulation above (the masked unit's patch gathers cost more than they save
   * there); in [0, 1], default 0.3, from bench/masked-unit.bench.ts (wasm: the masked unit is faster up to
   * about 25-50% active positions). FLOP counts do not depend on it.
   */
  readonly maskedFraction?: number;
  /** PACT training: Concrete temperature λ ≥ 0; default 0.5 (0: thresholding, as at test time). */
  readonly temperature?: number;
  /** PACT training: seed of the relaxed halting noise (required when training PACT with λ > 0). */
  readonly seed?: Seed;
}

const OPTION_KEYS = ['training', 'eps', 'computation', 'maskedFraction', 'temperature', 'seed'];

/**
 * What {@link adaptiveStage} returns. Cells are examples ([B]) for vanilla/ACT/PACT and positions
 * ([B, H′, W′]) for SACT.
 */
export class StageOutput {
  constructor(
    /** The stage output [B, H′, W′, C]: Σ_n p_n·s_n (ACT, SACT, relaxed PACT), s_N (PACT at test time). */
    readonly output: tf.Tensor,
    /**
     * ρ per cell, float32: N + R (ACT, SACT; vanilla L + 1), the expected number of units Σ n·p_n (PACT in
     * training), N (PACT at test time). Differentiable in the halting scores (ACT, SACT, relaxed PACT).
     */
    readonly ponderCost: tf.Tensor,
    /** N per cell, int32: the units evaluated. */
    readonly numUnits: tf.Tensor,
    /** p per cell [...cells, L]. */
    readonly haltingDistribution: tf.Tensor,
    /** FLOPs per example of the units and halting branches (computed positions only). */
    readonly flops: Float64Array,
    /** Units evaluated for at least one cell (early stopping skips the rest). */
    readonly unitsEvaluated: number,
  ) {}
}

/**
 * Runs an adaptive ResNet stage on x [B, H, W, Cin] (Figurnov et al., CVPR 2017, §3; Graves 2016; PACT):
 * unit 1 on every position, then units 2..L under the stage's halting rule (see {@link AdaptiveMethod}),
 * the halting state advanced by {@link haltingStep} after each unit with h_n = sigmoid(logit_n) (h_L = 1).
 * Halted cells keep their state exactly; with `computation: 'masked'` their units are not computed, and the
 * loop stops once every cell halted. Relaxed PACT (training) runs every unit and weights the states with
 * {@link stickBreaking} of {@link relaxedHalting} variables; PACT at test time halts at the first h_n > 0.5.
 * Differentiable in every variable (use inside `optimizer.minimize`); variables of skipped units get zero
 * gradients (not none: tfjs optimizers index their state by position); reads the halting masks to the host
 * after each unit.
 *
 * Complexity: Σ over evaluated units of the computed positions' conv FLOPs ({@link StageOutput.flops}).
 *
 * @throws Error naming `adaptiveStage` and the argument for a stage that is not live
 *   {@link AdaptiveStageParams}, x that is not float32 [B, H, W, Cin], ε outside (0, 1), λ < 0, a missing
 *   PACT seed, or unknown option keys.
 * @example
 * const { output, ponderCost, flops } = adaptiveStage(stage, x, { training: true });
 */
export function adaptiveStage(
  stage: AdaptiveStageParams,
  x: tf.Tensor,
  options: AdaptiveStageOptions = {},
): StageOutput {
  const fn = 'adaptiveStage';
  assertInstance(stage, AdaptiveStageParams, fn, 'stage', adaptiveStageVariables);
  assertOptions(fn, options, OPTION_KEYS);
  const training = assertBoolean(options.training ?? false, fn, 'options.training');
  const eps = assertEps(options.eps ?? 0.01, fn);
  const computation = assertOneOf(options.computation ?? 'masked', fn, 'options.computation', ['masked', 'dense']);
  const maskedFraction = assertNumber(
    options.maskedFraction ?? 0.3,
    fn,
    'options.maskedFraction',
    'a number in [0, 1]',
    (f) => f >= 0 && f <= 1,
  );
  const temperature = assertNumber(
    options.temperature ?? 0.5,
    fn,
    'options.temperature',
    'a finite number ≥ 0',
    (t) => t >= 0,
  );
  if (options.seed !== undefined) assertSeed(options.seed, fn, 'options.seed');
  const relaxed = stage.method === 'pact' && training && temperature > 0;
  if (relaxed && options.seed === undefined) {
    throw new Error(`${fn}: argument 'options.seed' is required to train a 'pact' stage with a temperature above 0`);
  }
  const cin = stage.units[0]!.conv1.shape[2]!;
  assertFloatTensor(x, fn, 'x', `[B, H, W, ${cin}]`, [4], [undefined, undefined, undefined, cin]);
  return tidyObject(() =>
    relaxed
      ? relaxedStage(stage, x, training, temperature, options.seed!)
      : haltingStage(stage, x, training, eps, computation, maskedFraction),
  );
}

/** FLOPs of a halting branch computed at `positions` positions of one example (global: the FC only). */
function branchFlops(branch: HaltingBranchParams, positions: number): number {
  const c = branch.globalWeight.shape[0]!;
  return convFlops(1, 1, 1, c, 1) + (branch.kind === 'spatial' ? convFlops(positions, 3, 3, c, 1) : 0);
}

/** The halting score of unit n (0-based) for states s, as the halting rule reads it. */
function score(stage: AdaptiveStageParams, n: number, s: tf.Tensor, training: boolean): tf.Tensor {
  const cells = stage.method === 'sact' ? s.shape.slice(0, 3) : [s.shape[0]!];
  if (stage.method === 'vanilla' || n === stage.units.length - 1) return tf.zeros(cells);
  const logits = haltingLogits(stage.halting[n]!, s, { training });
  // PACT at test time: the MAP halting variable [h > 0.5] (then the rule halts exactly there, p one-hot).
  // No gradient flows through the threshold: the branch's variables get zero gradients (see zeroGradientTerm).
  return stage.method === 'pact' ? relaxedHalting(stopGradient(logits), { temperature: 0 }) : tf.sigmoid(logits);
}

/**
 * 0·Σ sum(v) over the trainable variables that this pass did not use (units skipped by early stopping, their
 * halting branches, PACT's thresholded branches), added to the output so that they get zero gradients instead
 * of none, as the reference's tf.cond gives them: tfjs optimizers (Adam, RMSProp, ...) keep their state by the
 * position of each variable in the gradient list, which must not change from step to step. A scalar 0.
 */
function zeroGradientTerm(stage: AdaptiveStageParams, evaluated: number): tf.Tensor {
  const unused = [
    ...stage.units.slice(evaluated).flatMap(residualUnitVariables),
    ...(stage.method === 'pact' ? stage.halting : stage.halting.slice(evaluated)).flatMap(haltingBranchVariables),
  ].filter((v) => v.trainable);
  return unused.length === 0 ? tf.scalar(0) : tf.mul(0, tf.addN(unused.map((v) => tf.sum(v))));
}

function haltingStage(
  stage: AdaptiveStageParams,
  x: tf.Tensor,
  training: boolean,
  eps: number,
  computation: 'masked' | 'dense',
  maskedFraction: number,
): StageOutput {
  const units = stage.units.length;
  const spatial = stage.method === 'sact';
  const batch = x.shape[0]!;
  let s = residualUnit(stage.units[0]!, x, { training });
  const [, h, w, c] = s.shape as [number, number, number, number];
  const flops = new Float64Array(batch);
  const unitFlops = (n: number) =>
    convFlops(h * w, 3, 3, stage.units[n]!.conv1.shape[2]!, c) + convFlops(h * w, 3, 3, c, c);
  flops.fill(unitFlops(0) + (stage.halting[0] && units > 1 ? branchFlops(stage.halting[0], h * w) : 0));
  let state: HaltingState | null = null;
  const probabilities: tf.Tensor[] = [];
  let output: tf.Tensor | null = null;
  let evaluated = 1;
  for (let n = 0; n < units; n++) {
    if (n > 0) {
      const finished = state!.finished.dataSync() as unknown as Uint8Array;
      const mask = Uint8Array.from(finished, (f) => (f === 0 ? 1 : 0));
      if (mask.every((m) => m === 0)) {
        for (let rest = n; rest < units; rest++) probabilities.push(tf.zerosLike(probabilities[0]!));
        break;
      }
      evaluated++;
      const active = mask.reduce((sum, m) => sum + m, 0) / mask.length;
      const dense = computation === 'dense' || (spatial && active > maskedFraction);
      s = runUnit(stage.units[n]!, s, mask, spatial, training, dense ? 'dense' : 'masked');
      countFlops(flops, stage, n, mask, spatial, [h, w, c]);
    }
    const step = haltingStep(state, score(stage, n, s, training), { eps, last: n === units - 1 });
    state = step.state;
    probabilities.push(step.probability);
    const weight = spatial ? tf.expandDims(step.probability, 3) : tf.reshape(step.probability, [batch, 1, 1, 1]);
    const term = tf.mul(s, weight);
    output = output === null ? term : tf.add(output, term);
  }
  const final = state!;
  const ponderCost = stage.method === 'pact' ? tf.cast(final.numUnits, 'float32') : final.ponderCost;
  const connected = tf.engine().isTapeOn() ? tf.add(output!, zeroGradientTerm(stage, evaluated)) : output!;
  return new StageOutput(connected, ponderCost, final.numUnits, tf.stack(probabilities, -1), flops, evaluated);
}

/** Unit n on the cells still active (host mask over the cells: [B] or [B, H, W]). */
function runUnit(
  unit: ResidualUnitParams,
  s: tf.Tensor,
  mask: Uint8Array,
  spatial: boolean,
  training: boolean,
  computation: 'masked' | 'dense',
): tf.Tensor {
  const [b, h, w] = s.shape as [number, number, number, number];
  if (computation === 'dense') {
    const shape = spatial ? [b, h, w, 1] : [b, 1, 1, 1];
    return tf.add(s, tf.mul(residualBranch(unit, s, training), tf.tensor(Float32Array.from(mask), shape)));
  }
  if (spatial) return maskedUnitAt(unit, s, mask, training);
  const rows = maskIndices(mask);
  if (rows.length === b) return tf.add(s, residualBranch(unit, s, training));
  // The still-active examples, gathered and scattered back as whole rows of H·W·C values.
  const size = h * w * s.shape[3]!;
  const gathered = tf.reshape(gatherRows(tf.reshape(s, [b, size]), rows), [rows.length, h, w, s.shape[3]!]);
  const residual = tf.reshape(residualBranch(unit, gathered, training), [rows.length, size]);
  return tf.add(s, tf.reshape(scatterRows(residual, rows, b), s.shape));
}

/** Adds the FLOPs of unit n (and its halting branch) at the active cells to each example's count. */
function countFlops(
  flops: Float64Array,
  stage: AdaptiveStageParams,
  n: number,
  mask: Uint8Array,
  spatial: boolean,
  [h, w, c]: [number, number, number],
): void {
  const branch = n < stage.units.length - 1 ? stage.halting[n] : undefined;
  const cells = h * w;
  const dilated = spatial ? dilateMask(mask, [flops.length, h, w]) : mask;
  for (let b = 0; b < flops.length; b++) {
    let [active, wide] = [0, 0];
    if (spatial) {
      for (let i = b * cells; i < (b + 1) * cells; i++) {
        active += mask[i]!;
        wide += dilated[i]!;
      }
    } else if (mask[b]! !== 0) {
      [active, wide] = [cells, cells];
    } else continue;
    flops[b]! += convFlops(wide, 3, 3, c, c) + convFlops(active, 3, 3, c, c);
    if (branch !== undefined) flops[b]! += branchFlops(branch, active);
  }
}

/** Relaxed PACT: every unit on every position, states weighted by stick-breaking of relaxed halting variables. */
function relaxedStage(
  stage: AdaptiveStageParams,
  x: tf.Tensor,
  training: boolean,
  temperature: number,
  seed: Seed,
): StageOutput {
  const units = stage.units.length;
  const batch = x.shape[0]!;
  const states = [residualUnit(stage.units[0]!, x, { training })];
  for (let n = 1; n < units; n++) states.push(residualUnit(stage.units[n]!, states[n - 1]!, { training }));
  const [, h, w, c] = states[0]!.shape as [number, number, number, number];
  const flops = new Float64Array(batch);
  let perExample = 0;
  for (let n = 0; n < units; n++) {
    perExample += convFlops(h * w, 3, 3, stage.units[n]!.conv1.shape[2]!, c) + convFlops(h * w, 3, 3, c, c);
    if (n < units - 1) perExample += branchFlops(stage.halting[n]!, h * w);
  }
  flops.fill(perExample);
  if (units === 1) {
    return new StageOutput(states[0]!, tf.ones([batch]), tf.ones([batch], 'int32'), tf.ones([batch, 1]), flops, 1);
  }
  const z = tf.stack(
    states
      .slice(0, -1)
      .map((s, n) =>
        relaxedHalting(haltingLogits(stage.halting[n]!, s, { training }), { temperature, seed: foldIn(seed, n) }),
      ),
    -1,
  );
  const distribution = stickBreaking(z);
  const weights = tf.unstack(distribution, 1);
  const output = tf.addN(states.map((s, n) => tf.mul(s, tf.reshape(weights[n]!, [batch, 1, 1, 1]))));
  const expectedUnits = tf.sum(tf.mul(distribution, tf.range(1, units + 1)), -1);
  return new StageOutput(output, expectedUnits, tf.fill([batch], units, 'int32'), distribution, flops, units);
}
