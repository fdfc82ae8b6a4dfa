import { describeBackend, foldIn } from '@proj/core';
import type { AppContext, AppOutcome } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import { claimTable, inpaintingClaims } from './claims.js';
import type { InpaintingConfig } from './config.js';
import { type MnistResult, runMnist } from './mnist.js';
import { psnrBars, toyFigure, trainingCurve } from './plot.js';
import { toyData } from './toy.js';
import { runToy, type ToyResult } from './toy-unit.js';

/** Training points drawn in the toy figure (a subsample keeps the SVG small). */
const TOY_POINTS_SHOWN = 600;

/**
 * VAEAC inpainting: an MLP image VAEAC trained on MNIST digits under a mixture of masks, K completions per
 * masked test digit (grids), masked-region PSNR against mean fill; and the tabular VAEAC on a bimodal 2-D toy
 * whose conditional samples must fall on both modes. Two units of work: `mnist` and `toy`.
 */
export async function runInpainting(config: InpaintingConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend, reporter, run } = context;
  const mnistEpochs = config.mnist.training.epochs;
  reporter.start(mnistEpochs + config.toy.epochs, 'vaeac-inpainting');
  const mnist = await context.unit('mnist', () =>
    runMnist(config, foldIn(seed, 'mnist'), context, (epoch) => reporter.tick(epoch)),
  );
  const toy = await context.unit('toy', () =>
    runToy(config, seed, context, (epoch) => reporter.tick(mnistEpochs + epoch)),
  );
  reporter.done();

  const psnrTable = mnist.scores.map((s) => ({
    mask: s.mask,
    'masked pixels': s.maskedFraction,
    'VAEAC, one completion (dB)': s.vaeacSample,
    [`VAEAC, mean of ${config.mnist.evaluation.samples} (dB)`]: s.vaeacMean,
    'mean fill (dB)': s.meanFill,
    'spread of the completions': s.spread,
  }));
  const toyTable = toy.shares.map((s, i) => ({
    x1: s.condition,
    'near +x1': s.upper,
    'near −x1': s.lower,
    between: s.between,
    'sample mean': s.mean,
    'regression (least squares)': toy.regression[i]!,
  }));
  run.writeFile('psnr.csv', toCsv(psnrTable));
  run.writeFile('toy.csv', toCsv(toyTable));
  await writeFigures(run.dir, config, mnist, toy, seed);
  reporter.log(`\n${formatTable(psnrTable)}\n\n${formatTable(toyTable)}\n`);
  const stated = inpaintingClaims(mnist, toy);
  return {
    table: claimTable(stated),
    summary: {
      backend: describeBackend(backend),
      dataset:
        `@proj/mnist fixed split: the first ${mnist.train} training and ${mnist.test} test digits, gray levels in ` +
        '[0, 1]; toy: x1 ~ N(0, 1), x2 = ±x1 + noise',
      psnr: psnrTable,
      grid: mnist.grid,
      toy: toyTable,
    },
    claims: stated.map((s) => s.claim),
  };
}

async function writeFigures(
  dir: string,
  config: InpaintingConfig,
  mnist: MnistResult,
  toy: ToyResult,
  seed: number,
): Promise<void> {
  await writePlot(
    dir,
    'psnr',
    psnrBars(
      mnist.scores.flatMap((s) => [
        { mask: s.mask, method: 'VAEAC, one completion', psnr: s.vaeacSample },
        { mask: s.mask, method: 'VAEAC, mean of completions', psnr: s.vaeacMean },
        { mask: s.mask, method: 'mean fill', psnr: s.meanFill },
      ]),
    ),
  );
  await writePlot(
    dir,
    'mnist-training',
    trainingCurve(mnist.epochs.map((e) => ({ epoch: e.epoch, loss: e.trainLoss }))),
  );
  // The same training points the toy unit drew (same seed), subsampled.
  const points = toyData(config.toy.points, config.toy.noise, foldIn(seed, 'toy/data')).slice(0, TOY_POINTS_SHOWN);
  await writePlot(
    dir,
    'toy',
    toyFigure([
      ...points.map(([x1, x2]) => ({ x1: x1!, x2: x2!, kind: 'training data' })),
      ...toy.samples.flatMap((xs, i) =>
        xs.map((x2) => ({ x1: config.toy.conditions[i]!, x2, kind: 'VAEAC samples of x2 | x1' })),
      ),
      ...toy.regression.map((x2, i) => ({ x1: config.toy.conditions[i]!, x2, kind: 'least-squares regression' })),
    ]),
  );
}
