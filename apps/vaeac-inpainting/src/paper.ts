/**
 * Where a claim comes from: the paper's text (abstract, §5.2 and Figures, as the project's research notes
 * record it), the notes' CPU-scale plan (/work/shared/research/papers-spec.md §1.7 items 3-4), or this app where
 * the notes give no number.
 */
export type Provenance = 'paper' | 'research notes §1.7' | 'this app: the notes give no number';

/** What a claim asks of our numbers. */
export type Threshold =
  /** VAEAC's single-completion masked-region PSNR above mean fill's by ≥ `db` on every evaluation mask. */
  | { readonly kind: 'psnrAboveMeanFill'; readonly db: number }
  /** Mean std across completions over the masked pixels of the bottom-half grid ≥ `atLeast` (pixel units). */
  | { readonly kind: 'spreadAtLeast'; readonly atLeast: number }
  /**
   * Toy: at every condition with |x1| ≥ `minCondition`, each mode holds ≥ `modeAtLeast` of the samples and at
   * most `betweenAtMost` fall between the modes (|x2| < |x1|/2).
   */
  | {
      readonly kind: 'bimodal';
      readonly minCondition: number;
      readonly modeAtLeast: number;
      readonly betweenAtMost: number;
    };

/** A claim of the VAEAC paper about inpainting and conditional sampling, machine-readable. */
export interface PaperClaim {
  readonly id: 'psnr' | 'diverseCompletions' | 'toyBimodal';
  readonly claim: string;
  readonly paper: string;
  readonly provenance: { readonly statement: Provenance; readonly threshold: Provenance };
  readonly threshold: Threshold;
  /**
   * The paper's numbers for this claim: its PSNRs are on CelebA 128 × 128 with a convolutional net (GFC and
   * SIIDGM masks), not on MNIST, and not available offline, so every entry is null.
   */
  readonly numbers: null;
}

/**
 * Ivanov, Figurnov, Vetrov, "Variational Autoencoder with Arbitrary Conditioning" (ICLR 2019, arXiv 1806.02382),
 * image inpainting and the multimodality of its conditional samples, as the research notes §1.4-1.7 record it.
 */
export const PAPER: readonly PaperClaim[] = [
  {
    id: 'psnr',
    claim: 'masked-region PSNR of a single VAEAC completion vs filling with the mean training digit',
    paper:
      'inpainting PSNR comparable to or better than specialized methods (CelebA); the notes: better than mean fill',
    provenance: { statement: 'research notes §1.7', threshold: 'this app: the notes give no number' },
    threshold: { kind: 'psnrAboveMeanFill', db: 0 },
    numbers: null,
  },
  {
    id: 'diverseCompletions',
    claim: 'several completions of a digit with its bottom half masked differ (e.g. a 3 completed as 3, 5, 8)',
    paper: 'diverse samples for one masked image (figures)',
    provenance: { statement: 'paper', threshold: 'this app: the notes give no number' },
    threshold: { kind: 'spreadAtLeast', atLeast: 0.02 },
    numbers: null,
  },
  {
    id: 'toyBimodal',
    claim: 'bimodal 2-D toy (x2 = ±x1 + noise): samples of x2 | x1 fall on both modes, not on the conditional mean 0',
    paper: 'VAEAC models the full conditional distribution, not a regression to the mean',
    provenance: { statement: 'research notes §1.7', threshold: 'this app: the notes give no number' },
    threshold: { kind: 'bimodal', minCondition: 1.5, modeAtLeast: 0.2, betweenAtMost: 0.2 },
    numbers: null,
  },
];

/** The claim with `id`. */
export function paperClaim(id: PaperClaim['id']): PaperClaim {
  return PAPER.find((c) => c.id === id)!;
}
