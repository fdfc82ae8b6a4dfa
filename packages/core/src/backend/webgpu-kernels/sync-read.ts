import * as tf from '@tensorflow/tfjs-core';
import { hasDawnEventPump, pumpDawnEvents } from './dawn-event-pump.js';

/** The WebGPU objects a synchronous read touches (a structural subset of `@webgpu/types`). */
interface ReadableBuffer {
  readonly size: number;
  readonly mapState: 'unmapped' | 'pending' | 'mapped';
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
}

interface TensorData {
  readonly dtype: tf.DataType;
  readonly values?: tf.BackendValues | null;
  readonly resource?: unknown;
}

/** The internals of tfjs-backend-webgpu 4.22's `WebGPUBackend` that its own async `read` uses. */
interface WebgpuBackendInternals {
  readonly tensorMap: { get(dataId: object): TensorData | undefined };
  readonly bufferManager: {
    acquireBuffer(size: number, usage: number): ReadableBuffer;
    releaseBuffer(buffer: ReadableBuffer): void;
  };
  readonly commandEncoder: { copyBufferToBuffer(a: unknown, ao: number, b: unknown, bo: number, n: number): void };
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  convertAndCacheOnCPU(dataId: object, values: tf.BackendValues): tf.BackendValues;
  readSync(dataId: object): tf.BackendValues;
}

/** Marks a backend whose `readSync` this module replaced. */
const PATCHED = Symbol.for('@proj/core/webgpu-sync-read');

/**
 * Makes `dataSync()`/`arraySync()` work on the webgpu backend in Node. tfjs-backend-webgpu 4.22 reads a
 * GPU buffer synchronously through `OffscreenCanvas` (a browser API; Node has none, so every `dataSync` of a
 * GPU-resident tensor throws "OffscreenCanvas is not defined"). This replaces the backend's `readSync` with
 * what its async `read` does (copy to a MAP_READ staging buffer, map, copy out, cache on the CPU), waiting
 * for the map with {@link pumpDawnEvents}. Values already on the CPU, strings and complex64 still go
 * through the shipped `readSync`.
 *
 * Applies only where `OffscreenCanvas` is missing and the Dawn event pump is installed (the loader of
 * `initBackend('webgpu')` installs it); idempotent. Cost per read: one buffer copy plus the GPU's pending
 * work, as `await t.data()`.
 *
 * @param backend the `WebGPUBackend` instance (`tf.findBackend('webgpu')`).
 * @returns whether `readSync` is (now) the synchronous Dawn read.
 */
export function enableSyncRead(backend: tf.KernelBackend): boolean {
  const target = backend as unknown as WebgpuBackendInternals & { [PATCHED]?: true };
  if (target[PATCHED]) return true;
  if (typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas !== 'undefined') return false;
  if (!hasDawnEventPump() || typeof target.readSync !== 'function' || target.bufferManager === undefined) {
    return false;
  }
  const shipped = target.readSync;
  target.readSync = function readSync(this: WebgpuBackendInternals, dataId: object): tf.BackendValues {
    const data = this.tensorMap.get(dataId);
    if (data === undefined || data.values != null || data.dtype === 'string' || data.dtype === 'complex64') {
      return shipped.call(this, dataId);
    }
    const bytes = readBufferSync(this, data.resource as ReadableBuffer);
    return this.convertAndCacheOnCPU(dataId, tf.util.convertBackendValuesAndArrayBuffer(bytes, data.dtype));
  };
  target[PATCHED] = true;
  return true;
}

/** Copies `buffer` to a staging buffer, maps it synchronously and returns a copy of its bytes. */
function readBufferSync(backend: WebgpuBackendInternals, buffer: ReadableBuffer): ArrayBuffer {
  const { GPUBufferUsage, GPUMapMode } = globalThis as unknown as {
    GPUBufferUsage: { COPY_DST: number; MAP_READ: number };
    GPUMapMode: { READ: number };
  };
  const size = buffer.size;
  const staging = backend.bufferManager.acquireBuffer(size, GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ);
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.commandEncoder.copyBufferToBuffer(buffer, 0, staging, 0, size);
  backend.submitQueue();
  // A failed map also leaves 'pending'; its rejection is reported by the check below, not as unhandled.
  staging.mapAsync(GPUMapMode.READ).catch(() => undefined);
  const settled = pumpDawnEvents(() => staging.mapState !== 'pending');
  if (!settled || staging.mapState !== 'mapped') {
    throw new Error(
      `readSync (webgpu): mapping a ${size}-byte staging buffer ${settled ? 'failed' : 'timed out'}; use await tensor.data() instead`,
    );
  }
  const bytes = staging.getMappedRange().slice(0);
  staging.unmap();
  backend.bufferManager.releaseBuffer(staging);
  return bytes;
}
