import { assertOptions, assertSeed } from '@proj/core';
import { assertInteger, assertObject, assertOneOf } from '../internal/validate.js';
import { generate } from './generate.js';
import { assertVaeac, type Vaeac } from './vaeac.js';
import { assertMask, assertTable } from './validate-table.js';

/** Options of {@link impute}. */
export interface ImputeOptions {
  /** How many imputations per object (default 10). */
  readonly numImputations?: number;
  /** Seed of the latent draws. */
  readonly seed: number;
  /** Rows per forward pass (default 256). */
  readonly batchSize?: number;
}

/** Options of {@link sample}. */
export interface SampleOptions {
  /** How many samples per object (default 10). */
  readonly numSamples?: number;
  /** Seed of the latent (and output) draws. */
  readonly seed: number;
  /** 'mode' (default: Gaussian mean, most probable class, as the authors impute) or 'sample'. */
  readonly mode?: 'mode' | 'sample';
}

const MAX_SAMPLES = 10_000;

/**
 * `numImputations` completions of the NaN entries of `data` (original units): for each, z is drawn from the
 * PRIOR p_ψ(z | x_o, b) with b = isnan(x) and the generative distribution's mode is taken (the authors'
 * protocol); observed entries are kept exactly. result[k][row][col]. O(K·n·depth·width²).
 *
 * @throws Error naming `impute` and the argument for a disposed model, a table of the wrong width, category
 *   codes out of range, or bad options.
 */
export function impute(model: Vaeac, data: readonly (readonly number[])[], options: ImputeOptions): number[][][] {
  const fn = 'impute';
  assertVaeac(model, fn);
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, ['numImputations', 'seed', 'batchSize']);
  const rows = assertTable(data, model.columnTypes, fn, 'data');
  const count =
    o.numImputations === undefined ? 10 : assertInteger(o.numImputations, fn, 'options.numImputations', 1, MAX_SAMPLES);
  const batchSize = o.batchSize === undefined ? 256 : assertInteger(o.batchSize, fn, 'options.batchSize', 1, 2 ** 16);
  const seed = assertSeed(o.seed, fn, 'options.seed');
  const mask = Uint8Array.from(rows.flat(), (v) => (Number.isNaN(v) ? 1 : 0));
  return generate(model, rows, mask, count, seed, 'mode', batchSize);
}

/**
 * Like {@link impute}, but the entries to generate are given by `mask` (true = generate), any subset, conditioned
 * on the other entries; NaN entries outside the mask stay NaN (and are treated as unobserved). result[k][row][col]
 * in original units. O(K·n·depth·width²).
 *
 * @throws Error naming `sample` and the argument for a disposed model, a bad table, a mask of the wrong shape,
 *   or bad options.
 */
export function sample(
  model: Vaeac,
  data: readonly (readonly number[])[],
  mask: readonly (readonly boolean[])[],
  options: SampleOptions,
): number[][][] {
  const fn = 'sample';
  assertVaeac(model, fn);
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, ['numSamples', 'seed', 'mode']);
  const rows = assertTable(data, model.columnTypes, fn, 'data');
  const generateMask = assertMask(mask, rows.length, model.columnTypes.length, fn, 'mask');
  const count = o.numSamples === undefined ? 10 : assertInteger(o.numSamples, fn, 'options.numSamples', 1, MAX_SAMPLES);
  const mode = o.mode === undefined ? 'mode' : assertOneOf(o.mode, fn, 'options.mode', ['mode', 'sample'] as const);
  const seed = assertSeed(o.seed, fn, 'options.seed');
  const flat = Uint8Array.from(generateMask.flat(), (b) => (b ? 1 : 0));
  return generate(model, rows, flat, count, seed, mode, 256);
}
