/**
 * The published T3F benchmark (Novikov et al., Tensor Train decomposition on TensorFlow (T3F), JMLR 2020; the same
 * table as docs/benchmark.rst in Bihaqo/t3f, produced by docs/benchmark/*.py after the December 2018 commit "fix
 * the rest of the timing"). Milliseconds per object: batch timings are the total divided by the batch of 100
 * (gram batch: divided by 100², one Gram entry). float64, TF1 graphs timed with `tf.test.Benchmark.
 * run_op_benchmark` (2 burn-in and 10 timed runs, median); ttpy timed with timeit on single objects (CPU).
 * Hardware: NVIDIA DGX-1, Tesla V100 GPU, Intel Xeon E5-2698 v4 @ 2.20 GHz (80 logical cores), multi-threaded
 * TensorFlow and numpy, not the 2-core machine of our runs.
 */
export const PAPER_SOURCE =
  'Novikov et al., T3F, JMLR 2020, benchmark table (docs/benchmark.rst of Bihaqo/t3f); float64, DGX-1: Xeon E5-2698 v4 (80 threads), Tesla V100';

/** Where a published number comes from. */
export type Provenance = 'table' | 'logs';

/** The published timings of one case, ms per object; absent where the paper has none. */
export interface PaperTiming {
  /** ttpy (numpy/Fortran), single objects only, CPU. */
  readonly ttpyCpu?: number;
  readonly t3fCpu?: number;
  readonly t3fGpu?: number;
  /**
   * `table`: the published table. `logs`: the pickled benchmark logs next to it (docs/benchmark/*.pkl), the
   * numbers not printed in the table (TT-SVD, project of rank 10).
   */
  readonly provenance: Provenance;
  /** The paper's operation (T3F call) behind the case. */
  readonly t3f: string;
}

/**
 * Published ms per object, by case name (`<op> one` / `<op> batch`; the cases of packages/tt/bench/cases.ts and
 * the project cases of packages/riemannian/bench/cases.ts, where the paper's `project_rank100` is
 * `project rank100`).
 */
export const PAPER_MS: Readonly<Record<string, PaperTiming>> = {
  'matvec one': { ttpyCpu: 11.142, t3fCpu: 1.19, t3fGpu: 0.744, provenance: 'table', t3f: 'matmul(A, v)' },
  'matvec batch': { t3fCpu: 1.885, t3fGpu: 0.14, provenance: 'table', t3f: 'matmul(A, v_batch)' },
  'matmul one': { ttpyCpu: 86.191, t3fCpu: 9.849, t3fGpu: 0.95, provenance: 'table', t3f: 'matmul(A, A)' },
  'matmul batch': { t3fCpu: 17.483, t3fGpu: 1.461, provenance: 'table', t3f: 'matmul(A, A_batch)' },
  'norm one': {
    ttpyCpu: 3.79,
    t3fCpu: 2.136,
    t3fGpu: 1.019,
    provenance: 'table',
    t3f: 'frobenius_norm(A, differentiable=True)',
  },
  'norm batch': {
    t3fCpu: 0.253,
    t3fGpu: 0.044,
    provenance: 'table',
    t3f: 'frobenius_norm(A_batch, differentiable=True)',
  },
  'gram one': { ttpyCpu: 0.145, t3fCpu: 0.606, t3fGpu: 0.973, provenance: 'table', t3f: 'flat_inner(v, v)' },
  'gram batch': { t3fCpu: 0.021, t3fGpu: 0.001, provenance: 'table', t3f: 'gram_matrix(v_batch), per entry' },
  'round one': {
    ttpyCpu: 73.027,
    t3fCpu: 86.04,
    t3fGpu: 165.969,
    provenance: 'table',
    t3f: 'round(v100, max_tt_rank=10)',
  },
  'round batch': { t3fCpu: 8.234, t3fGpu: 161.102, provenance: 'table', t3f: 'round(v100_batch, max_tt_rank=10)' },
  'tt_svd one': {
    ttpyCpu: 10.06,
    t3fCpu: 5.11,
    t3fGpu: 24.2,
    provenance: 'logs',
    t3f: 'to_tt_tensor(N(0,1) 10×10×10×10, max_tt_rank=10)',
  },
  'project one': { t3fCpu: 1.28, t3fGpu: 14.0, provenance: 'logs', t3f: 'project(v, v)' },
  'project batch': { t3fCpu: 0.0743, t3fGpu: 0.161, provenance: 'logs', t3f: 'project(v_batch, v)' },
  'project rank100 one': {
    ttpyCpu: 116.868,
    t3fCpu: 3.001,
    t3fGpu: 13.239,
    provenance: 'table',
    t3f: 'project(v100, v)',
  },
  'project rank100 batch': { t3fCpu: 1.645, t3fGpu: 0.226, provenance: 'table', t3f: 'project(v100_batch, v)' },
};
