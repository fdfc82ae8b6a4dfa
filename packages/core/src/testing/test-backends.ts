import { BACKEND_ENV_VAR, type BackendName, DEFAULT_TEST_BACKENDS, isBackendRequest } from '../backend/backend-name.js';

/**
 * The backends a test suite runs on: the one `PROJ_BACKEND` names when it is set (so that
 * `PROJ_BACKEND=webgpu pnpm test` is a conformance run of every suite on WebGPU), else `defaults`.
 *
 * @param defaults backends of the default run (cpu, the reference, and wasm, the default backend in Node).
 * @throws Error listing the valid names when `PROJ_BACKEND` names no backend (`auto` is not a test backend).
 */
export function testBackends(defaults: readonly BackendName[] = DEFAULT_TEST_BACKENDS): readonly BackendName[] {
  const fromEnv = process.env[BACKEND_ENV_VAR]?.trim();
  if (fromEnv === undefined || fromEnv === '') return defaults;
  if (!isBackendRequest(fromEnv) || fromEnv === 'auto') {
    throw new Error(
      `testBackends: ${BACKEND_ENV_VAR} must name one backend (tensorflow, webgpu, wasm or cpu) for a test run, got '${fromEnv}'`,
    );
  }
  return [fromEnv];
}
