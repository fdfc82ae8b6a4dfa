import { gflops, measure } from '@proj/bench';
import { type BackendName, describeBackend, initBackend } from '@proj/core';
import type { AppContext, AppOutcome, BenchmarkRatio } from '@proj/repro';
import { writePlot } from '@proj/run';
import { benchClaims } from './claims.js';
import type { BenchConfig } from './config.js';
import { timingChart } from './plot.js';
import { type PytorchTimings, timePytorch } from './pytorch.js';
import { REFERENCE_MS } from './reference.js';
import { trainingLosses, type Workload, workloads, workloadsOn } from './workloads.js';

/** Backend column of the PyTorch reference rows. */
const PYTORCH = 'pytorch cpu (1 thread)';

/** One timing: op × backend. */
interface Timing {
  readonly id: string;
  readonly op: string;
  readonly backend: BackendName;
  readonly medianMs: number;
  readonly gflops: number;
  readonly runs: number;
}

/** The PyTorch timing a workload is compared with: the training step for both tfjs training steps. */
const pytorchKey = (w: Workload) => (w.id === 'layers-fit-step' ? 'train-step' : w.id);

/**
 * Times every workload on the backend chosen for the run (`--backend` / `PROJ_BACKEND`, default auto) and on cpu,
 * the reference, as `cpuWorkloads` says (all, the training step only, none), side by side in one process, and the
 * same workloads in PyTorch on one CPU thread when `pytorchReference` is set. Claims (src/claims.ts): training works
 * on the chosen backend (the losses of a few steps from the same weights agree with cpu), its training step beats
 * cpu by the configured factor and is at most the configured factor slower than PyTorch's. Benchmarks: every
 * matMul, the conv2d and the training step of the chosen backend against PyTorch.
 */
export async function runBenchmark(
  config: BenchConfig,
  { seed, backend: chosen, reporter, run, checkpoint }: AppContext,
): Promise<AppOutcome> {
  const ops = workloads(config);
  const order: BackendName[] =
    chosen.backend === 'cpu' ? ['cpu'] : config.cpuWorkloads === 'none' ? [chosen.backend] : ['cpu', chosen.backend];
  const timings: Timing[] = [];
  const losses = new Map<BackendName, number[]>();
  const backends: Record<string, string> = {};
  for (const reason of chosen.skipped) reporter.log(`auto passed over ${reason}`);
  const total = order.reduce((n, backend) => n + workloadsOn(backend, chosen.backend, ops, config).length + 1, 1);
  reporter.start(total, 'backend-bench');
  let done = 0;
  for (const [index, backend] of order.entries()) {
    // The runner set up the chosen backend; switch to cpu for the reference and back.
    backends[backend] = describeBackend(await initBackend(backend));
    losses.set(backend, await trainingLosses(config.trainStep, seed, config.agreementSteps));
    reporter.tick(++done, { backend: index });
    for (const workload of workloadsOn(backend, chosen.backend, ops, config)) {
      // Ctrl-C stops between two timings (the run is marked interrupted; it cannot be resumed, see main.ts).
      await checkpoint();
      const prepared = workload.prepare(seed);
      const m = await measure(() => prepared.step(), backend === 'cpu' ? config.cpuTiming : config.timing);
      prepared.dispose();
      const timing = {
        id: workload.id,
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
  const pytorch = config.pytorchReference ? timePytorch(config) : { missing: 'not timed (pytorchReference is false)' };
  if ('missing' in pytorch) reporter.log(`PyTorch reference: ${pytorch.missing}`);
  else {
    for (const [id, t] of Object.entries(pytorch.timings)) {
      run.appendMetrics({ id, op: ops.find((w) => w.id === id)!.op, backend: PYTORCH, ...t });
    }
  }
  reporter.tick(++done, {});
  reporter.done();

  const find = (id: string, backend: BackendName) => timings.find((t) => t.id === id && t.backend === backend);
  const torchMs = (w: Workload) => ('missing' in pytorch ? undefined : pytorch.timings[pytorchKey(w)]?.medianMs);
  const ratio = (a: number | undefined, b: number | undefined, digits: number) =>
    a === undefined || b === undefined ? '' : `${(a / b).toFixed(digits)}x`;
  const table = [
    ...timings.map((t) => {
      const workload = ops.find((w) => w.id === t.id)!;
      return {
        op: t.op,
        backend: t.backend,
        'median ms': t.medianMs,
        'GFLOP/s': t.gflops,
        'vs cpu': ratio(find(t.id, 'cpu')?.medianMs, t.medianMs, 1),
        'time / PyTorch': ratio(t.medianMs, torchMs(workload), 2),
        'research note ms': REFERENCE_MS[t.op]?.[t.backend] ?? '',
      };
    }),
    ...pytorchRows(ops, pytorch),
  ];
  const trainOp = ops.find((w) => w.id === 'train-step')!;
  const fast = chosen.backend;
  const trainMs = find('train-step', fast)!.medianMs;
  const claims =
    fast === 'cpu'
      ? []
      : benchClaims({
          backend: fast,
          ms: trainMs,
          cpuMs: find('train-step', 'cpu')?.medianMs,
          pytorch: 'missing' in pytorch ? undefined : { ms: torchMs(trainOp)!, label: torchLabel(pytorch) },
          losses: losses.has('cpu') ? { backend: losses.get(fast)!, cpu: losses.get('cpu')! } : undefined,
          acceptance: config.acceptance,
        });
  const benchmarks: BenchmarkRatio[] =
    'missing' in pytorch
      ? []
      : ops
          .filter((w) => w.id !== 'layers-fit-step')
          .map((w) => ({
            id: w.id,
            workload: w.op,
            ours: { label: `tfjs ${fast}`, ms: find(w.id, fast)!.medianMs },
            reference: { label: `PyTorch ${pytorch.torch} CPU, 1 thread`, ms: torchMs(w)! },
          }));
  const measured =
    'missing' in pytorch
      ? []
      : Object.entries(pytorch.timings).map(([id, t]) => ({
          op: ops.find((w) => w.id === id)!.op,
          backend: PYTORCH,
          medianMs: t.medianMs,
        }));
  // Bars in the order of the workloads (the x axis keeps the order of first appearance), whichever backend timed them.
  const position = (op: string) => ops.findIndex((w) => w.op === op);
  const bars = [...timings, ...measured].sort((a, b) => position(a.op) - position(b.op));
  await writePlot(run.dir, 'timings', timingChart(bars));
  return {
    table,
    summary: {
      backends,
      skipped: chosen.skipped,
      losses: Object.fromEntries(losses),
      trainStepSpeedup: Object.fromEntries(
        [...losses.keys()].map((b) => [
          b,
          (find('train-step', 'cpu')?.medianMs ?? Number.NaN) / (find('train-step', b)?.medianMs ?? Number.NaN),
        ]),
      ),
      pytorch,
    },
    claims,
    benchmarks,
  };
}

const torchLabel = (p: PytorchTimings) => `torch ${p.torch} on ${p.threads} thread, ${p.python}`;

/** The table rows of PyTorch: one per timed workload, or one saying why there is none ("not installed"). */
function pytorchRows(ops: readonly Workload[], pytorch: PytorchTimings | { missing: string }) {
  const empty = { 'GFLOP/s': '', 'vs cpu': '', 'time / PyTorch': '', 'research note ms': '' };
  if ('missing' in pytorch) return [{ op: 'all', backend: PYTORCH, 'median ms': pytorch.missing, ...empty }];
  return Object.entries(pytorch.timings).map(([id, t]) => {
    const workload = ops.find((w) => w.id === id)!;
    return {
      op: workload.op,
      backend: PYTORCH,
      'median ms': t.medianMs,
      ...empty,
      'GFLOP/s': gflops(workload.flops, t.medianMs),
      'time / PyTorch': '1.00x',
    };
  });
}
