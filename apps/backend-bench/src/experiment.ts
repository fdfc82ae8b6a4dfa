import { gflops, measure } from '@proj/bench';
import { type BackendName, describeBackend, initBackend } from '@proj/core';
import type { AppContext, AppOutcome, Check } from '@proj/repro';
import { writePlot } from '@proj/run';
import type { BenchConfig } from './config.js';
import { timingChart } from './plot.js';
import { type PytorchTiming, timePytorchTrainStep } from './pytorch.js';
import { REFERENCE_MS } from './reference.js';
import { trainingLosses, trainStepOp, workloads } from './workloads.js';

/** Backend column of the PyTorch reference row. */
const PYTORCH = 'pytorch cpu (1 thread)';

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
 * training works on the chosen backend (the losses of a few steps from the same weights agree with cpu), that
 * its training step beats cpu by the configured factor and is at most the configured factor slower than the
 * same step in PyTorch on one CPU thread (timed in the same run when `pytorchReference` is set).
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
  reporter.start(order.length * (ops.length + 1) + 1, 'backend-bench');
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
  await checkpoint();
  const trainOp = trainStepOp(config.trainStep);
  const pytorch = config.pytorchReference
    ? timePytorchTrainStep(config.trainStep, config.timing)
    : { missing: 'not timed (pytorchReference is false)' };
  const pytorchMs = 'missing' in pytorch ? Number.NaN : pytorch.medianMs;
  if ('missing' in pytorch) reporter.log(`PyTorch reference: ${pytorch.missing}`);
  else run.appendMetrics({ op: trainOp, backend: PYTORCH, ...pytorch });
  reporter.tick(++done, { ms: pytorchMs });
  reporter.done();
  const cpuMs = (op: string) => timings.find((t) => t.op === op && t.backend === 'cpu')?.medianMs ?? Number.NaN;
  const isTrainStep = (op: string) => op.startsWith('CNN train step');
  const table = [
    ...timings.map((t) => ({
      op: t.op,
      backend: t.backend,
      'median ms': t.medianMs,
      'GFLOP/s': t.gflops,
      'vs cpu': `${(cpuMs(t.op) / t.medianMs).toFixed(1)}x`,
      'time / PyTorch': isTrainStep(t.op) && pytorchMs > 0 ? `${(t.medianMs / pytorchMs).toFixed(2)}x` : '',
      'research note ms': REFERENCE_MS[t.op]?.[t.backend] ?? '',
    })),
    pytorchRow(trainOp, pytorch, cpuMs(trainOp), ops.find((w) => w.op === trainOp)!.flops),
  ];
  const trainMs = (backend: BackendName) =>
    timings.find((t) => t.op === trainOp && t.backend === backend)?.medianMs ?? Number.NaN;
  const speedup = (backend: BackendName) => cpuMs(trainOp) / trainMs(backend);
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
          vsPytorch(fast, trainMs(fast), pytorch, config.acceptance.trainStepVsPytorch),
          lossAgreement(fast, losses.get(fast)!, losses.get('cpu')!),
        ];
  const measured = 'missing' in pytorch ? [] : [{ op: trainOp, backend: PYTORCH, medianMs: pytorchMs }];
  await writePlot(run.dir, 'timings', timingChart([...timings, ...measured]));
  return {
    table,
    summary: {
      backends,
      skipped: chosen.skipped,
      losses: Object.fromEntries(losses),
      trainStepSpeedup: Object.fromEntries([...losses.keys()].map((backend) => [backend, speedup(backend)])),
      pytorch,
      trainStepVsPytorch: Object.fromEntries(
        [...losses.keys()].map((backend) => [backend, trainMs(backend) / pytorchMs]),
      ),
    },
    checks,
  };
}

/** The table row of the PyTorch training step ("not installed" and the like in place of a timing). */
function pytorchRow(op: string, pytorch: PytorchTiming | { missing: string }, cpuMs: number, flops: number) {
  const row = { op, backend: PYTORCH, 'research note ms': '' };
  if ('missing' in pytorch)
    return { ...row, 'median ms': pytorch.missing, 'GFLOP/s': '', 'vs cpu': '', 'time / PyTorch': '' };
  return {
    ...row,
    'median ms': pytorch.medianMs,
    'GFLOP/s': gflops(flops, pytorch.medianMs),
    'vs cpu': `${(cpuMs / pytorch.medianMs).toFixed(1)}x`,
    'time / PyTorch': '1.00x',
  };
}

/**
 * The chosen backend's training step takes at most `factor` times PyTorch's on one CPU thread. Without a Python
 * with torch it cannot be measured: reported as passing, with "skipped" and the reason in the detail (a check has
 * no skipped state).
 */
function vsPytorch(
  backend: BackendName,
  ms: number,
  pytorch: PytorchTiming | { missing: string },
  factor: number,
): Check {
  const name = `${backend} training step ≤ ${factor}x PyTorch (1 thread)`;
  if ('missing' in pytorch) return { name, pass: true, detail: `skipped: PyTorch ${pytorch.missing}` };
  const ratio = ms / pytorch.medianMs;
  return {
    name,
    pass: ratio <= factor,
    detail: `${ratio.toFixed(2)}x (${backend} ${ms.toFixed(1)} ms, PyTorch ${pytorch.torch} ${pytorch.medianMs.toFixed(1)} ms on ${pytorch.threads} thread, ${pytorch.python})`,
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
