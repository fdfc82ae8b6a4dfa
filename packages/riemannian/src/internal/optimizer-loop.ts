import { assertOptions, type Metrics, type ProgressReporter } from '@proj/core';
import { cleanTapeOnError } from '@proj/core/ops';
import type { RankSpec, TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { riemannianGradient } from '../autodiff/gradients.js';
import type { TTFunction } from '../autodiff/options.js';
import {
  type IterationRecord,
  LINE_SEARCH_OPTION_KEYS,
  type LineSearchOptions,
  OPTIMIZER_OPTION_KEYS,
  type OptimizationResult,
  type RiemannianOptimizerOptions,
  type StepContext,
  type StopReason,
} from '../optimize/options.js';
import { checkMaxTTRank, retractBy } from '../tangent/retract.js';
import { TangentVector } from '../tangent-vector.js';
import { assertFinitePoint, assertPoint } from './assert.js';
import { assertFunction, checkTolerances, scalarValue } from './autodiff.js';
import { innerProjected } from './coordinates.js';
import { describe, shown } from './describe.js';
import { copyTT } from './vector.js';

/** How a method picks its search direction; it owns what it keeps between iterations. */
export interface DirectionRule {
  /**
   * The direction η_k at the gradient's point (a new vector the loop disposes), given grad f(x_k) (which the
   * loop disposes after the iteration), and whether it was a restart (−grad f).
   */
  next(
    gradient: TangentVector<TensorTrain>,
    iteration: number,
  ): { direction: TangentVector<TensorTrain>; restarted: boolean };
  /** Frees what the rule keeps. */
  dispose(): void;
}

/**
 * The loop shared by the Riemannian optimizers: gradient, stopping tests, direction, Armijo backtracking along
 * the retraction, records and progress. Keeps the tensor count flat: every iterate, gradient and direction is
 * freed once replaced, on error paths too; the caller's x0 is never touched. `keys` are the valid option keys.
 */
export function runOptimizer(
  f: TTFunction,
  x0: TensorTrain,
  options: RiemannianOptimizerOptions,
  rule: DirectionRule,
  fn: string,
  keys: readonly string[] = OPTIMIZER_OPTION_KEYS,
): OptimizationResult {
  try {
    assertFunction(f, fn);
    assertPoint(x0, fn, 'x0');
    assertOptions(fn, options, keys);
    const settings = checkOptions(options ?? {}, x0.ndims, fn);
    assertFinitePoint(x0, fn, 'x0');
    return cleanTapeOnError(() => optimize(f, x0, settings, rule, fn));
  } finally {
    rule.dispose();
  }
}

/** The run itself, on checked arguments. */
function optimize(
  f: TTFunction,
  x0: TensorTrain,
  settings: Settings,
  rule: DirectionRule,
  fn: string,
): OptimizationResult {
  const { reporter, callback, maxTTRank, gradient: closedForm, runtimeCheck } = settings;
  const evaluate = (x: TensorTrain) => tf.tidy(() => scalarValue(f(x), fn).dataSync()[0]!);
  const gradientAt = (x: TensorTrain, iteration: number): TangentVector<TensorTrain> =>
    closedForm !== undefined
      ? checkedGradient(closedForm(x), x, fn)
      : riemannianGradient(f, x, iteration === 0 ? runtimeCheck : undefined, fn);
  const started = performance.now();
  const history: IterationRecord[] = [];
  let x = copyTT(x0);
  let value = Number.NaN;
  let evaluations = 1;
  let previousValue: number | undefined;
  let step = 0;
  let backtracks = 0;
  let previousStep: number | undefined;
  let reason: StopReason = 'maxIterations';
  let gradientNorm = Number.NaN;
  try {
    value = evaluate(x);
    reporter.start(settings.maxIterations, settings.label);
    try {
      if (!Number.isFinite(value)) {
        history.push(record0(value, started));
        return { x, value, gradientNorm, iterations: 0, reason: 'nonFiniteObjective', history };
      }
      for (let k = 0; ; k++) {
        const gradient = gradientAt(x, k);
        let direction: TangentVector<TensorTrain> | undefined;
        try {
          gradientNorm = Math.sqrt(innerProjected(gradient, gradient));
          const record: IterationRecord = {
            iteration: k,
            value,
            gradientNorm,
            step,
            backtracks,
            evaluations,
            seconds: (performance.now() - started) / 1000,
            restarted: false,
            metrics: {},
          };
          let stop: StopReason | undefined;
          if (!Number.isFinite(gradientNorm)) stop = 'nonFiniteGradient';
          else if (gradientNorm <= settings.gradientTolerance) stop = 'gradientTolerance';
          else if (
            previousValue !== undefined &&
            Math.abs(value - previousValue) <= settings.valueTolerance * Math.abs(previousValue)
          ) {
            stop = 'valueTolerance';
          } else if (k >= settings.maxIterations) stop = 'maxIterations';
          let restarted = false;
          if (stop === undefined) ({ direction, restarted } = rule.next(gradient, k));
          const extra = checkedMetrics(callback?.(x, { ...record, restarted }), fn);
          const metrics: Metrics = extra === 'stop' || extra === undefined ? {} : extra;
          history.push({ ...record, restarted, metrics });
          if (k > 0) reporter.tick(k, { f: value, grad: gradientNorm, step, ...metrics });
          if (extra === 'stop') stop = 'callback';
          if (stop !== undefined || direction === undefined) {
            reason = stop ?? reason;
            break;
          }
          const slope = innerProjected(gradient, direction);
          const context: StepContext = { x, iteration: k, value, gradient, direction, slope, previousStep };
          const search = armijo(
            evaluate,
            direction,
            value,
            slope,
            initialStep(settings.lineSearch, context, previousValue, fn),
            settings.lineSearch,
            maxTTRank,
          );
          evaluations += search.evaluations;
          if (search.x === undefined) {
            reason = search.nonFinite ? 'nonFiniteObjective' : 'lineSearchFailed';
            break;
          }
          x.dispose();
          x = search.x;
          previousValue = value;
          value = search.value;
          step = search.step;
          backtracks = search.backtracks;
          previousStep = step;
        } finally {
          direction?.dispose();
          gradient.dispose();
        }
      }
    } finally {
      reporter.done();
    }
  } catch (error) {
    x.dispose();
    throw error;
  }
  return { x, value, gradientNorm, iterations: history.length - 1, reason, history };
}

/** The record of a starting point where f is not finite: no gradient, no step. */
function record0(value: number, started: number): IterationRecord {
  return {
    iteration: 0,
    value,
    gradientNorm: Number.NaN,
    step: 0,
    backtracks: 0,
    evaluations: 1,
    seconds: (performance.now() - started) / 1000,
    restarted: false,
    metrics: {},
  };
}

/**
 * Checks what a closed-form `gradient` option returned: a new single tangent vector at x.
 *
 * @throws Error naming `fn` otherwise (after freeing what it returned).
 */
function checkedGradient(v: unknown, x: TensorTrain, fn: string): TangentVector<TensorTrain> {
  if (v instanceof TangentVector && !v.isDisposed && v.batchSize === undefined && v.point === x) {
    return v as TangentVector<TensorTrain>;
  }
  let got = describe(v);
  if (v instanceof TangentVector) {
    got = v.isDisposed
      ? 'a disposed TangentVector'
      : v.batchSize !== undefined
        ? `a batch of ${v.batchSize} tangent vectors`
        : 'a tangent vector at another point';
    if (!v.isDisposed) v.dispose();
  } else if (v instanceof tf.Tensor) {
    v.dispose();
  }
  throw new Error(
    `${fn}: option 'gradient' must return a single TangentVector at its argument x (e.g. projectSum(…, x)), got ${got}`,
  );
}

/**
 * Checks what the `callback` returned: undefined, `'stop'` or metrics (an object of numbers).
 *
 * @throws Error naming `fn` otherwise.
 */
function checkedMetrics(extra: unknown, fn: string): Metrics | 'stop' | undefined {
  if (extra === undefined || extra === 'stop') return extra;
  const isMetrics =
    extra !== null &&
    typeof extra === 'object' &&
    !Array.isArray(extra) &&
    Object.values(extra).every((v) => typeof v === 'number');
  if (!isMetrics) {
    const got = typeof extra === 'string' ? `the string '${extra}'` : describe(extra);
    throw new Error(
      `${fn}: option 'callback' must return metrics (an object of numbers), 'stop' or undefined, got ${got}`,
    );
  }
  return extra as Metrics;
}

/** No progress: the library default. */
const SILENT: ProgressReporter = { start() {}, tick() {}, done() {} };

type Tolerance = { readonly rtol: number; readonly atol: number };

interface Settings {
  readonly maxIterations: number;
  readonly gradientTolerance: number;
  readonly valueTolerance: number;
  readonly maxTTRank: RankSpec | undefined;
  readonly lineSearch: Required<Omit<LineSearchOptions, 'initialStep'>> & Pick<LineSearchOptions, 'initialStep'>;
  readonly gradient: ((x: TensorTrain) => TangentVector<TensorTrain>) | undefined;
  readonly runtimeCheck: Tolerance | undefined;
  readonly reporter: ProgressReporter;
  readonly label: string;
  readonly callback: RiemannianOptimizerOptions['callback'];
}

function checkOptions(options: RiemannianOptimizerOptions, d: number, fn: string): Settings {
  const { maxIterations = 100, gradientTolerance = 1e-6, valueTolerance = 0, lineSearch = {} } = options;
  const fail = (name: string, expected: string, got: unknown): never => {
    throw new Error(`${fn}: option '${name}' must be ${expected}, got ${shown(got)}`);
  };
  const isNumber = (x: unknown): x is number => typeof x === 'number';
  if (!isNumber(maxIterations) || !Number.isInteger(maxIterations) || maxIterations < 0)
    fail('maxIterations', 'a non-negative integer', maxIterations);
  if (!isNumber(gradientTolerance) || !(gradientTolerance >= 0))
    fail('gradientTolerance', 'a non-negative number', gradientTolerance);
  if (!isNumber(valueTolerance) || !(valueTolerance >= 0))
    fail('valueTolerance', 'a non-negative number', valueTolerance);
  if (lineSearch === null || typeof lineSearch !== 'object' || Array.isArray(lineSearch)) {
    fail('lineSearch', 'an object {initialStep, contraction, sufficientDecrease, maxBacktracks}', lineSearch);
  }
  assertOptions(`${fn}: option 'lineSearch'`, lineSearch, LINE_SEARCH_OPTION_KEYS);
  const { contraction = 0.5, sufficientDecrease = 1e-4, maxBacktracks = 30, initialStep = 'adaptive' } = lineSearch;
  if (!isNumber(contraction) || !(contraction > 0 && contraction < 1))
    fail('lineSearch.contraction', 'in (0, 1)', contraction);
  if (!isNumber(sufficientDecrease) || !(sufficientDecrease > 0 && sufficientDecrease < 1)) {
    fail('lineSearch.sufficientDecrease', 'in (0, 1)', sufficientDecrease);
  }
  if (!isNumber(maxBacktracks) || !Number.isInteger(maxBacktracks) || maxBacktracks < 0) {
    fail('lineSearch.maxBacktracks', 'a non-negative integer', maxBacktracks);
  }
  if (
    initialStep !== 'adaptive' &&
    typeof initialStep !== 'function' &&
    !(typeof initialStep === 'number' && initialStep > 0 && Number.isFinite(initialStep))
  ) {
    fail('lineSearch.initialStep', "a positive number, 'adaptive' or a function", initialStep);
  }
  const { gradient, reporter = SILENT, label = fn, callback } = options;
  if (gradient !== undefined && typeof gradient !== 'function') {
    fail('gradient', 'a function of x returning a TangentVector at x', gradient);
  }
  if (callback !== undefined && typeof callback !== 'function') {
    fail('callback', 'a function of (x, record)', callback);
  }
  const isReporter =
    reporter !== null &&
    typeof reporter === 'object' &&
    ['start', 'tick', 'done'].every(
      (method) => typeof (reporter as unknown as Record<string, unknown>)[method] === 'function',
    );
  if (!isReporter) fail('reporter', 'a ProgressReporter {start, tick, done}', reporter);
  if (typeof label !== 'string') fail('label', 'a string', label);
  return {
    maxIterations,
    gradientTolerance,
    valueTolerance,
    maxTTRank: checkMaxTTRank(options.maxTTRank, d, fn),
    lineSearch: { contraction, sufficientDecrease, maxBacktracks, initialStep },
    gradient,
    runtimeCheck: checkTolerances(options.runtimeCheck ?? true, fn),
    reporter,
    label,
    callback,
  };
}

/** t₀ of the line search at this iteration. */
function initialStep(
  lineSearch: Settings['lineSearch'],
  context: StepContext,
  previousValue: number | undefined,
  fn: string,
): number {
  const rule = lineSearch.initialStep;
  if (typeof rule === 'number') return rule;
  if (typeof rule === 'function') {
    const t: unknown = rule(context);
    if (!(typeof t === 'number' && t > 0 && Number.isFinite(t))) {
      throw new Error(
        `${fn}: option 'lineSearch.initialStep' returned ${shown(t)} at iteration ${context.iteration}; it must return a positive finite number`,
      );
    }
    return t;
  }
  if (previousValue === undefined) return 1;
  const interpolated = (2 * (context.value - previousValue)) / context.slope;
  return interpolated > 0 && Number.isFinite(interpolated) ? interpolated : (context.previousStep ?? 1);
}

/**
 * Armijo backtracking along R_x(t·η): returns the first accepted point (owned by the caller) or, after
 * `maxBacktracks` rejections, no point, and whether f was non-finite at every trial point. A trial point
 * where f is NaN or ±Infinity is rejected (−Infinity would otherwise pass the test).
 */
function armijo(
  evaluate: (x: TensorTrain) => number,
  direction: TangentVector<TensorTrain>,
  value: number,
  slope: number,
  t0: number,
  lineSearch: Settings['lineSearch'],
  maxTTRank: RankSpec | undefined,
): {
  x: TensorTrain | undefined;
  value: number;
  step: number;
  backtracks: number;
  evaluations: number;
  nonFinite: boolean;
} {
  let t = t0;
  let nonFinite = true;
  const ranks = maxTTRank ?? [...direction.space.ranks];
  for (let backtracks = 0; backtracks <= lineSearch.maxBacktracks; backtracks++) {
    // A retraction that overflows (X + t·η not finite) is a trial point where f is not finite.
    const candidate = retractBy(direction, t, ranks);
    let candidateValue = Number.NaN;
    try {
      if (candidate !== undefined) candidateValue = evaluate(candidate);
    } catch (error) {
      candidate?.dispose();
      throw error;
    }
    const finite = Number.isFinite(candidateValue);
    if (finite && candidateValue <= value + lineSearch.sufficientDecrease * t * slope) {
      return {
        x: candidate,
        value: candidateValue,
        step: t,
        backtracks,
        evaluations: backtracks + 1,
        nonFinite: false,
      };
    }
    nonFinite &&= !finite;
    candidate?.dispose();
    t *= lineSearch.contraction;
  }
  return {
    x: undefined,
    value,
    step: 0,
    backtracks: lineSearch.maxBacktracks + 1,
    evaluations: lineSearch.maxBacktracks + 1,
    nonFinite,
  };
}
