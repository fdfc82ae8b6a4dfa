import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });

/** One trained VAE: a latent family and how the gradient reaches its spread. */
const methodSchema = z
  .strictObject({
    /** Legend label, unique. */
    label: z.string().min(1),
    latent: z.enum(['normal', 'vonMises']),
    gradient: z.enum(['reparameterized', 'implicit', 'scoreFunction']),
  })
  .refine((m) => (m.latent === 'normal') === (m.gradient === 'reparameterized'), {
    error: "must be 'reparameterized' for Normal latents and 'implicit' or 'scoreFunction' for von Mises latents",
    path: ['gradient'],
  });

/** Schema of the VAE experiment's configs (configs/*.json). */
export const vaeConfigSchema = z.strictObject({
  /** Latent dimension d (the paper's torus figure: 2). */
  latentDim: positiveInt(),
  /** Hidden widths of the encoder (the decoder mirrors them). */
  hidden: z.array(positiveInt()).min(1),
  methods: z
    .array(methodSchema)
    .min(1)
    .refine((ms) => new Set(ms.map((m) => m.label)).size === ms.length, must('labelled uniquely')),
  /** Digits of @proj/mnist's fixed split: the first `train` of its 8,000, the first `test` of its 2,000. */
  data: z.strictObject({
    train: z
      .int(must('an integer in [1, 8000]'))
      .min(1, must('an integer in [1, 8000]'))
      .max(8000, must('an integer in [1, 8000]')),
    test: z
      .int(must('an integer in [1, 2000]'))
      .min(1, must('an integer in [1, 2000]'))
      .max(2000, must('an integer in [1, 2000]')),
    /** `dynamic`: a fresh seeded Bernoulli binarization of the training digits per epoch; `threshold`: > 0.5. */
    binarization: z.enum(['dynamic', 'threshold']),
  }),
  training: z.strictObject({
    epochs: positiveInt(),
    batchSize: positiveInt(),
    learningRate: positiveNumber(),
  }),
  evaluation: z.strictObject({
    /** Evaluate after epoch 0 (the initialization) and every this many epochs, and after the last. */
    everyEpochs: positiveInt(),
    /** K of the importance-sampled log-likelihood (and the draws of the test ELBO). */
    importanceSamples: positiveInt(),
    /** Digits per evaluation batch. */
    batchSize: positiveInt(),
    /** Repeated gradients of the spread-bias probe (≥ 2). */
    varianceRepeats: z.int(must('an integer ≥ 2')).min(2, must('an integer ≥ 2')),
  }),
});

/** Configuration of the VAE experiment. */
export type VaeConfig = z.infer<typeof vaeConfigSchema>;
/** One method of the config. */
export type MethodConfig = z.infer<typeof methodSchema>;
