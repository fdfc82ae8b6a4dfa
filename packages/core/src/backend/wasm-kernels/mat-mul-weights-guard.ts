import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './spatial.js';

/** The parts of tfjs-backend-wasm 4.x's `BackendWasm` the guard needs. */
interface WasmTensorData {
  id: number;
  memoryOffset: number;
  shape: number[];
  dtype: tf.DataType;
  refCount: number;
}
interface WasmBackendInternals {
  dataIdMap: {
    get(dataId: tf.DataId): WasmTensorData | undefined;
    set(dataId: tf.DataId, data: WasmTensorData): void;
    delete(dataId: tf.DataId): void;
  };
  dataIdNextNumber: number;
  wasm: {
    tfjs: { registerTensor(id: number, size: number, memoryOffset: number): void; disposeData(id: number): void };
  };
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

/** The first layout each data was used in as the weights (`b`) of a matMul. */
const firstLayouts = new WeakMap<tf.DataId, string>();
/** For data used as weights in other layouts: one alias per layout (same memory, another tensor id). */
const aliases = new WeakMap<tf.DataId, Map<string, tf.DataId>>();
const HOOKED = Symbol.for('@proj/core/matmul-alias-release');

/**
 * Wraps tfjs-backend-wasm's `BatchMatMul` or `_FusedMatMul` so that reusing a tensor's data as `b` with another
 * shape is safe.
 *
 * The shipped kernels cache the XNNPACK operator (with the packed weights) by the id of `b`'s data and not by
 * its shape. Reshapes share data, so after `matMul(x, reshape(w, [3, 4]))`, a later
 * `matMul(y, reshape(w, [12, 1]))` reuses weights packed for 3×4: wrong results, then heap corruption and
 * `Aborted()`. The first layout of each data runs unchanged; every other layout runs on an alias of the data
 * (the same memory registered under a new tensor id, zero-copy), one per layout, so each layout keeps its own
 * correctly packed operator. Aliases are released with the data. Should the backend's internals differ from
 * tfjs-backend-wasm 4.x, a private copy of `b` is used instead.
 */
export function guardWeightReuse(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const inputs = args.inputs as Record<string, tf.TensorInfo>;
    const b = inputs.b!;
    const layout = `${b.shape.join(',')}|${String((args.attrs as { transposeB?: boolean }).transposeB)}`;
    const first = firstLayouts.get(b.dataId);
    if (first === undefined) firstLayouts.set(b.dataId, layout);
    if (first === undefined || first === layout) return shipped(args);
    const backend = args.backend as unknown as WasmBackendInternals;
    if (!hasWasmInternals(backend)) return withCopy(shipped, args, inputs, b);
    const alias: tf.TensorInfo = { dataId: aliasFor(backend, b, layout), shape: b.shape, dtype: b.dtype };
    return shipped({ ...args, inputs: { ...inputs, b: alias } });
  };
}

function hasWasmInternals(backend: WasmBackendInternals): boolean {
  return (
    typeof backend.dataIdMap?.get === 'function' &&
    typeof backend.dataIdNextNumber === 'number' &&
    typeof backend.wasm?.tfjs?.registerTensor === 'function' &&
    typeof backend.wasm?.tfjs?.disposeData === 'function'
  );
}

function aliasFor(backend: WasmBackendInternals, b: tf.TensorInfo, layout: string): tf.DataId {
  hookRelease(backend);
  const perLayout = aliases.get(b.dataId) ?? new Map<string, tf.DataId>();
  aliases.set(b.dataId, perLayout);
  const known = perLayout.get(layout);
  if (known !== undefined) return known;
  const data = backend.dataIdMap.get(b.dataId)!;
  const id = backend.dataIdNextNumber++;
  const size = data.shape.reduce((x, y) => x * y, 1);
  backend.wasm.tfjs.registerTensor(id, size, data.memoryOffset);
  const alias: tf.DataId = {};
  backend.dataIdMap.set(alias, { ...data, id, refCount: 1 });
  perLayout.set(layout, alias);
  return alias;
}

/** Makes the backend release the aliases of data when it frees the data (once per backend instance). */
function hookRelease(backend: WasmBackendInternals): void {
  const marked = backend as WasmBackendInternals & { [HOOKED]?: true };
  if (marked[HOOKED]) return;
  marked[HOOKED] = true;
  const disposeData = backend.disposeData.bind(backend);
  backend.disposeData = (dataId, force) => {
    const freed = disposeData(dataId, force);
    const perLayout = aliases.get(dataId);
    if (freed && perLayout !== undefined) {
      for (const alias of perLayout.values()) {
        backend.wasm.tfjs.disposeData(backend.dataIdMap.get(alias)!.id);
        backend.dataIdMap.delete(alias);
      }
      aliases.delete(dataId);
    }
    return freed;
  };
}

function withCopy(
  shipped: tf.KernelFunc,
  args: Parameters<tf.KernelFunc>[0],
  inputs: Record<string, tf.TensorInfo>,
  b: tf.TensorInfo,
): ReturnType<tf.KernelFunc> {
  const copy = tf.tidy(() => tf.add(asTensor(b), 0));
  try {
    return shipped({ ...args, inputs: { ...inputs, b: copy } });
  } finally {
    copy.dispose();
  }
}
