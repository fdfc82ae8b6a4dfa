/** Variables of the TT-cross demo and grid points per variable (x_k = i_k / (n − 1) in [0, 1]). */
export const CROSS_D = 10;
export const CROSS_N = 20;

/** The functions of 10 variables the second tab approximates. */
export const CROSS_FUNCTIONS = {
  'sin-sum': { formula: 'sin(x₁ + … + x₁₀)', value: (x: readonly number[]) => Math.sin(sum(x)) },
  hilbert: { formula: '1 / (1 + x₁ + … + x₁₀)', value: (x: readonly number[]) => 1 / (1 + sum(x)) },
  norm: { formula: '√(1 + x₁² + … + x₁₀²)', value: (x: readonly number[]) => Math.sqrt(1 + sum(x.map((v) => v * v))) },
} as const;
export type CrossFunctionName = keyof typeof CROSS_FUNCTIONS;

function sum(x: readonly number[]): number {
  return x.reduce((a, b) => a + b, 0);
}
