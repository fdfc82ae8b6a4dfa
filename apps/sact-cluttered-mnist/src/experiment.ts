import { describeBackend, foldIn, type Seed } from '@proj/core';
import { mnistSplit, takeDigits } from '@proj/mnist';
import type { AppContext, AppOutcome } from '@proj/repro';
import { encodePng, formatTable, toCsv, writePlot } from '@proj/run';
import { claimTable, sactClaims } from './claims.js';
import type { SactConfig } from './config.js';
import { type ClutteredSet, clutteredMnist } from './data.js';
import { evaluateNet, relaxedAccuracy } from './evaluate.js';
import { createNet, decodeBackbone, disposeNet, encodeBackbone, saveNet } from './model.js';
import { ponderOverlay } from './overlay.js';
import { THRESHOLDS } from './paper.js';
import { type PointRow, pointsFigure } from './plot.js';
import { family, plainOf, referenceSact, type VariantResult } from './results.js';
import { type EpochRecord, trainNet } from './train.js';
import { type Variant, variantsOf } from './variants.js';

/** What the pretraining unit records: the plain network's weights (base64 float32) and its epochs. */
interface PretrainResult {
  readonly backbone: string;
  readonly epochs: readonly EpochRecord[];
  readonly msPerStep: number;
}

/** The plain network's variant, used for the pretraining. */
const PLAIN: Variant = { id: 'plain', method: 'vanilla', name: 'plain', tau: 0, prior: null };

/** A file-name-safe slug of a variant id: `SACT τ=0.01` → `sact-tau-0.01`. */
export function slug(id: string): string {
  return id
    .toLowerCase()
    .replace('τ', 'tau')
    .replace('π', 'pi')
    .replace(/[^a-z0-9.]+/g, '-');
}

/**
 * Adaptive computation on cluttered MNIST: a plain residual network pretrained once, then every variant (plain,
 * ACT and SACT at each τ, PACT at each prior π) fine-tuned from it for the same number of epochs; test accuracy,
 * counted FLOPs, measured time (masked and dense computation), ponder-cost maps against the digits' boxes; the
 * table, the figures, the claims and the checks.
 */
export async function runSact(config: SactConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend, reporter, run } = context;
  const split = mnistSplit();
  const clutter = {
    side: config.data.canvas,
    fragments: config.data.fragments,
    fragmentSide: config.data.fragmentSide,
  };
  const train = clutteredMnist(takeDigits(split.train, config.data.train), clutter, foldIn(seed, 'data/train'));
  const test = clutteredMnist(takeDigits(split.test, config.data.test), clutter, foldIn(seed, 'data/test'));
  const variants = variantsOf(config);
  const { pretrainEpochs, fineTuneEpochs, batchSize } = config.training;
  const steps = Math.ceil(train.n / batchSize);
  reporter.start(steps * (pretrainEpochs + variants.length * fineTuneEpochs), 'sact-cluttered-mnist');
  // Units (resumable): the pretraining, then one per variant. Every variant starts from the pretrained weights,
  // which the pretraining unit records, so a resumed run fine-tunes from the same weights.
  const pretrained = await context.unit('pretrain', async (): Promise<PretrainResult> => {
    const net = createNet(config, 'vanilla', foldIn(seed, 'init'));
    try {
      const trained = await trainNet(
        net,
        train,
        PLAIN,
        pretrainEpochs,
        config.training.learningRate,
        'pretrain',
        config,
        foldIn(seed, 'pretrain'),
        context,
        (s) => reporter.tick(s),
      );
      return { backbone: encodeBackbone(net), epochs: trained.records, msPerStep: trained.msPerStep };
    } finally {
      disposeNet(net);
    }
  });
  const results: VariantResult[] = [];
  for (const [k, variant] of variants.entries()) {
    const done = steps * (pretrainEpochs + k * fineTuneEpochs);
    results.push(
      await context.unit(variant.id, () =>
        runVariant(config, variant, pretrained.backbone, train, test, seed, context, (s) => reporter.tick(done + s)),
      ),
    );
  }
  reporter.done();

  await writeFigures(run.dir, results);
  const table = results.map(tableRow);
  run.writeFile('variants.csv', toCsv(table));
  reporter.log(`\n${formatTable(table)}\n`);
  const reference = referenceSact(results, THRESHOLDS.dropPoints);
  const stated = sactClaims(
    results,
    config.model.stages.map((s) => s.units),
  );
  return {
    table: claimTable(stated),
    summary: {
      backend: describeBackend(backend),
      dataset:
        `cluttered MNIST from @proj/mnist's fixed split: ${train.n} training and ${test.n} test digits at random ` +
        `offsets on a ${clutter.side} × ${clutter.side} canvas with ${clutter.fragments} clutter fragments of ` +
        `${clutter.fragmentSide} × ${clutter.fragmentSide} from other digits`,
      training:
        `plain network pretrained ${pretrainEpochs} epochs, then every variant fine-tuned ${fineTuneEpochs} ` +
        `epoch(s) from it (Adam ${config.training.learningRate}, then ${config.training.fineTuneLearningRate}; halting branches ${config.training.haltingLearningRate})`,
      referenceSact: reference?.variant.id ?? null,
      variants: table,
      pretrain: pretrained.epochs,
    },
    claims: stated.map((s) => s.claim),
  };
}

/** Fine-tunes and evaluates one variant (a unit of work), and draws its ponder maps. */
async function runVariant(
  config: SactConfig,
  variant: Variant,
  backbone: string,
  train: ClutteredSet,
  test: ClutteredSet,
  seed: Seed,
  context: AppContext,
  tick: (step: number) => void,
): Promise<VariantResult> {
  const net = createNet(config, variant.method, foldIn(seed, `init/${variant.id}`));
  try {
    decodeBackbone(net, backbone);
    const trained = await trainNet(
      net,
      train,
      variant,
      config.training.fineTuneEpochs,
      config.training.fineTuneLearningRate,
      variant.id,
      config,
      foldIn(seed, `train/${variant.id}`),
      context,
      tick,
    );
    await context.checkpoint();
    if (variant.method === 'sact') {
      // The trained SACT network, for the web demo's ponder page (apps/web scripts/ship-sact.ts).
      const saved = saveNet(net, config, variant.id, variant.tau);
      context.run.writeFile(`weights-${slug(variant.id)}.json`, JSON.stringify(saved));
    }
    const { batchSize, maskedFraction, maps } = config.evaluation;
    const { evaluation, maps: ponderMaps } = evaluateNet(net, test, {
      batchSize,
      maskedFraction,
      maps,
      plain: variant.method === 'vanilla',
    });
    const relaxed =
      variant.method === 'pact'
        ? relaxedAccuracy(net, test, batchSize, config.training.temperature, foldIn(seed, `relaxed/${variant.id}`))
        : null;
    context.run.appendMetrics({ kind: 'evaluation', unit: variant.id, ...evaluation, relaxedAccuracy: relaxed });
    if (variant.method !== 'vanilla') {
      const shown = ponderMaps.length / (test.side * test.side);
      const image = ponderOverlay(
        test.images.subarray(0, ponderMaps.length),
        ponderMaps,
        test.boxes.slice(0, shown),
        test.side,
      );
      context.run.writeFile(`ponder-maps-${slug(variant.id)}.png`, await encodePng(image));
    }
    return { variant, evaluation, relaxedAccuracy: relaxed, epochs: trained.records, msPerStep: trained.msPerStep };
  } finally {
    disposeNet(net);
  }
}

/** A row of variants.csv and of the printed table. */
function tableRow(r: VariantResult) {
  const e = r.evaluation;
  return {
    variant: r.variant.name,
    τ: r.variant.tau,
    'PACT π': r.variant.prior,
    'accuracy %': 100 * e.accuracy,
    MFLOPs: e.mflops,
    'MFLOPs std': e.mflopsStd,
    'ms/img masked': e.msPerImageMasked,
    'ms/img dense': e.msPerImageDense,
    'ρ per stage': e.ponderPerStage.map((v) => v.toFixed(2)).join(' / '),
    'box mass %': 100 * e.ponder.boxMass,
    'box excess mass %': 100 * e.ponder.boxExcessMass,
    'box area %': 100 * e.ponder.boxArea,
    'digit / background': e.ponder.digitToBackground,
    'ponder AUC': e.ponder.auc,
    'Spearman (difficulty)': e.difficultySpearman,
    'relaxed accuracy %': r.relaxedAccuracy === null ? null : 100 * r.relaxedAccuracy,
  };
}

async function writeFigures(dir: string, results: readonly VariantResult[]): Promise<void> {
  const series = (r: VariantResult) => r.variant.name;
  await writePlot(
    dir,
    'accuracy-vs-flops',
    pointsFigure(
      'Cluttered MNIST: test accuracy against counted FLOPs',
      'MFLOPs per image (computed positions)',
      'test accuracy (%)',
      results.map(
        (r): PointRow => ({
          series: series(r),
          x: r.evaluation.mflops,
          y: 100 * r.evaluation.accuracy,
          label: r.variant.id,
        }),
      ),
    ),
  );
  await writePlot(
    dir,
    'time-vs-flops',
    pointsFigure(
      'Measured inference time (masked computation) against counted FLOPs',
      'MFLOPs per image (computed positions)',
      'ms per image',
      results.map(
        (r): PointRow => ({
          series: series(r),
          x: r.evaluation.mflops,
          y: r.evaluation.msPerImageMasked,
          label: r.variant.id,
        }),
      ),
    ),
  );
  const spatial = [...family(results, 'ACT'), ...family(results, 'SACT')];
  if (spatial.length > 0) {
    const plain = plainOf(results);
    await writePlot(
      dir,
      'ponder-box-mass',
      pointsFigure("Share of the ponder-cost mass inside the digit's box", 'ponder cost τ', 'share (%)', [
        ...[plain, ...spatial].map(
          (r): PointRow => ({
            series: `${series(r)} ponder mass`,
            x: r.variant.tau,
            y: 100 * r.evaluation.ponder.boxMass,
            label: r.variant.id,
          }),
        ),
        ...family(results, 'SACT').map(
          (r): PointRow => ({
            series: 'SACT mass above floor',
            x: r.variant.tau,
            y: 100 * r.evaluation.ponder.boxExcessMass,
            label: r.variant.id,
          }),
        ),
        // The box's share of the canvas (one test set for every variant): one point per τ.
        ...[...new Set([plain, ...spatial].map((r) => r.variant.tau))].map(
          (tau): PointRow => ({
            series: 'box area',
            x: tau,
            y: 100 * plain.evaluation.ponder.boxArea,
            label: 'box area',
          }),
        ),
      ]),
    );
  }
}
