import * as tf from '@tensorflow/tfjs-core';
import type { EncodedBatch } from '../batch.js';
import type { ColumnLayout } from './column-types.js';
import type { Standardization } from './standardization.js';

/**
 * A table in the network's units, on the host: values [n·D] row-major (real columns standardized, categorical
 * codes as they are, NaN = missing).
 */
export interface HostTable {
  readonly rows: number;
  readonly columns: number;
  readonly values: Float32Array;
}

/** Standardizes the real columns of `rows` with `stats` (NaN stays NaN). O(n·D). */
export function toHostTable(rows: readonly (readonly number[])[], stats: Standardization): HostTable {
  const columns = stats.mean.length;
  const values = new Float32Array(rows.length * columns);
  rows.forEach((row, r) => {
    for (let c = 0; c < columns; c++) {
      values[r * columns + c] = ((row[c] as number) - (stats.mean[c] as number)) / (stats.std[c] as number);
    }
  });
  return { rows: rows.length, columns, values };
}

/**
 * Encodes the objects `indices` of `table` with masks `mask` ([n·D], 1 = unobserved, row-major over the whole
 * table) into the network inputs (§1.2 of the spec): real entries copied (NaN → 0), categorical entries one-hot
 * (NaN → all zeros); b' = b OR isnan. Prior input [enc(x with b' entries zeroed), b'], proposal input
 * [enc(x), isnan(x), b'], target (NaN → 0) and recMask = b AND NOT isnan. O(|indices|·width).
 */
export function encodeRows(
  layout: ColumnLayout,
  table: HostTable,
  mask: Uint8Array,
  indices: readonly number[],
): EncodedBatch {
  const n = indices.length;
  const d = layout.columns;
  const w = layout.inputWidth;
  const prior = new Float32Array(n * layout.priorInputWidth);
  const proposal = new Float32Array(n * layout.proposalInputWidth);
  const target = new Float32Array(n * d);
  const recMask = new Float32Array(n * d);
  indices.forEach((row, i) => {
    const priorRow = i * layout.priorInputWidth;
    const proposalRow = i * layout.proposalInputWidth;
    for (let c = 0; c < d; c++) {
      const v = table.values[row * d + c] as number;
      const missing = Number.isNaN(v);
      const b = missing || mask[row * d + c] === 1;
      const offset = layout.inputOffsets[c] as number;
      if (!missing) {
        const k = layout.inputSizes[c] as number;
        const slot = k === 1 ? offset : offset + v;
        const value = k === 1 ? v : 1;
        proposal[proposalRow + slot] = value;
        if (!b) prior[priorRow + slot] = value;
        target[i * d + c] = v;
      }
      proposal[proposalRow + w + c] = missing ? 1 : 0;
      proposal[proposalRow + w + d + c] = b ? 1 : 0;
      prior[priorRow + w + c] = b ? 1 : 0;
      recMask[i * d + c] = b && !missing ? 1 : 0;
    }
  });
  return {
    priorInput: tf.tensor2d(prior, [n, layout.priorInputWidth]),
    proposalInput: tf.tensor2d(proposal, [n, layout.proposalInputWidth]),
    target: tf.tensor2d(target, [n, d]),
    recMask: tf.tensor2d(recMask, [n, d]),
  };
}
