/**
 * The thresholds the claims test. The paper's PSNRs are on CelebA 128 × 128 with a convolutional net and other
 * masks, not on MNIST, and not available offline; the research notes (papers-spec.md §1.7 items 3-4) state the
 * claims without numbers, so these thresholds are this app's and no claim carries a `paper` reference.
 */
export const THRESHOLDS = {
  /** A single completion's masked-region PSNR above mean fill's by more than this (dB), on each evaluation mask. */
  psnrGainDb: 0,
  /** Mean std across the completions over the masked bottom halves (pixel units, 0-1). */
  spreadAtLeast: 0.02,
  /** Toy: the conditions x1 = c with |c| ≥ this are tested (the modes ±c far enough apart to be told apart). */
  toyMinCondition: 1.5,
  /** Toy: each mode holds at least this share of the samples... */
  toyModeAtLeast: 0.2,
  /** ...and at most this share falls between the modes (|x2| < |c|/2). */
  toyBetweenAtMost: 0.2,
} as const;

/**
 * What the paper says for each claim, as prose for the printed table: Ivanov, Figurnov, Vetrov, "Variational
 * Autoencoder with Arbitrary Conditioning" (ICLR 2019, arXiv 1806.02382), as the research notes §1.4-1.7 record it.
 */
export const PAPER_SAYS = {
  psnr: 'inpainting PSNR comparable to or better than specialized methods (CelebA); the notes: better than mean fill',
  diverse: 'diverse samples for one masked image (figures)',
  toy: 'VAEAC models the full conditional distribution, not a regression to the mean (notes §1.7 item 4)',
} as const;
