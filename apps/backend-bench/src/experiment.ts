import { gflops, measure } from '@proj/bench';
import { type BackendName, describeBackend, initBackend } from '@proj/core';
import type { AppContext, AppOutcome, Check } from '@proj/repro';
import { writePlot } from '@proj/run';
import type { BenchConfig } from './config.js';
import { timingChart } from './plot.js';
import { REFERENCE_MS } from './reference.js';
import { trainingLosses, workloads } from './workloads.js';

/** One timing: op × backend. */
interface Timing {
  readonly op: string;
  readonly backend: BackendName;
  readonly medianMs: number;
  readonly gflops: number;
  readonly runs: number;
}

/**
 * Times every workload on cpu, the reference, and on the backend chosen for the run (`--backend` /
 * `PROJ_BACKEND`, default auto; just cpu when that is cpu), side by side in one process, and checks that
 * training works on the chosen backend (the losses of a few steps from the same weights agree with cpu) and
 * that its training step beats cpu by the configured factor.
 */
export async function runBenchmark(
  config: BenchConfig,
  { seed, backend: chosen, reporter, run, checkpoint }: AppContext,
): Promise<AppOutcome> {
  const ops = workloads(config);
  const order: BackendName[] = chosen.backend === 'cpu' ? ['cpu'] : ['cpu', chosen.backend];
  const timings: Timing[] = [];
  const losses = new Map<BackendName, number[]>();
  const backends: Record<string, string> = {};
  for (const reason of chosen.skipped) reporter.log(`auto passed over ${reason}`);
  reporter.start(order.length * (ops.length + 1), 'backend-bench');
  let done = 0;
  for (const [index, backend] of order.entries()) {
    // The runner set up the chosen backend; switch to cpu for the reference and back.
    backends[backend] = describeBackend(await initBackend(backend));
    losses.set(backend, await trainingLosses(config.trainStep, seed, config.agreementSteps));
    reporter.tick(++done, { backend: index });
    for (const workload of ops) {
      // Ctrl-C stops between two timings (the run is marked interrupted; it cannot be resumed, see main.ts).
      await checkpoint();
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
    'research note ms': REFERENCE_MS[t.op]?.[t.backend] ?? '',
  }));
  const trainOp = ops[ops.length - 1]!.op;
  const speedup = (backend: BackendName) =>
    cpuMs(trainOp) / (timings.find((t) => t.op === trainOp && t.backend === backend)?.medianMs ?? Number.NaN);
  const fast = order.find((backend) => backend !== 'cpu');
  const checks: Check[] =
    fast === undefined
      ? []
      : [
          {
            name: `${fast} training step at least ${config.acceptance.trainStepSpeedup}x faster than cpu`,
            pass: speedup(fast) >= config.acceptance.trainStepSpeedup,
            detail: `${speedup(fast).toFixed(1)}x (cpu ${cpuMs(trainOp).toFixed(1)} ms)`,
          },
          lossAgreement(fast, losses.get(fast)!, losses.get('cpu')!),
        ];
  await writePlot(run.dir, 'timings', timingChart(timings));
  return {
    table,
    summary: {
      backends,
      skipped: chosen.skipped,
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
