import { assertOptions, assertSeed } from '@proj/core';
import { assertInteger, assertObject } from '../internal/validate.js';
import { toHostTable } from './encode.js';
import { meanIwae } from './fit.js';
import { tabularLogLikelihood } from './log-likelihood.js';
import { assertVaeac, type Vaeac } from './vaeac.js';
import { assertMask, assertTable } from './validate-table.js';

/**
 * The validation-style IWAE estimate of log p(x_b | x_o, b), averaged over rows, with K = `samples` proposal
 * draws: b = mask (true = unobserved) ∪ isnan, and only entries with b and not NaN are scored. In the model's
 * units (real columns standardized). O(K·n·depth·width²).
 *
 * @throws Error naming `iwaeLogLikelihood` and the argument for a disposed model, a bad table, a mask of the
 *   wrong shape, or bad options.
 */
export function iwaeLogLikelihood(
  model: Vaeac,
  data: readonly (readonly number[])[],
  mask: readonly (readonly boolean[])[],
  options: { samples: number; seed: number },
): number {
  const fn = 'iwaeLogLikelihood';
  assertVaeac(model, fn);
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, ['samples', 'seed']);
  const rows = assertTable(data, model.columnTypes, fn, 'data');
  const b = assertMask(mask, rows.length, model.columnTypes.length, fn, 'mask');
  const samples = assertInteger(o.samples, fn, 'options.samples', 1, 4096);
  const seed = assertSeed(o.seed, fn, 'options.seed');
  const table = toHostTable(rows, model.standardization);
  const flat = Uint8Array.from(b.flat(), (v) => (v ? 1 : 0));
  const all = Array.from({ length: rows.length }, (_, i) => i);
  const logLikelihood = tabularLogLikelihood(model.layout, model.realSigma);
  return meanIwae(model.networks, model.layout, table, flat, all, samples, seed, logLikelihood);
}
