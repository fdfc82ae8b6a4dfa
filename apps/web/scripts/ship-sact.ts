/**
 * Ships the SACT network a sact-cluttered-mnist run trained (its `weights-sact-*.json`) with the ponder-map page:
 * writes apps/web/src/ponder/model.txt (JSON text) with the network, its τ, the run's test accuracy and the run's
 * first 8 cluttered test canvases (regenerated from the run's config and seed, as the app draws them) with their
 * labels and digit boxes.
 *
 * Run: pnpm repro sact-cluttered-mnist --config web && pnpm --filter @proj/web ship-sact <run dir>
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { foldIn } from '@proj/core';
import { mnistSplit, takeDigits } from '@proj/mnist';
import { clutteredMnist } from '../../sact-cluttered-mnist/src/data.js';
import type { ShippedSact } from '../src/ponder/shipped-sact.js';

/** Canvases shipped with the page. */
const IMAGES = 8;
/** ε of the halting rule: @proj/adaptive-compute's default, which the app's evaluation and the page use. */
const EPS = 0.01;

const argument = process.argv[2];
if (argument === undefined) throw new Error('ship-sact: usage: ship-sact <run dir of sact-cluttered-mnist>');
const dir = resolve(process.env.INIT_CWD ?? process.cwd(), argument);
const json = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const weightFiles = readdirSync(dir).filter((f) => /^weights-sact-.*\.json$/.test(f));
if (weightFiles.length !== 1) {
  throw new Error(`ship-sact: ${dir} must hold one weights-sact-*.json, found ${weightFiles.length}`);
}
const saved = json(weightFiles[0]!);
const config = json('config.json');
const { seed } = json('status.json');
const rows = json('results.json').summary.variants as Array<Record<string, unknown>>;
const row = rows.find((r) => r.variant === 'SACT' && r.τ === saved.tau);
if (row === undefined) throw new Error(`ship-sact: results.json of ${dir} has no SACT row at τ = ${saved.tau}`);

const test = clutteredMnist(
  takeDigits(mnistSplit().test, config.data.test),
  { side: config.data.canvas, fragments: config.data.fragments, fragmentSide: config.data.fragmentSide },
  foldIn(seed, 'data/test'),
);
const area = test.side * test.side;
const accuracy = row['accuracy %'] as number;
const shipped: ShippedSact = {
  trainedOn:
    `pnpm repro sact-cluttered-mnist --config ${config.configName} --seed ${seed} (${basename(dir)}): ` +
    `${saved.variant}, ${config.data.train} training digits, test accuracy ${accuracy.toFixed(1)} % on ` +
    `${test.n} cluttered test digits`,
  tau: saved.tau,
  eps: EPS,
  testAccuracy: accuracy,
  net: {
    method: 'sact',
    inChannels: saved.inChannels,
    classes: saved.classes,
    stemChannels: saved.model.stemChannels,
    stages: saved.model.stages,
    weights: saved.weights,
  },
  side: test.side,
  images: Array.from(test.images.subarray(0, IMAGES * area), (v) => Math.round(v * 255)),
  labels: Array.from(test.labels.subarray(0, IMAGES)),
  boxes: test.boxes.slice(0, IMAGES),
};
// JSON text under a .txt name: biome formats .json files (as the inpainting page's model.txt).
const path = join(import.meta.dirname, '..', 'src', 'ponder', 'model.txt');
const text = JSON.stringify(shipped);
writeFileSync(path, text);
console.log(`wrote ${path}: ${(text.length / 1000).toFixed(0)} kB from ${weightFiles[0]}`);
