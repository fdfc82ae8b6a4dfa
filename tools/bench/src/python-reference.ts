import { execFileSync } from 'node:child_process';

/**
 * Runs a committed Python reference benchmark (numpy) and parses the JSON object it prints on stdout, so a
 * bench can show its timings side by side with ours in the same run. OpenBLAS runs on one thread, like the
 * single-threaded wasm backend. `args` are passed as command-line arguments.
 */
export function runPythonReference<T = Record<string, number>>(script: string, args: readonly string[] = []): T {
  const output = execFileSync('python3', [script, ...args], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(output) as T;
}

/** Pythons tried for PyTorch, in order: pyenv's on PATH first, then Debian's, which has torch from `python3-torch`. */
export const TORCH_PYTHONS = ['python3', '/usr/bin/python3'] as const;

/** The first of `pythons` that imports torch, or `undefined` when none does. Costs one torch import each. */
export function findTorchPython(pythons: readonly string[] = TORCH_PYTHONS): string | undefined {
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
 * Runs a committed PyTorch reference benchmark with the first Python that has torch ({@link findTorchPython}),
 * torch, OpenMP and BLAS on one thread like single-threaded wasm, and parses the JSON object it prints.
 *
 * @returns the Python used and the parsed output, or `undefined` when no Python has torch.
 * @throws Error with the script's stderr when the script fails.
 */
export function runTorchReference<T = Record<string, unknown>>(
  script: string,
  args: readonly string[] = [],
): { readonly python: string; readonly result: T } | undefined {
  const python = findTorchPython();
  if (python === undefined) return undefined;
  const output = execFileSync(python, [script, ...args], {
    env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return { python, result: JSON.parse(output) as T };
}
