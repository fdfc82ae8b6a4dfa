/**
 * The measurements behind the strategies of @proj/core/ops (src/ops/backend-profile.ts): each row times the
 * strategies a primitive chooses between, side by side on one backend in one process, so that a profile's
 * thresholds can be re-derived on another machine or backend.
 *
 * - batched products [B, M, K]·[B, K, N]: tf.matMul vs one grouped (depthwise) convolution;
 * - a 6-axis transpose: one tf.transpose vs `permute` (passes of at most the profile's axes), and ns per
 *   element of 4-axis passes that keep or move the innermost axis;
 * - the gradient of a 2-D product: tfjs's own (transpose flags) vs `matMul2d` (explicit transposes);
 * - packing of a product's right operand: fresh weights every call vs the same weights;
 * - a convolution at a fraction of the output positions: patches + GEMM vs dense convolution + gather;
 * - rows times selected matrices: a one-hot selector and one GEMM vs a gather of the matrices.
 *
 * Times are medians of op-only calls (cpu and wasm run kernels synchronously). Backends: the one PROJ_BACKEND
 * names, else wasm then cpu.
 *
 * Run: pnpm --filter @proj/core bench:ops [section …] (e.g. convolutionsAtPositions; all sections by default)
 */
import { formatTable, measure } from '@proj/bench';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend/init-backend.js';
import { backendProfile } from '../src/ops/backend-profile.js';
import { convAtPositions, convGeometry } from '../src/ops/conv2d-at-positions.js';
import { selectAndMultiply } from '../src/ops/gather-mat-mul.js';
import { groupedMatMul } from '../src/ops/grouped-mat-mul.js';
import { matMul2d } from '../src/ops/mat-mul-2d.js';
import { permute } from '../src/ops/permute.js';
import { randomNormal } from '../src/random/random-ops.js';
import { testBackends } from '../src/testing/test-backends.js';

const TIMING = { warmup: 2, minRuns: 5, maxRuns: 30, minTimeMs: 300 };

/** Median ms of `fn`, whose result is disposed each call. */
async function time(fn: () => tf.TensorContainer): Promise<number> {
  return (await measure(() => tf.dispose(tf.tidy(fn)), TIMING)).medianMs;
}

const fmt = (value: number, digits = 3) => Number(value.toPrecision(digits));

async function batchedProducts(): Promise<Record<string, string | number>[]> {
  const shapes: ReadonlyArray<readonly [number, number, number, number]> = [
    [4, 8, 8, 8],
    [100, 10, 10, 10],
    [10, 10, 100, 10],
    [20, 16, 32, 16],
    [100, 10, 10, 100],
    [100, 100, 10, 1],
    [10, 100, 100, 100],
  ];
  const rows = [];
  for (const [b, m, k, n] of shapes) {
    const [x, y] = [randomNormal([b, m, k], 1), randomNormal([b, k, n], 2)];
    // The grouped path as batchMatMul runs it: operands transposed into [M, K, B] and [K, B, N].
    const native = await time(() => tf.matMul(x, y));
    const grouped = await time(() =>
      tf.transpose(groupedMatMul(tf.transpose(x, [1, 2, 0]), tf.transpose(y, [1, 0, 2])), [1, 0, 2]),
    );
    rows.push({
      'batched product': `[${b}, ${m}, ${k}]·[${b}, ${k}, ${n}]`,
      'multiply-adds': b * m * k * n,
      'tf.matMul ms': fmt(native),
      'grouped ms': fmt(grouped),
      'grouped speedup': fmt(native / grouped, 2),
      'grouped ns/flop': fmt((grouped * 1e6) / (2 * b * m * k * n), 2),
    });
    tf.dispose([x, y]);
  }
  return rows;
}

async function transposes(): Promise<Record<string, string | number>[]> {
  const shape = [6, 7, 8, 9, 10, 5];
  const perm = [5, 3, 1, 4, 2, 0];
  const x = randomNormal(shape, 3);
  const outShape = perm.map((p) => shape[p]!);
  const size = x.size;
  const direct = await time(() => tf.transpose(x, perm));
  const passes = await time(() => permute(x, shape, perm, outShape));
  const square = tf.reshape(x, [42, 72, 10, 5]);
  const keep = await time(() => tf.transpose(square, [2, 1, 0, 3]));
  const move = await time(() => tf.transpose(square, [3, 2, 1, 0]));
  const short = await time(() => tf.transpose(tf.reshape(x, [42, 72, 5, 10]), [1, 0, 2, 3]));
  // The output of a TT-matmul core, [a, i, a′, b, l, b′] → [a, b, i, l, a′, b′] (10^6 elements): permute's passes
  // are chosen by their cost (a long innermost block kept is cheap, a short one or a moved one is not).
  const core = randomNormal([10, 10, 10, 10, 10, 10], 4);
  const corePerm = [0, 3, 1, 4, 2, 5];
  const coreOne = await time(() => tf.transpose(core, corePerm));
  const corePasses = await time(() => permute(core, core.shape, corePerm, [100, 10, 10, 100]));
  tf.dispose([x, square, core]);
  return [
    {
      transpose: `6 axes [${shape}] → [${perm}], one kernel`,
      ms: fmt(direct),
      'ns/element': fmt((direct * 1e6) / size),
    },
    {
      transpose: `the same by permute (max ${backendProfile().maxTransposeRank} axes a pass)`,
      ms: fmt(passes),
      'ns/element': fmt((passes * 1e6) / size),
    },
    { transpose: '4 axes, innermost stays', ms: fmt(keep), 'ns/element': fmt((keep * 1e6) / size) },
    { transpose: '4 axes, innermost moves', ms: fmt(move), 'ns/element': fmt((move * 1e6) / size) },
    { transpose: '4 axes, innermost 10 stays', ms: fmt(short), 'ns/element': fmt((short * 1e6) / size) },
    { transpose: 'TT-matmul core [10^6], one kernel', ms: fmt(coreOne), 'ns/element': fmt((coreOne * 1e6) / 1e6) },
    { transpose: 'TT-matmul core by permute', ms: fmt(corePasses), 'ns/element': fmt((corePasses * 1e6) / 1e6) },
  ];
}

async function productGradients(): Promise<Record<string, string | number>[]> {
  const rows = [];
  for (const n of [64, 256]) {
    const [a, b, w] = [randomNormal([n, n], 4), randomNormal([n, n], 5), randomNormal([n, n], 6)];
    const gradient = (op: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => () =>
      tf.grads((x, y) => tf.sum(tf.mul(w, op(x!, y!))))([a, b]);
    const native = await time(gradient((x, y) => tf.matMul(x, y)));
    const explicit = await time(gradient(matMul2d));
    rows.push({
      'gradient of a 2-D product': `${n}×${n}·${n}×${n}`,
      'tf.matMul ms': fmt(native),
      'matMul2d ms': fmt(explicit),
      speedup: fmt(native / explicit, 2),
    });
    tf.dispose([a, b, w]);
  }
  return rows;
}

async function packing(): Promise<Record<string, string | number>[]> {
  const [m, k, n] = [8, 512, 512];
  const x = randomNormal([m, k], 7);
  const w = randomNormal([k, n], 8);
  const same = await time(() => tf.matMul(x, w));
  // A fresh tensor per call (the same values): whatever the backend caches per tensor data starts over.
  const fresh = await time(() => tf.matMul(x, tf.add(w, 0)));
  const copy = await time(() => tf.add(w, 0));
  tf.dispose([x, w]);
  return [
    {
      'right operand': `[${m}, ${k}]·[${k}, ${n}]`,
      'same weights ms': fmt(same),
      'fresh weights ms (minus the copy)': fmt(fresh - copy),
      'pack ns/element': fmt(((fresh - copy - same) * 1e6) / (k * n), 2),
    },
  ];
}

async function convolutionsAtPositions(): Promise<Record<string, string | number>[]> {
  const rows = [];
  for (const [n, size, cin, cout] of [
    [16, 28, 16, 32],
    [4, 56, 64, 64],
  ] as const) {
    const x = randomNormal([n, size, size, cin], 9);
    const filter = randomNormal([3, 3, cin, cout], 10);
    const geometry = convGeometry(x, filter, {}, 'bench');
    const grid = geometry.outHeight * geometry.outWidth;
    for (const fraction of [0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
      const count = Math.round(fraction * grid);
      const indices = Int32Array.from({ length: count }, (_, i) => Math.floor((i * grid) / count));
      const patches = await time(() => convAtPositions(x, filter, indices, geometry, false));
      const dense = await time(() => convAtPositions(x, filter, indices, geometry, true));
      rows.push({
        'conv 3×3 on [N, H, W, Cin] → Cout': `[${n}, ${size}, ${size}, ${cin}] → ${cout}`,
        positions: `${fraction * 100}%`,
        'patches + GEMM ms': fmt(patches),
        'dense + gather ms': fmt(dense),
        faster: patches < dense ? 'patches' : 'dense',
      });
    }
    tf.dispose([x, filter]);
  }
  return rows;
}

async function selections(): Promise<Record<string, string | number>[]> {
  const rows = [];
  const count = 10_000;
  for (const [r, slices, columns] of [
    [10, 10, 10],
    [10, 100, 10],
    [10, 1000, 10],
    [1, 10, 10],
  ] as const) {
    const running = randomNormal([count, r], 11);
    const table = randomNormal([r, slices, columns], 12);
    const index = Int32Array.from({ length: count }, (_, p) => (p * 7919) % slices);
    const oneHot = await time(() => selectAndMultiply(running, table, index, true));
    const gather = await time(() => selectAndMultiply(running, table, index, false));
    rows.push({
      'rows [P, r] · table[:, index, :]': `P ${count}, r ${r}, S ${slices}, r′ ${columns}`,
      'one-hot + GEMM ms': fmt(oneHot),
      'gather ms': fmt(gather),
      'gather ns/value': fmt((gather * 1e6) / (count * r * columns), 2),
      faster: oneHot < gather ? 'one-hot' : 'gather',
    });
    tf.dispose([running, table]);
  }
  return rows;
}

const SECTIONS = { batchedProducts, transposes, productGradients, packing, convolutionsAtPositions, selections };
/** `bench:ops [section …]`: the named sections only (names of {@link SECTIONS}); all by default. */
const chosen = process.argv.slice(2).filter((name) => name in SECTIONS) as (keyof typeof SECTIONS)[];

for (const backend of testBackends(['wasm', 'cpu'])) {
  await initBackend(backend);
  console.log(`\n## ${backend}\n`);
  for (const section of chosen.length > 0 ? chosen.map((name) => SECTIONS[name]) : Object.values(SECTIONS)) {
    console.log(`${formatTable(await section(), 3)}\n`);
  }
}
