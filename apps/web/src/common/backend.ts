import { registerAllGradients, registerWasmKernels } from '@proj/core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';
import { type BackendChoice, type BackendReport, BROWSER_BACKENDS, type BrowserBackend } from './backend-names.js';

/** Each backend's module, loaded only when tried (a page on wasm never downloads the WebGPU backend). */
const LOADERS: Readonly<Record<BrowserBackend, () => Promise<unknown>>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
    registerWasmKernels();
  },
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

/**
 * Activates a tfjs backend in this (worker) scope: the requested one, or for `auto` the fastest that
 * initialises (WebGPU, WebGL, wasm, cpu), importing only the backend modules it tries. The wasm binaries are
 * served next to the page (Vite copies them as assets), so the page works offline from any static host.
 * Registers every kernel gradient and, on wasm, the kernels @proj/core completes.
 *
 * @throws Error naming the backend when an explicitly requested one fails to initialise.
 */
export async function setupBackend(requested: BackendChoice): Promise<BackendReport> {
  const candidates = requested === 'auto' ? BROWSER_BACKENDS : [requested];
  const skipped: string[] = [];
  for (const backend of candidates) {
    let reason = 'not available in this browser';
    try {
      await LOADERS[backend]();
      if (await tf.setBackend(backend)) {
        await tf.ready();
        await registerAllGradients();
        return { backend, requested, skipped };
      }
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    skipped.push(`${backend}: ${reason}`);
    if (requested !== 'auto') throw new Error(`setupBackend: backend '${backend}' failed to initialise: ${reason}`);
  }
  throw new Error(`setupBackend: no backend could be initialised (${skipped.join('; ')})`);
}
