import { nonNegativeInt, nonNegativeNumber, positiveInt } from '@proj/repro';
import * as z from 'zod';
import { BENCHMARK_CASES } from './cases.js';

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

/** Backends the table can have a column for (tensorflow: tfjs-node, when installed). */
const backendSchema = z.enum(['cpu', 'wasm', 'webgpu', 'tensorflow']);

/**
 * Schema of the T3F benchmark's configs (configs/*.json). The backend chosen with `--backend` / `PROJ_BACKEND`
 * is timed too (added to `backends` when missing) and is the one compared with the paper in the ratio columns.
 */
export const t3fConfigSchema = z.strictObject({
  /** Backends to time, in order; one that does not load gets a "not available" column with the reason. */
  backends: z.array(backendSchema).min(1),
  /**
   * Cases to time (`<op> one` / `<op> batch`, as in packages/tt/bench/cases.ts and, for `project` and
   * `project rank100`, packages/riemannian/bench/cases.ts), in table order.
   */
  cases: z.array(z.enum(BENCHMARK_CASES)).min(1),
  /**
   * Object sizes (the paper: d 10, mode 10, rank 10, bigRank 100, batch 100; productBatch and roundBatch 10 for
   * memory, see packages/tt/bench/cases.ts). `batch` is also the batch of `project batch`, `roundBatch` that of
   * `project rank100 batch` (rank-`bigRank` vectors, as for round).
   */
  sizes: z.strictObject({
    d: z.int().min(2, { error: 'must be an integer ≥ 2' }),
    mode: positiveInt(),
    rank: positiveInt(),
    bigRank: positiveInt(),
    batch: positiveInt(),
    productBatch: positiveInt(),
    roundBatch: positiveInt(),
  }),
  /** Timing of the fast backends (wasm, webgpu, tensorflow). */
  timing: timingSchema,
  /** Timing of cpu, the slowest backend. */
  cpuTiming: timingSchema,
  /**
   * Time packages/tt/bench/tt_numpy.py and packages/riemannian/bench/riemannian_numpy.py (numpy float32, one
   * OpenBLAS thread) in the same run with `python3`;
   * its column says "not installed" when python3 has no numpy.
   */
  numpy: z.boolean(),
});

/** Configuration of the T3F benchmark. */
export type T3fConfig = z.infer<typeof t3fConfigSchema>;
