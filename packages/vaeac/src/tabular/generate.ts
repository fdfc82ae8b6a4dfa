import { foldIn, randomNormal, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { disposeBatch } from '../batch.js';
import { hostNormal, hostUniform } from '../internal/host-random.js';
import { generativeForward } from '../nn/networks.js';
import { disposePrior, keptPrior } from '../nn/vaeac-nets.js';
import { encodeRows, toHostTable } from './encode.js';
import { learnedSigma } from './log-likelihood.js';
import type { Vaeac } from './vaeac.js';

/** How a generated entry is read off the generative distribution. */
export type GenerationMode = 'mode' | 'sample';

/** Index of the largest of `k` values starting at `offset`. */
function argmax(values: Float32Array, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if ((values[offset + j] as number) > (values[offset + best] as number)) best = j;
  return best;
}

/** A draw from the clamped softmax (min probability 1e-4, renormalized) of `k` logits, given a uniform u. */
function sampleCategory(values: Float32Array, offset: number, k: number, u: number): number {
  const max = (values[offset + argmax(values, offset, k)] as number) ?? 0;
  const exp = Array.from({ length: k }, (_, j) => Math.exp((values[offset + j] as number) - max));
  const total = exp.reduce((a, b) => a + b, 0);
  const p = exp.map((e) => Math.max(e / total, 1e-4));
  const norm = p.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let j = 0; j < k; j++) {
    acc += (p[j] as number) / norm;
    if (u < acc) return j;
  }
  return k - 1;
}

/**
 * `numSamples` completions of `rows` (original units): entries with generate[r·D + c] = 1 are generated from
 * z ~ p_ψ(z | x_o, b) (the PRIOR, never the proposal) through the generative network, read off as the mode
 * (Gaussian mean, most probable class) or a sample (real columns from N(μ, σ²), σ = 1 or the model's learned σ);
 * the network treats b' = generate ∪ isnan as unobserved;
 * every other entry is copied from `rows` exactly. result[k][row][col]. O(K·n·depth·width²).
 */
export function generate(
  model: Vaeac,
  rows: readonly (readonly number[])[],
  generateMask: Uint8Array,
  numSamples: number,
  seed: Seed,
  mode: GenerationMode,
  batchSize: number,
): number[][][] {
  const { layout, standardization: stats, networks } = model;
  const d = layout.columns;
  const table = toHostTable(rows, stats);
  const result = Array.from({ length: numSamples }, () => rows.map((row) => Array.from(row)));
  for (let start = 0; start < rows.length; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, rows.length - start) }, (_, i) => start + i);
    const n = indices.length;
    const batch = encodeRows(layout, table, generateMask, indices);
    const prior = keptPrior(networks, batch.priorInput);
    try {
      for (let k = 0; k < numSamples; k++) {
        const [noiseSeed, outputSeed] = splitSeed(foldIn(foldIn(seed, start), k), 2) as [Seed, Seed];
        const params = tf.tidy(() => {
          const z = tf.add(prior.mu, tf.mul(prior.sigma, randomNormal(prior.mu.shape, noiseSeed))) as tf.Tensor2D;
          return generativeForward(networks, z, prior);
        });
        const values = params.dataSync() as Float32Array;
        // The learned σ of every output slot (only the s slots of real columns are read), when sampling.
        const sigmas =
          mode === 'sample' && model.realSigma === 'learned'
            ? tf.tidy(() => learnedSigma(params).dataSync() as Float32Array)
            : null;
        params.dispose();
        const normal = mode === 'sample' ? hostNormal(n * d, outputSeed) : null;
        const uniform = mode === 'sample' ? hostUniform(n * d, foldIn(outputSeed, 1)) : null;
        indices.forEach((row, i) => {
          for (let c = 0; c < d; c++) {
            if (generateMask[row * d + c] !== 1) continue;
            const offset = i * layout.outputWidth + (layout.outputOffsets[c] as number);
            const kc = layout.inputSizes[c] as number;
            const target = result[k]?.[row] as number[];
            if (kc === 1) {
              const sigma = sigmas === null ? 1 : (sigmas[offset + 1] as number);
              const z = (values[offset] as number) + (normal === null ? 0 : sigma * (normal[i * d + c] as number));
              target[c] = z * (stats.std[c] as number) + (stats.mean[c] as number);
            } else {
              target[c] =
                uniform === null
                  ? argmax(values, offset, kc)
                  : sampleCategory(values, offset, kc, uniform[i * d + c] as number);
            }
          }
        });
      }
    } finally {
      disposePrior(prior);
      disposeBatch(batch);
    }
  }
  return result;
}
