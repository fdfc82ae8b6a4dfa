/**
 * Training speed of the tabular VAEAC on wine-sized data (178 rows × 13 real columns, 10% NaNs; synthetic,
 * since speed does not depend on the values): epochs per second of `fit` (batch 64, 15% validation with IWAE
 * K = 25 every epoch, as the authors train) at the spec's reduced net (width 128, depth 4, latent 32) and the
 * paper's net (256, 10, 64), on wasm and cpu, next to the same epoch in PyTorch on 1 thread
 * (bench/fit_reference.py; "not installed" without torch). Medians over the epochs after the first.
 *
 * Run: cd packages/vaeac && node --conditions=@proj/source --import tsx bench/fit.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { formatTable, median, runTorchReference } from '@proj/bench';
import { type BackendName, describeBackend, initBackend, randomNormal } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { fit as fitVaeac, mcarMask } from '../src/index.js';

const [ROWS, COLUMNS] = [178, 13];
const NETS = [
  { net: 'reduced (128, 4, 32)', width: 128, depth: 4, latentDim: 32 },
  { net: 'paper (256, 10, 64)', width: 256, depth: 10, latentDim: 64 },
] as const;

await initBackend('cpu');
const holes = mcarMask(ROWS, COLUMNS, 0.1, 2);
const data = tf
  .tidy(() => randomNormal([ROWS, COLUMNS], 1).arraySync() as number[][])
  .map((row, r) => row.map((v, c) => (holes[r]?.[c] ? Number.NaN : v)));

const rows: Record<string, string | number>[] = [];
for (const backend of ['wasm', 'cpu'] as BackendName[]) {
  const info = describeBackend(await initBackend(backend));
  for (const { net, width, depth, latentDim } of NETS) {
    const epochs = backend === 'cpu' && width === 256 ? 3 : 8;
    const { model, history } = await fitVaeac(data, {
      columnTypes: Array(COLUMNS).fill('real'),
      epochs,
      seed: 0,
      width,
      depth,
      latentDim,
    });
    model.dispose();
    const seconds = median(
      history
        .slice(1)
        .map((h) => h.seconds)
        .sort((a, b) => a - b),
    );
    rows.push({ backend: info, net, 'ms/epoch': seconds * 1000, 'epochs/s': 1 / seconds });
  }
}

const script = fileURLToPath(new URL('./fit_reference.py', import.meta.url));
for (const { net, width, depth, latentDim } of NETS) {
  const reference = runTorchReference<{ seconds: number; torch: string }>(script, [
    String(width),
    String(depth),
    String(latentDim),
  ]);
  rows.push(
    reference === undefined
      ? { backend: 'PyTorch 1 thread', net, 'ms/epoch': 'not installed', 'epochs/s': 'not installed' }
      : {
          backend: `PyTorch ${reference.result.torch} 1 thread`,
          net,
          'ms/epoch': reference.result.seconds * 1000,
          'epochs/s': 1 / reference.result.seconds,
        },
  );
}
console.log(`fit on ${ROWS}×${COLUMNS} (batch 64, 15% validation, IWAE K = 25 every epoch)`);
console.log(formatTable(rows, 3));
