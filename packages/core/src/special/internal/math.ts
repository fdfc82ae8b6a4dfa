/** Euler–Mascheroni constant γ = −ψ(1). */
export const EULER_GAMMA = 0.5772156649015329;
/** log √(2π). */
export const LOG_SQRT_2PI = 0.9189385332046728;
/** log π. */
export const LOG_PI = 1.1447298858494002;
/** √π. */
export const SQRT_PI = 1.772453850905516;
/** ln 2 − Math.LN2: with Math.LN2, ln 2 to about 2⁻¹⁰⁶ (for arguments that cancel against ln 2). */
export const LN2_LO = 2.3190468138462996e-17;

/**
 * Bernoulli numbers B₂, B₄, …, B₂₀ (exact rationals), the coefficients of the Stirling series of log Γ
 * and of the asymptotic series of ψ, ψ′ and ψ″ (DLMF 5.11.1, 5.15.8).
 */
export const BERNOULLI_EVEN = [
  1 / 6,
  -1 / 30,
  1 / 42,
  -1 / 30,
  5 / 66,
  -691 / 2730,
  7 / 6,
  -3617 / 510,
  43867 / 798,
  -174611 / 330,
] as const;

/**
 * sin(πx) with exact argument reduction (x mod 2 and the reflection r → 1 − r are exact in floating point),
 * so it is relatively accurate near every integer, where Math.sin(Math.PI * x) is not.
 */
export function sinPi(x: number): number {
  let r = x % 2;
  if (r > 1) r -= 2;
  else if (r < -1) r += 2;
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return Math.sin(Math.PI * r);
}

/** cot(πx) with exact argument reduction to [−½, ½]. */
export function cotPi(x: number): number {
  const r = x - Math.round(x);
  return Math.cos(Math.PI * r) / Math.sin(Math.PI * r);
}

/**
 * log(1 + t) − t for t > −1, relatively accurate near 0 where the difference cancels. For |t| < ½ it sums
 * log(1 + t) − t = −u·t + 2u³ Σ u²ᵏ/(2k + 3) with u = t/(2 + t) (the atanh series of log1p); |u| ≤ ⅓, so
 * 16 terms reach 1e-17.
 */
export function log1pmx(t: number): number {
  if (Math.abs(t) >= 0.5) return Math.log1p(t) - t;
  const u = t / (2 + t);
  const u2 = u * u;
  let sum = 0;
  for (let k = 15; k >= 0; k--) sum = sum * u2 + 1 / (2 * k + 3);
  return -u * t + 2 * u * u2 * sum;
}
