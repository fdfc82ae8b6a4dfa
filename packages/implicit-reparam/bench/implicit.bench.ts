/**
 * Implicitly reparameterized draws plus their gradient, n = 1e6, on wasm (the default backend in Node) and cpu:
 * Beta(a, a) (both parameters) side by side with PyTorch's `Beta(a, b).rsample((n,))` + `sum().backward()` on one
 * thread (bench/beta_torch.py, in the same run), and von Mises(0, κ) (gradient in κ; PyTorch has no von Mises
 * gradient), for a, κ ∈ {0.1, 1, 10}. Medians of wall-clock time (ms, M draws/s).
 *
 * PyTorch comes from the first of `python3`, `/usr/bin/python3` that has torch (@proj/bench's
 * `runTorchReference`); "not installed" otherwise.
 *
 * Run: pnpm --filter @proj/implicit-reparam bench
 */
import { fileURLToPath } from 'node:url';
import { formatTable, measure, runTorchReference } from '@proj/bench';
import { describeBackend, initBackend } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { beta, vonMises } from '../src/index.js';

const N = 1_000_000;
const VALUES = [0.1, 1, 10] as const;
const TIMING = { warmup: 1, minRuns: 3, maxRuns: 7, minTimeMs: 1000 };
const script = fileURLToPath(new URL('./beta_torch.py', import.meta.url));

/** PyTorch's median wall ms for Beta(a, a), from the first Python that has torch; undefined if none has. */
function torchMs(a: number): { ms: number; version: string } | undefined {
  const run = runTorchReference<Record<string, [number, number] | string | null>>(script, [String(a)]);
  const [ms] = (run?.result[`a=${a}`] ?? []) as number[];
  return run && ms !== undefined ? { ms, version: String(run.result.torch) } : undefined;
}

/** One step: N draws from `seed` and the gradients of their sum, read back. */
function betaStep(a: tf.Scalar, seed: number): void {
  const grads = tf.grads((p, q) =>
    tf.sum(beta({ concentration1: p!, concentration0: q! }, { validateArgs: false }).sample([N], seed)),
  )([a, a]);
  for (const g of grads) g.dataSync();
  tf.dispose(grads);
}

function vonMisesStep(kappa: tf.Scalar, seed: number): void {
  const g = tf.grad((k) => tf.sum(vonMises({ loc: 0, concentration: k }, { validateArgs: false }).sample([N], seed)))(
    kappa,
  );
  g.dataSync();
  g.dispose();
}

const rows: Record<string, string | number>[] = [];
let backends = '';
let torchVersion = 'not installed';
for (const value of VALUES) {
  const torch = torchMs(value);
  if (torch) torchVersion = `torch ${torch.version}, torch.set_num_threads(1)`;
  for (const backend of ['wasm', 'cpu'] as const) {
    backends += ` ${describeBackend(await initBackend(backend))};`;
    const parameter = tf.scalar(value);
    let seed = 0;
    const betaMs = (await measure(() => betaStep(parameter, seed++), TIMING)).medianMs;
    const vonMisesMs = (await measure(() => vonMisesStep(parameter, seed++), TIMING)).medianMs;
    parameter.dispose();
    rows.push({
      case: `${backend}, a = κ = ${value}, n = 1e6`,
      'Beta ms': betaMs,
      'Beta M/s': N / betaMs / 1e3,
      'PyTorch Beta ms': torch ? torch.ms : 'not installed',
      'PyTorch Beta M/s': torch ? N / torch.ms / 1e3 : 'not installed',
      'Beta ours / PyTorch': torch ? betaMs / torch.ms : '',
      'von Mises ms': vonMisesMs,
      'von Mises M/s': N / vonMisesMs / 1e3,
    });
    console.error(`${backend} ${value}: Beta ${betaMs.toFixed(0)} ms, von Mises ${vonMisesMs.toFixed(0)} ms`);
  }
}
console.log(`ours:${backends.split(';').slice(0, 2).join(';')}; PyTorch: ${torchVersion}`);
console.log(formatTable(rows, 3));
