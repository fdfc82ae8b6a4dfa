import { describeBackend, randomNormal, randomUniform, splitSeed } from '@proj/core';
import type { AppContext, AppOutcome } from '@proj/repro';
import {
  type IterationRecord,
  projectSum,
  riemannianConjugateGradient,
  riemannianGradientDescent,
  type StepContext,
  type TangentVector,
} from '@proj/riemannian';
import { formatTable, writePlot } from '@proj/run';
import { full, gatherND, naturalRanks, randomTensor, TensorTrain, TensorTrainBatch } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { completionClaims, last, lastTest, reach } from './claims.js';
import type { CompletionConfig, MethodConfig } from './config.js';
import { errorChart } from './plot.js';
import type { CurvePoint, MethodRun } from './types.js';

const COMMAND = 'pnpm repro tt-completion';

/** The data of one run: the clean truth, the observed entries and their noisy values, the indicator TTs. */
interface Problem {
  readonly truth: tf.Tensor;
  readonly indices: tf.Tensor2D;
  readonly values: tf.Tensor1D;
  readonly indicators: TensorTrainBatch;
  readonly observed: number;
}

const label = (m: MethodConfig) =>
  `Riemannian ${m.optimizer === 'gd' ? 'GD' : 'CG (PR+)'}, ${m.gradient === 'autodiff' ? 'autodiff gradient' : 'projectSum gradient'}`;

/**
 * T3F's tensor-completion tutorial: the truth A = full(random_tensor(shape, trueRank)), noisy observations
 * A + noise·N(0, 1) at a random `observedFraction` of the entries, and the estimate X of TT-rank `rank` from a
 * random start, fitted to the observed entries (train MSE = mean over Ω of (X_i − observed_i)²) by Riemannian
 * gradient descent / conjugate gradients and by Adam on the cores; the test MSE is the mean of (X − A)² over all
 * entries against the clean truth. The Riemannian gradients never form a dense tensor (gatherND in f, or
 * projectSum of indicators); the dense X is formed only to measure the test error.
 */
export async function runCompletion(config: CompletionConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend: backendInfo, reporter, run } = context;
  const backend = describeBackend(backendInfo);
  const [truthSeed, noiseSeed, maskSeed, startSeed] = splitSeed(seed, 4) as [number, number, number, number];
  const problem = makeProblem(config, truthSeed, noiseSeed, maskSeed);
  const x0 = randomTensor(config.shape, { seed: startSeed, ttRank: config.rank });
  try {
    const train = (x: TensorTrain) => tf.mean(tf.square(tf.sub(gatherND(x, problem.indices), problem.values)));
    const test = (x: TensorTrain) => tf.tidy(() => tf.mean(tf.square(tf.sub(full(x), problem.truth))).dataSync()[0]!);

    // Units of work (resumable): one per Riemannian method, and Adam. Each starts from the problem and X₀, which
    // depend only on the run seed, and draws nothing else at random, so a resumed run ends as an uninterrupted one.
    const runs: MethodRun[] = [];
    for (const [i, method] of config.methods.entries()) {
      runs.push(
        await context.unit(`methods.${i} ${label(method)}`, () =>
          runRiemannian(method, config, problem, train, test, x0, context),
        ),
      );
    }
    runs.push(await context.unit('adam', () => runAdam(config, train, test, x0, context)));

    const points = runs.flatMap((r) => r.curve);
    const dof = manifoldDimension(config);
    const floor = config.noise ** 2 * (1 - dof / problem.observed);
    await writePlot(run.dir, 'train', errorChart(points, 'train', config, floor));
    await writePlot(run.dir, 'test', errorChart(points, 'test', config, floor));
    await writePlot(run.dir, 'test-vs-time', errorChart(points, 'test', config, floor, 'seconds', backendInfo.backend));

    const bestTrain = Math.min(...points.map((p) => p.train));
    const target = bestTrain * 1.02;
    const summaries = runs.map((r) => summarize(r, target));
    reporter.log(`\n${formatTable(summaries)}\n`);
    return {
      table: table(config, runs, floor, target),
      summary: {
        backend,
        seeds: { truth: truthSeed, noise: noiseSeed, mask: maskSeed, start: startSeed },
        observed: problem.observed,
        entries: problem.truth.size,
        manifoldDimension: dof,
        noiseFloor: floor,
        methods: summaries,
      },
      claims: completionClaims(config, {
        riemannian: runs.slice(0, -1),
        adam: runs[runs.length - 1]!,
        floor,
        target,
        gradientPair: cgPair(config, runs),
      }),
    };
  } finally {
    tf.dispose([...x0.cores, problem.truth, problem.indices, problem.values, ...problem.indicators.cores]);
  }
}

/** Truth, noise, mask (exactly round(fraction·N) entries, a seeded uniform subset), indicator TTs. */
function makeProblem(config: CompletionConfig, truthSeed: number, noiseSeed: number, maskSeed: number): Problem {
  return tf.tidy(() => {
    const truthTT = randomTensor(config.shape, { seed: truthSeed, ttRank: config.trueRank });
    const truth = full(truthTT);
    const size = truth.size;
    const observed = Math.max(1, Math.round(config.observedFraction * size));
    const noisy = tf.add(truth, tf.mul(config.noise, randomNormal(config.shape, noiseSeed)));
    const { indices: chosen } = tf.topk(randomUniform([size], maskSeed), observed);
    const flat = Array.from(chosen.dataSync()).sort((a, b) => a - b);
    const rows = flat.map((offset) => {
      const index: number[] = [];
      let rest = offset;
      for (let k = config.shape.length - 1; k >= 0; k--) {
        index.unshift(rest % config.shape[k]!);
        rest = Math.floor(rest / config.shape[k]!);
      }
      return index;
    });
    const indices = tf.tensor2d(rows, [observed, config.shape.length], 'int32');
    const values = tf.gather(tf.reshape(noisy, [-1]), tf.tensor1d(flat, 'int32')) as tf.Tensor1D;
    const indicators = new TensorTrainBatch(
      config.shape.map((n, k) =>
        // oneHot in int32 then cast: tfjs-backend-wasm 4.22's OneHot with dtype float32 writes the int32 bits.
        tf.reshape(
          tf.cast(
            tf.oneHot(
              tf.tensor1d(
                rows.map((row) => row[k]!),
                'int32',
              ),
              n,
            ),
            'float32',
          ),
          [observed, 1, n, 1],
        ),
      ),
    );
    return { truth, indices, values, indicators, observed } as unknown as tf.TensorContainer;
  }) as unknown as Problem;
}

/** dim M_r = Σ_k r_{k−1}·n_k·r_k − Σ_{k=1}^{d−1} r_k² (ranks lowered to the natural bounds). */
function manifoldDimension(config: CompletionConfig): number {
  const bounds = naturalRanks([config.shape]);
  const r = bounds.map((bound, k) => (k === 0 || k === bounds.length - 1 ? 1 : Math.min(bound, config.rank)));
  const cores = config.shape.reduce((sum, n, k) => sum + r[k]! * n * r[k + 1]!, 0);
  return cores - r.slice(1, -1).reduce((sum, rk) => sum + rk * rk, 0);
}

/** One Riemannian method from X₀; every iterate's train and test MSE is appended to metrics.jsonl as it comes. */
async function runRiemannian(
  method: MethodConfig,
  config: CompletionConfig,
  problem: Problem,
  train: (x: TensorTrain) => tf.Tensor,
  test: (x: TensorTrain) => number,
  x0: TensorTrain,
  { reporter, run }: AppContext,
): Promise<MethodRun> {
  const name = label(method);
  const curve: CurvePoint[] = [];
  // The loss is quadratic along a tangent direction η (before the retraction): f(X + tη) = f(X) + t·slope +
  // t²·‖η_Ω‖²/|Ω|, minimal at t* = −slope·|Ω|/(2‖η_Ω‖²) (Steinlechner 2016); the line search starts there.
  const exactStep = ({ direction, slope }: StepContext) =>
    tf.tidy(
      () =>
        (-slope * problem.observed) / (2 * tf.sum(tf.square(gatherND(direction.tt, problem.indices))).dataSync()[0]!),
    );
  // P_X of ∇f = 2/|Ω|·Σ_p residual_p·e_{i_p}: projectSum of the indicators e_{i_p} with those weights.
  const closedForm = (x: TensorTrain) =>
    tf.tidy(() => {
      const weights = tf.mul(2 / problem.observed, tf.sub(gatherND(x, problem.indices), problem.values));
      return projectSum(problem.indicators, x, weights as tf.Tensor1D) as unknown as tf.TensorContainer;
    }) as unknown as TangentVector<TensorTrain>;
  const options = {
    maxIterations: config.iterations,
    gradientTolerance: 0,
    reporter,
    label: name,
    lineSearch: { initialStep: exactStep },
    ...(method.gradient === 'projectSum' ? { gradient: closedForm } : {}),
    callback: (x: TensorTrain, record: IterationRecord) => {
      const error = test(x);
      const point = {
        method: name,
        iteration: record.iteration,
        train: record.value,
        test: error,
        seconds: record.seconds,
      };
      curve.push(point);
      run.appendMetrics(point);
      return { test: error };
    },
  };
  const started = performance.now();
  const result =
    method.optimizer === 'gd'
      ? riemannianGradientDescent(train, x0, options)
      : riemannianConjugateGradient(train, x0, options);
  const ms = (performance.now() - started) / Math.max(result.iterations, 1);
  result.x.dispose();
  return { method: name, curve, stop: result.reason, msPerIteration: ms };
}

/**
 * The tutorial's method: Adam (lr 0.01) on the cores of X; train MSE before every step, test every few, each
 * appended to metrics.jsonl as it comes.
 */
async function runAdam(
  config: CompletionConfig,
  train: (x: TensorTrain) => tf.Tensor,
  test: (x: TensorTrain) => number,
  x0: TensorTrain,
  { reporter, run, checkpoint }: AppContext,
): Promise<MethodRun> {
  const { learningRate, iterations, evaluateEvery } = config.adam;
  const name = `Adam on the cores, lr ${learningRate} (tutorial)`;
  const variables = x0.cores.map((core) => tf.variable(core));
  const estimate = new TensorTrain(variables);
  const optimizer = tf.train.adam(learningRate);
  const curve: CurvePoint[] = [];
  const record = (point: CurvePoint) => {
    curve.push(point);
    run.appendMetrics({ ...point });
  };
  const started = performance.now();
  let testSeconds = 0;
  try {
    reporter.start(iterations, name);
    for (let k = 0; k <= iterations; k++) {
      await checkpoint();
      let error: number | undefined;
      if (k % evaluateEvery === 0 || k === iterations) {
        const t0 = performance.now();
        error = test(estimate);
        testSeconds += (performance.now() - t0) / 1000;
      }
      const seconds = (performance.now() - started) / 1000 - testSeconds;
      if (k === iterations) {
        record({
          method: name,
          iteration: k,
          train: tf.tidy(() => train(estimate).dataSync()[0]!),
          test: error,
          seconds,
        });
        break;
      }
      const loss = optimizer.minimize(() => train(new TensorTrain(variables)) as tf.Scalar, true, variables)!;
      const value = loss.dataSync()[0]!;
      loss.dispose();
      record({ method: name, iteration: k, train: value, test: error, seconds });
      // Step k + 1 of `iterations` is done (ticking k reported one step short: "done: 299 steps" of 300).
      reporter.tick(k + 1, { train: value });
    }
    reporter.done();
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
  }
  return {
    method: name,
    curve,
    stop: 'iterations',
    msPerIteration: (curve[curve.length - 1]!.seconds * 1000) / iterations,
  };
}

const sci = (v: number) => v.toExponential(2);

function summarize(r: MethodRun, target: number) {
  const first = r.curve[0]!;
  const reached = reach(r, target);
  return {
    method: r.method,
    'initial train': first.train,
    'initial test': first.test,
    'final train': last(r).train,
    'final test': lastTest(r),
    iterations: last(r).iteration,
    'iterations to the floor': reached?.iteration ?? 'not reached',
    'seconds to the floor': reached?.seconds ?? 'not reached',
    'ms per iteration': r.msPerIteration,
    stop: r.stop,
  };
}

/** The printed table: the tutorial's numbers next to ours (the claims are `completionClaims`). */
function table(config: CompletionConfig, runs: readonly MethodRun[], floor: number, target: number) {
  const ref = config.reference;
  const adam = runs[runs.length - 1]!;
  const at = (r: MethodRun, k: number) => {
    const points = r.curve.filter((p) => p.iteration <= k);
    return points[points.length - 1]!;
  };
  const testAt = (r: MethodRun, k: number) =>
    [...r.curve].reverse().find((p) => p.iteration <= k && p.test !== undefined)?.test ?? Number.NaN;
  const rows: Array<{ claim: string; tutorial: string; ours: string; command: string }> = [
    {
      claim: 'initial train / test MSE (random rank-5 start)',
      tutorial: `${ref.initialTrain} / ${ref.initialTest}`,
      ours: `${adam.curve[0]!.train.toFixed(2)} / ${adam.curve[0]!.test!.toFixed(2)}`,
      command: COMMAND,
    },
    {
      claim: `noise floor of the train MSE: σ² = ${sci(config.noise ** 2)}, σ²·(1 − dim M_r/|Ω|)`,
      tutorial: `${sci(config.noise ** 2)} (floor quoted)`,
      ours: sci(floor),
      command: COMMAND,
    },
    {
      claim: `${adam.method}: train / test MSE after ${Math.min(ref.adamIterations, config.adam.iterations)} iterations`,
      tutorial: `~${sci(ref.finalTrain)} / ~${sci(ref.finalTest)} (after ${ref.adamIterations})`,
      ours: `${sci(at(adam, ref.adamIterations).train)} / ${sci(testAt(adam, ref.adamIterations))}`,
      command: COMMAND,
    },
  ];
  for (const r of runs) {
    const reached = reach(r, target);
    rows.push({
      claim: `${r.method}: final train / test MSE; iterations (seconds) to train MSE ≤ ${sci(target)}`,
      tutorial: r === adam ? `~${sci(ref.finalTrain)} / ~${sci(ref.finalTest)}; ~${ref.adamIterations}` : '-',
      ours: `${sci(last(r).train)} / ${sci(lastTest(r))}; ${reached === undefined ? 'not reached' : `${reached.iteration} (${reached.seconds.toFixed(1)} s)`}`,
      command: COMMAND,
    });
  }
  return rows;
}

/** The CG runs with the autodiff and the projectSum gradient, when the config has both. */
function cgPair(config: CompletionConfig, runs: readonly MethodRun[]): [MethodRun, MethodRun] | undefined {
  const index = (gradient: MethodConfig['gradient']) =>
    config.methods.findIndex((m) => m.optimizer === 'cg' && m.gradient === gradient);
  const [a, b] = [index('autodiff'), index('projectSum')];
  return a < 0 || b < 0 ? undefined : [runs[a]!, runs[b]!];
}
