import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './backend-name.js';
import { importOptional } from './optional-import.js';
import { cacheBindGroups } from './webgpu-kernels/bind-group-cache.js';
import { installDawnEventPump } from './webgpu-kernels/dawn-event-pump.js';

/** What a loader reports once its backend module is imported and registered with tfjs. */
export interface LoadedBackend {
  /** The npm package that provides the backend. */
  readonly packageName: string;
  /** Reads SIMD support and thread count once the backend is active; `null` where unknown. */
  readonly describe: () => Promise<{ simd: boolean | null; threads: number | null }>;
}

/**
 * Imports the module of one backend. Resolves to `undefined` when its package is not installed, so that
 * `auto` can move on; throws when the package is installed but fails to load.
 */
export type BackendLoader = () => Promise<LoadedBackend | undefined>;

/** The packages each backend needs, for "install ..." messages. */
export const BACKEND_PACKAGES: Readonly<Record<BackendName, string>> = {
  tensorflow: '@tensorflow/tfjs-node-gpu (CUDA) or @tensorflow/tfjs-node (CPU)',
  webgpu: '@tensorflow/tfjs-backend-webgpu, and in Node also webgpu (Dawn bindings)',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

const unknownFeatures = async () => ({ simd: null, threads: null });

async function loadTensorflow(): Promise<LoadedBackend | undefined> {
  for (const packageName of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    if ((await importOptional(packageName)) !== undefined) return { packageName, describe: unknownFeatures };
  }
  return undefined;
}

interface DawnModule {
  create(flags: string[]): unknown;
  globals: Record<string, unknown>;
}

/**
 * In Node, WebGPU comes from Dawn's bindings (`webgpu` on npm), installed on `navigator.gpu` before tfjs loads,
 * with the event pump that lets `dataSync()` wait for Dawn ({@link installDawnEventPump}).
 */
async function ensureNavigatorGpu(): Promise<boolean> {
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (scope.navigator?.gpu !== undefined) return true;
  const dawn = await importOptional<DawnModule>('webgpu');
  if (dawn === undefined) return false;
  installDawnEventPump();
  cacheBindGroups(dawn.globals);
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  if (scope.navigator === undefined) scope.navigator = { gpu };
  else Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true });
  return true;
}

async function loadWebgpu(): Promise<LoadedBackend | undefined> {
  if (!(await ensureNavigatorGpu())) return undefined;
  const packageName = '@tensorflow/tfjs-backend-webgpu';
  return (await importOptional(packageName)) === undefined ? undefined : { packageName, describe: unknownFeatures };
}

interface WasmModule {
  getThreadsCount(): number;
}

async function loadWasm(): Promise<LoadedBackend | undefined> {
  const packageName = '@tensorflow/tfjs-backend-wasm';
  const wasm = await importOptional<WasmModule>(packageName);
  if (wasm === undefined) return undefined;
  return {
    packageName,
    describe: async () => ({
      simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
      threads: wasm.getThreadsCount(),
    }),
  };
}

async function loadCpu(): Promise<LoadedBackend | undefined> {
  const packageName = '@tensorflow/tfjs-backend-cpu';
  if ((await importOptional(packageName)) === undefined) return undefined;
  return { packageName, describe: async () => ({ simd: false, threads: 1 }) };
}

/** The loaders {@link initBackend} uses. */
export const DEFAULT_LOADERS: Readonly<Record<BackendName, BackendLoader>> = {
  tensorflow: loadTensorflow,
  webgpu: loadWebgpu,
  wasm: loadWasm,
  cpu: loadCpu,
};
