import { type BenchmarkRatio, type Claim, claim } from '@proj/repro';
import { PAPER_MS } from './paper.js';

/** The project's speed goal against numpy on the same core (root README, Performance: "goal ≤ 1.5x"). */
export const NUMPY_GOAL = 1.5;

/** Short label of the published T3F CPU column, with where it comes from. */
export const T3F_CPU_LABEL = 'T3F CPU (paper: JMLR 2020 benchmark table / docs/benchmark.rst; float64, 80 threads)';

/** One case's ms per object: per backend that timed it, numpy's (when timed), and what it does. */
export interface CaseTimes {
  readonly name: string;
  /** What one call does, for the benchmark's `workload`. */
  readonly workload: string;
  /** ms per object by backend (only the backends that loaded and timed the case). */
  readonly backends: Readonly<Record<string, number>>;
  readonly numpy: number | undefined;
  /** Whether the objects are the paper's, so that the published numbers compare (see `hasPaperObjects`). */
  readonly paperObjects: boolean;
}

/** A case id for results.json: `matvec one` → `matvec-one`, `tt_svd one` → `tt-svd-one`. */
export const caseId = (name: string) => name.replace(/[\s_]+/g, '-').toLowerCase();

/** The backend with the smallest ms per object, or undefined when no backend timed the case. */
export function bestBackend(times: CaseTimes): { readonly label: string; readonly ms: number } | undefined {
  const entries = Object.entries(times.backends).filter(([, ms]) => Number.isFinite(ms));
  if (entries.length === 0) return undefined;
  const [label, ms] = entries.reduce((a, b) => (b[1] < a[1] ? b : a));
  return { label, ms };
}

/**
 * The timings of the report's benchmark section, ms per object (a batch call divided by its objects, as the
 * paper divides): per case, our best backend against numpy in the same run (`<case>.vs-numpy`), and, where the
 * objects are the paper's, against the published T3F CPU number (`<case>.vs-t3f-cpu`; another machine, float64,
 * many threads: no like-for-like measure). Cases without a timing on both sides are left out.
 */
export function benchmarkRatios(cases: readonly CaseTimes[]): BenchmarkRatio[] {
  return cases.flatMap((times) => {
    const ours = bestBackend(times);
    if (ours === undefined) return [];
    const id = caseId(times.name);
    const workload = `${times.workload}, ms per object`;
    const vsNumpy: BenchmarkRatio[] =
      times.numpy === undefined
        ? []
        : [{ id: `${id}.vs-numpy`, workload, ours, reference: { label: 'numpy float32, 1 thread', ms: times.numpy } }];
    const published = PAPER_MS[times.name]?.t3fCpu;
    const vsPaper: BenchmarkRatio[] =
      times.paperObjects && published !== undefined
        ? [{ id: `${id}.vs-t3f-cpu`, workload, ours, reference: { label: T3F_CPU_LABEL, ms: published } }]
        : [];
    return [...vsNumpy, ...vsPaper];
  });
}

/** Geometric mean of positive numbers. */
const geometricMean = (values: readonly number[]) =>
  Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

/**
 * The claims of the benchmark:
 *
 * - `all-cases-run`: every configured case runs on every backend that loads and in numpy when it is timed
 *   (ours: the number of failed case × source timings, = 0);
 * - `speed-vs-numpy`: our best backend's time per object over numpy's, geometric mean over the cases timed on
 *   both sides, ≤ the project's goal of 1.5x (left out without numpy timings).
 */
export function benchmarkClaims(cases: readonly CaseTimes[], failures: readonly string[], timedOn: string): Claim[] {
  const out = [
    claim({
      id: 'all-cases-run',
      text: 'every case runs on every backend that loads (and in numpy when timed): failed timings = 0',
      reference: null,
      ours: failures.length,
      unit: '',
      test: { op: '<=', bound: 0 },
      detail: failures.length === 0 ? `${cases.length} cases on ${timedOn}` : failures.join('; '),
    }),
  ];
  const ratios = cases.flatMap((times) => {
    const ours = bestBackend(times);
    return ours === undefined || times.numpy === undefined
      ? []
      : [{ name: times.name, ours, ratio: ours.ms / times.numpy }];
  });
  if (ratios.length === 0) return out;
  return [
    ...out,
    claim({
      id: 'speed-vs-numpy',
      text: `our best backend is within the project's goal of ${NUMPY_GOAL}x numpy's time per object (float32, one thread, same run): geometric mean over the cases`,
      reference: null,
      ours: geometricMean(ratios.map((r) => r.ratio)),
      unit: 'x',
      test: { op: '<=', bound: NUMPY_GOAL },
      detail: ratios.map((r) => `${r.name} ${r.ratio.toFixed(2)}x (${r.ours.label})`).join(', '),
    }),
  ];
}
