import type { Strategy } from './config.js';

/**
 * Where a claim or a number comes from: the paper (its abstract and text as the research notes §3.4 record them),
 * the research notes' recollection of the paper (`recall`: approximate, not re-verified offline), the research
 * notes' CPU-scale plan (/work/shared/research/papers-spec.md §3.5 "counts as reproducing", which sets the
 * thresholds), or this app where the notes give no number.
 */
export type Provenance =
  | 'paper'
  | 'paper, recalled (notes §3.4)'
  | 'research notes §3.5'
  | 'this app: the notes give no number';

/** What a claim asks of our numbers; errors in points (percent), speedups as ratios. */
export type Threshold =
  /** The base network's test error is at most `atMost` (fraction). */
  | { readonly kind: 'baseError'; readonly network: string; readonly atMost: number }
  /** Mean error increase over the layers followed by pooling and the keep fractions: in this order, ≤ each. */
  | { readonly kind: 'ranking'; readonly order: readonly Strategy[] }
  /** The test-error increase of `strategy` on `layer` at `keep` (theoretical speedup 1/keep), before fine-tuning. */
  | {
      readonly kind: 'errorAt';
      readonly network: string;
      readonly layer: string;
      readonly strategy: Strategy;
      readonly keep: number;
      readonly atMost: number;
    }
  /** The greedy point after fine-tuning: measured conv-layer speedup ≥ and test-error increase ≤. */
  | {
      readonly kind: 'greedy';
      readonly network: string;
      readonly speedupAtLeast: number;
      readonly increaseAtMost: number;
    }
  /** Every measured layer speedup below the theoretical one, the gap larger at the smallest keep than at the largest. */
  | { readonly kind: 'measuredBelowTheoretical' }
  /** Fine-tuning cuts the mean error increase of the fine-tuned points to at most `fraction` of it. */
  | { readonly kind: 'fineTuning'; readonly fraction: number };

/** A claim of the PerforatedCNNs paper, machine-readable. */
export interface PaperClaim {
  readonly id: 'baseAccuracy' | 'ranking' | 'impactAt2x' | 'greedy' | 'measuredBelowTheoretical' | 'fineTuning';
  readonly claim: string;
  /** What the paper reports, in words. */
  readonly paper: string;
  readonly provenance: { readonly statement: Provenance; readonly threshold: Provenance };
  readonly threshold: Threshold;
  /**
   * The paper's numbers behind the claim (on its networks: NIN/CIFAR-10, AlexNet and VGG-16/ImageNet, top-5
   * error), each with its provenance; null where the paper gives none for it.
   */
  readonly numbers: readonly PaperNumber[] | null;
}

/** One number (or range) of the paper. */
export interface PaperNumber {
  readonly what: string;
  /** A value or a [low, high] range. */
  readonly value: number | readonly [number, number];
  readonly unit: 'x' | 'points (top-5 error, %)';
  readonly provenance: Provenance;
}

/**
 * Figurnov, Ibraimova, Vetrov, Kohli, "PerforatedCNNs: Acceleration through Elimination of Redundant
 * Convolutions" (NIPS 2016, arXiv 1504.08362), as the research notes §3.4-3.5 record it, with §3.5's
 * CPU-scale thresholds.
 */
export const PAPER: readonly PaperClaim[] = [
  {
    id: 'baseAccuracy',
    claim: 'the base LeNet-like network (3-4 epochs of Adam on 8,000 digits)',
    paper: 'not in the paper (MNIST is not among its datasets); the notes ask for a test accuracy ≥ 98.5 %',
    provenance: { statement: 'research notes §3.5', threshold: 'research notes §3.5' },
    threshold: { kind: 'baseError', network: 'lenet', atMost: 0.015 },
    numbers: null,
  },
  {
    id: 'ranking',
    claim: 'single-layer error increase at equal theoretical speedup, by mask (layers followed by 3×3/2 pooling)',
    paper:
      'impact gives the smallest increase, pooling structure is strong before overlapping pooling, grid beats uniform',
    provenance: { statement: 'paper', threshold: 'research notes §3.5' },
    threshold: { kind: 'ranking', order: ['impact', 'pooling', 'grid', 'uniform'] },
    numbers: null,
  },
  {
    id: 'impactAt2x',
    claim: 'conv2 of LeNet at 2× theoretical speedup (keep 1/2), impact mask, before fine-tuning',
    paper: 'not a number of the paper; the notes: error increase ≤ 1.0 point (MNIST is redundant)',
    provenance: { statement: 'research notes §3.5', threshold: 'research notes §3.5' },
    threshold: { kind: 'errorAt', network: 'lenet', layer: 'conv2', strategy: 'impact', keep: 0.5, atMost: 1 },
    numbers: null,
  },
  {
    id: 'greedy',
    claim: 'greedy whole-network perforation of LeNet, then 1 epoch of fine-tuning',
    paper:
      'AlexNet and VGG-16 accelerated 2×-4× (empirical, whole network); at about 2× the top-5 error rises by a few ' +
      'points before and 1-2 points after fine-tuning (recalled); notes: ≥ 1.5× measured conv speedup at ≤ 1 point',
    provenance: { statement: 'paper', threshold: 'research notes §3.5' },
    threshold: { kind: 'greedy', network: 'lenet', speedupAtLeast: 1.5, increaseAtMost: 1 },
    numbers: [
      { what: 'empirical whole-network speedup, AlexNet and VGG-16', value: [2, 4], unit: 'x', provenance: 'paper' },
      {
        what: 'top-5 error increase after fine-tuning at about 2× (whole network)',
        value: [1, 2],
        unit: 'points (top-5 error, %)',
        provenance: 'paper, recalled (notes §3.4)',
      },
      {
        what: 'VGG-16 top-5 error increase after fine-tuning at 4×',
        value: [2, 3],
        unit: 'points (top-5 error, %)',
        provenance: 'paper, recalled (notes §3.4)',
      },
    ],
  },
  {
    id: 'measuredBelowTheoretical',
    claim: 'measured (wall-time) against theoretical (multiply-add) speedup of a perforated layer',
    paper: 'empirical speedups are lower than theoretical ones (im2row gather, interpolation, other layers)',
    provenance: { statement: 'paper', threshold: 'research notes §3.5' },
    threshold: { kind: 'measuredBelowTheoretical' },
    numbers: null,
  },
  {
    id: 'fineTuning',
    claim: 'fine-tuning through the perforated layer (the single-layer points fine-tuned)',
    paper: 'fine-tuning recovers most of the error increase',
    provenance: { statement: 'paper', threshold: 'this app: the notes give no number' },
    threshold: { kind: 'fineTuning', fraction: 0.5 },
    numbers: null,
  },
];

/** The claim with `id`. */
export function paperClaim(id: PaperClaim['id']): PaperClaim {
  return PAPER.find((c) => c.id === id)!;
}
