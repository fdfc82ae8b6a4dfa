/**
 * The authors' published evaluations of SACT ResNets (mfigurnov/sact README, pretrained models), machine-readable.
 * The full networks' FLOPs (`fullMflopsDerived`, `fullGflopsDerived`) are the research notes' derivation
 * (papers-spec.md §2.4: 2 × multiply-adds), not numbers the README states.
 */
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

/**
 * The thresholds of the research notes' "counts as reproducing" (papers-spec.md §2.6) that the claims test. The
 * papers state no number for these on MNIST: they are the notes' CPU-scale criteria, so no claim carries a
 * `paper` reference.
 */
export const THRESHOLDS = {
  /** SACT saves at least this share of the plain network's FLOPs (%)... */
  savingPercent: 30,
  /** ...losing at most this many accuracy points. */
  dropPoints: 1,
  /** Reference SACT's ponder map: mean on digit ink / mean on background. */
  digitToBackground: 1.2,
  /** Reference SACT's per-image ROC-AUC of the ponder map as a detector of ink pixels. */
  auc: 0.7,
  /** PACT: |thresholded − relaxed| test accuracy, points. */
  pactPoints: 0.5,
} as const;

const { cifar10: c, imagenet: i } = PUBLISHED;

/**
 * What the papers report for each claim, as prose for the printed table (Figurnov et al., "Spatially Adaptive
 * Computation Time for Residual Networks", CVPR 2017; Figurnov, Sobolev, Vetrov, "Probabilistic Adaptive
 * Computation Time", 2017; the authors' README), as the research notes §2.4-2.6 record them.
 */
export const PAPER_SAYS = {
  saving:
    `mfigurnov/sact README: CIFAR-10 ${c.network}, τ = ${c.tau}: ${c.accuracy} % at ${c.mflops} ± ${c.mflopsStd} ` +
    `MFLOPs/img (about ${Math.round((100 * c.mflops) / c.fullMflopsDerived)} % of the full net's ~${c.fullMflopsDerived}, derived); ` +
    `ImageNet ${i.network}, τ = ${i.tau}: ${i.top1} % top-1 at ${i.gflops} GFLOPs/img (about ` +
    `${Math.round((100 * i.gflops) / i.fullGflopsDerived)} % of ~${i.fullGflopsDerived}, derived)`,
  monotone: 'SACT paper: τ traces the trade-off curve (swept about 0.001-0.1)',
  onDigit: 'SACT paper: ponder maps concentrate on objects and correlate with human eye fixations (cat2000)',
  boxMass: 'SACT paper: more computation on the object than on the background (figures)',
  actFlat: 'SACT paper: ACT halts per image, SACT per position',
  difficulty: 'SACT paper: the amount of computation adapts to the image (not quantified for CIFAR)',
  pactThreshold: 'PACT paper: matches ACT’s trade-off with deterministic thresholding at test time',
  time: 'the papers compare counted FLOPs; measured time is this app’s own question (the notes give no number)',
} as const;
