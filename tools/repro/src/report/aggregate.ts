import type { BenchmarkRatio } from '../app.js';
import type { Claim, ClaimTest, Reference } from '../claim.js';

/** What the report reads from one finished run's `results.json`. */
export interface RunResults {
  readonly seed: number;
  readonly claims: readonly Claim[];
  readonly benchmarks: readonly BenchmarkRatio[];
}

/** Mean and sample standard deviation (0 for one value) of the finite values; NaN for none. */
export interface Spread {
  readonly mean: number;
  readonly sd: number;
  /** How many values were finite. */
  readonly n: number;
}

/** A claim of an app over the seeds that ran it. */
export interface ClaimSummary {
  readonly id: string;
  readonly text: string;
  readonly reference: Reference | null;
  readonly unit: string;
  /** The test of the first seed that stated the claim. */
  readonly test: ClaimTest;
  /** Seeds that stated the claim, with what each measured and whether it held. */
  readonly seeds: readonly { readonly seed: number; readonly ours: number; readonly holds: boolean }[];
  readonly ours: Spread;
  /** Seeds in which it held. */
  readonly holdsIn: number;
}

/** A benchmark of an app over the seeds that ran it: medians of each seed, ratio ours / reference per seed. */
export interface BenchmarkSummary {
  readonly id: string;
  readonly workload: string;
  readonly ours: { readonly label: string; readonly ms: Spread };
  readonly reference: { readonly label: string; readonly ms: Spread };
  readonly ratio: Spread;
}

/** Mean and sample standard deviation of the finite entries of `values`. O(n). */
export function spread(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, n: 0 };
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  const sd = n === 1 ? 0 : Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

/**
 * The claims of an app's runs grouped by id, in the order they first appear: per seed what was measured and
 * whether it held, the mean ± sd of `ours`, and in how many seeds it held. O(runs · claims).
 */
export function summarizeClaims(runs: readonly RunResults[]): ClaimSummary[] {
  const byId = new Map<string, { first: Claim; seeds: { seed: number; ours: number; holds: boolean }[] }>();
  for (const run of runs) {
    for (const c of run.claims) {
      const entry = byId.get(c.id) ?? { first: c, seeds: [] };
      entry.seeds.push({ seed: run.seed, ours: c.ours, holds: c.holds });
      byId.set(c.id, entry);
    }
  }
  return [...byId.values()].map(({ first, seeds }) => ({
    id: first.id,
    text: first.text,
    reference: first.reference,
    unit: first.unit ?? '',
    test: first.test,
    seeds,
    ours: spread(seeds.map((s) => s.ours)),
    holdsIn: seeds.filter((s) => s.holds).length,
  }));
}

/** The benchmarks of an app's runs grouped by id: mean ± sd over seeds of each median and of the ratio. */
export function summarizeBenchmarks(runs: readonly RunResults[]): BenchmarkSummary[] {
  const byId = new Map<string, BenchmarkRatio[]>();
  for (const run of runs) for (const b of run.benchmarks) byId.set(b.id, [...(byId.get(b.id) ?? []), b]);
  return [...byId.values()].map((entries) => {
    const first = entries[0]!;
    return {
      id: first.id,
      workload: first.workload,
      ours: { label: first.ours.label, ms: spread(entries.map((b) => b.ours.ms)) },
      reference: { label: first.reference.label, ms: spread(entries.map((b) => b.reference.ms)) },
      ratio: spread(entries.map((b) => b.ours.ms / b.reference.ms)),
    };
  });
}
