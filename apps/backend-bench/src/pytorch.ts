import { fileURLToPath } from 'node:url';
import { runTorchReference, TORCH_PYTHONS } from '@proj/bench';
import type { BenchConfig, TrainStepConfig } from './config.js';

/** The committed PyTorch reference: the CNN training step of `cnn.ts` on one CPU thread. */
const SCRIPT = fileURLToPath(new URL('../python/torch_train_step.py', import.meta.url));

/** The PyTorch training step, timed by `python/torch_train_step.py`. */
export interface PytorchTiming {
  readonly python: string;
  readonly torch: string;
  readonly threads: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

/**
 * Times the CNN training step (same model, batch, Adam) in PyTorch on one CPU thread
 * (`torch.set_num_threads(1)`, like single-threaded wasm) with the same timing options as the tfjs backends.
 *
 * @returns the timing, or a reason when no Python with torch is found (tried `python3`, `/usr/bin/python3`).
 * @throws Error with the script's stderr when the script fails.
 */
export function timePytorchTrainStep(
  config: TrainStepConfig,
  timing: BenchConfig['timing'],
): PytorchTiming | { readonly missing: string } {
  const run = runTorchReference<Omit<PytorchTiming, 'python'>>(SCRIPT, [JSON.stringify({ ...config, timing })]);
  if (run === undefined) return { missing: `not installed (no torch in ${TORCH_PYTHONS.join(' or ')})` };
  return { python: run.python, ...run.result };
}
