import { fileURLToPath } from 'node:url';
import { runTorchReference, TORCH_PYTHONS } from '@proj/bench';
import type { BenchConfig } from './config.js';

/** The committed PyTorch reference: every workload of the benchmark on one CPU thread. */
const SCRIPT = fileURLToPath(new URL('../python/torch_workloads.py', import.meta.url));

/** One PyTorch timing, in ms. */
export interface TorchTiming {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

/** The workloads timed by `python/torch_workloads.py`, keyed `matmul-<n>`, `conv2d`, `train-step`. */
export interface PytorchTimings {
  readonly python: string;
  readonly torch: string;
  readonly threads: number;
  readonly timings: Readonly<Record<string, TorchTiming>>;
}

/**
 * Times the matMuls, the conv2d and the CNN training step (same model, batch, Adam) of `config` in PyTorch on one
 * CPU thread (`torch.set_num_threads(1)`, like single-threaded wasm) with the same timing options as the fast
 * tfjs backends.
 *
 * @returns the timings, or a reason when no Python with torch is found (tried `python3`, `/usr/bin/python3`).
 * @throws Error with the script's stderr when the script fails.
 */
export function timePytorch(config: BenchConfig): PytorchTimings | { readonly missing: string } {
  const input = {
    matmulSizes: config.matmulSizes,
    conv2d: config.conv2d,
    trainStep: config.trainStep,
    timing: config.timing,
  };
  const run = runTorchReference<Omit<PytorchTimings, 'python'>>(SCRIPT, [JSON.stringify(input)]);
  if (run === undefined) return { missing: `not installed (no torch in ${TORCH_PYTHONS.join(' or ')})` };
  return { python: run.python, torch: run.result.torch, threads: run.result.threads, timings: run.result.timings };
}
