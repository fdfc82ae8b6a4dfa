import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchConfig, TrainStepConfig } from './config.js';

/** The committed PyTorch reference: the CNN training step of `cnn.ts` on one CPU thread. */
const SCRIPT = fileURLToPath(new URL('../python/torch_train_step.py', import.meta.url));

/** Pythons tried in order: pyenv's on PATH first, then Debian's, which has torch from `python3-torch`. */
const PYTHONS = ['python3', '/usr/bin/python3'] as const;

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

/** The first of {@link PYTHONS} that imports torch, or `undefined` when none does. Costs one torch import each. */
export function findTorchPython(pythons: readonly string[] = PYTHONS): string | undefined {
  return pythons.find((python) => {
    try {
      execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
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
  const python = findTorchPython();
  if (python === undefined) return { missing: `not installed (no torch in ${PYTHONS.join(' or ')})` };
  const output = execFileSync(python, [SCRIPT, JSON.stringify({ ...config, timing })], {
    env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    encoding: 'utf8',
  });
  const result = JSON.parse(output) as Omit<PytorchTiming, 'python'>;
  return { python, ...result };
}
