import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });
const count = (max: number) =>
  z
    .int(must(`an integer in [1, ${max}]`))
    .min(1, must(`an integer in [1, ${max}]`))
    .max(max, must(`an integer in [1, ${max}]`));
const keepFraction = z
  .number(must('a keep fraction in (0, 1]'))
  .gt(0, must('a keep fraction in (0, 1]'))
  .lte(1, must('a keep fraction in (0, 1]'));
const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length;
const name = z.string().regex(/^[a-z][a-z0-9]*$/, must('a lower-case name of letters and digits, e.g. conv2'));

/** The mask strategies of the single-layer curves; `iterativeImpact` recomputes the impact on the perforated net. */
export const STRATEGIES = ['uniform', 'grid', 'pooling', 'impact', 'iterativeImpact'] as const;
/** A mask strategy of the single-layer curves. */
export type Strategy = (typeof STRATEGIES)[number];

/** One conv layer: KxK, `filters` outputs, stride 1, `same` padding, ReLU, then an optional `same` max-pool. */
const convSchema = z.strictObject({
  name,
  kernel: positiveInt(),
  filters: positiveInt(),
  /** Max-pool after the ReLU (`same` padding); null: none. */
  pool: z.strictObject({ size: positiveInt(), stride: positiveInt() }).nullable(),
});

/** One network: its conv layers, the hidden dense layers, its training and which layers the curves perforate. */
const networkSchema = z
  .strictObject({
    name,
    convs: z
      .array(convSchema)
      .min(1)
      .refine((cs) => distinct(cs.map((c) => c.name)), must('named distinctly')),
    /** Hidden dense layers (ReLU) between the flattened conv output and the 10 logits. */
    hidden: z.array(positiveInt()),
    /** Epochs of Adam training of the base network. */
    epochs: positiveInt(),
    /** The single-layer curves: each of these conv layers perforated alone, at each keep fraction. */
    sweep: z.strictObject({
      layers: z.array(name).refine(distinct, must('distinct')),
      /** Keep fractions (fraction of output positions computed) below 1. */
      keepFractions: z.array(keepFraction.lt(1, must('a keep fraction in (0, 1)'))).refine(distinct, must('distinct')),
      /** The keep fractions (a subset of keepFractions) at which every mask is also fine-tuned. */
      fineTuneKeepFractions: z.array(keepFraction),
    }),
    /** Run the greedy whole-network selection (and its fine-tuning) on this network. */
    greedy: z.boolean(),
  })
  .refine((n) => n.sweep.layers.every((l) => n.convs.some((c) => c.name === l)), {
    error: 'must name conv layers of the network',
    path: ['sweep', 'layers'],
  })
  .refine((n) => n.sweep.fineTuneKeepFractions.every((k) => n.sweep.keepFractions.includes(k)), {
    error: 'must be keep fractions of sweep.keepFractions',
    path: ['sweep', 'fineTuneKeepFractions'],
  });

/** Schema of the perforated-mnist experiment's configs (configs/*.json). */
export const perforatedConfigSchema = z.strictObject({
  /**
   * @proj/mnist's fixed split: the first `train` of its 8,000 training digits train the networks (the first
   * `impact` of them give the impacts, the first `greedy.validation` the greedy search's loss, as the authors'
   * `validateOnTrain`), the first `test` of its 2,000 test digits measure the error.
   */
  data: z.strictObject({ train: count(8000), test: count(2000) }),
  networks: z
    .array(networkSchema)
    .min(1)
    .refine((ns) => distinct(ns.map((n) => n.name)), must('named distinctly')),
  training: z.strictObject({
    batchSize: positiveInt(),
    /** Adam's learning rate for the base networks. */
    learningRate: positiveNumber(),
  }),
  strategies: z.array(z.enum(STRATEGIES)).min(1).refine(distinct, must('distinct')),
  /** Uniform masks drawn per keep fraction (their test errors and timings are averaged). */
  uniformRepeats: positiveInt(),
  impact: z.strictObject({
    /** Training digits whose mean |∂L/∂V · V| is the impact. */
    images: count(8000),
    /** Steps of the iterative impact: keep fractions k^(s/steps), s = 1..steps, impacts recomputed at each. */
    iterativeSteps: positiveInt(),
  }),
  /** Fine-tuning of a perforated network (through the perforated convolutions), for the curves. */
  fineTune: z.strictObject({ steps: positiveInt(), learningRate: positiveNumber() }),
  greedy: z.strictObject({
    /** Mask of every layer in the search. */
    strategy: z.enum(['uniform', 'grid', 'pooling', 'impact']),
    /** Training digits whose mean cross-entropy is the search's loss. */
    validation: count(8000),
    maxSteps: positiveInt(),
    /**
     * The time the search minimises: `measured` (the paper: the network's forward time on the backend, as a
     * ratio to the unperforated network timed alongside) or `theoretical` (its multiply-add FLOPs: deterministic).
     */
    time: z.enum(['measured', 'theoretical']),
    /** The chosen point: the fastest step whose validation error rose by at most this many points (percent). */
    maxErrorIncrease: z.number(must('a number ≥ 0')).nonnegative(must('a number ≥ 0')),
    /** Epochs of fine-tuning at the chosen point (the research notes: 1). */
    fineTuneEpochs: positiveInt(),
    learningRate: positiveNumber(),
  }),
  timing: z.strictObject({
    /** Test digits in the timed batch. */
    batch: positiveInt(),
    warmup: z.int(must('an integer ≥ 0')).nonnegative(must('an integer ≥ 0')),
    /** Timed calls of each of the two timed functions, interleaved; the medians are compared. */
    repeats: positiveInt(),
  }),
  /** Digits per evaluation batch. */
  evaluationBatch: positiveInt(),
});

/** Configuration of the perforated-mnist experiment. */
export type PerforatedConfig = z.infer<typeof perforatedConfigSchema>;
/** One network of the config. */
export type NetworkConfig = PerforatedConfig['networks'][number];
/** One conv layer of a network. */
export type ConvConfig = NetworkConfig['convs'][number];
