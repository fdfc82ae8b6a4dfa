/** A TensorFlow.js backend that {@link initBackend} can set up, fastest first. */
export type BackendName = 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

/** What {@link initBackend} accepts: a backend, or `auto` for the fastest one available. */
export type BackendRequest = BackendName | 'auto';

/** Every name {@link initBackend} accepts, in the order `auto` would prefer them. */
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'];

/** Environment variable read by {@link initBackend} when no name is given. */
export const BACKEND_ENV_VAR = 'PROJ_BACKEND';

/** Narrows a string to a {@link BackendRequest}. */
export function isBackendRequest(name: string): name is BackendRequest {
  return (BACKEND_REQUESTS as readonly string[]).includes(name);
}

/** The backends of the default test run: cpu, the reference, and wasm, the default backend in Node. */
export const DEFAULT_TEST_BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];
