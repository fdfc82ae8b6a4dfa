/**
 * Ships the VAEAC that a run of the vaeac-inpainting app trained (apps/vaeac-inpainting, `--config web`): reads the
 * run folder's `mnist-model.json` (`saveImageVaeac`'s artifacts), `config.json`, `status.json` and the epoch lines of
 * `metrics.jsonl`, and writes apps/web/src/inpaint/model.txt (JSON text, {@link ShippedModel}): the model with
 * its weights rounded to 5 significant digits, the training history and 8 test digits of @proj/mnist's fixed split.
 *
 * Run from the repository root: pnpm --filter web ship-vaeac <run dir> (a relative run dir is read from the
 * directory pnpm was started in).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { mnistSplit, takeDigits } from '@proj/mnist';
import type { ImageVaeacArtifacts } from '@proj/vaeac';
import { DIGIT_SIDE, type ShippedModel } from '../src/inpaint/shipped-model.js';

/** The parts of the app's run folder the page ships. */
interface AppRun {
  readonly configName: string;
  readonly seed: number;
  readonly train: number;
  readonly epochs: number;
  readonly history: ShippedModel['history'];
  readonly model: ImageVaeacArtifacts;
}

/** Reads an app run folder; throws naming the file when the run did not finish or did not save its model. */
function readAppRun(dir: string): AppRun {
  const json = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const status = json('status.json');
  if (status.app !== 'vaeac-inpainting' || status.state !== 'finished') {
    throw new Error(`ship-vaeac: ${dir}/status.json is not a finished vaeac-inpainting run`);
  }
  const config = json('config.json');
  const model = json('mnist-model.json') as ImageVaeacArtifacts;
  if (model.format !== 'proj-image-vaeac' || model.height !== DIGIT_SIDE || model.width !== DIGIT_SIDE) {
    throw new Error(`ship-vaeac: ${dir}/mnist-model.json is not a ${DIGIT_SIDE}×${DIGIT_SIDE} image VAEAC`);
  }
  const history = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((m) => m.kind === 'epoch')
    .map((m) => ({ epoch: m.epoch as number, trainLoss: m.trainLoss as number }));
  return {
    configName: config.configName,
    seed: status.seed,
    train: config.mnist.data.train,
    epochs: config.mnist.training.epochs,
    history,
    model,
  };
}

const arg = process.argv[2];
if (arg === undefined) throw new Error('ship-vaeac: usage: pnpm --filter web ship-vaeac <vaeac-inpainting run dir>');
const dir = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
const run = readAppRun(dir);
const shipped: ShippedModel = {
  trainedOn:
    `the vaeac-inpainting app, config ${run.configName} (run ${basename(dir)}): ${run.train} MNIST training digits ` +
    `(@proj/mnist split), ${run.epochs} epochs, seed ${run.seed}`,
  history: run.history,
  digits: Array.from(takeDigits(mnistSplit().test, 8).images, (v) => Math.round(v * 255)),
  model: run.model,
};
/** float32 weights as rounded decimals: 5 significant digits (the page and the tests load the same rounded weights). */
const text = JSON.stringify(shipped, (_, value) =>
  typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(5)) : value,
);
// JSON text under a .txt name: biome formats .json files, and a formatted model would be several times larger.
const path = join(import.meta.dirname, '..', 'src', 'inpaint', 'model.txt');
writeFileSync(path, text);
console.log(`wrote ${path}: ${(text.length / 1000).toFixed(0)} kB from ${dir}`);
