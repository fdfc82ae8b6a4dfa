/**
 * SACT's masked residual unit against the dense unit, side by side in one run, on wasm (the default backend in
 * Node): one stride-1 pre-activation unit (two 3×3 convolutions, C → C) on a batch [B, H, W, C], with a
 * spatially coherent active region (one rectangle per image covering the given fraction of the positions, as
 * halted background in SACT), in inference (forward, moving BN statistics) and training (forward + gradients of
 * both filters, batch statistics). Columns: the dense unit (every position: the cost without SACT), the
 * authors' reference (dense unit, residual multiplied by the mask: what mfigurnov/sact runs), and
 * `maskedResidualUnit` (conv1 on the 3×3-dilated region, conv2 on the region: row gathers of the patches and
 * core's matMul2d). Medians over 11 interleaved rounds of wall-clock time, ms, and M positions/s of the whole
 * map; "FLOP share" is the masked unit's counted FLOPs over the dense unit's.
 *
 * Run: pnpm --filter @proj/adaptive-compute bench   (or: cd packages/adaptive-compute &&
 *   node --conditions=@proj/source --import tsx bench/masked-unit.bench.ts)
 */
import { formatTable, median } from '@proj/bench';
import { describeBackend, initBackend, randomNormal } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  createResidualUnit,
  maskedResidualUnit,
  residualUnit,
  residualUnitFlops,
  residualUnitVariables,
} from '../src/index.js';

const [B, H, W, C] = [32, 24, 24, 16];
const FRACTIONS = [0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 1];
const ROUNDS = 11;

/** Median ms of each function over ROUNDS rounds that call them one after the other (after 2 warm-up rounds). */
function interleaved(fns: readonly (() => void)[]): number[] {
  const samples = fns.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS + 2; round++) {
    fns.forEach((fn, i) => {
      const start = performance.now();
      fn();
      if (round >= 2) samples[i]!.push(performance.now() - start);
    });
  }
  return samples.map((s) => median([...s].sort((a, b) => a - b)));
}

/** Host mask [B, H, W]: per image one rectangle of about `fraction`·H·W positions at a seeded offset. */
function regionMask(fraction: number): Uint8Array {
  const mask = new Uint8Array(B * H * W);
  const side = Math.sqrt(fraction);
  const [rh, rw] = [Math.max(1, Math.round(side * H)), Math.max(1, Math.round(side * W))];
  for (let b = 0; b < B; b++) {
    const [top, left] = [(b * 7) % (H - rh + 1), (b * 5) % (W - rw + 1)];
    for (let y = top; y < top + rh; y++) for (let x = left; x < left + rw; x++) mask[(b * H + y) * W + x] = 1;
  }
  return mask;
}

const info = describeBackend(await initBackend('wasm'));
const unit = createResidualUnit(C, C, 1, 0);
const x = randomNormal([B, H, W, C], 1);
const weights = randomNormal([B, H, W, C], 2);
const rows: Record<string, string | number>[] = [];

for (const training of [false, true]) {
  for (const fraction of FRACTIONS) {
    const host = regionMask(fraction);
    const active = tf.tensor3d(host, [B, H, W], 'float32');
    const activeMap = tf.expandDims(active, 3);
    const variables = [unit.conv1, unit.conv2];
    const run = (f: (v: tf.Tensor) => tf.Tensor) => () => {
      if (!training) {
        tf.tidy(() => {
          f(x).dataSync();
        });
        return;
      }
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(f(x), weights)), variables);
        value.dataSync();
        for (const g of Object.values(grads)) g.dataSync();
      });
    };
    const dense = run((v) => residualUnit(unit, v, { training }));
    const reference = run((v) => tf.add(v, tf.mul(tf.sub(residualUnit(unit, v, { training }), v), activeMap)));
    const masked = run((v) => maskedResidualUnit(unit, v, active, { training }));
    // Interleaved round by round (dense, reference, masked), so that the load of the shared machine hits all three.
    const [denseMs, referenceMs, maskedMs] = interleaved([dense, reference, masked]) as [number, number, number];
    let flops = 0;
    for (let b = 0; b < B; b++) flops += residualUnitFlops(unit, [H, W], host.subarray(b * H * W, (b + 1) * H * W));
    const positions = (B * H * W) / 1e3;
    rows.push({
      mode: training ? 'training' : 'inference',
      active: `${Math.round((100 * host.reduce((s, v) => s + v, 0)) / host.length)}%`,
      'FLOP share': flops / (B * residualUnitFlops(unit, [H, W])),
      'dense ms': denseMs,
      'reference ms': referenceMs,
      'masked ms': maskedMs,
      'masked / dense': maskedMs / denseMs,
      'dense Mpos/s': positions / denseMs,
      'masked Mpos/s': positions / maskedMs,
    });
    console.error(
      `${training ? 'training' : 'inference'} ${fraction}: dense ${denseMs.toFixed(1)} ms, masked ${maskedMs.toFixed(1)} ms`,
    );
    tf.dispose([active, activeMap]);
  }
}
console.log(`${info}; unit ${C} → ${C}, batch [${B}, ${H}, ${W}, ${C}]`);
console.log(formatTable(rows, 3));
tf.dispose([x, weights, ...residualUnitVariables(unit)]);
