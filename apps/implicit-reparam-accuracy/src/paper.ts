/**
 * What the paper (Figurnov, Mohamed, Mnih, NeurIPS 2018, §3 and Table 1) reports for the gradient of Gamma and
 * von Mises samples: implicit reparameterization (automatic differentiation of the CDF, divided by the density)
 * against finite differences, by mean relative error against a high-precision reference and by time per
 * element. The project research notes (mc-gradients-implicit-spec.md §4.1) could not retrieve the table's
 * printed values, so only its conclusion is recorded here, with the related published accuracy statements the
 * notes do give (each with its source) as reference figures.
 */
export const PAPER = {
  /** Table 1's conclusion (abstract, §3): the implicit gradient is both more accurate and faster. */
  implicitMoreAccurate: 'implicit < finite differences (Table 1: lowest error)',
  implicitFaster: 'implicit < finite differences (Table 1: highest speed)',
  /**
   * Eigen / TensorFlow `RandomGammaGrad` (the implicit Gamma gradient TFP uses; research notes §3.2): mean
   * absolute error of dz/dα over α ∈ {1e-2 … 1e3}, 50 samples each, against mpmath.
   */
  eigenGammaMeanAbsError: { float32: 2.2e-6, float64: 1.5e-12 },
  /** PyTorch's piecewise approximation (Jankowiak & Obermeyer; PR #4369, #4421): worst relative error. */
  pytorchWorstRelativeError: { gamma: 5e-4, beta: 1e-3 },
} as const;
