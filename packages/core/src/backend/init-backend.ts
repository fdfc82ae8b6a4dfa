import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../validation/assert-args.js';
import { BACKEND_PACKAGES, type BackendLoader, DEFAULT_LOADERS } from './backend-loaders.js';
import { type BackendName, type BackendRequest, resolveBackendRequest } from './backend-name.js';
import { importOptional } from './optional-import.js';
import { registerAllGradients } from './register-gradients.js';
import { silenceCpuNotice } from './silence-cpu-notice.js';
import { registerWasmKernels } from './wasm-kernels/register-wasm-kernels.js';
import { registerWebgpuKernels } from './webgpu-kernels/register-webgpu-kernels.js';

/** What {@link initBackend} chose, for logs and the `env.json` of a run. */
export interface BackendInfo {
  /** The active tfjs backend. */
  readonly backend: BackendName;
  /** What was asked for (`auto` unless a name was given or set in `PROJ_BACKEND`). */
  readonly requested: BackendRequest;
  /** The npm package that provides the backend. */
  readonly packageName: string;
  /** Version of `@tensorflow/tfjs-core`. */
  readonly tfjsVersion: string;
  /** Whether the backend runs SIMD code (wasm); `null` where unknown. */
  readonly simd: boolean | null;
  /** Worker threads of the backend (wasm is single-threaded in Node); `null` where unknown. */
  readonly threads: number | null;
  /** Kernels this package added to or fixed in the backend ({@link registerWasmKernels}, {@link registerWebgpuKernels}). */
  readonly completedKernels: readonly string[];
  /** Kernels the cpu backend has and this backend still lacks (calling them throws). */
  readonly missingKernels: readonly string[];
  /** Faster backends `auto` passed over, each with the reason. */
  readonly skipped: readonly string[];
}

const AUTO_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/**
 * Sets up the fastest TensorFlow.js backend available and registers everything training needs.
 *
 * - `auto` (the default) picks `tensorflow` when `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node`
 *   can be imported (optional peers, never installed by this package), else `wasm`, else `cpu`.
 *   `webgpu` is used only when asked for.
 * - Without an argument the name comes from the `PROJ_BACKEND` environment variable, else `auto`.
 * - Registers the gradients of all kernels (tfjs-core's Node bundle registers none) and, on wasm, the
 *   kernels training needs that the wasm backend lacks ({@link registerWasmKernels}); on webgpu, the fixes of
 *   {@link registerWebgpuKernels} (in Node also a working `dataSync`).
 * - Concurrent calls share one initialisation at a time: a call for the backend that the latest pending call
 *   asks for gets that call's promise; a call for another backend waits until the pending ones have settled,
 *   then switches. So calls settle in the order they were made and the backend active afterwards is the one
 *   the last call reports (tfjs's own `setBackend` cancels an initialisation that another one overtakes).
 * - Silences the notice tfjs-backend-cpu prints on its first use in Node ("Hi, looks like you are running
 *   TensorFlow.js in Node.js…"): users of these packages choose their backend through this function.
 *
 * @param name `auto | tensorflow | webgpu | wasm | cpu`.
 * @returns what was chosen: backend, package, SIMD, threads, tfjs version, completed and missing kernels.
 * @throws Error listing the valid names for an unknown name (or a name that is not a string), or naming the
 *   package to install when the requested backend is not installed or fails to initialise (with the cause).
 * @example
 * const info = await initBackend();          // wasm on a plain Node install
 * console.log(describeBackend(info));        // "wasm (tfjs 4.22.0, SIMD, 1 thread)"
 */
export async function initBackend(name?: BackendRequest): Promise<BackendInfo> {
  return initBackendShared(resolveBackendRequest(name), DEFAULT_LOADERS);
}

/** The latest pending initialisation: later calls for the same request share it, others queue behind it. */
let latest: { readonly requested: BackendRequest; readonly promise: Promise<BackendInfo> } | undefined;

/**
 * {@link initBackendWith}, one initialisation at a time (see {@link initBackend}): shares the latest pending
 * call when it asks for the same backend, else runs after every pending call has settled. O(1) bookkeeping.
 */
export function initBackendShared(
  requested: BackendRequest,
  loaders: Readonly<Record<BackendName, BackendLoader>>,
): Promise<BackendInfo> {
  if (latest !== undefined && latest.requested === requested) return latest.promise;
  const previous = latest?.promise;
  const run = async () => initBackendWith(requested, loaders);
  const promise = previous === undefined ? run() : previous.then(run, run);
  const entry = { requested, promise };
  latest = entry;
  const clear = () => {
    if (latest === entry) latest = undefined;
  };
  promise.then(clear, clear);
  return promise;
}

/**
 * One line for logs: `wasm (tfjs 4.22.0, SIMD, 1 thread)`.
 *
 * @param info what {@link initBackend} returned.
 * @throws Error naming `describeBackend` when `info` is not a {@link BackendInfo} (a string, a partial object…).
 */
export function describeBackend(info: BackendInfo): string {
  assertBackendInfo(info);
  const parts = [`tfjs ${info.tfjsVersion}`];
  if (info.simd !== null) parts.push(info.simd ? 'SIMD' : 'no SIMD');
  if (info.threads !== null) parts.push(`${info.threads} thread${info.threads === 1 ? '' : 's'}`);
  return `${info.backend} (${parts.join(', ')})`;
}

/** {@link initBackend} with injectable loaders: the selection logic, testable without uninstalling packages. */
export async function initBackendWith(
  requested: BackendRequest,
  loaders: Readonly<Record<BackendName, BackendLoader>>,
): Promise<BackendInfo> {
  const candidates = requested === 'auto' ? AUTO_ORDER : [requested];
  const skipped: string[] = [];
  for (const backend of candidates) {
    const outcome = await tryBackend(backend, loaders[backend]);
    if (outcome.ok) return finish(backend, requested, outcome.packageName, outcome.features, skipped);
    if (requested !== 'auto') {
      throw new Error(
        `initBackend: ${outcome.reason}`,
        outcome.cause === undefined ? undefined : { cause: outcome.cause },
      );
    }
    skipped.push(outcome.reason);
  }
  throw new Error(`initBackend: no backend could be initialised:\n  ${skipped.join('\n  ')}`);
}

type Attempt =
  | { ok: true; packageName: string; features: { simd: boolean | null; threads: number | null } }
  | { ok: false; reason: string; cause?: unknown };

function assertBackendInfo(info: unknown): asserts info is BackendInfo {
  const i = info as Partial<BackendInfo> | null;
  const ok =
    i !== null &&
    typeof i === 'object' &&
    !Array.isArray(i) &&
    typeof i.backend === 'string' &&
    typeof i.tfjsVersion === 'string' &&
    (i.simd === null || typeof i.simd === 'boolean') &&
    (i.threads === null || (typeof i.threads === 'number' && Number.isInteger(i.threads) && i.threads >= 0));
  if (!ok) {
    throw new Error(
      `describeBackend: argument 'info' must be what initBackend returns (backend, tfjsVersion, simd, threads), got ${describeValue(info)}`,
    );
  }
}

async function tryBackend(backend: BackendName, loader: BackendLoader): Promise<Attempt> {
  let loaded: Awaited<ReturnType<BackendLoader>>;
  try {
    loaded = await loader();
  } catch (cause) {
    return fail(`backend '${backend}' failed to load: ${messageOf(cause)}`, cause);
  }
  if (loaded === undefined) {
    return fail(`backend '${backend}' is not installed: install ${BACKEND_PACKAGES[backend]}`);
  }
  if (backend === 'wasm') registerWasmKernels();
  let activated = false;
  try {
    activated = await tf.setBackend(backend);
  } catch (cause) {
    return fail(`backend '${backend}' failed to initialise: ${messageOf(cause)}`, cause);
  }
  if (!activated) {
    return fail(`backend '${backend}' (${loaded.packageName}) is installed but failed to initialise`);
  }
  silenceCpuNotice();
  await tf.ready();
  if (backend === 'webgpu') registerWebgpuKernels();
  return { ok: true, packageName: loaded.packageName, features: await loaded.describe() };
}

async function finish(
  backend: BackendName,
  requested: BackendRequest,
  packageName: string,
  features: { simd: boolean | null; threads: number | null },
  skipped: readonly string[],
): Promise<BackendInfo> {
  await registerAllGradients();
  const missingKernels = await kernelsMissingVersusCpu(backend);
  // kernelsMissingVersusCpu registers the cpu backend next to the chosen one: silence it there too.
  silenceCpuNotice();
  return {
    backend,
    requested,
    packageName,
    tfjsVersion: tf.version_core,
    simd: features.simd,
    threads: features.threads,
    completedKernels: completeKernels(backend),
    missingKernels,
    skipped,
  };
}

/** The kernels this package added to `backend` (registering them again is a no-op). */
function completeKernels(backend: BackendName): string[] {
  if (backend === 'wasm') return registerWasmKernels();
  if (backend === 'webgpu') return registerWebgpuKernels();
  return [];
}

async function kernelsMissingVersusCpu(backend: BackendName): Promise<string[]> {
  if (backend === 'cpu') return [];
  await importOptional('@tensorflow/tfjs-backend-cpu');
  const have = new Set(tf.getKernelsForBackend(backend).map((kernel) => kernel.kernelName));
  return tf
    .getKernelsForBackend('cpu')
    .map((kernel) => kernel.kernelName)
    .filter((kernel) => !have.has(kernel))
    .sort();
}

function fail(reason: string, cause?: unknown): Attempt {
  return cause === undefined ? { ok: false, reason } : { ok: false, reason, cause };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
