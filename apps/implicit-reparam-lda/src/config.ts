import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });

/** One training run: the estimator of the posterior concentrations' gradient. */
const methodSchema = z
  .strictObject({
    /** Legend label; unique. */
    label: z.string(),
    /** `implicit`: pathwise through the Dirichlet sample (the paper); `scoreFunction`: REINFORCE. */
    estimator: z.enum(['implicit', 'scoreFunction']),
    /** Score function only: decay of the moving-average per-word baseline (0: the last batch's value). */
    baselineDecay: z.number().min(0, must('in [0, 1)')).lt(1, must('in [0, 1)')).exactOptional(),
  })
  .refine((m) => m.baselineDecay === undefined || m.estimator === 'scoreFunction', {
    error: 'must be left out except with scoreFunction',
    path: ['baselineDecay'],
  });

/** Schema of the LDA experiment's configs (configs/*.json). */
export const ldaConfigSchema = z.strictObject({
  /** The synthetic corpus drawn from a known LDA model (see src/corpus.ts). */
  corpus: z.strictObject({
    topics: z.int(must('an integer ≥ 2')).min(2, must('an integer ≥ 2')),
    vocabulary: z.int(must('an integer ≥ 2')).min(2, must('an integer ≥ 2')),
    trainDocuments: positiveInt(),
    testDocuments: positiveInt(),
    meanLength: positiveNumber(),
    documentConcentration: positiveNumber(),
    topicConcentration: positiveNumber(),
  }),
  /** Encoder hidden layer widths (ReLU) and the fixed symmetric Dirichlet prior concentration of θ. */
  model: z.strictObject({ hidden: z.array(positiveInt()), priorConcentration: positiveNumber() }),
  methods: z
    .array(methodSchema)
    .min(1)
    .refine((methods) => new Set(methods.map((m) => m.label)).size === methods.length, must('uniquely labelled')),
  /** Adam on mini-batches (shuffled, repeated), one θ draw per document per step. */
  training: z.strictObject({ steps: positiveInt(), batchSize: positiveInt(), learningRate: positiveNumber() }),
  /** Held-out perplexity every `every` steps (and at steps 1 and the last), ELBO over `samples` θ draws. */
  evaluation: z.strictObject({ every: positiveInt(), samples: positiveInt() }),
});

/** Configuration of the LDA experiment. */
export type LdaConfig = z.infer<typeof ldaConfigSchema>;
/** One method of the config. */
export type MethodConfig = z.infer<typeof methodSchema>;
