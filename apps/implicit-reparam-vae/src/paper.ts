/** A claim of the paper about its MNIST VAEs, as the project research notes record it. */
export interface PaperClaim {
  readonly id: 'vonMisesVsNormal' | 'implicitVariance' | 'implicitElbo' | 'torus';
  readonly claim: string;
  /** What the paper reports. */
  readonly paper: string;
  /**
   * The paper's numbers for this claim. The research notes (mc-gradients-implicit-spec.md §4.3, [mem]) hold no
   * verified numbers for the VAE experiments and ask to test relative orderings only, so every entry is null:
   * the app compares orderings, never absolute log-likelihoods (ours use 8,000 digits and a few epochs).
   */
  readonly numbers: null;
}

/**
 * Figurnov, Mohamed, Mnih, "Implicit Reparameterization Gradients" (NeurIPS 2018), §4 VAE experiments on MNIST,
 * as summarised by the research notes §4.3.
 */
export const PAPER: readonly PaperClaim[] = [
  {
    id: 'vonMisesVsNormal',
    claim: 'von Mises latents (uniform prior on the torus) vs Normal latents, d = 2: test log-likelihood',
    paper: 'von Mises competitive or better at low latent dimensions',
    numbers: null,
  },
  {
    id: 'implicitVariance',
    claim: 'gradient of the von Mises concentration: implicit vs score function, variance',
    paper: 'implicit reparameterization gradients have lower variance than the score function',
    numbers: null,
  },
  {
    id: 'implicitElbo',
    claim: 'von Mises VAE trained with implicit vs score-function gradients: test ELBO',
    paper: 'implicit gradients train better (higher ELBO)',
    numbers: null,
  },
  {
    id: 'torus',
    claim: 'the learned 2-D latent torus (test posterior means, coloured by digit)',
    paper: 'digit classes form separated regions on the torus (the paper figure)',
    numbers: null,
  },
];

/** The claim with `id`. */
export function paperClaim(id: PaperClaim['id']): PaperClaim {
  return PAPER.find((c) => c.id === id)!;
}
