import { type Claim, claim, type Reference } from '@proj/repro';
import { tutorialClaim } from './paper.js';

/** What the claims read of the two networks trained from scratch. */
export interface NetworksOutcome {
  /** Row and column modes of the hidden layer; the tutorial's are [7,4,7,4] → [5,5,5,5]. */
  readonly inputModes: readonly number[];
  readonly outputModes: readonly number[];
  /** TT-ranks of the TT network's hidden layer, e.g. [1, 4, 4, 4, 1]. */
  readonly ttRanks: readonly number[];
  /** Hidden-layer parameters of the TT network (cores and bias) and of the dense one (kernel and bias). */
  readonly ttHiddenParameters: number;
  readonly denseHiddenParameters: number;
  /** Final test accuracies in %. */
  readonly ttAccuracy: number;
  readonly denseAccuracy: number;
  /** Training digits and epochs, for the claims' text. */
  readonly trainDigits: number;
  readonly fineTuneEpochs: number;
}

/** What the claims read of the dense hidden layer compressed by TT-SVD at one maximal rank. */
export interface CompressionOutcome {
  readonly rank: number;
  /** Parameters of the whole compressed network. */
  readonly parameters: number;
  readonly relativeError: number;
  readonly errorBound: number;
  /** Test accuracy in % right after TT-SVD and after fine-tuning. */
  readonly accuracyBefore: number;
  readonly accuracyAfter: number;
}

/** The rank the tutorial compresses at. */
export const TUTORIAL_RANK = 16;

const percent = (v: number) => `${v.toFixed(2)} %`;
const count = (v: number) => v.toLocaleString('en-US');
const product = (modes: readonly number[]) => modes.reduce((p, m) => p * m, 1);
const isTutorialLayer = (n: NetworksOutcome) => n.inputModes.join() === '7,4,7,4' && n.outputModes.join() === '5,5,5,5';

/** A tutorial number as a claim's reference. */
function tutorial(id: Parameters<typeof tutorialClaim>[0], number: string): Reference {
  const { value, provenance } = tutorialClaim(id).numbers[number]!;
  return { kind: 'paper', value, source: `tutorial: ${provenance}` };
}

/**
 * Weights of a TT-matrix with row modes m, column modes n and TT-ranks r: Σ_k r_{k−1}·m_k·n_k·r_k (T3F;
 * research notes t3f-spec.md §2.12). O(d).
 */
export function ttMatrixWeights(
  inputModes: readonly number[],
  outputModes: readonly number[],
  ranks: readonly number[],
) {
  return inputModes.reduce((sum, m, k) => sum + ranks[k]! * m * outputModes[k]! * ranks[k + 1]!, 0);
}

/**
 * The claims of T3F's tensor-nets tutorial that a run checks (references from src/paper.ts, the tutorial's numbers):
 *
 * - `tt-net-accuracy`: the TT network's test accuracy is within 3 points of the tutorial's 96.38 % (which trains on
 *   60,000 digits; we on `trainDigits`);
 * - `tt-vs-dense-accuracy`: TT minus dense accuracy ≥ −3 points (the tutorial: 96.38 − 97.14 = −0.76);
 * - `tt-layer-compression`: dense hidden weights / TT hidden weights (biases apart) equals the closed form
 *   ∏m·∏n / Σ r_{k−1}·m_k·n_k·r_k (ours-exact), or the tutorial's 445x for its layer at rank 4 (within 0.5);
 * - `tt-svd-error-bound`: the worst ratio of TT-SVD's relative error to its bound from the discarded singular
 *   values is ≤ 1.001 (float32);
 * - `fine-tuning-recovers`: the smallest gain of fine-tuning over the accuracy right after TT-SVD, over the ranks,
 *   is ≥ 0 points;
 * - at rank 16 (when the config compresses at it): `compressed-parameters` (the network's parameters equal the
 *   tutorial's 21,845 for its layer), `fine-tuned-accuracy` (within 3 points of the tutorial's 97.65 %) and
 *   `fine-tuned-vs-dense` (fine-tuned minus dense accuracy ≥ −1 point; the tutorial: +0.51).
 */
export function ttMnistClaims(n: NetworksOutcome, compressed: readonly CompressionOutcome[]): Claim[] {
  const on = `trained on ${count(n.trainDigits)} digits, the tutorial on 60,000`;
  const fineTuning = `fine-tuning (${n.fineTuneEpochs} epoch${n.fineTuneEpochs === 1 ? '' : 's'}; the tutorial: ${tutorialClaim('fineTuned').numbers.epochs!.value})`;
  const gap = n.ttAccuracy - n.denseAccuracy;
  const hiddenBias = product(n.outputModes);
  const measuredRatio = (n.denseHiddenParameters - hiddenBias) / (n.ttHiddenParameters - hiddenBias);
  const exactRatio =
    (product(n.inputModes) * product(n.outputModes)) / ttMatrixWeights(n.inputModes, n.outputModes, n.ttRanks);
  const tutorialRank4 = isTutorialLayer(n) && n.ttRanks.join() === '1,4,4,4,1';
  const out = [
    claim({
      id: 'tt-net-accuracy',
      text: `the network with a TT hidden layer (ranks ${n.ttRanks.join(',')}) reaches within 3 points of the tutorial's test accuracy (${on})`,
      reference: tutorial('ttNet', 'accuracy'),
      ours: n.ttAccuracy,
      unit: '%',
      test: { op: 'within', target: tutorialClaim('ttNet').numbers.accuracy!.value, tolerance: 3 },
      detail: `TT network ${percent(n.ttAccuracy)}, dense ${percent(n.denseAccuracy)}`,
    }),
    claim({
      id: 'tt-vs-dense-accuracy',
      text: 'the TT network is at most 3 points less accurate than the dense network of the same shape (TT minus dense)',
      reference: null,
      ours: gap,
      unit: 'points',
      test: { op: '>=', bound: -3 },
      detail: `TT ${percent(n.ttAccuracy)} vs dense ${percent(n.denseAccuracy)} (tutorial: 96.38 % vs 97.14 %)`,
    }),
    claim({
      id: 'tt-layer-compression',
      text: 'the TT hidden layer compresses the dense weight matrix by the closed-form ratio ∏m·∏n / Σ r_{k−1}·m_k·n_k·r_k',
      reference: tutorialRank4
        ? tutorial('ttLayerParameters', 'weightCompression')
        : { kind: 'ours-exact', value: exactRatio, source: 'closed form from the modes and TT-ranks' },
      ours: measuredRatio,
      unit: 'x',
      test: tutorialRank4
        ? { op: 'within', target: tutorialClaim('ttLayerParameters').numbers.weightCompression!.value, tolerance: 0.5 }
        : { op: 'within', target: exactRatio, tolerance: 1e-9, relative: true },
      detail: `weights ${count(n.denseHiddenParameters - hiddenBias)} vs ${count(n.ttHiddenParameters - hiddenBias)} (+ ${count(hiddenBias)} bias each); closed form ${exactRatio.toFixed(2)}x`,
    }),
  ];
  if (compressed.length === 0) return out;
  const worstBound = Math.max(...compressed.map((c) => c.relativeError / c.errorBound));
  const gains = compressed.map((c) => c.accuracyAfter - c.accuracyBefore);
  out.push(
    claim({
      id: 'tt-svd-error-bound',
      text: "TT-SVD's relative error stays within its bound from the discarded singular values at every rank (worst error / bound)",
      reference: null,
      ours: worstBound,
      unit: 'x',
      test: { op: '<=', bound: 1.001 },
      detail: compressed
        .map((c) => `r=${c.rank}: ${c.relativeError.toPrecision(3)} ≤ ${c.errorBound.toPrecision(3)}`)
        .join(', '),
    }),
    claim({
      id: 'fine-tuning-recovers',
      text: `${fineTuning} raises the accuracy of the TT-SVD-compressed network at every rank (smallest gain)`,
      reference: null,
      ours: Math.min(...gains),
      unit: 'points',
      test: { op: '>=', bound: 0 },
      detail: compressed
        .map((c) => `r=${c.rank}: ${percent(c.accuracyBefore)} → ${percent(c.accuracyAfter)}`)
        .join(', '),
    }),
  );
  const at = compressed.find((c) => c.rank === TUTORIAL_RANK);
  if (at === undefined) return out;
  if (isTutorialLayer(n)) {
    out.push(
      claim({
        id: 'compressed-parameters',
        text: `the network compressed by TT-SVD at rank ${TUTORIAL_RANK} has the tutorial's parameter count`,
        reference: tutorial('compressed', 'model'),
        ours: at.parameters,
        unit: '',
        test: { op: 'within', target: tutorialClaim('compressed').numbers.model!.value, tolerance: 0 },
        detail: `${count(at.parameters)} parameters`,
      }),
    );
  }
  out.push(
    claim({
      id: 'fine-tuned-accuracy',
      text: `the rank-${TUTORIAL_RANK} compressed network after ${fineTuning} reaches within 3 points of the tutorial's accuracy (${on})`,
      reference: tutorial('fineTuned', 'accuracy'),
      ours: at.accuracyAfter,
      unit: '%',
      test: { op: 'within', target: tutorialClaim('fineTuned').numbers.accuracy!.value, tolerance: 3 },
      detail: `${percent(at.accuracyBefore)} right after TT-SVD (tutorial 64.43 %), ${percent(at.accuracyAfter)} after fine-tuning`,
    }),
    claim({
      id: 'fine-tuned-vs-dense',
      text: `the rank-${TUTORIAL_RANK} compressed network after ${fineTuning} is at most 1 point less accurate than the dense network (fine-tuned minus dense)`,
      reference: null,
      ours: at.accuracyAfter - n.denseAccuracy,
      unit: 'points',
      test: { op: '>=', bound: -1 },
      detail: `${percent(at.accuracyAfter)} vs dense ${percent(n.denseAccuracy)} (tutorial: 97.65 % vs 97.14 %)`,
    }),
  );
  return out;
}
