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
