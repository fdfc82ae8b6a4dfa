import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });
const count = (max: number) =>
  z
    .int(must(`an integer in [1, ${max}]`))
    .min(1, must(`an integer in [1, ${max}]`))
    .max(max, must(`an integer in [1, ${max}]`));

/** A clean:noise ratio written `c:n` (e.g. `1:2`): c > 0 clean objects for every n ≥ 0 noise objects. */
const ratioSchema = z
  .string()
  .regex(/^[1-9]\d*:\d+$/, must("a ratio 'clean:noise' of integers with clean > 0, e.g. '1:2'"));

/** Schema of the robust-VI experiment's configs (configs/*.json). */
export const robustConfigSchema = z
  .strictObject({
    /** The VAE of @proj/robust-vi: encoder 784 → hidden → 2·latentDim, decoder latentDim → reversed hidden → 784. */
    model: z.strictObject({
      latentDim: positiveInt(),
      hidden: z.array(positiveInt()).min(1),
      activation: z.enum(['tanh', 'relu', 'softplus']),
    }),
    /**
     * Digits of @proj/mnist's fixed split: the first `train` of its 8,000 training digits are the clean training
     * objects, the next `validation` the clean validation split (log α is chosen on it); the first `test` of its
     * 2,000 test digits the clean test set. `ratios`: the clean:noise ratios of the training sets, each run with
     * round(train · noise / clean) constant mean-intensity noise images added.
     */
    data: z.strictObject({
      train: count(8000),
      validation: count(8000),
      test: count(2000),
      ratios: z
        .array(ratioSchema)
        .min(1)
        .refine((rs) => new Set(rs).size === rs.length, must('distinct')),
    }),
    training: z.strictObject({
      /** Passes over the training set (clean and noise objects), each with a fresh binarization. */
      epochs: positiveInt(),
      batchSize: positiveInt(),
      /** Adam's learning rate. */
      learningRate: positiveNumber(),
      /** Latent draws per object and step (k = 1: the single-sample ELBO and robust bound, averaged). */
      samples: positiveInt(),
    }),
    robust: z.strictObject({
      /** log α of the robust VAEs; the one with the best clean-validation log-likelihood is chosen per ratio. */
      logAlphaGrid: z
        .array(z.number().refine(Number.isFinite, must('a finite number')))
        .min(1)
        .refine((grid) => new Set(grid).size === grid.length, must('distinct')),
      /**
       * Warm-up: log α rises linearly per step from `from` to its target over the first `epochs` epochs (0: the
       * target from the first step). At initialization every object's log w is about −550 or lower, so a target
       * near −250 would give every object a weight of about e^−300, 0 in float32.
       */
      anneal: z.strictObject({
        epochs: z.number(must('a number ≥ 0')).nonnegative(must('a number ≥ 0')),
        from: z.number().refine(Number.isFinite, must('a finite number')),
      }),
    }),
    evaluation: z.strictObject({
      /** K of the importance-sampled log-likelihood on the clean validation split (choice of log α). */
      validationSamples: positiveInt(),
      /** K of the importance-sampled log-likelihood on the clean test set (the paper: 200). */
      testSamples: positiveInt(),
      /** Objects per evaluation batch. */
      batchSize: positiveInt(),
      /** Latent draws per training object for its learned weight sigmoid(log w − log α) (averaged). */
      weightSamples: positiveInt(),
      /** Prior samples drawn in each model's PNG grid. */
      priorSamples: positiveInt(),
      /** Prior samples classified as digit-like or noise-like (pixel standard deviation of the decoder mean). */
      classifiedSamples: positiveInt(),
    }),
  })
  .refine((c) => c.data.train + c.data.validation <= 8000, {
    error: 'must leave train + validation ≤ 8000 (both come from the 8,000 training digits)',
    path: ['data', 'validation'],
  });

/** Configuration of the robust-VI experiment. */
export type RobustConfig = z.infer<typeof robustConfigSchema>;

/** A parsed clean:noise ratio. */
export interface Ratio {
  /** As written in the config, e.g. `1:2`. */
  readonly label: string;
  readonly clean: number;
  readonly noise: number;
}

/** Parses `c:n` (already checked by the schema). */
export function parseRatio(label: string): Ratio {
  const [clean, noise] = label.split(':').map(Number) as [number, number];
  return { label, clean, noise };
}

/** Noise objects added to `train` clean objects at `ratio`: round(train · noise / clean). */
export function noiseCount(train: number, ratio: Ratio): number {
  return Math.round((train * ratio.noise) / ratio.clean);
}

/** The fraction of noise objects in the training set at `ratio`: noise / (clean + noise). */
export function noiseFraction(ratio: Ratio): number {
  return ratio.noise / (ratio.clean + ratio.noise);
}
