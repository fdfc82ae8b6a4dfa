import { BACKEND_ENV_VAR, type BackendName, DEFAULT_TEST_BACKENDS, isBackendRequest } from '../backend/backend-name.js';
import { describeValue } from '../validation/assert-args.js';

/**
 * The backends a test suite runs on: the one `PROJ_BACKEND` names when it is set (so that
 * `PROJ_BACKEND=webgpu pnpm test` is a conformance run of every suite on WebGPU), else `defaults`.
 *
 * @param defaults backends of the default run (cpu, the reference, and wasm, the default backend in Node).
 * @throws Error listing the valid names when `PROJ_BACKEND` or an entry of `defaults` names no backend (`auto`
 *   is not a test backend), or when `defaults` is not a non-empty array.
 */
export function testBackends(defaults: readonly BackendName[] = DEFAULT_TEST_BACKENDS): readonly BackendName[] {
  const isBackend = (name: unknown) => typeof name === 'string' && name !== 'auto' && isBackendRequest(name);
  if (!Array.isArray(defaults) || defaults.length === 0 || !defaults.every(isBackend)) {
    throw new Error(
      `testBackends: argument 'defaults' must be a non-empty array of backend names (tensorflow, webgpu, wasm, cpu), got ${describeValue(defaults)}`,
    );
  }
  const fromEnv = process.env[BACKEND_ENV_VAR]?.trim();
  if (fromEnv === undefined || fromEnv === '') return defaults;
  if (!isBackendRequest(fromEnv) || fromEnv === 'auto') {
    throw new Error(
      `testBackends: ${BACKEND_ENV_VAR} must name one backend (tensorflow, webgpu, wasm or cpu) for a test run, got '${fromEnv}'`,
    );
  }
  return [fromEnv];
}
