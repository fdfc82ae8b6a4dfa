import { beforeAll, describe } from 'vitest';
import type { BackendName } from '../backend/backend-name.js';
import { initBackend } from '../backend/init-backend.js';
import { testBackends } from '../testing/test-backends.js';
import { assertOptions } from '../validation/assert-options.js';

/** Options of {@link describeBackends}. */
export interface DescribeBackendsOptions {
  /** Backends of the default run, when `PROJ_BACKEND` is not set; default cpu and wasm. */
  readonly backends?: readonly BackendName[];
}

/**
 * Declares the suite `fn` once per test backend (vitest `describe`), each named `name [backend]`, with the
 * backend set up by {@link initBackend} before its tests. The backends are those of {@link testBackends}:
 * the one `PROJ_BACKEND` names, else `options.backends` (cpu, the reference, and wasm, the default in Node).
 *
 * @throws Error naming `describeBackends` for a `name` that is not a string, an `fn` that is not a function, or
 *   unknown option keys (and as {@link testBackends} for bad `backends`).
 * @example
 * describeBackends('softplusInverse', (backend) => {
 *   it('inverts softplus', () => expectClose(softplusInverse(tf.softplus(x)), x));
 * });
 */
export function describeBackends(
  name: string,
  fn: (backend: BackendName) => void,
  options: DescribeBackendsOptions = {},
): void {
  if (typeof name !== 'string')
    throw new Error(`describeBackends: argument 'name' must be a string, got ${typeof name}`);
  if (typeof fn !== 'function') throw new Error(`describeBackends: argument 'fn' must be a function, got ${typeof fn}`);
  assertOptions('describeBackends', options, ['backends']);
  for (const backend of testBackends(options.backends)) {
    describe(`${name} [${backend}]`, () => {
      beforeAll(async () => {
        await initBackend(backend);
      });
      fn(backend);
    });
  }
}
