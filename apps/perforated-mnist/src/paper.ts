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

/** The ids of the app's claims about the paper (src/claims.ts). */
export type PaperClaimId =
  | 'base-accuracy'
  | 'ranking'
  | 'impact-at-2x'
  | 'greedy-speedup'
  | 'greedy-error'
  | 'measured-below-theoretical'
  | 'measured-gap-grows'
  | 'fine-tuning';

/** One number (or range) of the paper. */
export interface PaperNumber {
  readonly what: string;
  /** A value or a [low, high] range. */
  readonly value: number | readonly [number, number];
  readonly unit: 'x' | 'points (top-5 error, %)';
  readonly provenance: Provenance;
  /** Where the paper states it. */
  readonly source: string;
}

/** A claim of the PerforatedCNNs paper, machine-readable. */
export interface PaperClaim {
  readonly id: PaperClaimId;
  /** What the paper reports, in words. */
  readonly paper: string;
  /** Where the statement and where the claim's threshold (its test in src/claims.ts) come from. */
  readonly provenance: { readonly statement: Provenance; readonly threshold: Provenance };
  /**
   * The paper's numbers behind the claim (on its networks: NIN/CIFAR-10, AlexNet and VGG-16/ImageNet, top-5
   * error), each with its provenance; null where the paper gives none for it. Only numbers of provenance
   * `paper` become a claim's reference.
   */
  readonly numbers: readonly PaperNumber[] | null;
}

/**
 * Figurnov, Ibraimova, Vetrov, Kohli, "PerforatedCNNs: Acceleration through Elimination of Redundant
 * Convolutions" (NIPS 2016, arXiv 1504.08362), as the research notes §3.4-3.5 record it, with §3.5's
 * CPU-scale thresholds.
 */
export const PAPER: readonly PaperClaim[] = [
  {
    id: 'base-accuracy',
    paper: 'not in the paper (MNIST is not among its datasets); the notes ask for a test accuracy ≥ 98.5 %',
    provenance: { statement: 'research notes §3.5', threshold: 'research notes §3.5' },
    numbers: null,
  },
  {
    id: 'ranking',
    paper:
      'impact gives the smallest increase, pooling structure is strong before overlapping pooling, grid beats ' +
      'uniform (notes: impact ≤ pooling ≤ grid ≤ uniform on average)',
    provenance: { statement: 'paper', threshold: 'research notes §3.5' },
    numbers: null,
  },
  {
    id: 'impact-at-2x',
    paper: 'not a number of the paper; the notes: error increase ≤ 1.0 point (MNIST is redundant)',
    provenance: { statement: 'research notes §3.5', threshold: 'research notes §3.5' },
    numbers: null,
  },
  {
    id: 'greedy-speedup',
    paper: 'AlexNet and VGG-16 accelerated 2×-4× (empirical, whole network); notes: ≥ 1.5× measured conv speedup',
    provenance: { statement: 'paper', threshold: 'research notes §3.5' },
    numbers: [
      {
        what: 'empirical whole-network speedup, AlexNet and VGG-16',
        value: [2, 4],
        unit: 'x',
        provenance: 'paper',
        source: 'abstract: 2×-4× empirical acceleration of AlexNet and VGG',
      },
    ],
  },
  {
    id: 'greedy-error',
    paper:
      'at about 2× the top-5 error rises by a few points before and 1-2 points after fine-tuning (recalled); ' +
      'notes: ≤ 1 point after fine-tuning',
    provenance: { statement: 'paper, recalled (notes §3.4)', threshold: 'research notes §3.5' },
    numbers: [
      {
        what: 'top-5 error increase after fine-tuning at about 2× (whole network)',
        value: [1, 2],
        unit: 'points (top-5 error, %)',
        provenance: 'paper, recalled (notes §3.4)',
        source: 'research notes §3.4',
      },
      {
        what: 'VGG-16 top-5 error increase after fine-tuning at 4×',
        value: [2, 3],
        unit: 'points (top-5 error, %)',
        provenance: 'paper, recalled (notes §3.4)',
        source: 'research notes §3.4',
      },
    ],
  },
  {
    id: 'measured-below-theoretical',
    paper: 'empirical speedups are lower than theoretical ones (im2row gather, interpolation, other layers)',
    provenance: { statement: 'paper', threshold: 'research notes §3.5' },
    numbers: null,
  },
  {
    id: 'measured-gap-grows',
    paper: 'not in the paper as such; the notes: the gap to the theoretical speedup grows at high rates (overheads)',
    provenance: { statement: 'research notes §3.5', threshold: 'research notes §3.5' },
    numbers: null,
  },
  {
    id: 'fine-tuning',
    paper: 'fine-tuning recovers most of the error increase (this app: to ≤ half)',
    provenance: { statement: 'paper', threshold: 'this app: the notes give no number' },
    numbers: null,
  },
];

/** The claim with `id`. */
export function paperClaim(id: PaperClaimId): PaperClaim {
  return PAPER.find((c) => c.id === id)!;
}
