/**
 * Reparameterized Gamma draws against PyTorch on one thread: n = 1e6 draws of Gamma(α, 1) with an explicit
 * seed plus the gradient of their sum with respect to α (ours: `gamma(...).sample` under `tf.grad`, the
 * gradient read back; PyTorch: `Gamma(alpha, 1).rsample((n,))`, `sum().backward()`), for α ∈ {0.1, 1, 10},
 * on wasm (the default backend in Node) and on cpu, side by side with bench/gamma_torch.py in the same run
 * (each α: PyTorch, wasm, then cpu). Medians of wall-clock time (ms, M draws/s) and, as the machine may be
 * shared, of process CPU time (ours: Node's, all threads; PyTorch: time.process_time).
 *
 * PyTorch comes from the first of `python3`, `/usr/bin/python3` that has torch (@proj/bench's
 * `runTorchReference`); "not installed" otherwise.
 *
 * Run: cd packages/core && node --conditions=@proj/source --import tsx bench/gamma.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { compareWithReference, formatTable, median, runTorchReference } from '@proj/bench';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackend, initBackend } from '../src/backend/init-backend.js';
import { gamma } from '../src/distributions/gamma.js';

const N = 1_000_000;
const ALPHAS = [0.1, 1, 10] as const;
const TIMING = { warmup: 2, minRuns: 5, maxRuns: 25, minTimeMs: 1000 };
const script = fileURLToPath(new URL('./gamma_torch.py', import.meta.url));

/** PyTorch's median wall and CPU ms for one α, from the first Python that has torch; undefined if none has. */
function torchMs(alpha: number): { ms: number; cpuMs: number; version: string } | undefined {
  const run = runTorchReference<Record<string, [number, number] | string | null>>(script, [String(alpha)]);
  const [ms, cpuMs] = (run?.result[`alpha=${alpha}`] ?? []) as number[];
  return run && ms !== undefined && cpuMs !== undefined ? { ms, cpuMs, version: String(run.result.torch) } : undefined;
}

/** Process CPU time in ms (all threads): less sensitive than wall time to other work on the machine. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e3;
}

/** N draws of Gamma(α, 1) from `seed` and the gradient of their sum in α, read back. */
function drawAndDifferentiate(alpha: tf.Scalar, seed: number): void {
  const gradient = tf.grad((a) =>
    tf.sum(gamma({ concentration: a, rate: 1 }, { validateArgs: false }).sample([N], seed)),
  );
  const dAlpha = gradient(alpha);
  dAlpha.dataSync();
  dAlpha.dispose();
}

const rows: Record<string, string | number>[] = [];
let backendLine = '';
let torchVersion = 'not installed';
for (const alpha of ALPHAS) {
  const torch = torchMs(alpha);
  if (torch) torchVersion = `torch ${torch.version}, torch.set_num_threads(1)`;
  for (const backend of ['wasm', 'cpu'] as const) {
    const info = await initBackend(backend);
    backendLine += ` ${describeBackend(info)};`;
    const a = tf.scalar(alpha);
    let seed = 0;
    const name = `α=${alpha} ${backend}`;
    const cpuMs: number[] = [];
    const timed = () => {
      const started = cpuNow();
      drawAndDifferentiate(a, seed++);
      cpuMs.push(cpuNow() - started);
    };
    const [row] = await compareWithReference(
      { [name]: timed },
      { [name]: torch?.ms ?? Number.NaN },
      { label: 'PyTorch', measure: TIMING },
    );
    a.dispose();
    const ours = row!['ours ms'] as number;
    // The CPU time of the timed calls (measure runs 2 untimed warm-up calls first).
    const oursCpu = median(cpuMs.slice(TIMING.warmup).sort((x, y) => x - y));
    rows.push({
      case: `${name}, n=1e6`,
      'ours ms': ours,
      'PyTorch ms': torch ? torch.ms : 'not installed',
      'ours M/s': N / ours / 1e3,
      'PyTorch M/s': torch ? N / torch.ms / 1e3 : 'not installed',
      'ours / PyTorch (time)': torch ? (row!.ratio as number) : '',
      'ours CPU ms': oursCpu,
      'PyTorch CPU ms': torch ? torch.cpuMs : 'not installed',
      'ours / PyTorch (CPU)': torch ? oursCpu / torch.cpuMs : '',
    });
  }
}
console.log(`ours:${backendLine.split(';').slice(0, 2).join(';')}; PyTorch: ${torchVersion}`);
console.log(formatTable(rows, 3));
