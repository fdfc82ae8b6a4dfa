/**
 * Where a claim comes from: the paper's text (abstract, introduction, the experiments as the research notes
 * summarise them; its numbers are only in a figure, Fig. 2, not available offline), or the project's research
 * notes (/work/shared/research/papers-spec.md §4.3 "counts as reproducing"), which set the numeric thresholds, or
 * this app where the notes ask for a "visible fraction" without a number.
 */
export type Provenance = 'paper' | 'research notes §4.3' | 'this app: the notes give no number';

/** What a claim asks of our numbers. `ratios` are clean:noise labels as in the configs. */
export type Threshold =
  /** robust − VAE clean-test log-likelihood ≥ `nats` at each ratio. */
  | { readonly kind: 'gapAtLeast'; readonly ratios: readonly string[]; readonly nats: number }
  /** |robust − VAE| ≤ `nats` at each ratio. */
  | { readonly kind: 'gapWithin'; readonly ratios: readonly string[]; readonly nats: number }
  /** The gap does not decrease as the noise fraction grows (over the noisy ratios of the run). */
  | { readonly kind: 'gapGrows' }
  /** The robust VAE's mean learned weight: ≥ `cleanAtLeast` on clean, ≤ `noiseAtMost` on noise training objects. */
  | { readonly kind: 'weights'; readonly cleanAtLeast: number; readonly noiseAtMost: number }
  /** AUC of the learned weight, clean (positive) vs noise training objects, ≥ `atLeast` at every noisy ratio. */
  | { readonly kind: 'weightAuc'; readonly atLeast: number }
  /** Prior samples: robust VAE noise-like fraction ≤ `robustAtMost`, VAE at 1:2 > `vaeAbove`. */
  | { readonly kind: 'samples'; readonly ratio: string; readonly robustAtMost: number; readonly vaeAbove: number };

/** A claim of the robust-VI paper about its MNIST experiment, machine-readable. */
export interface PaperClaim {
  readonly id: 'noisyGap' | 'gapGrows' | 'cleanGap' | 'weights' | 'weightAuc' | 'samples';
  readonly claim: string;
  /** What the paper reports (qualitative: its numbers are in a figure). */
  readonly paper: string;
  /** Where the statement and where the threshold come from. */
  readonly provenance: { readonly statement: Provenance; readonly threshold: Provenance };
  readonly threshold: Threshold;
  /** The paper's numbers for this claim: none are available offline (Fig. 2 only), so every entry is null. */
  readonly numbers: null;
}

/**
 * Figurnov, Struminsky, Vetrov, "Robust Variational Inference" (arXiv 1611.09226, NIPS 2016 Bayesian deep
 * learning workshop), MNIST with constant mean-intensity noise objects, as the research notes §4.2-4.3 record it.
 */
export const PAPER: readonly PaperClaim[] = [
  {
    id: 'noisyGap',
    claim: 'clean-test log-likelihood, robust VAE vs VAE, when half or most training objects are noise (1:1, 1:2)',
    paper: 'the robust VAE beats the VAE on the noisy datasets',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    threshold: { kind: 'gapAtLeast', ratios: ['1:1', '1:2'], nats: 2 },
    numbers: null,
  },
  {
    id: 'gapGrows',
    claim: 'the gap (robust − VAE) against the noise fraction',
    paper: 'the advantage grows with the fraction of noise',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    threshold: { kind: 'gapGrows' },
    numbers: null,
  },
  {
    id: 'cleanGap',
    claim: 'clean-test log-likelihood on the original clean data (1:0)',
    paper: 'the robust VAE is slightly better ("small improvement")',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    threshold: { kind: 'gapWithin', ratios: ['1:0'], nats: 1 },
    numbers: null,
  },
  {
    id: 'weights',
    claim: "the robust VAE's learned per-object weights sigmoid(log w − log α) on the training objects",
    paper: 'objects with p(x) ≪ α are ignored (weight → 0), objects with p(x) ≫ α kept (weight → 1)',
    provenance: { statement: 'paper', threshold: 'research notes §4.3' },
    threshold: { kind: 'weights', cleanAtLeast: 0.9, noiseAtMost: 0.1 },
    numbers: null,
  },
  {
    id: 'weightAuc',
    claim: 'the learned weight as a clean-vs-noise classifier of the training objects (AUC)',
    paper: 'not stated in the paper; the research notes ask for a near-perfect separation',
    provenance: { statement: 'research notes §4.3', threshold: 'research notes §4.3' },
    threshold: { kind: 'weightAuc', atLeast: 0.99 },
    numbers: null,
  },
  {
    id: 'samples',
    claim: 'prior samples: the robust VAE draws digits; the VAE trained with 1:2 noise draws some speckle noise',
    paper: 'not stated as such in the text available offline; the research notes ask to look at the samples',
    provenance: { statement: 'research notes §4.3', threshold: 'this app: the notes give no number' },
    threshold: { kind: 'samples', ratio: '1:2', robustAtMost: 0.05, vaeAbove: 0.05 },
    numbers: null,
  },
];

/** The claim with `id`. */
export function paperClaim(id: PaperClaim['id']): PaperClaim {
  return PAPER.find((c) => c.id === id)!;
}
