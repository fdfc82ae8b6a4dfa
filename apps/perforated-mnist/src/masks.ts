import { foldIn, type Seed } from '@proj/core';
import { gridMask, impactMask, type PerforationMask, poolingStructureMask, uniformMask } from '@proj/perforated-cnn';
import type { Strategy } from './config.js';
import type { ConvLayer } from './network.js';

/** What the impact strategies need: the base network's impacts and the impacts of a perforated layer. */
export interface ImpactSource {
  /** Impacts of the unperforated layer (computed once). */
  readonly base: Float32Array;
  /** Impacts of the layer perforated by `mask` (−1 at skipped positions). */
  readonly perforated: (mask: PerforationMask) => Float32Array;
}

/** The keep fractions of the iterative impact towards `keep`: keep^(s/steps) for s = 1..steps. */
export function iterativeKeeps(keep: number, steps: number): number[] {
  return Array.from({ length: steps }, (_, s) => keep ** ((s + 1) / steps));
}

/** Whether `strategy` applies to `layer`: the pooling-structure mask needs a pooling layer after the conv. */
export function applies(strategy: Strategy, layer: Pick<ConvLayer, 'pool'>): boolean {
  return strategy !== 'pooling' || layer.pool !== null;
}

/**
 * The masks of `strategy` at `keep` for conv layer `layer`: `repeats` uniform masks, or one grid, pooling-structure
 * (the layer's following `same` max-pool), impact (top impacts of the unperforated net) or iterative-impact mask
 * (`steps` impact masks of shrinking keep fractions, each from the impacts of the net perforated by the previous).
 * Seeds from `seed`, the layer, the strategy, the keep fraction and the repeat.
 */
export function layerMasks(
  strategy: Strategy,
  layer: ConvLayer,
  keep: number,
  options: { readonly seed: Seed; readonly repeats: number; readonly steps: number; readonly impact: ImpactSource },
): PerforationMask[] {
  const { outHeight: h, outWidth: w } = layer.geometry;
  const seedOf = (r: number) => foldIn(options.seed, `${layer.name}/${strategy}/${keep}/${r}`);
  switch (strategy) {
    case 'uniform':
      return Array.from({ length: options.repeats }, (_, r) => uniformMask(h, w, keep, seedOf(r)));
    case 'grid':
      return [gridMask(h, w, keep, seedOf(0))];
    case 'pooling': {
      const pool = layer.pool;
      if (pool === null) throw new Error(`layerMasks: ${layer.name} is not followed by a pooling layer`);
      return [poolingStructureMask(h, w, keep, { size: pool.size, stride: pool.stride, pad: 'same' }, seedOf(0))];
    }
    case 'impact':
      return [impactMask(options.impact.base, h, w, keep, seedOf(0))];
    case 'iterativeImpact': {
      let mask: PerforationMask | null = null;
      for (const k of iterativeKeeps(keep, options.steps)) {
        const impact: Float32Array = mask === null ? options.impact.base : options.impact.perforated(mask);
        mask = impactMask(impact, h, w, k, seedOf(0));
      }
      return [mask!];
    }
  }
}
