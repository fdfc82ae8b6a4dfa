import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';
import type { CostName } from './costs.js';
import type { EstimatorVariant } from './exact-variance.js';

const must = (what: string) => ({ error: `must be ${what}` });

/** A grid of k values: `points` values from `from` to `to`, evenly spaced on a linear or log scale. */
const kGridSchema = z
  .strictObject({
    from: z.number(),
    to: z.number(),
    points: positiveInt(),
    scale: z.enum(['linear', 'log']),
  })
  .refine((k) => k.from < k.to, { error: "must be greater than 'from'", path: ['to'] })
  .refine((k) => k.scale !== 'log' || k.from > 0, { error: 'must be > 0 on a log scale', path: ['from'] });

/** [low, high] with 0 < low < high: a y range of a log axis. */
const rangeSchema = z
  .tuple([positiveNumber(), positiveNumber()], must('[low, high] with 0 < low < high'))
  .refine(([low, high]) => low < high, must('[low, high] with 0 < low < high'));

/**
 * One figure: a cost, its k grid, and the y ranges of its two panels (the survey's; a panel's range is widened to
 * powers of ten around any value outside it, so that no curve is cut off).
 */
const figureSchema = z.strictObject({
  cost: z.enum(['square', 'exp', 'cos'] satisfies CostName[]),
  k: kGridSchema,
  yDomain: z.strictObject({ loc: rangeSchema, scale: rangeSchema }),
  /** The k values of the orderings table (the research notes' table rows). */
  tableK: z.array(z.number()),
});

/** An estimator as the survey plots it. */
const estimatorSchema: z.ZodType<EstimatorVariant> = z
  .strictObject({
    /** Legend label. */
    label: z.string(),
    /** The estimator of @proj/mc-gradients, by registry name. */
    estimator: z.enum(['scoreFunction', 'pathwise', 'measureValued']),
    /** Score function only: the optimal per-parameter baseline. */
    baseline: z.literal('optimal').exactOptional(),
    /** Measure-valued only: common random numbers for the two parts (default true). */
    coupling: z.boolean().exactOptional(),
  })
  .refine((v) => v.baseline === undefined || v.estimator === 'scoreFunction', {
    error: 'must be left out except with the score function',
    path: ['baseline'],
  })
  .refine((v) => v.coupling === undefined || v.estimator === 'measureValued', {
    error: 'must be left out except with the measure-valued estimator',
    path: ['coupling'],
  });

/** Schema of the variance experiment's configs (configs/*.json). */
export const varianceConfigSchema = z.strictObject({
  /** The measure N(μ, σ²); the survey uses μ = σ = 1. */
  mu: z.number(),
  sigma: positiveNumber(),
  figures: z.array(figureSchema).min(1),
  estimators: z.array(estimatorSchema).min(1),
  /** Monte Carlo: draws per estimate, and draws of the fresh batch of the optimal baseline. */
  monteCarlo: z.strictObject({
    numSamples: z.int(must('an integer ≥ 2')).min(2, must('an integer ≥ 2')),
    baselineSamples: positiveInt(),
  }),
  /** Quadrature: integrands cut off at ±limit standard deviations, relative tolerance. */
  quadrature: z.strictObject({ limit: positiveNumber(), relTol: positiveNumber() }),
});

/** Configuration of the variance experiment. */
export type VarianceConfig = z.infer<typeof varianceConfigSchema>;
/** One figure of the config. */
export type FigureConfig = z.infer<typeof figureSchema>;
/** A grid of k values. */
export type KGrid = z.infer<typeof kGridSchema>;

/** The k values of a grid. */
export function gridValues(grid: KGrid): number[] {
  if (grid.points === 1) return [grid.from];
  return Array.from({ length: grid.points }, (_, i) => {
    const t = i / (grid.points - 1);
    return grid.scale === 'linear'
      ? grid.from + t * (grid.to - grid.from)
      : Math.exp(Math.log(grid.from) + t * (Math.log(grid.to) - Math.log(grid.from)));
  });
}
