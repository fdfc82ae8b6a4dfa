import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

/** The parameter values of one distribution: `"all"` of the reference fixture's grid, or a list of its values. */
const gridSchema = z.union([z.literal('all'), z.array(positiveNumber()).min(1)]);

/** Schema of the accuracy experiment's configs (configs/*.json). */
export const accuracyConfigSchema = z.strictObject({
  /** Gamma(α, 1): the α values (each must be one of fixtures/reference.json, to float32 precision). */
  gamma: gridSchema,
  /** Beta(a, b) via two Gammas: the a values (every b of the fixture is used with each). */
  beta: gridSchema,
  /** von Mises(0, κ): the κ values. */
  vonMises: gridSchema,
  /** Finite differences of the numerical inverse CDF: central, step h = relativeStep·θ. */
  finiteDifference: z.strictObject({ relativeStep: positiveNumber() }),
  /** Time per sample: a batch of `samples` points (the distribution's points, cycled), median of `repeats`. */
  timing: z.strictObject({ samples: positiveInt(), repeats: positiveInt() }),
});

/** Configuration of the accuracy experiment. */
export type AccuracyConfig = z.infer<typeof accuracyConfigSchema>;
