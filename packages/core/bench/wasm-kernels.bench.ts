/**
 * The kernels @proj/core adds to wasm, timed against the cpu backend (the only other backend that has them)
 * on the shapes of a small CNN, side by side in one process. For the kernels tfjs-backend-wasm ships and we
 * replace, the shipped one is timed too: Conv2DBackpropInput (a direct loop; ours is one XNNPACK conv),
 * MaxPoolGrad (wrong for windows with a negative maximum; ours is one JS pass over the wasm heap) and
 * BatchMatMul with transposed operands (a plain loop; ours transposes first, "transposed matMul") and GatherV2
 * along axis 0 (element by element; ours runs GatherNd's row copies).
 *
 * Run: pnpm --filter @proj/core bench
 */
import { formatTable, gflops, measure } from '@proj/bench';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/index.js';

interface Case {
  readonly kernel: string;
  readonly shape: string;
  /** Floating-point operations, for the kernels that are GEMM-like. */
  readonly flops?: number;
  readonly inputs: () => Record<string, tf.Tensor>;
  readonly attrs: Record<string, unknown>;
}

const x = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
const cases: Case[] = [
  {
    kernel: 'Conv2DBackpropFilter',
    shape: 'x [64,14,14,16], dy [64,14,14,32], 3×3 same',
    flops: 2 * 64 * 14 * 14 * 32 * 9 * 16,
    inputs: () => ({ x: x([64, 14, 14, 16], 1), dy: x([64, 14, 14, 32], 2) }),
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 32] },
  },
  {
    kernel: 'Conv2DBackpropFilter',
    shape: 'x [32,28,28,16], dy [32,14,14,32], 3×3 stride 2 same',
    flops: 2 * 32 * 14 * 14 * 32 * 9 * 16,
    inputs: () => ({ x: x([32, 28, 28, 16], 3), dy: x([32, 14, 14, 32], 4) }),
    attrs: { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 32] },
  },
  {
    kernel: 'Conv2DBackpropInput',
    shape: 'dy [64,14,14,32], filter [3,3,16,32] same',
    flops: 2 * 64 * 14 * 14 * 32 * 9 * 16,
    inputs: () => ({ dy: x([64, 14, 14, 32], 15), filter: x([3, 3, 16, 32], 16) }),
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [64, 14, 14, 16] },
  },
  {
    kernel: 'Conv2DBackpropInput',
    shape: 'dy [32,14,14,32], filter [3,3,16,32] stride 2 same',
    flops: 2 * 32 * 14 * 14 * 32 * 9 * 16,
    inputs: () => ({ dy: x([32, 14, 14, 32], 17), filter: x([3, 3, 16, 32], 18) }),
    attrs: { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [32, 28, 28, 16] },
  },
  {
    kernel: 'DepthwiseConv2dNativeBackpropFilter',
    shape: 'x [32,28,28,32], 3×3×32×1 same',
    flops: 2 * 32 * 28 * 28 * 32 * 9,
    inputs: () => ({ x: x([32, 28, 28, 32], 5), dy: x([32, 28, 28, 32], 6) }),
    attrs: { strides: 1, dilations: 1, pad: 'same', filterShape: [3, 3, 32, 1] },
  },
  {
    kernel: 'DepthwiseConv2dNativeBackpropInput',
    shape: 'dy [32,28,28,32], 3×3×32×1 same',
    flops: 2 * 32 * 28 * 28 * 32 * 9,
    inputs: () => ({ dy: x([32, 28, 28, 32], 7), filter: x([3, 3, 32, 1], 8) }),
    attrs: { strides: 1, dilations: 1, pad: 'same', inputShape: [32, 28, 28, 32] },
  },
  {
    kernel: 'MaxPoolGrad',
    shape: 'x [64,28,28,16], 2×2 stride 2',
    inputs: () => {
      const input = x([64, 28, 28, 16], 9) as tf.Tensor4D;
      return { input, output: tf.maxPool(input, 2, 2, 'valid'), dy: x([64, 14, 14, 16], 10) };
    },
    attrs: { filterSize: 2, strides: 2, pad: 'valid' },
  },
  {
    kernel: 'MaxPoolGrad',
    shape: 'x [64,14,14,32], 2×2 stride 2',
    inputs: () => {
      const input = x([64, 14, 14, 32], 19) as tf.Tensor4D;
      return { input, output: tf.maxPool(input, 2, 2, 'valid'), dy: x([64, 7, 7, 32], 20) };
    },
    attrs: { filterSize: 2, strides: 2, pad: 'valid' },
  },
  {
    kernel: 'MaxPoolGrad',
    shape: 'x [32,28,28,16], 3×3 stride 2 same',
    inputs: () => {
      const input = x([32, 28, 28, 16], 11) as tf.Tensor4D;
      return { input, output: tf.maxPool(input, 3, 2, 'same'), dy: x([32, 14, 14, 16], 12) };
    },
    attrs: { filterSize: 3, strides: 2, pad: 'same' },
  },
  {
    kernel: 'BatchMatMul',
    shape: 'dW = xᵀ·dy: x [256,784], dy [256,625] (transposeA)',
    flops: 2 * 256 * 784 * 625,
    inputs: () => ({ a: x([1, 256, 784], 25), b: x([1, 256, 625], 26) }),
    attrs: { transposeA: true, transposeB: false },
  },
  {
    kernel: 'BatchMatMul',
    shape: 'dx = dy·Wᵀ: dy [256,625], W [784,625] (transposeB)',
    flops: 2 * 256 * 784 * 625,
    inputs: () => ({ a: x([1, 256, 625], 27), b: x([1, 784, 625], 28) }),
    attrs: { transposeA: false, transposeB: true },
  },
  {
    kernel: 'BatchMatMul',
    shape: 'dy·Wᵀ, one row: dy [1,625], W [784,625] (transposeB)',
    flops: 2 * 784 * 625,
    inputs: () => ({ a: x([1, 1, 625], 29), b: x([1, 784, 625], 30) }),
    attrs: { transposeA: false, transposeB: true },
  },
  {
    kernel: 'BatchMatMul',
    shape: '[8,64,64]ᵀ·[8,64,64] (transposeA, batched)',
    flops: 2 * 8 * 64 * 64 * 64,
    inputs: () => ({ a: x([8, 64, 64], 31), b: x([8, 64, 64], 32) }),
    attrs: { transposeA: true, transposeB: false },
  },
  {
    kernel: 'GatherV2',
    shape: '50,000 rows of x [100352,64] (axis 0)',
    inputs: () => ({
      x: x([100352, 64], 33),
      indices: tf.tensor1d(
        Array.from({ length: 50000 }, (_, i) => (i * 7919) % 100352),
        'int32',
      ),
    }),
    attrs: { axis: 0, batchDims: 0 },
  },
  {
    kernel: 'UnsortedSegmentSum',
    shape: 'x [8192,64] into 1000 segments (embedding gradient)',
    inputs: () => ({ x: x([8192, 64], 13), segmentIds: tf.randomUniformInt([8192], 0, 1000, 14) }),
    attrs: { numSegments: 1000 },
  },
];

/** Median ms of one call of the case's kernel on `backend`; `kernel` temporarily replaces the registered one. */
async function timeKernel(backend: 'cpu' | 'wasm', c: Case, kernel?: tf.KernelConfig): Promise<number> {
  await initBackend(backend);
  const registered = tf.getKernel(c.kernel, backend)!;
  if (kernel !== undefined) {
    tf.unregisterKernel(c.kernel, backend);
    tf.registerKernel(kernel);
    kernel.setupFunc?.(tf.backend());
  }
  const inputs = c.inputs();
  try {
    const { medianMs } = await measure(
      async () => {
        const out = tf.engine().runKernel(c.kernel, inputs, c.attrs as tf.NamedAttrMap) as tf.Tensor;
        await out.data();
        out.dispose();
      },
      backend === 'cpu'
        ? { warmup: 1, minRuns: 3, maxRuns: 5, minTimeMs: 0 }
        : { warmup: 2, minRuns: 5, minTimeMs: 500 },
    );
    return medianMs;
  } finally {
    tf.dispose(Object.values(inputs));
    if (kernel !== undefined) {
      tf.unregisterKernel(c.kernel, backend);
      tf.registerKernel(registered);
    }
  }
}

// The kernels tfjs-backend-wasm ships and initBackend replaces or wraps (MaxPoolGrad: wrong for negative maxima;
// Conv2DBackpropInput: a direct loop; BatchMatMul: transposed operands in a plain loop; GatherV2: element by
// element), kept before initBackend replaces them.
await import('@tensorflow/tfjs-backend-wasm');
const shipped = new Map(
  ['MaxPoolGrad', 'Conv2DBackpropInput', 'BatchMatMul', 'GatherV2'].map(
    (name) => [name, { ...tf.getKernel(name, 'wasm')! }] as const,
  ),
);

const rows = [];
for (const c of cases) {
  const cpuMs = await timeKernel('cpu', c);
  const wasmMs = await timeKernel('wasm', c);
  const shippedKernel = shipped.get(c.kernel);
  const shippedMs = shippedKernel === undefined ? undefined : await timeKernel('wasm', c, shippedKernel);
  rows.push({
    kernel: c.kernel,
    case: c.shape,
    'cpu ms': cpuMs,
    'wasm ms (ours)': wasmMs,
    'wasm GFLOP/s': c.flops === undefined ? '' : gflops(c.flops, wasmMs),
    'wasm vs cpu': `${(cpuMs / wasmMs).toFixed(1)}x`,
    'shipped wasm ms': shippedMs ?? '',
    'ours vs shipped': shippedMs === undefined ? '' : `${(shippedMs / wasmMs).toFixed(1)}x`,
  });
}
console.log(formatTable(rows));
