import { assertOptions, assertSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { disposeBatch } from '../batch.js';
import { assertObject } from '../internal/validate.js';
import { batchVlbTerms } from '../vlb.js';
import { encodeRows, toHostTable } from './encode.js';
import { tabularLogLikelihood } from './log-likelihood.js';
import { assertVaeac, type Vaeac } from './vaeac.js';
import { assertMask, assertTable } from './validate-table.js';

/** The per-row terms of the VAEAC objective (nats, standardized units), each of length n. */
export interface VlbTerms {
  /** log p_θ(x_b | z, x_o, b) at one z ~ q_φ(z | x, b) (0 when nothing is to be reconstructed). */
  readonly reconstruction: number[];
  /** KL(q_φ(z | x, b) ‖ p_ψ(z | x_o, b)), closed form. */
  readonly kl: number[];
  /** The prior network's regularizer R. */
  readonly regularizer: number[];
  /** reconstruction − kl + regularizer: what training maximizes. */
  readonly vlb: number[];
}

/**
 * The per-object terms of the VAEAC lower bound (Ivanov et al. 2019, eq. 4, plus the prior regularizer) for
 * `data` under `mask` (true = unobserved; b = mask ∪ isnan; reconstruction over b ∧ ¬isnan), one reparameterized
 * draw from `seed`. O(n·depth·width²).
 *
 * @throws Error naming `vlbTerms` and the argument for a disposed model, a bad table, a mask of the wrong shape,
 *   or bad options.
 */
export function vlbTerms(
  model: Vaeac,
  data: readonly (readonly number[])[],
  mask: readonly (readonly boolean[])[],
  options: { seed: number },
): VlbTerms {
  const fn = 'vlbTerms';
  assertVaeac(model, fn);
  const rows = assertTable(data, model.columnTypes, fn, 'data');
  const b = assertMask(mask, rows.length, model.columnTypes.length, fn, 'mask');
  const o = assertObject(options, fn, 'options');
  assertOptions(fn, o, ['seed']);
  const seed = assertSeed(o.seed, fn, 'options.seed');
  const table = toHostTable(rows, model.standardization);
  const flat = Uint8Array.from(b.flat(), (v) => (v ? 1 : 0));
  const batch = encodeRows(model.layout, table, flat, [...rows.keys()]);
  try {
    return tf.tidy(() => {
      const terms = batchVlbTerms(model.networks, batch, tabularLogLikelihood(model.layout, model.realSigma), seed);
      const read = (t: tf.Tensor) => Array.from(t.dataSync());
      return {
        reconstruction: read(terms.reconstruction),
        kl: read(terms.kl),
        regularizer: read(terms.regularizer),
        vlb: read(terms.vlb),
      };
    }) as unknown as VlbTerms;
  } finally {
    disposeBatch(batch);
  }
}
