import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldIn, type Seed } from '@proj/core';
import type { AppContext } from '@proj/repro';
import type { NetworkConfig, PerforatedConfig } from './config.js';
import type { Digits } from './data.js';
import {
  convLayersFlops,
  createNetwork,
  disposeNetwork,
  type Network,
  networkFlops,
  networkVariables,
  setWeightBytes,
  weightBytes,
} from './network.js';
import type { BaseResult } from './results.js';
import { evaluateNetwork, trainNetwork } from './train.js';

/** The file of a trained base network's weights in the run folder. */
const weightsFile = (network: string) => `weights-${network}.bin`;

/**
 * Trains the base network of `netConfig` (Adam, `epochs` passes over the training digits, from the run seed and
 * the network's name only), writes its weights to the run folder and evaluates it on the test digits. Appends one
 * metrics line per epoch. Then the controls of the fine-tunings: the test error of the unperforated network
 * trained on for as many steps at the same learning rate as a fine-tuned single-layer point, and as the greedy
 * point's fine-tuning (where the config has them).
 */
export async function trainBase(
  config: PerforatedConfig,
  netConfig: NetworkConfig,
  data: { readonly train: Digits; readonly test: Digits },
  seed: Seed,
  context: Pick<AppContext, 'run' | 'checkpoint'>,
): Promise<BaseResult> {
  const net = createNetwork(netConfig, foldIn(seed, 'init'));
  try {
    const { batchSize, learningRate } = config.training;
    const perEpoch = Math.ceil(data.train.n / batchSize);
    const epochs: BaseResult['epochs'][number][] = [];
    const msPerStep = await trainNetwork(
      net,
      data.train,
      {},
      { steps: netConfig.epochs * perEpoch, batchSize, learningRate },
      foldIn(seed, `train ${netConfig.name}`),
      {
        checkpoint: context.checkpoint,
        recordEvery: perEpoch,
        onRecord: (record) => {
          epochs.push(record);
          context.run.appendMetrics({ kind: 'epoch', network: netConfig.name, epoch: epochs.length, ...record });
        },
      },
    );
    const trained = weightBytes(net);
    context.run.writeFile(weightsFile(netConfig.name), trained);
    const test = evaluateNetwork(net, data.test, {}, config.evaluationBatch);
    // The controls of the fine-tunings: the unperforated network trained on as long, at the same learning rate.
    const control = async (steps: number, rate: number, id: string) => {
      await trainNetwork(net, data.train, {}, { steps, batchSize, learningRate: rate }, foldIn(seed, id), {
        checkpoint: context.checkpoint,
        recordEvery: steps,
        onRecord: () => {},
      });
      const error = evaluateNetwork(net, data.test, {}, config.evaluationBatch).error;
      setWeightBytes(net, trained);
      return error;
    };
    const fineTuneControlError =
      netConfig.sweep.fineTuneKeepFractions.length === 0
        ? null
        : await control(config.fineTune.steps, config.fineTune.learningRate, `${netConfig.name} fine-tune control`);
    const greedyControlError = netConfig.greedy
      ? await control(
          config.greedy.fineTuneEpochs * perEpoch,
          config.greedy.learningRate,
          `${netConfig.name} greedy fine-tune control`,
        )
      : null;
    return {
      network: netConfig.name,
      parameters: networkVariables(net).reduce((n, v) => n + v.size, 0),
      flops: networkFlops(net, {}),
      convFlops: convLayersFlops(net, {}),
      epochs,
      testError: test.error,
      testLoss: test.loss,
      fineTuneControlError,
      greedyControlError,
      msPerStep,
      weightsFile: weightsFile(netConfig.name),
    };
  } finally {
    disposeNetwork(net);
  }
}

/** The trained base network of `base`, read back from the run folder `dir`. The caller disposes it. */
export function loadBase(netConfig: NetworkConfig, base: BaseResult, dir: string, seed: Seed): Network {
  const net = createNetwork(netConfig, foldIn(seed, 'init'));
  try {
    setWeightBytes(net, readFileSync(join(dir, base.weightsFile)));
    return net;
  } catch (error) {
    disposeNetwork(net);
    throw error;
  }
}
