import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Checks that `x` is a live TT object and returns its batch size (undefined for a single TT).
 *
 * @throws Error naming `fn` and `arg` when x is not a TensorTrain or TensorTrainBatch, or its cores were disposed.
 */
export function assertTT(x: unknown, fn: string, arg: string): number | undefined {
  if (!(x instanceof TensorTrain) && !(x instanceof TensorTrainBatch)) {
    throw new Error(`${fn}: argument '${arg}' must be a TensorTrain or TensorTrainBatch, got ${describe(x)}`);
  }
  if (x.cores.some((core) => core.isDisposed)) throw new Error(`${fn}: argument '${arg}' has disposed cores`);
  return x instanceof TensorTrainBatch ? x.batchSize : undefined;
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'an object';
  return typeof x;
}
