import { nonNegativeInt, positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });
const count = (max: number) =>
  z
    .int(must(`an integer in [1, ${max}]`))
    .min(1, must(`an integer in [1, ${max}]`))
    .max(max, must(`an integer in [1, ${max}]`));
const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;
/** A list of distinct numbers in (0, 1). */
const unitGrid = () =>
  z
    .array(z.number().gt(0, must('a number in (0, 1)')).lt(1, must('a number in (0, 1)')))
    .refine(distinct, must('distinct'));

/** Schema of the cluttered-MNIST adaptive-computation experiment's configs (configs/*.json). */
export const sactConfigSchema = z
  .strictObject({
    /**
     * Cluttered MNIST from @proj/mnist's fixed split: the first `train` training digits and the first `test` test
     * digits, each on a `canvas` × `canvas` zero canvas at a random offset, plus `fragments` `fragmentSide` ×
     * `fragmentSide` crops of other digits of the same split.
     */
    data: z.strictObject({
      canvas: z.int(must('an integer in [28, 96]')).min(28, must('an integer in [28, 96]')).max(96),
      train: count(8000),
      test: count(2000),
      fragments: nonNegativeInt(),
      fragmentSide: count(28),
    }),
    /** The residual network: a 3 × 3 stem convolution, then stages of pre-activation residual units. */
    model: z.strictObject({
      stemChannels: positiveInt(),
      stages: z
        .array(
          z.strictObject({
            channels: positiveInt(),
            stride: z.union([z.literal(1), z.literal(2)], must('1 or 2')),
            units: count(16),
          }),
        )
        .min(1),
    }),
    training: z.strictObject({
      batchSize: positiveInt(),
      /** Adam's learning rate of the network's weights in the pretraining. */
      learningRate: positiveNumber(),
      /** Adam's learning rate of the network's weights in the fine-tuning of each variant. */
      fineTuneLearningRate: positiveNumber(),
      /**
       * Adam's learning rate of the halting branches (fine-tuning). Their bias starts at −3 (as in the authors'
       * code) and Adam moves it by about this much per step, so a few hundred steps need a larger rate than the
       * weights'.
       */
      haltingLearningRate: positiveNumber(),
      /** Epochs of the plain network every variant starts from (the paper fine-tunes ImageNet SACT from a trained ResNet). */
      pretrainEpochs: positiveInt(),
      /** Epochs of each variant after the pretraining (the plain network too, so that all train equally long). */
      fineTuneEpochs: positiveInt(),
      /** PACT's Concrete temperature λ in training. */
      temperature: positiveNumber(),
    }),
    /** The variants besides the plain network: ponder costs τ of ACT and SACT, prior halting probabilities π of PACT. */
    variants: z.strictObject({
      act: z.strictObject({ taus: unitGrid() }),
      sact: z.strictObject({ taus: unitGrid() }),
      pact: z.strictObject({ priors: unitGrid() }),
    }),
    evaluation: z.strictObject({
      batchSize: positiveInt(),
      /**
       * SACT with masked computation: a unit runs at the active positions only while at most this fraction of
       * them is active (dense above; @proj/adaptive-compute's default 0.3). 1: always masked.
       */
      maskedFraction: z.number().min(0, must('a number in [0, 1]')).max(1, must('a number in [0, 1]')),
      /** Test images drawn with their ponder-cost maps in each variant's PNG. */
      maps: count(64),
    }),
  })
  .refine((c) => c.model.stages[0]!.channels >= c.model.stemChannels, {
    error: 'must start at the stem channels or more',
    path: ['model', 'stages', 0, 'channels'],
  });

/** Configuration of the experiment. */
export type SactConfig = z.infer<typeof sactConfigSchema>;
