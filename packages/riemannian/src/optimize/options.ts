import type { Metrics, ProgressReporter } from '@proj/core';
import type { RankSpec, TensorTrain } from '@proj/tt';
import type { RuntimeCheckTolerance } from '../autodiff/options.js';
import type { TangentVector } from '../tangent-vector.js';

/** What an `initialStep` function sees at iteration k. */
export interface StepContext {
  /** The current point x_k. */
  readonly x: TensorTrain;
  /** k (0-based). */
  readonly iteration: number;
  /** f(x_k). */
  readonly value: number;
  /** The Riemannian gradient at x_k. */
  readonly gradient: TangentVector<TensorTrain>;
  /** The search direction η_k at x_k. */
  readonly direction: TangentVector<TensorTrain>;
  /** The directional derivative ⟨grad f(x_k), η_k⟩ < 0. */
  readonly slope: number;
  /** The step accepted at the previous iteration (undefined at k = 0). */
  readonly previousStep: number | undefined;
}

/**
 * Armijo backtracking (Absil–Mahony–Sepulchre Algorithm 1 with the Armijo point): from an initial step t₀,
 * t ← contraction·t until f(R_x(t·η)) ≤ f(x) + sufficientDecrease·t·⟨grad f(x), η⟩.
 */
export interface LineSearchOptions {
  /**
   * t₀: a number (every iteration), `'adaptive'` (default: 1 at the first iteration, then
   * 2·(f(x_k) − f(x_{k−1}))/⟨grad f(x_k), η_k⟩, Nocedal–Wright eq. 3.60, falling back to the previous step), or
   * a function of the {@link StepContext} (e.g. the exact step of a quadratic model).
   */
  readonly initialStep?: number | 'adaptive' | ((context: StepContext) => number);
  /** Factor in (0, 1) applied to a rejected step; default 0.5. */
  readonly contraction?: number;
  /** Armijo constant c in (0, 1); default 1e-4. */
  readonly sufficientDecrease?: number;
  /**
   * Rejected steps allowed per iteration before the run stops with `'lineSearchFailed'` (or
   * `'nonFiniteObjective'` when f was not finite at any trial point); default 30.
   */
  readonly maxBacktracks?: number;
}

/** What a run of {@link riemannianGradientDescent} or {@link riemannianConjugateGradient} records per iterate. */
export interface IterationRecord {
  /** k: 0 for the starting point. */
  readonly iteration: number;
  /** f(x_k). */
  readonly value: number;
  /** ‖grad f(x_k)‖_F, the norm of the Riemannian gradient. */
  readonly gradientNorm: number;
  /** The step t that led to x_k (0 for k = 0). */
  readonly step: number;
  /** Steps rejected by the line search before it. */
  readonly backtracks: number;
  /** Evaluations of f so far (line search included). */
  readonly evaluations: number;
  /** Seconds since the start of the run. */
  readonly seconds: number;
  /** Conjugate gradients: whether η_k was reset to −grad f(x_k). */
  readonly restarted: boolean;
  /** Metrics returned by the `callback` for this iterate. */
  readonly metrics: Metrics;
}

/**
 * Why a run stopped: `gradientTolerance`, `valueTolerance`, `maxIterations` and `callback` as their options
 * say; `lineSearchFailed` when no trial step of an iteration gave sufficient decrease; `nonFiniteObjective`
 * when f is NaN or ±Infinity at the starting point, or at every trial point of a failed line search (trial
 * points where f is not finite are rejected like any step without sufficient decrease, so a run backtracks
 * out of a region where f overflows); `nonFiniteGradient` when the Riemannian gradient at an iterate has a
 * NaN or infinite norm. The result then holds the last accepted iterate (a copy of x0 when f is not finite
 * there, with `value` NaN or ±Infinity and `gradientNorm` NaN).
 */
export type StopReason =
  | 'gradientTolerance'
  | 'valueTolerance'
  | 'maxIterations'
  | 'lineSearchFailed'
  | 'nonFiniteObjective'
  | 'nonFiniteGradient'
  | 'callback';

/** The option keys of {@link RiemannianOptimizerOptions}: any other key is an error. */
export const OPTIMIZER_OPTION_KEYS = [
  'maxIterations',
  'gradientTolerance',
  'valueTolerance',
  'maxTTRank',
  'lineSearch',
  'gradient',
  'runtimeCheck',
  'reporter',
  'label',
  'callback',
] as const;

/** The option keys of {@link LineSearchOptions}. */
export const LINE_SEARCH_OPTION_KEYS = ['initialStep', 'contraction', 'sufficientDecrease', 'maxBacktracks'] as const;

/** Options shared by the Riemannian optimizers. */
export interface RiemannianOptimizerOptions {
  /** Largest number of steps; default 100. */
  readonly maxIterations?: number;
  /** Stop when ‖grad f(x_k)‖ ≤ this; default 1e-6. */
  readonly gradientTolerance?: number;
  /** Stop when |f(x_k) − f(x_{k−1})| ≤ this·|f(x_{k−1})|; default 0 (only when f stops changing at all). */
  readonly valueTolerance?: number;
  /** TT-ranks of the iterates (the retraction's cap); default the ranks of the current point. */
  readonly maxTTRank?: RankSpec;
  /** Line search; see {@link LineSearchOptions}. */
  readonly lineSearch?: LineSearchOptions;
  /**
   * The Riemannian gradient at x; default `gradients(f, x)` (Riemannian autodiff). Supply a closed form
   * (e.g. `projectSum` of residual-weighted indicators for completion) when one is cheaper. It must return a
   * new single {@link TangentVector} at x itself (e.g. `projectSum(…, x)`), which the run disposes.
   */
  readonly gradient?: (x: TensorTrain) => TangentVector<TensorTrain>;
  /** Runtime check of the default gradient at the first iterate (see `gradients`); default true. */
  readonly runtimeCheck?: boolean | RuntimeCheckTolerance;
  /** Progress: one `tick` per iterate with f, ‖grad‖, the step and the callback's metrics. */
  readonly reporter?: ProgressReporter;
  /** Label of the reporter's phase; default the method's name. */
  readonly label?: string;
  /**
   * Called at every iterate (after its gradient) with the iterate, which the run owns (read it, do not dispose
   * it): returns extra metrics to record and report (e.g. a test error), or `'stop'` to end the run (reason
   * `'callback'`).
   */
  readonly callback?: (x: TensorTrain, record: IterationRecord) => Metrics | 'stop' | undefined;
}

/** Result of a Riemannian optimizer run. */
export interface OptimizationResult {
  /** The last iterate (a new TensorTrain owned by the caller). */
  readonly x: TensorTrain;
  /** f(x). */
  readonly value: number;
  /** ‖grad f(x)‖ (NaN when the run stopped with `nonFiniteObjective` at the start). */
  readonly gradientNorm: number;
  /** Steps taken. */
  readonly iterations: number;
  /** Why it stopped. */
  readonly reason: StopReason;
  /** One record per iterate, the starting point first. */
  readonly history: readonly IterationRecord[];
}
