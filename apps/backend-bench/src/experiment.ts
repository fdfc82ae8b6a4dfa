import { gflops, measure } from '@proj/bench';
import { type BackendName, describeBackend, initBackend } from '@proj/core';
import { writePlot } from '@proj/core/run';
import type { AppContext, AppOutcome, Check } from '@proj/repro';
import type { BenchConfig } from './config.js';
import { timingChart } from './plot.js';
import { trainingLosses, workloads } from './workloads.js';

/** Medians measured on a 2-core machine in ../shared/research/tfjs-backends.md §2 (with readback), in ms. */
const RESEARCH_NOTE_MS: Readonly<Record<string, Partial<Record<BackendName, string>>>> = {
  'matMul 256²': { cpu: '61.8', wasm: '2.05' },
  'matMul 1024²': { cpu: '4991', wasm: '117' },
  'conv2d [32,28,28,16]×[3,3,16,32]': { cpu: '633', wasm: '15.0' },
  'CNN train step (batch 64)': { wasm: 'throws (no Conv2DBackpropFilter)' },
};

/** One timing: op × backend. */
interface Timing {
  readonly op: string;
  readonly backend: BackendName;
  readonly medianMs: number;
  readonly gflops: number;
  readonly runs: number;
}

/**
 * Times every workload on every available backend, side by side in one process, and checks that training
 * works on each backend (the losses of a few steps from the same weights agree with cpu) and that the wasm
 * training step beats cpu by the configured factor.
 */
export async function runBenchmark(config: BenchConfig, { seed, reporter, run }: AppContext): Promise<AppOutcome> {
  const ops = workloads(config);
  const timings: Timing[] = [];
  const losses = new Map<BackendName, number[]>();
  const backends: Record<string, string> = {};
  const skipped: string[] = [];
  reporter.start(config.backends.length * (ops.length + 1), 'backend-bench');
  let done = 0;
  for (const backend of config.backends) {
    try {
      backends[backend] = describeBackend(await initBackend(backend));
    } catch (error) {
      if (config.requiredBackends.includes(backend)) throw error;
      skipped.push(`${backend}: ${(error as Error).message}`);
      reporter.log(`skipping ${backend}: ${(error as Error).message}`);
      done += ops.length + 1;
      continue;
    }
    losses.set(backend, await trainingLosses(config.trainStep, seed, config.agreementSteps));
    reporter.tick(++done, { backend: config.backends.indexOf(backend) });
    for (const workload of ops) {
      const prepared = workload.prepare(seed);
      const m = await measure(() => prepared.step(), backend === 'cpu' ? config.cpuTiming : config.timing);
      prepared.dispose();
      const timing = {
        op: workload.op,
        backend,
        medianMs: m.medianMs,
        gflops: gflops(workload.flops, m.medianMs),
        runs: m.runs,
      };
      timings.push(timing);
      run.appendMetrics({ ...timing, minMs: m.minMs, maxMs: m.maxMs });
      reporter.tick(++done, { ms: m.medianMs });
    }
  }
  reporter.done();
  const cpuMs = (op: string) => timings.find((t) => t.op === op && t.backend === 'cpu')?.medianMs ?? Number.NaN;
  const table = timings.map((t) => ({
    op: t.op,
    backend: t.backend,
    'median ms': t.medianMs,
    'GFLOP/s': t.gflops,
    'vs cpu': `${(cpuMs(t.op) / t.medianMs).toFixed(1)}x`,
    'research note ms': RESEARCH_NOTE_MS[t.op]?.[t.backend] ?? '',
  }));
  const trainOp = ops[ops.length - 1]!.op;
  const speedup = (backend: BackendName) =>
    cpuMs(trainOp) / (timings.find((t) => t.op === trainOp && t.backend === backend)?.medianMs ?? Number.NaN);
  const checks: Check[] = [
    {
      name: `wasm training step at least ${config.acceptance.trainStepSpeedup}x faster than cpu`,
      pass: speedup('wasm') >= config.acceptance.trainStepSpeedup,
      detail: `${speedup('wasm').toFixed(1)}x (cpu ${cpuMs(trainOp).toFixed(1)} ms)`,
    },
    ...[...losses.entries()]
      .filter(([backend]) => backend !== 'cpu')
      .map(([backend, values]) => lossAgreement(backend, values, losses.get('cpu')!)),
  ];
  await writePlot(run.dir, 'timings', timingChart(timings));
  return {
    table,
    summary: {
      backends,
      skipped,
      losses: Object.fromEntries(losses),
      trainStepSpeedup: Object.fromEntries([...losses.keys()].map((backend) => [backend, speedup(backend)])),
    },
    checks,
  };
}

/** Training from the same weights must give the same losses on every backend (float32 rounding apart). */
function lossAgreement(backend: BackendName, values: readonly number[], reference: readonly number[]): Check {
  const worst = Math.max(...values.map((v, i) => Math.abs(v - reference[i]!) / Math.abs(reference[i]!)));
  return {
    name: `${backend} trains like cpu`,
    pass: worst <= 1e-3,
    detail: `losses of ${values.length} Adam steps ${values.map((v) => v.toFixed(5)).join(', ')}; max relative difference to cpu ${worst.toExponential(1)}`,
  };
}
