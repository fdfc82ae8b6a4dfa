import { foldIn, type Seed } from '@proj/core';
import { IMAGE_SIZE, type MnistSet, mnistSplit, selectDigits, takeDigits } from '@proj/mnist';
import type { AppContext } from '@proj/repro';
import { encodePng, imageGrid } from '@proj/run';
import { fitImages, imageMaskMixture, inpaint, saveImageVaeac } from '@proj/vaeac';
import * as tf from '@tensorflow/tfjs-core';
import { EVALUATION_MASKS, type EvaluationMask, type InpaintingConfig } from './config.js';
import { bottomHalfMask, evaluationMasks, SIDE } from './masks.js';
import { clip01, fillMasked, maskedPsnr, maskedSpread, meanOfPresent, pixelMeans } from './psnr.js';

/** The trained model in the run folder: `saveImageVaeac`'s artifacts as JSON (`loadImageVaeac` reads them back). */
export const MODEL_FILE = 'mnist-model.json';

/** Masked-region scores of one evaluation mask kind on the test digits. */
export interface MaskScore {
  readonly mask: EvaluationMask;
  /** Mean over test digits and completions of a single completion's masked-region PSNR (dB). */
  readonly vaeacSample: number;
  /** Masked-region PSNR of the mean of the K completions (dB). */
  readonly vaeacMean: number;
  /** Masked-region PSNR of filling with the training digits' per-pixel mean (dB). */
  readonly meanFill: number;
  /** Mean std across the K completions over the masked pixels (pixel units, 0-1). */
  readonly spread: number;
  /** Fraction of pixels masked. */
  readonly maskedFraction: number;
}

/** What the MNIST unit returns. */
export interface MnistResult {
  readonly train: number;
  readonly test: number;
  readonly epochs: readonly { readonly epoch: number; readonly trainLoss: number; readonly seconds: number }[];
  readonly scores: readonly MaskScore[];
  /** The bottom-half grid: its digits (test-split indices) and the spread of their completions. */
  readonly grid: { readonly digit: number; readonly rows: number; readonly spread: number };
  /** Every completion kept every observed pixel exactly. */
  readonly observedKept: boolean;
}

/**
 * Trains `@proj/vaeac`'s image VAEAC (MLP or conv) on MNIST digits with the configured training mask mixture, saves
 * it to {@link MODEL_FILE} in the run folder, then inpaints
 * the test digits under each evaluation mask (K completions, z from the prior network), scores the masked region
 * against the true digit, and writes the PNG grids `completions-bottom-half.png` and `completions-masks.png`
 * into the run folder (a unit of work).
 */
export async function runMnist(
  config: InpaintingConfig,
  seed: Seed,
  context: AppContext,
  tick: (epoch: number) => void,
): Promise<MnistResult> {
  const { data, model: net, training, evaluation } = config.mnist;
  const split = mnistSplit();
  const train = takeDigits(split.train, data.train);
  const test = takeDigits(split.test, data.test);
  const { model, history } = await fitImages(train.images, {
    height: SIDE,
    width: SIDE,
    epochs: training.epochs,
    seed: foldIn(seed, 'fit'),
    batchSize: training.batchSize,
    learningRate: training.learningRate,
    latentDim: net.latentDim,
    network: net.network ?? 'mlp',
    hidden: net.hidden,
    depth: net.depth,
    likelihood: net.likelihood,
    maskGenerator: (n, s) => imageMaskMixture(n, SIDE, SIDE, s, training.masks),
    onEpoch: (info) => {
      context.run.appendMetrics({ kind: 'epoch', ...info });
      tick(info.epoch);
    },
  });
  try {
    context.run.writeFile(MODEL_FILE, JSON.stringify(saveImageVaeac(model)));
    const fill = pixelMeans(train.images, IMAGE_SIZE);
    let observedKept = true;
    const complete = (images: Float32Array, masks: Float32Array, name: string) => {
      const raw = inpaint(model, images, masks, { numSamples: evaluation.samples, seed: foldIn(seed, name) });
      observedKept &&= raw.every((c) => c.every((v, p) => masks[p] === 1 || v === images[p]));
      return raw.map(clip01);
    };
    const scores = EVALUATION_MASKS.map((kind): MaskScore => {
      const masks = evaluationMasks(kind, test.n, foldIn(seed, `masks/${kind}`));
      const completions = complete(test.images, masks, `inpaint/${kind}`);
      const psnr = (c: Float32Array) => meanOfPresent(maskedPsnr(test.images, c, masks, IMAGE_SIZE));
      const average = completions[0]!.map((_, p) => completions.reduce((s, c) => s + c[p]!, 0) / completions.length);
      const score = {
        mask: kind,
        vaeacSample: completions.reduce((s, c) => s + psnr(c), 0) / completions.length,
        vaeacMean: psnr(average),
        meanFill: psnr(fillMasked(test.images, masks, fill)),
        spread: maskedSpread(completions, masks),
        maskedFraction: masks.reduce((s, v) => s + v, 0) / masks.length,
      };
      context.run.appendMetrics({ kind: 'evaluation', ...score });
      return score;
    });
    const grid = await writeGrids(test, evaluation, complete, context);
    return { train: train.n, test: test.n, epochs: history, scores, grid, observedKept };
  } finally {
    model.dispose();
  }
}

type Complete = (images: Float32Array, masks: Float32Array, name: string) => Float32Array[];

/**
 * The PNG grids: `completions-bottom-half.png`, test digits of class `gridDigit` with their bottom half masked,
 * one row each: the digit, the masked input (masked pixels gray), the K completions; `completions-masks.png`,
 * the first test digits under each evaluation mask, in the same layout.
 */
async function writeGrids(
  test: MnistSet,
  evaluation: InpaintingConfig['mnist']['evaluation'],
  complete: Complete,
  context: AppContext,
): Promise<MnistResult['grid']> {
  const indices = [...test.labels.keys()]
    .filter((i) => test.labels[i] === evaluation.gridDigit)
    .slice(0, evaluation.gridRows);
  const digits = selectDigits(test, indices);
  const masks = bottomHalfMask(digits.n);
  const completions = complete(digits.images, masks, 'inpaint/grid');
  context.run.writeFile('completions-bottom-half.png', await gridPng(digits.images, masks, completions));
  const shown = takeDigits(test, Math.min(4, test.n));
  const rows = EVALUATION_MASKS.map((kind) => {
    const m = evaluationMasks(kind, shown.n, foldIn(context.seed, `grid/${kind}`));
    return { images: shown.images, masks: m, completions: complete(shown.images, m, `inpaint/grid/${kind}`) };
  });
  context.run.writeFile(
    'completions-masks.png',
    await gridPng(
      concat(rows.map((r) => r.images)),
      concat(rows.map((r) => r.masks)),
      rows[0]!.completions.map((_, k) => concat(rows.map((r) => r.completions[k]!))),
    ),
  );
  return { digit: evaluation.gridDigit, rows: digits.n, spread: maskedSpread(completions, masks) };
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** One row per digit: the digit, the masked input (masked pixels at gray 0.5), then each completion. */
async function gridPng(images: Float32Array, masks: Float32Array, completions: readonly Float32Array[]) {
  const n = images.length / IMAGE_SIZE;
  const columns = 2 + completions.length;
  const values = new Float32Array(n * columns * IMAGE_SIZE);
  for (let i = 0; i < n; i++) {
    const at = (c: number) => (i * columns + c) * IMAGE_SIZE;
    const digit = images.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE);
    values.set(digit, at(0));
    values.set(
      digit.map((v, p) => (masks[i * IMAGE_SIZE + p] === 1 ? 0.5 : v)),
      at(1),
    );
    for (const [k, c] of completions.entries()) values.set(c.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE), at(2 + k));
  }
  const tensor = tf.tensor3d(values, [n * columns, SIDE, SIDE]);
  try {
    return await encodePng(imageGrid(tensor, { columns, padding: 2, background: 200 }));
  } finally {
    tensor.dispose();
  }
}
