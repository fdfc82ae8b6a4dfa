import type { Evaluation } from './evaluate.js';
import type { EpochRecord } from './train.js';
import type { Variant } from './variants.js';

/** What a variant's unit records (JSON). */
export interface VariantResult {
  readonly variant: Variant;
  readonly evaluation: Evaluation;
  /** PACT: test accuracy of the relaxed training-mode output; null otherwise. */
  readonly relaxedAccuracy: number | null;
  readonly epochs: readonly EpochRecord[];
  readonly msPerStep: number;
}

/** The plain network's result. */
export function plainOf(results: readonly VariantResult[]): VariantResult {
  return results.find((r) => r.variant.name === 'plain')!;
}

/** The results of one variant family, by increasing τ. */
export function family(results: readonly VariantResult[], name: Variant['name']): VariantResult[] {
  return results.filter((r) => r.variant.name === name).sort((a, b) => a.variant.tau - b.variant.tau);
}

/**
 * The SACT model the ponder-map claims are judged on: of the SACT models within `drop` accuracy points of the
 * plain network, the one with the fewest FLOPs; if none is, the most accurate one (ties: fewer FLOPs). Chosen by
 * accuracy and FLOPs only, never by the ponder-map numbers. Undefined without SACT models.
 */
export function referenceSact(results: readonly VariantResult[], drop: number): VariantResult | undefined {
  const sact = family(results, 'SACT');
  if (sact.length === 0) return undefined;
  const plain = plainOf(results).evaluation.accuracy;
  const close = sact.filter((r) => 100 * (plain - r.evaluation.accuracy) <= drop);
  if (close.length === 0) {
    return sact.reduce((best, r) =>
      r.evaluation.accuracy > best.evaluation.accuracy ||
      (r.evaluation.accuracy === best.evaluation.accuracy && r.evaluation.mflops < best.evaluation.mflops)
        ? r
        : best,
    );
  }
  return close.reduce((best, r) => (r.evaluation.mflops < best.evaluation.mflops ? r : best));
}
