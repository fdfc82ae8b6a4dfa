/**
 * What the paper (Figurnov, Mohamed, Mnih, NeurIPS 2018, §3 and Table 1) reports for the gradient of Gamma and
 * von Mises samples: implicit reparameterization (automatic differentiation of the CDF, divided by the density)
 * against finite differences, by mean relative error against a high-precision reference and by time per
 * element. The project research notes (mc-gradients-implicit-spec.md §4.1) could not retrieve the table's
 * printed values, so only its conclusion is recorded: no claim of this app has a 'paper' reference value.
 */
export const PAPER = {
  /** Table 1's conclusion (abstract, §3): the implicit gradient is both more accurate and faster. */
  implicitMoreAccurate: 'Table 1: implicit has the lowest error (implicit < finite differences)',
  implicitFaster: 'Table 1: implicit is the fastest (implicit < finite differences)',
} as const;

/**
 * Accuracy figures published with implementations of the implicit Gamma gradient (research notes §3.2, §6). They
 * are neither the paper's numbers nor ours, so they appear in the printed table only, each with its source.
 */
export const PUBLISHED = {
  /**
   * Eigen / TensorFlow `RandomGammaGrad` (the implicit Gamma gradient TFP uses): mean absolute error of dz/dα
   * over α ∈ {1e-2 … 1e3}, 50 samples each, against mpmath.
   */
  eigenGammaMeanAbsError: { float32: 2.2e-6, float64: 1.5e-12, source: 'Eigen RandomGammaGrad, as published' },
  /** PyTorch's piecewise approximation (Jankowiak & Obermeyer; PR #4369, #4421): worst relative error. */
  pytorchWorstRelativeError: { gamma: 5e-4, beta: 1e-3, source: 'PyTorch PR #4369 / #4421, as published' },
} as const;
