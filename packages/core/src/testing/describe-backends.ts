import { beforeAll, describe } from 'vitest';
import type { BackendName } from '../backend/backend-name.js';
import { initBackend } from '../backend/init-backend.js';

/** Options of {@link describeBackends}. */
export interface DescribeBackendsOptions {
  /** Backends to run on; default: `PROJ_TEST_BACKENDS` (comma-separated) or `cpu,wasm`. */
  readonly backends?: readonly BackendName[];
}

/** The environment variable that overrides the default backends of {@link describeBackends}. */
export const TEST_BACKENDS_ENV_VAR = 'PROJ_TEST_BACKENDS';

/**
 * Declares the suite `fn` once per backend (vitest `describe`), each named `name [backend]`, with the
 * backend set up by {@link initBackend} before its tests. The cpu backend is the reference; wasm is the
 * default backend in Node.
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
  for (const backend of options.backends ?? defaultTestBackends()) {
    describe(`${name} [${backend}]`, () => {
      beforeAll(async () => {
        await initBackend(backend);
      });
      fn(backend);
    });
  }
}

function defaultTestBackends(): BackendName[] {
  const fromEnv = process.env[TEST_BACKENDS_ENV_VAR]?.trim();
  if (!fromEnv) return ['cpu', 'wasm'];
  return fromEnv.split(',').map((name) => name.trim() as BackendName);
}
