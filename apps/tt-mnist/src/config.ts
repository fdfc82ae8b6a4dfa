import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });

/** Adam on mini-batches for a number of epochs. */
const trainingSchema = z.strictObject({
  epochs: positiveInt(),
  batchSize: positiveInt(),
  learningRate: positiveNumber(),
});

/** Schema of the tensor-nets experiment's configs (configs/*.json). */
export const ttMnistConfigSchema = z
  .strictObject({
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
    }),
    /** The hidden layer 784 → 625 as a TT-matrix: row modes (product 784) and column modes (product 625). */
    layer: z.strictObject({
      inputModes: z.array(positiveInt()).min(2),
      outputModes: z.array(positiveInt()).min(2),
    }),
    /** (1) The network with a TTDense hidden layer of this rank (the tutorial: 4), trained from scratch. */
    ttNet: z.strictObject({ ttRank: positiveInt(), training: trainingSchema }),
    /** (1) The dense network of the same shape, trained from scratch; (2) compresses its hidden layer. */
    denseNet: z.strictObject({ training: trainingSchema }),
    /** (2) TT ranks of the compressed hidden layer, each fine-tuned after compression. */
    compression: z.strictObject({
      ranks: z
        .array(positiveInt())
        .min(1)
        .refine((rs) => rs.every((r, i) => i === 0 || r > rs[i - 1]!), must('strictly increasing')),
      fineTune: trainingSchema,
    }),
    /** Test digits per evaluation batch. */
    evaluationBatchSize: positiveInt(),
  })
  .refine((c) => c.layer.inputModes.length === c.layer.outputModes.length, {
    error: 'must have as many modes as layer.inputModes',
    path: ['layer', 'outputModes'],
  })
  .refine((c) => c.layer.inputModes.reduce((p, m) => p * m, 1) === 784, {
    error: 'must multiply to 784 (the MNIST image size)',
    path: ['layer', 'inputModes'],
  });

/** Configuration of the tensor-nets experiment. */
export type TtMnistConfig = z.infer<typeof ttMnistConfigSchema>;
/** Adam settings of one training phase. */
export type TrainingConfig = z.infer<typeof trainingSchema>;
