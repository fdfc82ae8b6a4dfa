import { measure } from '@proj/bench';
import { type BackendName, describeBackend, initBackend } from '@proj/core';
import type { AppContext, AppOutcome } from '@proj/repro';
import { writePlot } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import { T3F_PAPER_SIZES, type T3fSizes } from '../../../packages/tt/bench/cases.js';
import { type BenchmarkCase, hasPaperObjects, objectsPerCall, prepareCase } from './cases.js';
import { benchmarkClaims, benchmarkRatios, type CaseTimes } from './claims.js';
import type { T3fConfig } from './config.js';
import { numpyVersion, timeNumpyCase } from './numpy.js';
import { PAPER_MS, PAPER_SOURCE } from './paper.js';
import { type TimingBar, timingChart } from './plot.js';

/** Whether a backend loaded (a unit's result). */
type Availability =
  | { readonly available: true; readonly description: string }
  | { readonly available: false; readonly reason: string };

/** One case on one backend or numpy (a unit's result): its timing, or why it failed. */
type CaseTiming =
  | { readonly medianMs: number; readonly minMs?: number; readonly maxMs?: number; readonly runs?: number }
  | { readonly failed: string };

/** The numpy column's source. */
const NUMPY = 'numpy';

/**
 * Times every configured case of the T3F benchmark (the package benches' cases: packages/tt/bench/cases.ts and,
 * for project, packages/riemannian/bench/cases.ts) on every configured backend that loads, and the same cases in
 * numpy (the benches' tt_numpy.py and riemannian_numpy.py) in the same run; one resumable unit per case × backend. The objects come from fixed seeds (as in the package bench), so
 * the run seed is not used. The table gives ms per object next to the paper's published T3F CPU, T3F GPU and
 * ttpy numbers, with the chosen backend (`--backend`) as a ratio to T3F CPU and to numpy; the figure shows the
 * same on a log scale. The outcome's `benchmarks` give, per case, the fastest backend against numpy (and against
 * the published T3F CPU number where the objects are the paper's), its `claims` that every case ran and the
 * speed against numpy (src/claims.ts).
 */
export async function runT3fBenchmark(config: T3fConfig, context: AppContext): Promise<AppOutcome> {
  const { backend: chosen, reporter, run, unit } = context;
  const started = performance.now();
  const backends: BackendName[] = config.backends.includes(chosen.backend)
    ? [...config.backends]
    : [...config.backends, chosen.backend];
  const numpy = config.numpy ? numpyVersion() : undefined;
  const numpyMissing = !config.numpy ? 'not timed (numpy is false)' : numpy === undefined ? 'not installed' : undefined;
  if (numpyMissing !== undefined && config.numpy) reporter.log(`numpy: ${numpyMissing} (python3 has no numpy)`);
  const sizes: T3fSizes = config.sizes;
  const numpyUnits = numpyMissing === undefined ? config.cases.length : 0;
  reporter.start(backends.length * (config.cases.length + 1) + numpyUnits, 't3f-benchmark');
  let done = 0;
  const loaded: Record<string, Availability> = {};
  const timings: Record<string, Record<string, CaseTiming>> = Object.fromEntries(
    config.cases.map((name) => [name, {}]),
  );
  for (const backend of backends) {
    const availability = await unit(`load ${backend}`, async (): Promise<Availability> => {
      const result = await tryBackend(backend);
      run.appendMetrics({ backend, ...result });
      return result;
    });
    loaded[backend] = availability;
    reporter.tick(++done, { backend: backends.indexOf(backend) });
    if (!availability.available) {
      reporter.log(`${backend}: not available (${availability.reason})`);
      done += config.cases.length;
      continue;
    }
    for (const name of config.cases) {
      timings[name]![backend] = await unit(`${name} ${backend}`, async () => {
        await initBackend(backend);
        const result = await timeCase(name, sizes, backend === 'cpu' ? config.cpuTiming : config.timing);
        run.appendMetrics({ op: name, backend, ...result, ...perObject(result, name, sizes) });
        return result;
      });
      reporter.tick(++done, msOf(timings[name]![backend]!));
    }
  }
  if (numpyMissing === undefined) {
    for (const name of config.cases) {
      timings[name]![NUMPY] = await unit(`${name} ${NUMPY}`, () => {
        const result: CaseTiming = (() => {
          try {
            return { medianMs: timeNumpyCase(name, sizes, config.timing) };
          } catch (error) {
            return { failed: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
          }
        })();
        run.appendMetrics({ op: name, backend: NUMPY, ...result, ...perObject(result, name, sizes) });
        return result;
      });
      reporter.tick(++done, msOf(timings[name]![NUMPY]!));
    }
  }
  reporter.done();
  // Leave the run's own backend active, as the runner set it up.
  await initBackend(chosen.backend);

  const paperShapes = (Object.keys(T3F_PAPER_SIZES) as (keyof T3fSizes)[]).every(
    (key) => sizes[key] === T3F_PAPER_SIZES[key],
  );
  const cell = (name: BenchmarkCase, source: string): number | string => {
    if (source === NUMPY && numpyMissing !== undefined) return numpyMissing;
    if (source !== NUMPY && !loaded[source]!.available) return 'not available';
    const timing = timings[name]![source]!;
    return 'failed' in timing ? `failed: ${timing.failed}` : timing.medianMs / objectsPerCall(name, sizes);
  };
  const ratio = (ours: number | string, reference: number | string | undefined) =>
    typeof ours === 'number' && typeof reference === 'number' ? `${(ours / reference).toFixed(2)}x` : '';
  const main = chosen.backend;
  const table = config.cases.map((name) => {
    const paper = PAPER_MS[name]!;
    const ours = cell(name, main);
    const numpyCell = cell(name, NUMPY);
    return {
      op: name,
      'ttpy CPU (paper)': paper.ttpyCpu ?? '',
      'T3F CPU (paper)': paper.t3fCpu ?? '',
      'T3F GPU (paper)': paper.t3fGpu ?? '',
      numpy: numpyCell,
      ...Object.fromEntries(backends.map((backend) => [backend, cell(name, backend)])),
      [`${main} / T3F CPU`]: hasPaperObjects(name, sizes) ? ratio(ours, paper.t3fCpu) : 'other shapes',
      [`${main} / numpy`]: ratio(ours, numpyCell),
    };
  });

  const bars: TimingBar[] = config.cases.flatMap((name) => {
    const paper = PAPER_MS[name]!;
    const published: [string, number | undefined][] = [
      ['T3F CPU (paper)', paper.t3fCpu],
      ['T3F GPU (paper)', paper.t3fGpu],
      ['ttpy CPU (paper)', paper.ttpyCpu],
    ];
    const ours = [NUMPY, ...backends].map((source): [string, number | string] => [source, cell(name, source)]);
    return [...published, ...ours].flatMap(([source, value]) =>
      typeof value === 'number' ? [{ op: name, source, msPerObject: value }] : [],
    );
  });
  await writePlot(run.dir, 'timings', timingChart(bars));

  const failures = config.cases.flatMap((name) =>
    Object.entries(timings[name]!).flatMap(([source, timing]) =>
      'failed' in timing ? [`${name} on ${source}: ${timing.failed}`] : [],
    ),
  );
  const timedOn = [...backends.filter((b) => loaded[b]!.available), ...(numpyMissing === undefined ? [NUMPY] : [])];
  const caseTimes: CaseTimes[] = config.cases.map((name) => {
    const numbers = (sources: readonly string[]) =>
      Object.fromEntries(
        sources.flatMap((source) => {
          const value = cell(name, source);
          return typeof value === 'number' ? [[source, value]] : [];
        }),
      ) as Record<string, number>;
    const objects = objectsPerCall(name, sizes);
    return {
      name,
      workload: `${name}: ${PAPER_MS[name]!.t3f}, d ${sizes.d}, modes ${sizes.mode}, TT-ranks ${sizes.rank} / ${sizes.bigRank}, ${objects} object${objects === 1 ? '' : 's'} per call`,
      backends: numbers(backends),
      numpy: numbers([NUMPY])[NUMPY],
      paperObjects: hasPaperObjects(name, sizes),
    };
  });
  return {
    table,
    summary: {
      backends: Object.fromEntries(
        backends.map((b) => [b, loaded[b]!.available ? loaded[b]!.description : `not available: ${loaded[b]!.reason}`]),
      ),
      chosen: describeBackend(chosen),
      numpy: numpyMissing ?? `numpy ${numpy} (python3, OPENBLAS_NUM_THREADS=1, float32)`,
      sizes,
      paperShapes,
      paper: PAPER_SOURCE,
      seconds: (performance.now() - started) / 1000,
      timings,
    },
    claims: benchmarkClaims(caseTimes, failures, timedOn.join(', ')),
    benchmarks: benchmarkRatios(caseTimes),
  };
}

/**
 * Loads a backend, or says why it does not load. The description names the GPU adapter of webgpu (tfjs's
 * `adapterInfo`: vendor and architecture, e.g. `mesa software` for Mesa's llvmpipe, a CPU).
 */
async function tryBackend(backend: BackendName): Promise<Availability> {
  try {
    const description = describeBackend(await initBackend(backend));
    const adapter = (tf.backend() as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
    return {
      available: true,
      description:
        adapter === undefined ? description : `${description}, adapter ${adapter.vendor} ${adapter.architecture}`,
    };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Times one case on the active backend; a case that throws (a kernel the backend lacks, memory) is recorded. */
async function timeCase(name: BenchmarkCase, sizes: T3fSizes, timing: T3fConfig['timing']): Promise<CaseTiming> {
  let prepared: ReturnType<typeof prepareCase> | undefined;
  try {
    prepared = prepareCase(name, sizes);
    const { medianMs, minMs, maxMs, runs } = await measure(() => prepared!.run(), timing);
    return { medianMs, minMs, maxMs, runs };
  } catch (error) {
    return { failed: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  } finally {
    prepared?.dispose();
  }
}

/** The metric fields per object (batch timings divided by the batch, gram batch by batch²). */
function perObject(timing: CaseTiming, name: BenchmarkCase, sizes: T3fSizes) {
  const objects = objectsPerCall(name, sizes);
  return 'failed' in timing ? { objects } : { objects, msPerObject: timing.medianMs / objects };
}

/** Progress fields of a timing (none for a failed case, which is in the table and the all-cases-run claim). */
function msOf(timing: CaseTiming): Record<string, number> {
  return 'failed' in timing ? {} : { ms: timing.medianMs };
}
