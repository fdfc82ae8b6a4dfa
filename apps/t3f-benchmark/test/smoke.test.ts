import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  comparableMetrics,
  comparableResults,
  interruptSmoke,
  loadConfig,
  resumeSmoke,
  runSmoke,
  type SmokeRun,
  validateConfig,
} from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCHMARK_CASES, objectsPerCall } from '../src/cases.js';
import type { T3fConfig } from '../src/config.js';
import { app } from '../src/main.js';
import { numpyVersion } from '../src/numpy.js';
import { PAPER_MS } from '../src/paper.js';

const scratch = mkdtempSync(join(tmpdir(), 't3f-benchmark-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<T3fConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const lines = (dir: string, file: string) => read(dir, file).trim().split('\n');

/**
 * results.json without what depends on the clock: timing keys dropped (comparableResults), ratios blanked, and
 * the table's times (ms per object under the numpy and backend columns) replaced by their type.
 */
function structure(dir: string) {
  const results = comparableResults(dir, [/\d+\.\d\dx/g]) as {
    table: Record<string, unknown>[];
    benchmarks: Record<string, unknown>[];
  };
  // comparableResults drops keys ending in "ms", `claims` among them: read those as written. The speed claim's
  // number and detail are time ratios; the count of failed timings is not.
  const { claims } = JSON.parse(read(dir, 'results.json')) as { claims: Record<string, unknown>[] };
  return {
    ...results,
    // Which backend is the fastest at tiny shapes is up to the clock.
    benchmarks: results.benchmarks.map((b) => ({ ...b, ours: 'the fastest backend' })),
    claims: claims.map(({ ours, holds, detail, ...rest }) =>
      rest.id === 'speed-vs-numpy'
        ? { ...rest, ours: typeof ours, holds: typeof holds }
        : { ...rest, ours, holds, detail },
    ),
    table: results.table.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === 'number' ? (key.includes('paper') ? value : 'ms') : value,
        ]),
      ),
    ),
  };
}

describe('t3f-benchmark', () => {
  it('runs the smoke config: every case on every backend that loads and in numpy, the table and the figure', async () => {
    const { outcome, dir, leakedTensors, backend } = await smokeRun();
    expect(leakedTensors).toBe(0);
    const backends = [
      'cpu',
      'wasm',
      'webgpu',
      ...(['cpu', 'wasm', 'webgpu'].includes(backend.backend) ? [] : [backend.backend]),
    ];
    const summary = outcome.summary as { backends: Record<string, string>; numpy: string; paperShapes: boolean };
    expect(Object.keys(summary.backends)).toEqual(backends);
    // cpu and wasm always load here; webgpu where Dawn finds an adapter (else its column says "not available").
    const available = backends.filter((name) => !summary.backends[name]!.startsWith('not available'));
    expect(available).toEqual(expect.arrayContaining(['cpu', 'wasm', backend.backend]));
    expect(summary.paperShapes).toBe(false);
    const numpy = numpyVersion() !== undefined;
    // The cases of the package benches: @proj/tt's, then the paper's project rows (@proj/riemannian's).
    expect(outcome.table.map((row) => row.op)).toEqual([...BENCHMARK_CASES]);
    for (const row of outcome.table) {
      for (const name of backends) {
        if (available.includes(name)) expect(row[name], `${row.op} ${name}`).toBeGreaterThan(0);
        else expect(row[name]).toBe('not available');
      }
      if (numpy) expect(row.numpy, `${row.op} numpy`).toBeGreaterThan(0);
      else expect(row.numpy).toBe('not installed');
      expect(row['T3F CPU (paper)']).toBe(PAPER_MS[row.op as string]!.t3fCpu);
      // Tiny shapes: no ratio to the paper's objects.
      expect(row[`${backend.backend} / T3F CPU`]).toBe('other shapes');
      expect(row[`${backend.backend} / numpy`]).toMatch(numpy ? /^\d+\.\d\dx$/ : /^$/);
    }
    // results.json states the claims machine-readably: unique ids, one number each, a test, whether it held.
    const results = JSON.parse(read(dir, 'results.json')) as {
      claims: Record<string, unknown>[];
      benchmarks: { id: string; ours: { label: string; ms: number }; reference: { label: string; ms: number } }[];
    };
    expect(results.claims.map((c) => Object.keys(c))).toEqual(
      results.claims.map(() => expect.arrayContaining(['id', 'text', 'ours', 'test', 'holds'])),
    );
    expect(outcome.claims.map((c) => c.id)).toEqual(['all-cases-run', ...(numpy ? ['speed-vs-numpy'] : [])]);
    expect(outcome.claims[0]).toMatchObject({ ours: 0, holds: true });
    // Benchmarks: per case our best backend against numpy of the same run, ms per object as in the table; tiny
    // shapes, so no comparison with the published T3F numbers.
    expect(results.benchmarks.map((b) => b.id)).toEqual(
      numpy ? BENCHMARK_CASES.map((name) => `${name.replace(/[\s_]+/g, '-')}.vs-numpy`) : [],
    );
    for (const [k, benchmark] of results.benchmarks.entries()) {
      const row = outcome.table[k]!;
      const fastest = Math.min(...available.map((name) => row[name] as number));
      expect(benchmark.ours).toEqual({ label: available.find((name) => row[name] === fastest), ms: fastest });
      expect(benchmark.reference).toEqual({ label: 'numpy float32, 1 thread', ms: row.numpy });
    }
    // The figure shows data: bars of non-zero height on the log axis, inside the plot.
    expect(assertFiguresNotEmpty(dir, { insideFrame: true })).toEqual(['timings.svg']);
    const csv = lines(dir, 'timings.csv');
    // Per case: the three published columns where the paper has them, numpy, and each backend that loaded.
    const published = BENCHMARK_CASES.reduce(
      (n, name) =>
        n +
        [PAPER_MS[name]!.t3fCpu, PAPER_MS[name]!.t3fGpu, PAPER_MS[name]!.ttpyCpu].filter((v) => v !== undefined).length,
      0,
    );
    expect(csv).toHaveLength(1 + published + BENCHMARK_CASES.length * (available.length + (numpy ? 1 : 0)));
    // Metrics as they come: one line per backend loaded or not, per case × backend that loaded, per numpy case.
    const units = backends.length + BENCHMARK_CASES.length * (available.length + (numpy ? 1 : 0));
    expect(lines(dir, 'metrics.jsonl')).toHaveLength(units);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: units });
  });

  it('an interrupted run resumes to the structure of an uninterrupted one (times apart)', async () => {
    const full = await smokeRun();
    const stopped = await interruptSmoke(app, scratch, { afterUnits: 9 });
    expect(stopped.leakedTensors).toBe(0);
    expect(JSON.parse(read(stopped.dir, 'status.json'))).toMatchObject({ state: 'interrupted', completedUnits: 9 });
    expect(comparableMetrics(stopped.dir)).toEqual(comparableMetrics(full.dir).slice(0, 9));
    const resumed = await resumeSmoke(app, stopped.dir);
    expect(resumed.leakedTensors).toBe(0);
    expect(JSON.parse(read(stopped.dir, 'status.json'))).toMatchObject({ state: 'finished', sessions: 2 });
    // Timings from two processes differ; which cases ran where, the columns and the checks do not.
    expect(comparableMetrics(resumed.dir)).toEqual(comparableMetrics(full.dir));
    expect(structure(resumed.dir)).toEqual(structure(full.dir));
    expect(assertFiguresNotEmpty(resumed.dir, { insideFrame: true })).toEqual(['timings.svg']);
  });

  it('says "not installed" where python3 has no numpy', () => {
    expect(numpyVersion('/nonexistent/python3')).toBeUndefined();
  });

  it('has a published number for every case, divided per object as the paper does', () => {
    for (const name of BENCHMARK_CASES) expect(PAPER_MS[name]?.t3fCpu).toBeGreaterThan(0);
    // The logs' batch Gram total (211.7 ms for 100² entries) is the table's per-entry 0.021 ms.
    expect(211.7 / 100 ** 2).toBeCloseTo(PAPER_MS['gram batch']!.t3fCpu!, 3);
    // The logs' batch project total (7.43 ms for 100 vectors) is 0.0743 ms per object.
    expect(7.43 / 100).toBeCloseTo(PAPER_MS['project batch']!.t3fCpu!, 4);
    // Ours divide alike: project batch by `batch`, project rank100 batch (rank-100 vectors) by `roundBatch`.
    const sizes = { d: 3, mode: 3, rank: 2, bigRank: 4, batch: 5, productBatch: 6, roundBatch: 7 };
    expect(BENCHMARK_CASES.map((name) => objectsPerCall(name, sizes))).toEqual([
      1, 6, 1, 6, 1, 5, 1, 25, 1, 7, 1, 1, 5, 1, 7,
    ]);
  });

  it('rejects unknown backends and cases, naming them', () => {
    const { config } = loadConfig(app.configDir, 'smoke');
    expect(() => validateConfig(app, { ...config, backends: ['webgl'] })).toThrow("t3f-benchmark config: 'backends.0'");
    expect(() => validateConfig(app, { ...config, cases: ['matvec twice'] })).toThrow(
      "t3f-benchmark config: 'cases.0'",
    );
    expect(() => validateConfig(app, { ...config, sizes: { ...(config.sizes as object), d: 1 } })).toThrow(
      "'sizes.d' must be an integer ≥ 2, got 1",
    );
  });
});
