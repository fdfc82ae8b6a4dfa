import { nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const must = (what: string) => ({ error: `must be ${what}` });

/** Timing of one backend (see `measure` of @proj/bench). */
const timingSchema = z
  .strictObject({
    /** Untimed calls first. */
    warmup: nonNegativeInt(),
    /** Timed calls at least. */
    minRuns: positiveInt(),
    /** Timed calls at most. */
    maxRuns: positiveInt(),
    /** Keep sampling until this much time is spent (within minRuns..maxRuns). */
    minTimeMs: nonNegativeNumber(),
  })
  .refine((t) => t.minRuns <= t.maxRuns, { error: 'must be ≥ minRuns', path: ['maxRuns'] });

/** Shape of the small CNN whose training step is timed. */
const trainStepSchema = z.strictObject({
  /** Images per step. */
  batch: positiveInt(),
  /** Square image side; must be divisible by 4 (two 2×2 max-pools). */
  imageSize: positiveInt().multipleOf(4, must('a positive multiple of 4')),
  /** Output channels of the two 3×3 conv layers. */
  channels: z.tuple([positiveInt(), positiveInt()]),
  /** Classes of the dense softmax head. */
  classes: z.int(must('an integer ≥ 2')).min(2, must('an integer ≥ 2')),
  /** Adam step size. */
  learningRate: positiveNumber(),
});

const shape4 = z.tuple([positiveInt(), positiveInt(), positiveInt(), positiveInt()]);

/**
 * Schema of the backend benchmark's configs (configs/*.json). The backends are not part of the config: the
 * benchmark times the backend chosen with `--backend` / `PROJ_BACKEND` (default auto) next to cpu, the reference.
 */
export const benchConfigSchema = z.strictObject({
  /** n of the n×n · n×n matMuls. */
  matmulSizes: z.array(positiveInt()).min(1),
  /** conv2d input [batch, h, w, c] and filter [kh, kw, c, out], stride 1, same padding. */
  conv2d: z.strictObject({ input: shape4, filter: shape4 }).refine((c) => c.input[3] === c.filter[2], {
    error: "must equal input[3], the input's channels",
    path: ['filter', 2],
  }),
  trainStep: trainStepSchema,
  /** Training steps run on every backend from the same initial weights to compare their losses. */
  agreementSteps: positiveInt(),
  /** Timing of the fast backends. */
  timing: timingSchema,
  /** Timing of cpu (matMul 1024² takes seconds there). */
  cpuTiming: timingSchema,
  /**
   * What cpu, the reference, times: `all` the workloads; `trainStep` only the training step (ours), the one
   * the speed-up claim reads (the pure-JS cpu backend spends seconds on every other one); `none`: nothing, and
   * no claim against cpu. The training agreement (a few steps on cpu) runs unless `none`.
   */
  cpuWorkloads: z.enum(['all', 'trainStep', 'none'], must("one of 'all', 'trainStep', 'none'")),
  /**
   * Also time the matMuls, the conv2d and the training step in PyTorch on one CPU thread
   * (`python/torch_workloads.py`, run by the first of `python3`, `/usr/bin/python3` that has torch), in the same
   * run with the same timing options.
   */
  pytorchReference: z.boolean(),
  /**
   * Claims checked for the chosen (non-cpu) backend: its training step is at least `trainStepSpeedup` times
   * faster than cpu (left out when cpu does not time it), and takes at most `trainStepVsPytorch` times the
   * PyTorch step (left out without torch).
   */
  acceptance: z.strictObject({ trainStepSpeedup: positiveNumber(), trainStepVsPytorch: positiveNumber() }),
});

/** Configuration of the backend benchmark. */
export type BenchConfig = z.infer<typeof benchConfigSchema>;

/** Shape of the small CNN whose training step is timed. */
export type TrainStepConfig = z.infer<typeof trainStepSchema>;
