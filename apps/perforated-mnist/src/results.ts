import type { Strategy } from './config.js';
import type { TrainingRecord } from './train.js';

/** A unit's result: one trained base network. Its weights are in the run folder's `weightsFile`. */
export interface BaseResult {
  readonly network: string;
  readonly parameters: number;
  /** Multiply-add FLOPs per image (2 per multiply-add), conv layers and all. */
  readonly flops: number;
  readonly convFlops: number;
  readonly epochs: readonly TrainingRecord[];
  readonly testError: number;
  readonly testLoss: number;
  /** Test error of the unperforated network trained on like a fine-tuned curve point; null: none fine-tuned. */
  readonly fineTuneControlError: number | null;
  /** Test error of the unperforated network trained on like the greedy point's fine-tuning; null: no greedy. */
  readonly greedyControlError: number | null;
  readonly msPerStep: number;
  readonly weightsFile: string;
}

/** One point of a single-layer curve (a line of metrics.jsonl, kind `point`). */
export interface SweepPoint {
  readonly network: string;
  readonly layer: string;
  readonly strategy: Strategy;
  /** As asked. */
  readonly keepFraction: number;
  /** Of the mask (the mean over the uniform masks): the grid mask's differs from the one asked. */
  readonly realizedKeep: number;
  /** 1 / realizedKeep: the layer's multiply-adds, unperforated over perforated. */
  readonly theoreticalSpeedup: number;
  /** The whole network's multiply-adds, unperforated over perforated. */
  readonly theoreticalNetworkSpeedup: number;
  /** tf.conv2d over perforatedConv2d of the layer on the timed batch (medians; the first mask). */
  readonly measuredSpeedup: number;
  /** The unperforated over the perforated network's forward pass on the timed batch (medians; the first mask). */
  readonly measuredNetworkSpeedup: number;
  readonly layerMs: number;
  readonly layerBaselineMs: number;
  /** Test error (fraction; the mean over the uniform masks) before fine-tuning. */
  readonly testError: number;
  /** testError − the base network's, in points (percent). */
  readonly errorIncrease: number;
  /** After fine-tuning through the perforated layer (the first mask); null where not fine-tuned. */
  readonly fineTunedError: number | null;
  /** fineTunedError − the control's (the unperforated network trained on as long), in points. */
  readonly fineTunedIncrease: number | null;
}

/** A unit's result: the curve of one strategy on one layer. */
export interface SweepResult {
  readonly network: string;
  readonly layer: string;
  readonly strategy: Strategy;
  readonly points: readonly SweepPoint[];
}

/** One committed step of the greedy search, with the speedups measured afterwards. */
export interface GreedyPoint {
  readonly step: number;
  readonly keepFractions: Readonly<Record<string, number>>;
  readonly changed: string | null;
  /** Mean cross-entropy on the search's validation digits. */
  readonly loss: number;
  readonly validationError: number;
  /** The search's own speedup (of measured or theoretical time, as configured). */
  readonly searchSpeedup: number;
  readonly theoreticalNetworkSpeedup: number;
  readonly theoreticalConvSpeedup: number;
  readonly measuredNetworkSpeedup: number;
  readonly measuredConvSpeedup: number;
}

/** A unit's result: the greedy trace of one network and the point chosen for fine-tuning. */
export interface GreedyResult {
  readonly network: string;
  readonly steps: readonly GreedyPoint[];
  /** Index into steps. */
  readonly chosen: number;
}

/** A unit's result: the chosen greedy point fine-tuned. */
export interface FineTuneResult {
  readonly network: string;
  readonly keepFractions: Readonly<Record<string, number>>;
  readonly baseTestError: number;
  /** The unperforated network trained on as long as the fine-tuning. */
  readonly controlTestError: number;
  readonly testErrorBefore: number;
  readonly testErrorAfter: number;
  /** In points (percent): before over the base network, after over the control. */
  readonly increaseBefore: number;
  readonly increaseAfter: number;
  readonly theoreticalNetworkSpeedup: number;
  readonly theoreticalConvSpeedup: number;
  readonly measuredNetworkSpeedup: number;
  readonly measuredConvSpeedup: number;
  readonly networkMs: number;
  readonly networkBaselineMs: number;
  readonly epochs: readonly { readonly step: number; readonly loss: number }[];
}

/** Everything a run produced, for the tables, figures and claims. */
export interface Outcome {
  readonly bases: readonly BaseResult[];
  readonly sweeps: readonly SweepResult[];
  readonly greedy: readonly GreedyResult[];
  readonly fineTuned: readonly FineTuneResult[];
}
