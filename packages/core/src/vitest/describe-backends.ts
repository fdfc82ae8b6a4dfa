import { beforeAll, describe } from 'vitest';
import type { BackendName } from '../backend/backend-name.js';
import { initBackend } from '../backend/init-backend.js';
import { testBackends } from '../testing/test-backends.js';

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
  for (const backend of testBackends(options.backends)) {
    describe(`${name} [${backend}]`, () => {
      beforeAll(async () => {
        await initBackend(backend);
      });
      fn(backend);
    });
  }
}
