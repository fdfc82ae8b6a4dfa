import type { Metrics, ProgressReporter } from '@proj/core';
import type { TensorTrain } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import { gradients } from '../autodiff/gradients.js';
import type { TTFunction } from '../autodiff/options.js';
import type {
  IterationRecord,
  LineSearchOptions,
  OptimizationResult,
  RiemannianOptimizerOptions,
  StepContext,
  StopReason,
} from '../optimize/options.js';
import { retract } from '../tangent/retract.js';
import type { TangentVector } from '../tangent-vector.js';
import { assertPoint } from './assert.js';
import { assertFunction, scalarValue } from './autodiff.js';
import { innerProjected } from './coordinates.js';
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
 * freed once replaced; the caller's x0 is never touched.
 */
export function runOptimizer(
  f: TTFunction,
  x0: TensorTrain,
  options: RiemannianOptimizerOptions,
  rule: DirectionRule,
  fn: string,
): OptimizationResult {
  assertFunction(f, fn);
  assertPoint(x0, fn, 'x0');
  const settings = checkOptions(options, fn);
  const { reporter = SILENT, callback, maxTTRank } = options;
  const evaluate = (x: TensorTrain) => tf.tidy(() => scalarValue(f(x), fn).dataSync()[0]!);
  const gradientAt = (x: TensorTrain, iteration: number) =>
    options.gradient !== undefined
      ? options.gradient(x)
      : gradients(f, x, { runtimeCheck: iteration === 0 ? (options.runtimeCheck ?? true) : false });
  const started = performance.now();
  const history: IterationRecord[] = [];
  let x = copyTT(x0);
  let value = evaluate(x);
  let evaluations = 1;
  let previousValue: number | undefined;
  let step = 0;
  let backtracks = 0;
  let previousStep: number | undefined;
  let reason: StopReason = 'maxIterations';
  let gradientNorm = Number.NaN;
  reporter.start(settings.maxIterations, options.label ?? fn);
  try {
    for (let k = 0; ; k++) {
      const gradient = gradientAt(x, k);
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
        if (gradientNorm <= settings.gradientTolerance) stop = 'gradientTolerance';
        else if (
          previousValue !== undefined &&
          Math.abs(value - previousValue) <= settings.valueTolerance * Math.abs(previousValue)
        ) {
          stop = 'valueTolerance';
        } else if (k >= settings.maxIterations) stop = 'maxIterations';
        const { direction, restarted } =
          stop === undefined ? rule.next(gradient, k) : { direction: undefined, restarted: false };
        const extra = callback?.(x, { ...record, restarted });
        const metrics: Metrics = extra === 'stop' || extra === undefined ? {} : extra;
        history.push({ ...record, restarted, metrics });
        if (k > 0) reporter.tick(k, { f: value, grad: gradientNorm, step, ...metrics });
        if (extra === 'stop') stop = 'callback';
        if (stop !== undefined || direction === undefined) {
          direction?.dispose();
          reason = stop ?? reason;
          break;
        }
        try {
          const slope = innerProjected(gradient, direction);
          const context: StepContext = { x, iteration: k, value, gradient, direction, slope, previousStep };
          const search = armijo(
            evaluate,
            direction,
            value,
            slope,
            initialStep(settings.lineSearch, context, previousValue),
            settings.lineSearch,
            maxTTRank,
          );
          evaluations += search.evaluations;
          if (search.x === undefined) {
            reason = 'lineSearchFailed';
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
          direction.dispose();
        }
      } finally {
        gradient.dispose();
      }
    }
  } catch (error) {
    x.dispose();
    throw error;
  } finally {
    rule.dispose();
    reporter.done();
  }
  return { x, value, gradientNorm, iterations: history.length - 1, reason, history };
}

/** No progress: the library default. */
const SILENT: ProgressReporter = { start() {}, tick() {}, done() {} };

interface Settings {
  readonly maxIterations: number;
  readonly gradientTolerance: number;
  readonly valueTolerance: number;
  readonly lineSearch: Required<Omit<LineSearchOptions, 'initialStep'>> & Pick<LineSearchOptions, 'initialStep'>;
}

function checkOptions(options: RiemannianOptimizerOptions, fn: string): Settings {
  const { maxIterations = 100, gradientTolerance = 1e-6, valueTolerance = 0, lineSearch = {} } = options;
  const { contraction = 0.5, sufficientDecrease = 1e-4, maxBacktracks = 30, initialStep = 'adaptive' } = lineSearch;
  const fail = (name: string, expected: string, got: unknown): never => {
    throw new Error(`${fn}: option '${name}' must be ${expected}, got ${String(got)}`);
  };
  if (!Number.isInteger(maxIterations) || maxIterations < 0)
    fail('maxIterations', 'a non-negative integer', maxIterations);
  if (!(gradientTolerance >= 0)) fail('gradientTolerance', 'a non-negative number', gradientTolerance);
  if (!(valueTolerance >= 0)) fail('valueTolerance', 'a non-negative number', valueTolerance);
  if (!(contraction > 0 && contraction < 1)) fail('lineSearch.contraction', 'in (0, 1)', contraction);
  if (!(sufficientDecrease > 0 && sufficientDecrease < 1)) {
    fail('lineSearch.sufficientDecrease', 'in (0, 1)', sufficientDecrease);
  }
  if (!Number.isInteger(maxBacktracks) || maxBacktracks < 0) {
    fail('lineSearch.maxBacktracks', 'a non-negative integer', maxBacktracks);
  }
  if (
    initialStep !== 'adaptive' &&
    typeof initialStep !== 'function' &&
    !(typeof initialStep === 'number' && initialStep > 0 && Number.isFinite(initialStep))
  ) {
    fail('lineSearch.initialStep', "a positive number, 'adaptive' or a function", initialStep);
  }
  return {
    maxIterations,
    gradientTolerance,
    valueTolerance,
    lineSearch: { contraction, sufficientDecrease, maxBacktracks, initialStep },
  };
}

/** t₀ of the line search at this iteration. */
function initialStep(
  lineSearch: Settings['lineSearch'],
  context: StepContext,
  previousValue: number | undefined,
): number {
  const rule = lineSearch.initialStep;
  if (typeof rule === 'number') return rule;
  if (typeof rule === 'function') {
    const t = rule(context);
    if (!(t > 0 && Number.isFinite(t))) {
      throw new Error(
        `lineSearch.initialStep: the function returned ${t} at iteration ${context.iteration}; it must be a positive number`,
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
 * `maxBacktracks` rejections, no point.
 */
function armijo(
  evaluate: (x: TensorTrain) => number,
  direction: TangentVector<TensorTrain>,
  value: number,
  slope: number,
  t0: number,
  lineSearch: Settings['lineSearch'],
  maxTTRank: RiemannianOptimizerOptions['maxTTRank'],
): { x: TensorTrain | undefined; value: number; step: number; backtracks: number; evaluations: number } {
  let t = t0;
  for (let backtracks = 0; backtracks <= lineSearch.maxBacktracks; backtracks++) {
    const candidate = retract(direction, t, maxTTRank === undefined ? {} : { maxTTRank });
    const candidateValue = evaluate(candidate);
    if (candidateValue <= value + lineSearch.sufficientDecrease * t * slope) {
      return { x: candidate, value: candidateValue, step: t, backtracks, evaluations: backtracks + 1 };
    }
    candidate.dispose();
    t *= lineSearch.contraction;
  }
  return {
    x: undefined,
    value,
    step: 0,
    backtracks: lineSearch.maxBacktracks + 1,
    evaluations: lineSearch.maxBacktracks + 1,
  };
}
