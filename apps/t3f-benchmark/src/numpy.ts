import { execFileSync } from 'node:child_process';
import { runPythonReference } from '@proj/bench';
import type { T3fSizes } from '../../../packages/tt/bench/cases.js';
import { type BenchmarkCase, numpyReference } from './cases.js';
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
 * Median ms of one call of `name` in numpy float32 on one OpenBLAS thread (the package bench's reference:
 * packages/tt/bench/tt_numpy.py, or packages/riemannian/bench/riemannian_numpy.py for the project cases), on
 * objects of `sizes`, sampled like `timing` (one untimed call first).
 *
 * @throws Error with the script's stderr when the script fails.
 */
export function timeNumpyCase(name: BenchmarkCase, sizes: T3fSizes, timing: T3fConfig['timing']): number {
  const { minTimeMs, minRuns, maxRuns } = timing;
  const reference = numpyReference(name, sizes);
  const argument = JSON.stringify({ ...reference.sizes, cases: [name], timing: { minTimeMs, minRuns, maxRuns } });
  return runPythonReference(reference.script, [argument])[name]!;
}
