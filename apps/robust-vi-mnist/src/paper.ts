/**
 * Where a claim comes from: the paper's text (abstract, introduction, the experiments as the research notes
 * summarise them; its numbers are only in a figure, Fig. 2, not available offline), or the project's research
 * notes (/work/shared/research/papers-spec.md §4.3 "counts as reproducing"), which set the numeric thresholds, or
 * this app where the notes ask for a "visible fraction" without a number.
 */
export type Provenance = 'paper' | 'research notes §4.3' | 'this app: the notes give no number';

/** The ids of the app's claims about the paper (src/claims.ts). */
export type PaperClaimId =
  | 'noisy-gap'
  | 'gap-grows'
  | 'clean-gap'
  | 'weights-clean'
  | 'weights-noise'
  | 'weight-auc'
  | 'samples-robust'
  | 'samples-vae';

/** A claim of the robust-VI paper about its MNIST experiment, machine-readable. */
export interface PaperClaim {
  readonly id: PaperClaimId;
  /** What the paper reports, in words (qualitative: its numbers are in a figure). */
  readonly paper: string;
  /** Where the statement and where the claim's threshold (its test in src/claims.ts) come from. */
  readonly provenance: { readonly statement: Provenance; readonly threshold: Provenance };
  /**
   * The paper's number for this claim: none is available offline (Fig. 2 only), so every entry is null and no
   * claim of the app has a 'paper' reference.
   */
  readonly number: null;
}

/**
 * Figurnov, Struminsky, Vetrov, "Robust Variational Inference" (arXiv 1611.09226, NIPS 2016 Bayesian deep
 * learning workshop), MNIST with constant mean-intensity noise objects, as the research notes §4.2-4.3 record it.
 */
export const PAPER: readonly PaperClaim[] = [
  {
    id: 'noisy-gap',
    paper: 'the robust VAE beats the VAE on the noisy datasets (notes: by ≥ 2 nats at 1:1 and 1:2)',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    number: null,
  },
  {
    id: 'gap-grows',
    paper: 'the advantage grows with the fraction of noise',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    number: null,
  },
  {
    id: 'clean-gap',
    paper: 'on clean data the robust VAE is slightly better ("small improvement"; notes: |gap| ≤ 1 nat)',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    number: null,
  },
  {
    id: 'weights-clean',
    paper: 'objects with p(x) ≫ α are kept: weight → 1 (notes: ≥ 0.9 on clean objects)',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    number: null,
  },
  {
    id: 'weights-noise',
    paper: 'objects with p(x) ≪ α are ignored: weight → 0 (notes: ≤ 0.1 on noise objects)',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    number: null,
  },
  {
    id: 'weight-auc',
    paper: 'not stated in the paper; the research notes ask for a near-perfect separation (AUC ≥ 0.99)',
    provenance: { statement: 'research notes §4.3', threshold: 'research notes §4.3' },
    number: null,
  },
  {
    id: 'samples-robust',
    paper: 'not stated as such in the text available offline; the notes ask to look at the samples (≤ 5 %: this app)',
    provenance: { statement: 'research notes §4.3', threshold: 'this app: the notes give no number' },
    number: null,
  },
  {
    id: 'samples-vae',
    paper: 'not stated as such in the text available offline; the notes ask to look at the samples (> 5 %: this app)',
    provenance: { statement: 'research notes §4.3', threshold: 'this app: the notes give no number' },
    number: null,
  },
];

/** The claim with `id`. */
export function paperClaim(id: PaperClaimId): PaperClaim {
  return PAPER.find((c) => c.id === id)!;
}
