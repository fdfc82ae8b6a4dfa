import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';
import { DATASET_NAMES } from './datasets.js';

const must = (what: string) => ({ error: `must be ${what}` });
const fraction = (what: string) => z.number(must(what)).gt(0, must(what)).lt(1, must(what));

/** One table of the experiment: which, how much of it to remove, how long to train VAEAC on it. */
const datasetSchema = z.strictObject({
  name: z.enum(DATASET_NAMES, must(`one of ${DATASET_NAMES.join(', ')}`)),
  /** Probability with which each entry is removed (MCAR), independently; the paper: 0.5. */
  missingRate: fraction('a probability in (0, 1)'),
  /** VAEAC's passes over the corrupted table. */
  epochs: positiveInt(),
});

/** Schema of the VAEAC UCI experiment's configs (configs/*.json). */
export const uciConfigSchema = z.strictObject({
  /** The tables, each corrupted `replicates` times. */
  datasets: z
    .array(datasetSchema)
    .min(1)
    .refine((ds) => new Set(ds.map((d) => d.name)).size === ds.length, must('distinct datasets')),
  /**
   * Independent corruptions (and VAEAC trainings) per table: replicate r draws its mask from
   * foldIn(seed, '<dataset>/r<r>'); the table reports the mean and standard deviation over them.
   */
  replicates: positiveInt(),
  /** `@proj/vaeac` fit/impute options (the paper's tabular net is width 256, depth 10, latent 64). */
  vaeac: z.strictObject({
    width: positiveInt(),
    depth: positiveInt(),
    latentDim: positiveInt(),
    batchSize: positiveInt(),
    learningRate: positiveNumber(),
    /** MCAR probability of the training masks (unioned with the table's NaNs); the paper: 0.2. */
    maskProbability: fraction('a probability in (0, 1)'),
    /** Rows held out for the best-IWAE checkpoint (the paper: 0.15). */
    validationFraction: z
      .number(must('a fraction in [0, 1)'))
      .min(0, must('a fraction in [0, 1)'))
      .lt(1, must('a fraction in [0, 1)')),
    /** IWAE samples K on the validation rows (the paper: 25). */
    validationSamples: positiveInt(),
    /** Epochs between validations. */
    validateEvery: positiveInt(),
    /** Imputations per missing entry, z drawn from the prior network (the paper: 10). */
    imputations: positiveInt(),
  }),
  baselines: z.strictObject({
    /** The MICE-like iterative ridge imputer: rounds over the columns and the ridge penalty λ. */
    iterativeRidge: z.strictObject({ iterations: positiveInt(), lambda: positiveNumber() }),
    /** k-nearest-neighbour imputation: k. */
    knn: z.strictObject({ k: positiveInt() }),
  }),
});

/** Configuration of the VAEAC UCI experiment. */
export type UciConfig = z.infer<typeof uciConfigSchema>;
/** One table's entry of the config. */
export type DatasetConfig = UciConfig['datasets'][number];
