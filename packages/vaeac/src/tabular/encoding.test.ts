import { expectClose } from '@proj/core/testing';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { disposeBatch } from '../batch.js';
import { createNetworks, generativeForward, networkVariables, priorForward, proposalForward } from '../nn/networks.js';
import { columnLayout } from './column-types.js';
import { encodeRows, toHostTable } from './encode.js';
import { standardization } from './standardization.js';

const TYPES = ['real', { categories: 3 }, 'real', { categories: 2 }] as const;

describeBackends('tabular encoding', () => {
  it('widths for mixed column types: output Σ max(2,K), prior Σ max(1,K) + D, proposal Σ max(1,K) + 2D', () => {
    const layout = columnLayout(TYPES);
    expect(layout.inputWidth).toBe(1 + 3 + 1 + 2);
    expect(layout.outputWidth).toBe(2 + 3 + 2 + 2);
    expect(layout.priorInputWidth).toBe(7 + 4);
    expect(layout.proposalInputWidth).toBe(7 + 8);
    expect(layout.inputOffsets).toEqual([0, 1, 4, 5]);
    expect(layout.outputOffsets).toEqual([0, 2, 5, 7]);
  });

  it('the three networks take and emit those widths', () => {
    const layout = columnLayout(TYPES);
    const networks = createNetworks({ ...layout, width: 8, depth: 2, latentDim: 3 }, 1);
    tf.tidy(() => {
      const prior = priorForward(networks, tf.zeros([5, layout.priorInputWidth]));
      const proposal = proposalForward(networks, tf.zeros([5, layout.proposalInputWidth]));
      expect(prior.mu.shape).toEqual([5, 3]);
      expect(proposal.sigma.shape).toEqual([5, 3]);
      expect(prior.skips.map((s) => s.shape)).toEqual([
        [5, 8],
        [5, 8],
        [5, 8],
      ]);
      expect(generativeForward(networks, prior.mu, prior).shape).toEqual([5, layout.outputWidth]);
    });
    tf.dispose(networkVariables(networks));
  });

  it('encodes one-hot categories, zeroes unobserved entries for the prior, flags NaNs for the proposal', () => {
    const layout = columnLayout(TYPES);
    const rows = [
      [1, 2, 3, 0],
      [3, Number.NaN, 5, 1],
    ];
    const stats = standardization(TYPES, rows);
    expect(stats).toEqual({ mean: [2, 0, 4, 0], std: [1, 1, 1, 1] });
    // Row 0: column 2 masked. Row 1: column 0 masked; column 1 is NaN.
    const mask = Uint8Array.from([0, 0, 1, 0, 1, 0, 0, 0]);
    const batch = encodeRows(layout, toHostTable(rows, stats), mask, [0, 1]);
    expectClose(batch.priorInput, [
      [-1, 0, 0, 1, 0, 1, 0, /* b */ 0, 0, 1, 0],
      [0, 0, 0, 0, 1, 0, 1, /* b */ 1, 1, 0, 0],
    ]);
    expectClose(batch.proposalInput, [
      [-1, 0, 0, 1, -1, 1, 0, /* nan */ 0, 0, 0, 0, /* b */ 0, 0, 1, 0],
      [1, 0, 0, 0, 1, 0, 1, /* nan */ 0, 1, 0, 0, /* b */ 1, 1, 0, 0],
    ]);
    expectClose(batch.target, [
      [-1, 2, -1, 0],
      [1, 0, 1, 1],
    ]);
    // Reconstruction counts b AND NOT isnan: row 1's NaN category is excluded.
    expectClose(batch.recMask, [
      [0, 0, 1, 0],
      [1, 0, 0, 0],
    ]);
    disposeBatch(batch);
  });
});
