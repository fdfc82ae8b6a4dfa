import { nonNegativeNumber, positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });
const count = (max: number) =>
  z
    .int(must(`an integer in [1, ${max}]`))
    .min(1, must(`an integer in [1, ${max}]`))
    .max(max, must(`an integer in [1, ${max}]`));
const finite = () => z.number().refine(Number.isFinite, must('a finite number'));

/** The masks of the evaluation (1 = pixel to inpaint). */
export const EVALUATION_MASKS = ['rectangle', 'half', 'pixel'] as const;
export type EvaluationMask = (typeof EVALUATION_MASKS)[number];

/** Schema of the VAEAC inpainting experiment's configs (configs/*.json). */
export const inpaintingConfigSchema = z.strictObject({
  mnist: z.strictObject({
    /** The first `train` digits of @proj/mnist's fixed training split and the first `test` of its test split. */
    data: z.strictObject({ train: count(8000), test: count(2000) }),
    /** `@proj/vaeac`'s image VAEAC. */
    model: z.strictObject({
      /**
       * `fitImages`'s `network`: 'mlp' (the default when absent) or 'conv' (the tiny conv net, `hidden` channels;
       * `depth` is the MLP's and unused by it).
       */
      network: z.enum(['mlp', 'conv'], must("'mlp' or 'conv'")).optional(),
      latentDim: positiveInt(),
      /** MLP width, or conv channels. */
      hidden: positiveInt(),
      depth: positiveInt(),
      likelihood: z.enum(['gaussian', 'bernoulli'], must("'gaussian' or 'bernoulli'")),
    }),
    training: z.strictObject({
      epochs: positiveInt(),
      batchSize: positiveInt(),
      learningRate: positiveNumber(),
      /**
       * Weights of the training mask mixture (`imageMaskMixture`): random rectangles (area 30-100 %), one of four
       * half images, random patterns, 50 % pixel MCAR.
       */
      masks: z
        .strictObject({
          rectangle: nonNegativeNumber(),
          half: nonNegativeNumber(),
          pattern: nonNegativeNumber(),
          pixel: nonNegativeNumber(),
        })
        .refine((w) => w.rectangle + w.half + w.pattern + w.pixel > 0, must('weights with a positive sum')),
    }),
    evaluation: z.strictObject({
      /** Completions per masked test digit (z from the prior network). */
      samples: z
        .int(must('an integer in [2, 64]'))
        .min(2, must('an integer in [2, 64]'))
        .max(64, must('an integer in [2, 64]')),
      /** Digits of the class `gridDigit` shown with their bottom half masked, one row each. */
      gridDigit: z.int(must('a digit 0-9')).min(0, must('a digit 0-9')).max(9, must('a digit 0-9')),
      gridRows: count(32),
    }),
  }),
  /** The 2-D toy: x1 ~ N(0, 1), x2 = ±x1 (sign a fair coin) + noise · N(0, 1), fit with the tabular VAEAC. */
  toy: z.strictObject({
    points: count(100_000),
    noise: positiveNumber(),
    epochs: positiveInt(),
    width: positiveInt(),
    depth: positiveInt(),
    latentDim: positiveInt(),
    learningRate: positiveNumber(),
    /** Rows per training step (`fit`'s `batchSize`). */
    batchSize: positiveInt(),
    /** Epochs between validation-IWAE scorings (`fit`'s `validateEvery`; the best scored weights are kept). */
    validateEvery: positiveInt(),
    /**
     * The Gaussian σ of the two real columns (`fit`'s `realSigma`): 'fixed' to 1 on the standardized scale (the
     * paper's UCI setting) or 'learned' (σ = max(softplus(s), 1e-4), the paper's general model).
     */
    realSigma: z.enum(['fixed', 'learned'], must("'fixed' or 'learned'")),
    /**
     * How x2 is read off the generative Gaussian (`sample`'s `mode`): 'mode' = its mean μ, so all the spread comes
     * from z (prior), or 'sample' = a draw from N(μ, σ²).
     */
    generation: z.enum(['mode', 'sample'], must("'mode' or 'sample'")),
    /** Values of x1 at which x2 is sampled (each |x1| ≤ 3, inside the data). */
    conditions: z.array(finite().refine((v) => Math.abs(v) <= 3, must('in [−3, 3]'))).min(1),
    /** Samples of x2 per condition. */
    samples: positiveInt(),
  }),
});

/** Configuration of the VAEAC inpainting experiment. */
export type InpaintingConfig = z.infer<typeof inpaintingConfigSchema>;
