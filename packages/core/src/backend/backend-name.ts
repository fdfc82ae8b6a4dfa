import { assertObject, assertString, describeValue } from '../validation/assert-args.js';
import { assertOptions } from '../validation/assert-options.js';

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

/** Options of {@link resolveBackendRequest}. */
export interface ResolveBackendOptions {
  /** The function named in errors; default `initBackend`. */
  readonly fn?: string;
  /** Where an explicit `name` came from, for errors (e.g. `--backend`); default none. */
  readonly source?: string;
  /** The environment to read `PROJ_BACKEND` from; default `process.env` (none in a browser). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The backend to set up: `name` when given, else the `PROJ_BACKEND` environment variable when set (blank
 * counts as unset), else `auto`. The one knob every entry point reads (initBackend, the reproduction runner).
 *
 * @throws Error naming `fn`, the rejected name (a non-string too) and where it came from, and listing the valid
 *   names; naming `resolveBackendRequest` for bad options (unknown keys, `fn` or `source` not a string, `env`
 *   not an object).
 */
export function resolveBackendRequest(name?: string, options: ResolveBackendOptions = {}): BackendRequest {
  assertOptions('resolveBackendRequest', options, ['fn', 'source', 'env']);
  const { fn = 'initBackend', source } = options;
  assertString('resolveBackendRequest', 'options.fn', fn);
  if (source !== undefined) assertString('resolveBackendRequest', 'options.source', source);
  if (options.env !== undefined) assertObject('resolveBackendRequest', 'options.env', options.env);
  const env = options.env ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const variable: unknown = env?.[BACKEND_ENV_VAR];
  if (variable !== undefined && typeof variable !== 'string') {
    throw new Error(`${fn}: ${BACKEND_ENV_VAR} must be a string, got ${describeValue(variable)}`);
  }
  if (name !== undefined && typeof name !== 'string') {
    throw new Error(
      `${fn}: the backend name must be a string, got ${describeValue(name)}; valid names: ${BACKEND_REQUESTS.join(', ')}`,
    );
  }
  const fromEnv = name === undefined ? variable?.trim() || undefined : undefined;
  const requested = name ?? fromEnv ?? 'auto';
  if (!isBackendRequest(requested)) {
    const from = fromEnv !== undefined ? ` (from ${BACKEND_ENV_VAR})` : source !== undefined ? ` (from ${source})` : '';
    throw new Error(`${fn}: unknown backend '${requested}'${from}; valid names: ${BACKEND_REQUESTS.join(', ')}`);
  }
  return requested;
}
