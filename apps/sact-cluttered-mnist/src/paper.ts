/**
 * Where a claim comes from: the SACT paper or the authors' README (mfigurnov/sact, pretrained-model evaluations),
 * the PACT paper, the project's research notes (/work/shared/research/papers-spec.md §2.6 "counts as
 * reproducing"), which set the numeric thresholds, or this app where the notes give no number.
 */
export type Provenance =
  | 'SACT paper (CVPR 2017)'
  | 'mfigurnov/sact README'
  | 'PACT paper'
  | 'research notes §2.6'
  | 'this app: the notes give no number';

/** The authors' published evaluations of SACT ResNets (mfigurnov/sact README), machine-readable. */
export const PUBLISHED = {
  cifar10: {
    network: 'ResNet-32 SACT',
    tau: 0.01,
    /** Test accuracy, %. */
    accuracy: 91.82,
    /** Mean and standard deviation of MFLOPs per image. */
    mflops: 82.4,
    mflopsStd: 7.6,
    /** The full ResNet-32, about 2 × 69 M multiply-adds (derived in the research notes, not printed). */
    fullMflopsDerived: 138,
  },
  imagenet: {
    network: 'ResNet-101 SACT',
    tau: 0.005,
    /** Top-1 and top-5 accuracy, %. */
    top1: 75.61,
    top5: 92.75,
    gflops: 11.1,
    gflopsStd: 0.46,
    /** The full ResNet-101, about 2 × 7.8 G multiply-adds (derived). */
    fullGflopsDerived: 15.6,
  },
} as const;

/** What a claim asks of our numbers. */
export type Threshold =
  /** Some SACT τ saves ≥ `saving` of the plain network's FLOPs at ≤ `drop` points of accuracy lost. */
  | { readonly kind: 'saving'; readonly saving: number; readonly drop: number }
  /** SACT's FLOPs strictly decrease as τ grows. */
  | { readonly kind: 'monotone' }
  /** The reference SACT's ponder map: mean on digit pixels / on background ≥ `ratio`, per-image ROC-AUC ≥ `auc`. */
  | { readonly kind: 'onDigit'; readonly ratio: number; readonly auc: number }
  /** The reference SACT's ponder mass inside the digit's box exceeds the box's share of the canvas. */
  | { readonly kind: 'boxMass' }
  /** Every ACT map is constant per image: per-image AUC 0.5 and box mass = box area (within `tolerance`). */
  | { readonly kind: 'actFlat'; readonly tolerance: number }
  /** The reference SACT's mean ponder cost per image correlates positively with 1 − confidence (Spearman > 0). */
  | { readonly kind: 'difficulty' }
  /** Every PACT: thresholded test accuracy within `points` of the relaxed training-mode output's. */
  | { readonly kind: 'pactThreshold'; readonly points: number };

/** A claim of the SACT or PACT paper, machine-readable. */
export interface PaperClaim {
  readonly id: 'saving' | 'monotone' | 'onDigit' | 'boxMass' | 'actFlat' | 'difficulty' | 'pactThreshold';
  readonly claim: string;
  /** What the paper reports. */
  readonly paper: string;
  readonly provenance: { readonly statement: Provenance; readonly threshold: Provenance };
  readonly threshold: Threshold;
  /** The published numbers behind the claim, where there are any. */
  readonly numbers: typeof PUBLISHED | null;
}

const { cifar10: c, imagenet: i } = PUBLISHED;

/**
 * Figurnov et al., "Spatially Adaptive Computation Time for Residual Networks" (CVPR 2017), and Figurnov,
 * Sobolev, Vetrov, "Probabilistic Adaptive Computation Time" (2017), as the research notes §2.4-2.6 record them.
 */
export const PAPER: readonly PaperClaim[] = [
  {
    id: 'saving',
    claim: 'SACT computes fewer FLOPs than the full ResNet at nearly its accuracy',
    paper:
      `CIFAR-10 ${c.network}, τ = ${c.tau}: ${c.accuracy} % at ${c.mflops} ± ${c.mflopsStd} MFLOPs/img (about ` +
      `${Math.round((100 * c.mflops) / c.fullMflopsDerived)} % of the full net's ~${c.fullMflopsDerived}); ImageNet ` +
      `${i.network}, τ = ${i.tau}: ${i.top1} % top-1 at ${i.gflops} GFLOPs/img (about ` +
      `${Math.round((100 * i.gflops) / i.fullGflopsDerived)} % of ~${i.fullGflopsDerived})`,
    provenance: { statement: 'mfigurnov/sact README', threshold: 'research notes §2.6' },
    threshold: { kind: 'saving', saving: 0.3, drop: 1 },
    numbers: PUBLISHED,
  },
  {
    id: 'monotone',
    claim: 'a larger ponder cost τ gives fewer FLOPs (the accuracy-FLOPs trade-off curve)',
    paper: 'τ traces the trade-off curve (swept about 0.001-0.1)',
    provenance: { statement: 'SACT paper (CVPR 2017)', threshold: 'research notes §2.6' },
    threshold: { kind: 'monotone' },
    numbers: null,
  },
  {
    id: 'onDigit',
    claim: "SACT's ponder-cost map concentrates on the object (the digit), not on the background and clutter",
    paper: 'ponder maps concentrate on objects and correlate with human eye fixations (cat2000, no saliency training)',
    provenance: { statement: 'SACT paper (CVPR 2017)', threshold: 'research notes §2.6' },
    threshold: { kind: 'onDigit', ratio: 1.2, auc: 0.7 },
    numbers: null,
  },
  {
    id: 'boxMass',
    claim: "the share of SACT's ponder mass inside the digit's box vs the box's share of the canvas",
    paper: 'more computation on the object than on the background (qualitative, figures)',
    provenance: { statement: 'SACT paper (CVPR 2017)', threshold: 'this app: the notes give no number' },
    threshold: { kind: 'boxMass' },
    numbers: null,
  },
  {
    id: 'actFlat',
    claim: "ACT's ponder cost is the same at every position of an image",
    paper: 'ACT halts per image; SACT per position',
    provenance: { statement: 'SACT paper (CVPR 2017)', threshold: 'research notes §2.6' },
    threshold: { kind: 'actFlat', tolerance: 1e-6 },
    numbers: null,
  },
  {
    id: 'difficulty',
    claim: 'harder images (low classifier confidence) get more computation',
    paper: 'the amount of computation adapts to the image (not quantified for CIFAR)',
    provenance: { statement: 'SACT paper (CVPR 2017)', threshold: 'research notes §2.6' },
    threshold: { kind: 'difficulty' },
    numbers: null,
  },
  {
    id: 'pactThreshold',
    claim: "PACT's deterministic test-time rule (halt at the first h > 0.5) keeps the relaxed model's accuracy",
    paper: 'PACT matches ACT’s speed/accuracy trade-off with deterministic thresholding at test time',
    provenance: { statement: 'PACT paper', threshold: 'research notes §2.6' },
    threshold: { kind: 'pactThreshold', points: 0.5 },
    numbers: null,
  },
];

/** The claim with `id`. */
export function paperClaim(id: PaperClaim['id']): PaperClaim {
  return PAPER.find((claim) => claim.id === id)!;
}
