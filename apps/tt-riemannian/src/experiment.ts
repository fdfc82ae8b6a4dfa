import { describeBackend, splitSeed } from '@proj/core';
import type { AppContext, AppOutcome } from '@proj/repro';
import {
  pairwiseFlatInnerProjected,
  project,
  retract,
  riemannianConjugateGradient,
  riemannianGradientDescent,
  type StepContext,
} from '@proj/riemannian';
import { formatTable, writePlot } from '@proj/run';
import { frobeniusNormSquared, randomTensor, round, subtract, TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { checkpoints, iterationsTo, lastIteration, pointAt, TUTORIAL_ITERATIONS, tutorialClaims } from './claims.js';
import type { Method, TutorialConfig } from './config.js';
import { gapChart, lossChart } from './plot.js';
import type { CurvePoint, MethodRun } from './types.js';

const COMMAND = 'pnpm repro tt-riemannian';

const LABELS: Record<Method, string> = {
  tutorial: 'Riemannian GD, step 1 (T3F tutorial)',
  gd: 'Riemannian GD, Armijo',
  cg: 'Riemannian CG (PR+)',
};

/**
 * T3F's Riemannian tutorial: A = random_tensor(shape, targetRank), X₀ = random_tensor(shape, rank),
 * F(X) = ½‖X − A‖² minimized over TT-rank-r tensors by the tutorial's loop X ← round(X − P_X(X − A), r), by
 * Riemannian gradient descent with Armijo backtracking and by Riemannian conjugate gradients (both with the
 * gradient from Riemannian autodiff), compared with TT-SVD rounding round(A, r) and with Adam on the cores.
 */
export async function runTutorial(config: TutorialConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend: backendInfo, reporter, run } = context;
  const backend = describeBackend(backendInfo);
  const [targetSeed, startSeed] = splitSeed(seed, 2) as [number, number];
  const a = randomTensor(config.shape, { seed: targetSeed, ttRank: config.targetRank });
  const x0 = randomTensor(config.shape, { seed: startSeed, ttRank: config.rank });
  try {
    const f = (x: TensorTrain) => tf.mul(0.5, frobeniusNormSquared(subtract(x, a), { differentiable: true }));
    const value = (x: TensorTrain) => tf.tidy(() => f(x).dataSync()[0]!);
    const rounded = round(a, { maxTTRank: config.rank });
    const roundedValue = value(rounded);
    rounded.dispose();
    const normSquared = tf.tidy(() => frobeniusNormSquared(a).dataSync()[0]!);

    // Units of work (resumable): one per method and one per Adam learning rate. Each starts from A and X₀, which
    // depend only on the run seed, and draws nothing else at random, so a resumed run ends as an uninterrupted one.
    const runs: MethodRun[] = [];
    for (const [i, method] of config.methods.entries()) {
      runs.push(await context.unit(`methods.${i} ${method}`, () => runRiemannian(method, config, f, a, x0, context)));
    }
    for (const [i, learningRate] of config.adam.learningRates.entries()) {
      runs.push(
        await context.unit(`adam.${i} lr=${learningRate}`, () =>
          runAdam(learningRate, config.adam.iterations, f, x0, context),
        ),
      );
    }

    const points = runs.flatMap((r) => r.curve);
    const best = Math.min(...points.map((p) => p.value));
    await writePlot(run.dir, 'loss', lossChart(points, roundedValue, config));
    await writePlot(run.dir, 'gap', gapChart(points, best));

    const target = best * (1 + 1e-4);
    const summaries = runs.map((r) => summarize(r, config.iterations, target));
    reporter.log(`\n${formatTable(summaries)}\n`);
    const initial = runs[0]?.curve[0]?.value ?? value(x0);
    const riemannian = runs.slice(0, config.methods.length);
    const tutorial = riemannian[config.methods.indexOf('tutorial')];
    const adam = runs.slice(config.methods.length);
    return {
      table: table(config, runs, tutorial, initial, roundedValue),
      summary: {
        backend,
        seeds: { target: targetSeed, start: startSeed },
        normSquaredOfA: normSquared,
        initial,
        rounded: roundedValue,
        best,
        methods: summaries,
      },
      claims: tutorialClaims(config, { riemannian, tutorial, adam, rounded: roundedValue, normSquared, target }),
    };
  } finally {
    tf.dispose([...a.cores, ...x0.cores]);
  }
}

/**
 * The tutorial's loop, or one of the package's optimizers, from X₀ for `config.iterations` steps; every iterate's
 * F is appended to metrics.jsonl as it comes.
 */
async function runRiemannian(
  method: Method,
  config: TutorialConfig,
  f: (x: TensorTrain) => tf.Tensor,
  a: TensorTrain,
  x0: TensorTrain,
  { reporter, run, checkpoint }: AppContext,
): Promise<MethodRun> {
  const label = LABELS[method];
  const started = performance.now();
  const curve: CurvePoint[] = [];
  const record = (iteration: number, value: number) => {
    const point = { method: label, iteration, value, seconds: (performance.now() - started) / 1000 };
    curve.push(point);
    run.appendMetrics(point);
  };
  if (method === 'tutorial') {
    reporter.start(config.iterations, label);
    let x = new TensorTrain(x0.cores.map((core) => tf.clone(core)));
    try {
      record(
        0,
        tf.tidy(() => f(x).dataSync()[0]!),
      );
      for (let k = 1; k <= config.iterations; k++) {
        await checkpoint();
        const difference = subtract(x, a);
        const gradient = project(difference, x);
        const next = retract(gradient, -config.tutorialStep);
        tf.dispose([...difference.cores]);
        gradient.dispose();
        x.dispose();
        x = next;
        const value = tf.tidy(() => f(x).dataSync()[0]!);
        record(k, value);
        reporter.tick(k, { F: value });
      }
    } finally {
      x.dispose();
    }
    reporter.done();
    return { method: label, curve, stop: 'iterations', msPerIteration: msPer(started, config.iterations) };
  }
  // ½‖X + tη − A‖² is quadratic in t along a tangent η, with minimum at t* = −⟨grad F, η⟩/‖η‖².
  const exactStep = ({ direction, slope }: StepContext) =>
    tf.tidy(() => -slope / pairwiseFlatInnerProjected(direction, direction).dataSync()[0]!);
  const options = {
    maxIterations: config.iterations,
    gradientTolerance: 0,
    reporter,
    label,
    callback: (_x: TensorTrain, r: { iteration: number; value: number }) => {
      record(r.iteration, r.value);
      return undefined;
    },
  };
  const result =
    method === 'gd'
      ? riemannianGradientDescent(f, x0, options)
      : riemannianConjugateGradient(f, x0, { ...options, lineSearch: { initialStep: exactStep } });
  result.x.dispose();
  return { method: label, curve, stop: result.reason, msPerIteration: msPer(started, Math.max(result.iterations, 1)) };
}

/**
 * Adam on the cores of X (tf.train.adam), from X₀; F recorded (and appended to metrics.jsonl) before every step
 * and at the end.
 */
async function runAdam(
  learningRate: number,
  iterations: number,
  f: (x: TensorTrain) => tf.Tensor,
  x0: TensorTrain,
  { reporter, run, checkpoint }: AppContext,
): Promise<MethodRun> {
  const label = `Adam on the cores, lr ${learningRate}`;
  const variables = x0.cores.map((core) => tf.variable(core));
  const optimizer = tf.train.adam(learningRate);
  const curve: CurvePoint[] = [];
  const started = performance.now();
  const record = (iteration: number, value: number) => {
    const point = { method: label, iteration, value, seconds: (performance.now() - started) / 1000 };
    curve.push(point);
    run.appendMetrics(point);
  };
  try {
    reporter.start(iterations, label);
    for (let k = 0; k < iterations; k++) {
      await checkpoint();
      const loss = optimizer.minimize(() => f(new TensorTrain(variables)) as tf.Scalar, true, variables)!;
      const value = loss.dataSync()[0]!;
      loss.dispose();
      record(k, value);
      reporter.tick(k + 1, { F: value });
    }
    reporter.done();
    record(
      iterations,
      tf.tidy(() => f(new TensorTrain(variables)).dataSync()[0]!),
    );
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
  }
  return { method: label, curve, stop: 'iterations', msPerIteration: msPer(started, iterations) };
}

const msPer = (started: number, iterations: number) => (performance.now() - started) / iterations;

/** The distinct iterations a run shows for the checkpoints (a run that stopped earlier: its last iteration). */
const shownIterations = (run: MethodRun, ks: readonly number[]) => [
  ...new Set(ks.map((k) => pointAt(run, k).iteration)),
];

function summarize(run: MethodRun, iterations: number, target: number) {
  const last = run.curve[run.curve.length - 1]!;
  const reached = new Set(shownIterations(run, checkpoints(iterations)));
  return {
    method: run.method,
    ...Object.fromEntries(
      checkpoints(iterations).map((k) => [`F at ${k}`, reached.has(k) ? pointAt(run, k).value : 'stopped before']),
    ),
    'final F': last.value,
    'iterations run': last.iteration,
    'iterations to best F (+1e-4 relative)': iterationsTo(run, target) ?? 'not reached',
    'ms per iteration': run.msPerIteration,
    stop: run.stop,
  };
}

const fixed = (v: number) => v.toFixed(2);

/**
 * The tutorial's printed numbers next to ours (the RNG differs: compare relations, not values). Every label
 * names the iterations that ran: the tutorial's printed iterations up to the configured count, and for a run
 * that stopped earlier its last iteration.
 */
function table(
  config: TutorialConfig,
  runs: readonly MethodRun[],
  tutorial: MethodRun | undefined,
  initial: number,
  rounded: number,
) {
  const ref = config.reference;
  const printed: Record<number, number> = { 10: ref.iteration10, 30: ref.iteration30, 90: ref.iteration90 };
  const rows: Array<{ claim: string; tutorial: string; ours: string; command: string }> = [];
  rows.push({
    claim: 'F(X₀) = ½‖X₀ − A‖², random start',
    tutorial: String(ref.initial),
    ours: fixed(initial),
    command: COMMAND,
  });
  rows.push({
    claim: `TT-SVD quasi-optimum F(round(A, ${config.rank}))`,
    tutorial: String(ref.rounded),
    ours: fixed(rounded),
    command: COMMAND,
  });
  if (tutorial !== undefined) {
    const ks = TUTORIAL_ITERATIONS.filter((k) => k <= lastIteration(tutorial));
    if (ks.length > 0) {
      rows.push({
        claim: `tutorial loop X ← round(X − P_X(X − A), ${config.rank}): F at iterations ${ks.join(' / ')}`,
        tutorial: ks.map((k) => String(printed[k])).join(' / '),
        ours: ks.map((k) => fixed(pointAt(tutorial, k).value)).join(' / '),
        command: COMMAND,
      });
    }
    rows.push({
      claim: `tutorial loop ends below rounding: F(${lastIteration(tutorial)}) / F(round(A, ${config.rank}))`,
      tutorial: `${(ref.iteration90 / ref.rounded).toFixed(3)} (F(90))`,
      ours: (tutorial.curve[tutorial.curve.length - 1]!.value / rounded).toFixed(3),
      command: COMMAND,
    });
  }
  const ks = checkpoints(config.iterations);
  for (const r of runs) {
    if (r === tutorial) continue;
    const shown = shownIterations(r, [...ks, lastIteration(r)]);
    const stopped = lastIteration(r) < config.iterations ? ` (stopped: ${r.stop})` : '';
    rows.push({
      claim: `${r.method}: F at ${shown.join(' / ')}${stopped}, ${r.msPerIteration.toFixed(1)} ms per iteration`,
      tutorial: '-',
      ours: shown.map((k) => fixed(pointAt(r, k).value)).join(' / '),
      command: COMMAND,
    });
  }
  const best = Math.min(...runs.flatMap((r) => r.curve.map((p) => p.value)));
  rows.push({ claim: 'best F over all methods', tutorial: '-', ours: fixed(best), command: COMMAND });
  return rows;
}
