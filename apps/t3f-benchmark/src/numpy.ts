import { execFileSync } from 'node:child_process';
import { runPythonReference } from '@proj/bench';
import { T3F_NUMPY_SCRIPT, type T3fCase, type T3fSizes } from '../../../packages/tt/bench/cases.js';
import type { T3fConfig } from './config.js';

/**
 * The numpy version of `python3` (the Python that `runPythonReference` of @proj/bench runs), or `undefined` when
 * there is no `python3` or it has no numpy. Costs one numpy import.
 */
export function numpyVersion(python = 'python3'): string | undefined {
  try {
    return execFileSync(python, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Median ms of one call of `name` in numpy float32 on one OpenBLAS thread (packages/tt/bench/tt_numpy.py, the
 * package bench's reference), on objects of `sizes`, sampled like `timing` (one untimed call first).
 *
 * @throws Error with the script's stderr when the script fails.
 */
export function timeNumpyCase(name: T3fCase, sizes: T3fSizes, timing: T3fConfig['timing']): number {
  const { minTimeMs, minRuns, maxRuns } = timing;
  const argument = JSON.stringify({ ...sizes, cases: [name], timing: { minTimeMs, minRuns, maxRuns } });
  return runPythonReference(T3F_NUMPY_SCRIPT, [argument])[name]!;
}
