import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeBackend, foldIn, type Seed } from '@proj/core';
import { mnistSplit, takeDigits } from '@proj/mnist';
import type { AppContext, AppOutcome } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import { compressDense, replaceDenseWithTT, type TTDense } from '@proj/tt/layers';
import type * as tf from '@tensorflow/tfjs-core';
import { ttMnistClaims } from './claims.js';
import type { TtMnistConfig } from './config.js';
import { type DigitTensors, disposeTensors, toTensors } from './data.js';
import { denseNetwork, HIDDEN, layerParameters, setWeightBytes, ttNetwork, weightBytes } from './networks.js';
import { tutorialClaim } from './paper.js';
import { type CompressionRow, compressionFigure, trainingFigure } from './plot.js';
import { type EpochRecord, train } from './train.js';

const COMMAND = 'pnpm repro tt-mnist';
/** The trained dense network's weights in the run folder: what the compression units start from. */
const DENSE_WEIGHTS = 'dense-weights.bin';

/** A network trained from scratch (a unit's result, JSON). */
interface NetworkResult {
  readonly network: 'TT' | 'dense';
  readonly parameters: number;
  readonly hiddenParameters: number;
  /** TT-ranks of the hidden layer (TT network only). */
  readonly ttRanks: readonly number[] | null;
  readonly records: readonly EpochRecord[];
  readonly trainingSeconds: number;
  readonly msPerStep: number;
}

/** The dense network's hidden layer compressed at one maximal TT rank, then fine-tuned (a unit's result, JSON). */
interface RankResult {
  readonly rank: number;
  readonly ttRanks: readonly number[];
  readonly hiddenParameters: number;
  readonly parameters: number;
  /** Dense hidden-layer parameters / TT hidden-layer parameters, biases included. */
  readonly compression: number;
  /** compressDense's compression ratio of the weight matrix. */
  readonly weightCompression: number;
  readonly relativeError: number;
  readonly errorBound: number;
  readonly accuracyBefore: number;
  readonly accuracyAfter: number;
  readonly records: readonly EpochRecord[];
  readonly fineTuneSeconds: number;
  readonly fineTuneMsPerStep: number;
}

/**
 * T3F's tensor-nets tutorial on @proj/mnist's fixed split: (1) trains the network with a TTDense hidden layer and
 * the dense network of the same shape from scratch (accuracy, parameters, time per step); (2) compresses the
 * trained dense hidden layer by TT-SVD at each rank of the config (replaceDenseWithTT) and fine-tunes it,
 * recording the accuracy before and after against the compression ratio; then the figures, the
 * "tutorial | ours | command" table and the claims.
 */
export async function runTtMnist(config: TtMnistConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend: backendInfo, reporter, run } = context;
  const split = mnistSplit();
  const trainSet = toTensors(takeDigits(split.train, config.data.train));
  const testSet = toTensors(takeDigits(split.test, config.data.test));
  const { ranks } = config.compression;
  const ticks = config.ttNet.training.epochs + config.denseNet.training.epochs + ranks.length;
  let tick = 0;
  const onEpoch = (network: string) => (record: EpochRecord) => {
    run.appendMetrics({ network, ...record });
    if (record.epoch > 0) reporter.tick(++tick, { accuracy: record.testAccuracy });
  };
  let tt: NetworkResult;
  let dense: NetworkResult;
  const compressed: RankResult[] = [];
  try {
    reporter.start(ticks, 'tt-mnist');
    // Units of work (resumable): the TT network, the dense network (which leaves its weights in the run folder),
    // one per compression rank (starting from those weights). Each draws only from foldIn(seed, its id).
    tt = await context.unit('tt net', () =>
      trainNetwork('TT', config, trainSet, testSet, foldIn(seed, 'tt net'), context, onEpoch('TT network')),
    );
    dense = await context.unit('dense net', () =>
      trainNetwork('dense', config, trainSet, testSet, foldIn(seed, 'dense net'), context, onEpoch('dense network')),
    );
    for (const rank of ranks) {
      compressed.push(
        await context.unit(`rank ${rank}`, async () => {
          const result = await compressAndFineTune(config, rank, trainSet, testSet, dense, seed, context);
          reporter.tick(++tick, { rank, accuracy: result.accuracyAfter });
          return result;
        }),
      );
    }
    reporter.done();
  } finally {
    disposeTensors(trainSet);
    disposeTensors(testSet);
  }

  const denseAccuracy = finalAccuracy(dense);
  const curves = [tt, dense].flatMap((n) =>
    n.records.map((r) => ({ network: `${n.network} network`, epoch: r.epoch, accuracy: r.testAccuracy })),
  );
  await writePlot(run.dir, 'training', trainingFigure(curves));
  const points: CompressionRow[] = compressed.flatMap((c) => [
    { rank: c.rank, compression: c.compression, stage: 'right after TT-SVD', accuracy: c.accuracyBefore },
    {
      rank: c.rank,
      compression: c.compression,
      stage: `after fine-tuning (${config.compression.fineTune.epochs} epochs)`,
      accuracy: c.accuracyAfter,
    },
  ]);
  await writePlot(run.dir, 'compression', compressionFigure(points, denseAccuracy));
  const networks = [tt, dense].map(networkSummary);
  const rankRows = compressed.map(rankSummary);
  run.writeFile('networks.csv', toCsv(networks));
  run.writeFile('ranks.csv', toCsv(rankRows));
  reporter.log(`\n${formatTable(networks)}\n\n${formatTable(rankRows)}\n`);
  return {
    table: table(config, tt, dense, compressed),
    summary: {
      backend: describeBackend(backendInfo),
      dataset: `@proj/mnist fixed split: the first ${trainSet.n} training and ${testSet.n} test digits, pixels scaled to [−1, 1]`,
      networks,
      compression: rankRows,
    },
    claims: ttMnistClaims(
      {
        ...config.layer,
        ttRanks: tt.ttRanks!,
        ttHiddenParameters: tt.hiddenParameters,
        denseHiddenParameters: dense.hiddenParameters,
        ttAccuracy: finalAccuracy(tt),
        denseAccuracy,
        trainDigits: config.data.train,
        fineTuneEpochs: config.compression.fineTune.epochs,
      },
      compressed,
    ),
  };
}

/** Trains the TT or the dense network from scratch; the dense one leaves its weights in the run folder. */
async function trainNetwork(
  network: NetworkResult['network'],
  config: TtMnistConfig,
  trainSet: DigitTensors,
  testSet: DigitTensors,
  seed: Seed,
  { run, checkpoint }: AppContext,
  onEpoch: (record: EpochRecord) => void,
): Promise<NetworkResult> {
  const model =
    network === 'TT' ? ttNetwork(config.layer, config.ttNet.ttRank, seed) : denseNetwork(config.layer, seed);
  const training = network === 'TT' ? config.ttNet.training : config.denseNet.training;
  try {
    const fit = await train(model, trainSet, testSet, training, seed, config.evaluationBatchSize, {
      checkpoint,
      onEpoch,
    });
    let ttRanks: number[] | null = null;
    if (network === 'TT') {
      const kernel = (model.getLayer(HIDDEN) as TTDense).kernelTT();
      ttRanks = [...kernel.ranks];
      kernel.dispose();
    } else {
      run.writeFile(DENSE_WEIGHTS, weightBytes(model));
    }
    return {
      network,
      parameters: model.countParams(),
      hiddenParameters: layerParameters(model, HIDDEN),
      ttRanks,
      records: fit.records,
      trainingSeconds: fit.trainingSeconds,
      msPerStep: (1000 * fit.trainingSeconds) / fit.steps,
    };
  } finally {
    model.dispose();
  }
}

/**
 * Reloads the trained dense network, measures compressDense of its hidden kernel at maximal rank `rank`,
 * replaces the layer by the TTDense of that compression (replaceDenseWithTT), and fine-tunes the whole network.
 */
async function compressAndFineTune(
  config: TtMnistConfig,
  rank: number,
  trainSet: DigitTensors,
  testSet: DigitTensors,
  dense: NetworkResult,
  seed: Seed,
  { run, checkpoint }: AppContext,
): Promise<RankResult> {
  const options = { ...config.layer, maxTTRank: rank };
  const original = denseNetwork(config.layer, seed);
  let model: ReturnType<typeof replaceDenseWithTT> | undefined;
  try {
    setWeightBytes(original, readFileSync(join(run.dir, DENSE_WEIGHTS)));
    const kernel = original.getLayer(HIDDEN).getWeights()[0] as tf.Tensor2D;
    const compression = compressDense(kernel, options);
    compression.ttMatrix.dispose();
    model = replaceDenseWithTT(original, HIDDEN, { ...options, activation: 'relu' });
    const fit = await train(
      model,
      trainSet,
      testSet,
      config.compression.fineTune,
      foldIn(seed, `rank ${rank}`),
      config.evaluationBatchSize,
      { checkpoint, onEpoch: (record) => run.appendMetrics({ network: `rank ${rank}, fine-tuning`, ...record }) },
    );
    const hiddenParameters = layerParameters(model, HIDDEN);
    return {
      rank,
      ttRanks: compression.ranks,
      hiddenParameters,
      parameters: model.countParams(),
      compression: dense.hiddenParameters / hiddenParameters,
      weightCompression: compression.compressionRatio,
      relativeError: compression.relativeError,
      errorBound: compression.errorBound,
      accuracyBefore: fit.records[0]!.testAccuracy,
      accuracyAfter: fit.records[fit.records.length - 1]!.testAccuracy,
      records: fit.records,
      fineTuneSeconds: fit.trainingSeconds,
      fineTuneMsPerStep: (1000 * fit.trainingSeconds) / fit.steps,
    };
  } finally {
    original.dispose();
    model?.dispose();
  }
}

const finalAccuracy = (n: NetworkResult) => n.records[n.records.length - 1]!.testAccuracy;
const percent = (v: number) => `${v.toFixed(2)} %`;
const count = (v: number) => v.toLocaleString('en-US');

function networkSummary(n: NetworkResult) {
  return {
    network: n.network,
    'hidden layer': n.network === 'TT' ? `TT ranks ${n.ttRanks!.join(',')}` : 'dense',
    'hidden-layer parameters': n.hiddenParameters,
    parameters: n.parameters,
    epochs: n.records.length - 1,
    'test accuracy %': finalAccuracy(n),
    'ms per step': n.msPerStep,
    'training seconds': n.trainingSeconds,
  };
}

function rankSummary(c: RankResult) {
  return {
    'max TT rank': c.rank,
    'TT ranks': c.ttRanks.join(','),
    'hidden-layer parameters': c.hiddenParameters,
    parameters: c.parameters,
    'hidden-layer compression': c.compression,
    'relative error': c.relativeError,
    'TT-SVD bound': c.errorBound,
    'accuracy after TT-SVD %': c.accuracyBefore,
    'accuracy after fine-tuning %': c.accuracyAfter,
    'fine-tuning seconds': c.fineTuneSeconds,
    'fine-tuning ms per step': c.fineTuneMsPerStep,
  };
}

/** The rank the tutorial compresses at (16), else the config's rank nearest to it. */
function tutorialRank(compressed: readonly RankResult[]): RankResult | undefined {
  return [...compressed].sort((a, b) => Math.abs(a.rank - 16) - Math.abs(b.rank - 16))[0];
}

/** The tutorial's numbers (src/paper.ts) next to ours, for people; the claims are in src/claims.ts. */
function table(config: TtMnistConfig, tt: NetworkResult, dense: NetworkResult, compressed: readonly RankResult[]) {
  const row = (id: Parameters<typeof tutorialClaim>[0], ours: string) => {
    const claim = tutorialClaim(id);
    return { claim: claim.claim, tutorial: claim.tutorial, ours, command: COMMAND };
  };
  const epochs = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;
  const denseWeights = dense.hiddenParameters - config.layer.outputModes.reduce((p, m) => p * m, 1);
  const ttWeights = tt.hiddenParameters - config.layer.outputModes.reduce((p, m) => p * m, 1);
  const rows = [
    row(
      'ttNet',
      `${percent(finalAccuracy(tt))} (rank ${config.ttNet.ttRank}, ${epochs(config.ttNet.training.epochs)} on ${config.data.train} digits)`,
    ),
    row(
      'ttLayerParameters',
      `${count(tt.hiddenParameters)} vs ${count(denseWeights)} weights + bias: ${(denseWeights / ttWeights).toFixed(0)}x compression of the weight matrix`,
    ),
    row(
      'denseNet',
      `${percent(finalAccuracy(dense))} with ${count(dense.parameters)} parameters (${epochs(config.denseNet.training.epochs)})`,
    ),
  ];
  const at = tutorialRank(compressed);
  if (at) {
    rows.push(
      row(
        'compressed',
        `rank ${at.rank} (ranks ${at.ttRanks.join(',')}): ${percent(at.accuracyBefore)}; TT layer ${count(at.hiddenParameters)} parameters, model ${count(at.parameters)} (${((100 * at.parameters) / dense.parameters).toFixed(1)} %)`,
      ),
      row(
        'fineTuned',
        `rank ${at.rank}: ${percent(at.accuracyAfter)} after ${epochs(config.compression.fineTune.epochs)} (dense ${percent(finalAccuracy(dense))})`,
      ),
    );
  }
  rows.push({
    claim: 'training time per step (batch of 64): TT network vs dense network',
    tutorial: 'not reported',
    ours: `${tt.msPerStep.toFixed(1)} ms vs ${dense.msPerStep.toFixed(1)} ms`,
    command: COMMAND,
  });
  return rows;
}
