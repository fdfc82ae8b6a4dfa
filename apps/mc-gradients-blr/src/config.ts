import type { EstimatorName } from '@proj/mc-gradients';
import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });
const intAtLeast2 = () => z.int(must('an integer ≥ 2')).min(2, must('an integer ≥ 2'));

/** One training run: an estimator, with or without the delta-method control variate. */
const runSchema = z
  .strictObject({
    /** Legend label; unique. */
    label: z.string(),
    estimator: z.enum(['scoreFunction', 'pathwise', 'measureValued'] satisfies EstimatorName[]),
    controlVariate: z.enum(['none', 'delta']),
    /** Measure-valued only: common random numbers (default true). */
    coupling: z.boolean().exactOptional(),
  })
  .refine((r) => r.coupling === undefined || r.estimator === 'measureValued', {
    error: 'must be left out except with measureValued',
    path: ['coupling'],
  });

/** Schema of the Bayesian logistic regression case study's configs (configs/*.json). */
export const blrConfigSchema = z.strictObject({
  runs: z
    .array(runSchema)
    .min(1)
    .superRefine((runs, context) => {
      const seen = new Set<string>();
      runs.forEach((r, i) => {
        if (seen.has(r.label)) {
          context.addIssue({ code: 'custom', message: 'must be unique', path: [i, 'label'], input: r.label });
        }
        seen.add(r.label);
      });
    }),
  /** SGD steps; the learning rate decays as lr·cos(π/2 · step/steps). */
  steps: positiveInt(),
  learningRate: positiveNumber(),
  /** Rows per mini-batch (shuffled every epoch, repeated). */
  batchSize: positiveInt(),
  /** Posterior draws per gradient estimate. */
  numSamples: positiveInt(),
  /** Delta method: draws of the fresh batch β is estimated on, and an optional moving average of β. */
  controlVariate: z.strictObject({
    coefficientSamples: intAtLeast2(),
    decay: z
      .number(must('null or in [0, 1)'))
      .min(0, must('null or in [0, 1)'))
      .lt(1, must('null or in [0, 1)'))
      .nullable(),
  }),
  /**
   * Every `every` steps (and at the last): the ELBO and accuracy on all rows with `elboSamples` posterior
   * draws, and the per-dimension variance of `varianceSamples` single-sample gradient estimates on the
   * step's batch.
   */
  evaluation: z.strictObject({ every: positiveInt(), elboSamples: positiveInt(), varianceSamples: intAtLeast2() }),
});

/** Configuration of the Bayesian logistic regression case study. */
export type BlrConfig = z.infer<typeof blrConfigSchema>;

/** One training run of the config. */
export type RunConfig = z.infer<typeof runSchema>;
