import * as tf from '@tensorflow/tfjs-core';

/** The parts of a tfjs backend that moving data in and out of it takes. */
interface DataBackend {
  readSync(dataId: object): tf.BackendValues;
  write(values: tf.BackendValues, shape: number[], dtype: tf.DataType): object;
  disposeData(dataId: object, force?: boolean): boolean;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.BackendValues): tf.TensorInfo;
}

/**
 * A kernel for the active backend that runs the cpu backend's kernel `kernelName`: it reads the inputs back
 * (`readSync`), runs the cpu kernel on copies, and uploads the outputs. For kernels the webgpu backend lacks
 * or gets wrong where the cpu kernel is the reference (e.g. `MaxPoolGrad`: the first of tied maxima).
 * Cost: the cpu kernel plus one readback per input and one upload per output.
 *
 * @throws Error naming the kernel when the cpu backend is not registered (import
 *   `@tensorflow/tfjs-backend-cpu`) or has no such kernel.
 */
export function runOnCpu(kernelName: string): tf.KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const cpu = tf.findBackend('cpu') as unknown as (tf.KernelBackend & DataBackend) | null;
    const kernel = tf.getKernel(kernelName, 'cpu');
    if (cpu === null || kernel === undefined) {
      throw new Error(`${kernelName} (webgpu): runs on the cpu backend, which is not registered or lacks it`);
    }
    const here = backend as unknown as DataBackend;
    const written: object[] = [];
    const cpuInputs: Record<string, tf.TensorInfo> = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info === undefined) continue;
      const dataId = cpu.write(here.readSync(info.dataId), info.shape, info.dtype);
      written.push(dataId);
      cpuInputs[name] = { dataId, shape: info.shape, dtype: info.dtype };
    }
    try {
      const out = kernel.kernelFunc({ inputs: cpuInputs, attrs: attrs ?? {}, backend: cpu });
      const outs = Array.isArray(out) ? out : [out];
      const results = outs.map((o) => here.makeTensorInfo(o.shape, o.dtype, cpu.readSync(o.dataId)));
      for (const o of outs) written.push(o.dataId);
      return Array.isArray(out) ? results : results[0]!;
    } finally {
      for (const dataId of written) cpu.disposeData(dataId, true);
    }
  };
}
