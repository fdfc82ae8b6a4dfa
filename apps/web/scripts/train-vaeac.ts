/**
 * Trains the small VAEAC the inpainting page ships (apps/web/src/inpaint/model.txt, JSON text) on MNIST digits from
 * @proj/mnist's fixed split, with @proj/vaeac's `fitImages`, and stores 8 test digits next to it.
 *
 * Run: cd apps/web && node --conditions=@proj/source --import tsx scripts/train-vaeac.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@proj/core';
import { mnistSplit, takeDigits } from '@proj/mnist';
import { fitImages, imageMaskMixture, saveImageVaeac } from '@proj/vaeac';

const SIDE = 28;
const TRAIN = Number(process.env.TRAIN ?? 3000);
const EPOCHS = Number(process.env.EPOCHS ?? 3);

await initBackend();
const split = mnistSplit();
const train = takeDigits(split.train, TRAIN);
const test = takeDigits(split.test, 8);
const start = performance.now();
const { model, history } = await fitImages(train.images, {
  height: SIDE,
  width: SIDE,
  epochs: EPOCHS,
  seed: 1,
  batchSize: 32,
  learningRate: 1e-3,
  latentDim: 16,
  network: 'conv',
  hidden: 8,
  likelihood: 'bernoulli',
  maskGenerator: (n, s) => imageMaskMixture(n, SIDE, SIDE, s, { rectangle: 2, half: 1, pattern: 0, pixel: 1 }),
  onEpoch: (info) => console.log(JSON.stringify(info)),
});
const artifacts = saveImageVaeac(model);
model.dispose();
/** float32 weights as rounded decimals: 5 significant digits (the page and the tests load the same rounded weights). */
const json = JSON.stringify(
  {
    trainedOn: `${TRAIN} MNIST training digits (@proj/mnist split), ${EPOCHS} epochs, seed 1`,
    history,
    digits: Array.from(test.images, (v) => Math.round(v * 255)),
    model: artifacts,
  },
  (_, value) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(5)) : value),
);
// JSON text under a .txt name: biome formats .json files, and a formatted model would be several times larger.
const path = join(import.meta.dirname, '..', 'src', 'inpaint', 'model.txt');
writeFileSync(path, json);
console.log(
  `wrote ${path}: ${(json.length / 1000).toFixed(0)} kB in ${((performance.now() - start) / 1000).toFixed(0)} s`,
);
