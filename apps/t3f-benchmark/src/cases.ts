import {
  prepareRiemannianCase,
  RIEMANNIAN_NUMPY_SCRIPT,
  type RiemannianSizes,
  riemannianBatchSize,
  T3F_PROJECT_CASES,
} from '../../../packages/riemannian/bench/cases.js';
import {
  prepareT3fCase,
  T3F_CASES,
  T3F_NUMPY_SCRIPT,
  T3F_PAPER_SIZES,
  type T3fSizes,
  t3fObjectsPerCall,
} from '../../../packages/tt/bench/cases.js';

/**
 * Every row of the paper's table this app times: the @proj/tt cases (packages/tt/bench/cases.ts), then the
 * @proj/riemannian project cases (packages/riemannian/bench/cases.ts; `project rank100` is the paper's
 * `project_rank100`), in table order.
 */
export const BENCHMARK_CASES = [...T3F_CASES, ...T3F_PROJECT_CASES] as const;

/** A case of the app: `<op> one` or `<op> batch`. */
export type BenchmarkCase = (typeof BENCHMARK_CASES)[number];

/** The project cases (timed by the riemannian bench's cases). */
type ProjectCase = (typeof T3F_PROJECT_CASES)[number];

/** Whether a case is one of @proj/riemannian's. */
function isProjectCase(name: BenchmarkCase): name is ProjectCase {
  return (T3F_PROJECT_CASES as readonly string[]).includes(name);
}

/**
 * The riemannian bench's sizes for the app's: the same d, modes, ranks and `batch`; the rank-`bigRank` vectors
 * projected in `project rank100 batch` come in batches of `roundBatch`, as for round (4 MB per vector).
 */
export function riemannianSizes(sizes: T3fSizes): RiemannianSizes {
  const { d, mode, rank, bigRank, batch, roundBatch } = sizes;
  return { d, mode, rank, bigRank, batch, rank100Batch: roundBatch };
}

/** A case ready to time on the active backend (see the package benches' `prepare…Case`). */
export function prepareCase(name: BenchmarkCase, sizes: T3fSizes): { run(): Promise<void>; dispose(): void } {
  return isProjectCase(name) ? prepareRiemannianCase(name, riemannianSizes(sizes)) : prepareT3fCase(name, sizes);
}

/** Objects per call: 1 for `one`, the batch for `batch` cases, batch² for `gram batch` (as the paper divides). */
export function objectsPerCall(name: BenchmarkCase, sizes: T3fSizes): number {
  return isProjectCase(name)
    ? (riemannianBatchSize(name, riemannianSizes(sizes)) ?? 1)
    : t3fObjectsPerCall(name, sizes);
}

/** The package bench's numpy script of a case and its sizes argument (without `cases` and `timing`). */
export function numpyReference(
  name: BenchmarkCase,
  sizes: T3fSizes,
): { readonly script: string; readonly sizes: T3fSizes | RiemannianSizes } {
  return isProjectCase(name)
    ? { script: RIEMANNIAN_NUMPY_SCRIPT, sizes: riemannianSizes(sizes) }
    : { script: T3F_NUMPY_SCRIPT, sizes };
}

/**
 * Whether a case times the paper's objects, so that its ms per object compares with the published ones: the
 * paper's d, modes and ranks for a single object (`… one`), and all of the paper's sizes, batches included, for
 * a batch (the gain per object of batching depends on the batch).
 */
export function hasPaperObjects(name: BenchmarkCase, sizes: T3fSizes): boolean {
  const keys: (keyof T3fSizes)[] = name.endsWith(' one')
    ? ['d', 'mode', 'rank', 'bigRank']
    : (Object.keys(T3F_PAPER_SIZES) as (keyof T3fSizes)[]);
  return keys.every((key) => sizes[key] === T3F_PAPER_SIZES[key]);
}
