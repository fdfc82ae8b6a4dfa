/** The ids of the app's claims about the paper (src/claims.ts). */
export type PaperClaimId = 'von-mises-vs-normal' | 'implicit-variance' | 'implicit-elbo' | 'torus-classes';

/** A claim of the paper about its MNIST VAEs, as the project research notes record it. */
export interface PaperClaim {
  readonly id: PaperClaimId;
  /** What the paper reports, in words. */
  readonly paper: string;
  /**
   * The paper's number for this claim. The research notes (mc-gradients-implicit-spec.md §4.3, [mem]) hold no
   * verified numbers for the VAE experiments and ask to test relative orderings only, so every entry is null:
   * the app's claims have no 'paper' reference and compare orderings, never absolute log-likelihoods.
   */
  readonly number: null;
}

/**
 * Figurnov, Mohamed, Mnih, "Implicit Reparameterization Gradients" (NeurIPS 2018), §4 VAE experiments on MNIST,
 * as summarised by the research notes §4.3.
 */
export const PAPER: readonly PaperClaim[] = [
  { id: 'von-mises-vs-normal', paper: 'von Mises competitive or better at low latent dimensions', number: null },
  {
    id: 'implicit-variance',
    paper: 'implicit reparameterization gradients have lower variance than the score function',
    number: null,
  },
  { id: 'implicit-elbo', paper: 'implicit gradients train better (higher ELBO)', number: null },
  {
    id: 'torus-classes',
    paper: 'digit classes form separated regions on the torus (the paper figure)',
    number: null,
  },
];

/** What the paper reports for the claim `id`. */
export function paperStatement(id: PaperClaimId): string {
  return PAPER.find((c) => c.id === id)!.paper;
}
