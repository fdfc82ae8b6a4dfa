/** How {@link measure} samples a function. */
export interface MeasureOptions {
  /** Untimed calls first (JIT, caches, lazy kernels); default 2. */
  readonly warmup?: number;
  /** Timed calls at least; default 5. */
  readonly minRuns?: number;
  /** Timed calls at most; default 25. */
  readonly maxRuns?: number;
  /** Keep sampling until this much time is spent (within minRuns..maxRuns); default 1000 ms. */
  readonly minTimeMs?: number;
  /** Clock in ms; default `performance.now`. */
  readonly now?: () => number;
}

/** Timings of one function, in milliseconds. */
export interface Measurement {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
  readonly samplesMs: readonly number[];
}

/**
 * Times `fn` (sync or async): `warmup` untimed calls, then timed calls until both `minRuns` calls and
 * `minTimeMs` are reached, at most `maxRuns`. Reports the median, which is robust to the ±30% run-to-run
 * noise of a shared 2-core machine. `fn` must force completion itself (read the result back) and free
 * what it allocates.
 */
export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Measurement> {
  const { warmup = 2, minRuns = 5, maxRuns = 25, minTimeMs = 1000, now = () => performance.now() } = options;
  if (!(minRuns >= 1 && maxRuns >= minRuns)) {
    throw new Error(`measure: need 1 <= minRuns <= maxRuns, got minRuns=${minRuns}, maxRuns=${maxRuns}`);
  }
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const started = now();
  while (samples.length < maxRuns && (samples.length < minRuns || now() - started < minTimeMs)) {
    const t0 = now();
    await fn();
    samples.push(now() - t0);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: median(sorted),
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
    runs: samples.length,
    samplesMs: samples,
  };
}

/** Median of ascending values (mean of the two middle ones for an even count). */
export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) throw new Error('median: no values');
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Throughput in GFLOP/s of `flops` floating-point operations done in `ms` milliseconds. */
export function gflops(flops: number, ms: number): number {
  return flops / ms / 1e6;
}
