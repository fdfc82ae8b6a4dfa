/** The cost functions of the MC-gradient survey's Section 3 (Mohamed et al. 2020, Figures 2–3). */
export const COST_NAMES = ['square', 'exp', 'cos'] as const;
export type CostName = (typeof COST_NAMES)[number];

/** How the survey writes each cost. */
export const COST_FORMULAS: Readonly<Record<CostName, string>> = {
  square: '(x − k)²',
  exp: 'exp(−k·x²)',
  cos: 'cos(k·x)',
};

/**
 * [∂μ E f, ∂σ E f] under N(μ, σ²) in closed form (the values of apps/mc-gradients-variance's costs.ts): what every
 * unbiased estimator's mean approaches. O(1).
 */
export function exactGradient(cost: CostName, k: number, mu: number, sigma: number): [number, number] {
  if (cost === 'square') return [2 * (mu - k), 2 * sigma];
  if (cost === 'exp') {
    // With a = 1 + 2kσ²: E f = a^(−1/2) exp(−kμ²/a).
    const a = 1 + 2 * k * sigma ** 2;
    const expectation = a ** -0.5 * Math.exp((-k * mu ** 2) / a);
    return [((-2 * k * mu) / a) * expectation, expectation * 4 * k * sigma * (-1 / (2 * a) + (k * mu ** 2) / a ** 2)];
  }
  const damping = Math.exp((-(k ** 2) * sigma ** 2) / 2);
  return [-k * Math.sin(k * mu) * damping, -(k ** 2) * sigma * Math.cos(k * mu) * damping];
}
