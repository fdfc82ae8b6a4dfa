/**
 * Independent dense references for tests: TT entries evaluated in float64 by multiplying core slices, one
 * entry at a time (the definition A(i) = G_1[:, i_1, :] ⋯ G_d[:, i_d, :]), with no reshapes or matMuls.
 */
import type * as tf from '@tensorflow/tfjs-core';

/** Host copies of cores: values and shapes. */
export interface HostCores {
  readonly values: Float32Array[];
  readonly shapes: number[][];
}

export function hostCores(cores: readonly tf.Tensor[]): HostCores {
  return { values: cores.map((c) => c.dataSync() as Float32Array), shapes: cores.map((c) => c.shape) };
}

/** Entry of a TT-tensor (cores [r, n, r′]) at multi-index `index`. */
export function ttEntry({ values, shapes }: HostCores, index: readonly number[]): number {
  let row = [1];
  for (let k = 0; k < values.length; k++) {
    const [r, n, rNext] = shapes[k] as [number, number, number];
    const next = new Array<number>(rNext).fill(0);
    for (let a = 0; a < r; a++) {
      for (let b = 0; b < rNext; b++) next[b]! += row[a]! * values[k]![(a * n + index[k]!) * rNext + b]!;
    }
    row = next;
  }
  return row[0]!;
}

/** Entry of a TT-matrix (cores [r, m, n, r′]) at row multi-index `i` and column multi-index `j`. */
export function ttMatrixEntry({ values, shapes }: HostCores, i: readonly number[], j: readonly number[]): number {
  let row = [1];
  for (let k = 0; k < values.length; k++) {
    const [r, m, n, rNext] = shapes[k] as [number, number, number, number];
    const next = new Array<number>(rNext).fill(0);
    for (let a = 0; a < r; a++) {
      for (let b = 0; b < rNext; b++) next[b]! += row[a]! * values[k]![((a * m + i[k]!) * n + j[k]!) * rNext + b]!;
    }
    row = next;
  }
  return row[0]!;
}

/** All multi-indices of `shape` in C order. */
export function multiIndices(shape: readonly number[]): number[][] {
  const total = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: total }, (_, flat) => {
    const index: number[] = [];
    let rest = flat;
    for (let k = shape.length - 1; k >= 0; k--) {
      index.unshift(rest % shape[k]!);
      rest = Math.floor(rest / shape[k]!);
    }
    return index;
  });
}

/** Dense values of a TT-tensor in C order, entry by entry. */
export function denseTensor(cores: readonly tf.Tensor[]): number[] {
  const host = hostCores(cores);
  return multiIndices(host.shapes.map((s) => s[1]!)).map((index) => ttEntry(host, index));
}

/** Dense values of a TT-matrix, row-major over (Πm) × (Πn), entry by entry. */
export function denseMatrix(cores: readonly tf.Tensor[]): number[] {
  const host = hostCores(cores);
  const rows = multiIndices(host.shapes.map((s) => s[1]!));
  const columns = multiIndices(host.shapes.map((s) => s[2]!));
  return rows.flatMap((i) => columns.map((j) => ttMatrixEntry(host, i, j)));
}
