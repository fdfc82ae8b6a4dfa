/** The Riemannian methods of the run: T3F's tutorial loop, and the package's two optimizers. */
export type Method = 'tutorial' | 'gd' | 'cg';

/** Configuration of the Riemannian tutorial (configs/*.json). */
export interface TutorialConfig {
  /** tfjs backend: auto, wasm or cpu. */
  readonly backend: 'auto' | 'wasm' | 'cpu';
  /** Mode sizes of A and X; the tutorial: (2,)*10. */
  readonly shape: readonly number[];
  /** TT-rank of the target A (random_tensor, unit-variance entries); the tutorial: 16. */
  readonly targetRank: number;
  /** TT-rank r of the approximation X (and of the random start X₀); the tutorial: 2. */
  readonly rank: number;
  /** Iterations of every Riemannian method; the tutorial: 100. */
  readonly iterations: number;
  /** Step of the tutorial's loop X ← round(X − step·P_X(X − A), r); the tutorial: 1. */
  readonly tutorialStep: number;
  /**
   * Riemannian methods: `tutorial` (T3F's fixed-step loop), `gd` (gradient descent with Armijo backtracking,
   * gradient by Riemannian autodiff), `cg` (conjugate gradients, PR+, exact initial step of the quadratic).
   */
  readonly methods: readonly Method[];
  /** Adam on the cores of X: one run per learning rate, `iterations` steps each. */
  readonly adam: { readonly learningRates: readonly number[]; readonly iterations: number };
  /** The tutorial notebook's printed values of F = ½‖X − A‖² (its RNG; only their relations transfer). */
  readonly reference: {
    readonly initial: number;
    readonly iteration10: number;
    readonly iteration30: number;
    readonly iteration90: number;
    readonly rounded: number;
  };
}

const METHODS: readonly string[] = ['tutorial', 'gd', 'cg'];

/** Checks a parsed config; throws naming the first bad field. */
export function validateConfig(raw: Record<string, unknown>): TutorialConfig {
  const config = raw as unknown as TutorialConfig;
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new Error(`tt-riemannian config: '${field}' must be ${expected}, got ${JSON.stringify(value)}`);
  };
  const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  const positive = (v: unknown) => typeof v === 'number' && v > 0 && Number.isFinite(v);
  if (!['auto', 'wasm', 'cpu'].includes(config.backend)) fail('backend', 'auto, wasm or cpu', config.backend);
  if (!Array.isArray(config.shape) || config.shape.length < 2 || !config.shape.every(positiveInt)) {
    fail('shape', 'a list of at least 2 positive integers', config.shape);
  }
  if (!positiveInt(config.targetRank)) fail('targetRank', 'a positive integer', config.targetRank);
  if (!positiveInt(config.rank)) fail('rank', 'a positive integer', config.rank);
  if (!positiveInt(config.iterations)) fail('iterations', 'a positive integer', config.iterations);
  if (!positive(config.tutorialStep)) fail('tutorialStep', 'a positive number', config.tutorialStep);
  if (!Array.isArray(config.methods) || !config.methods.every((m) => METHODS.includes(m))) {
    fail('methods', `a list of ${METHODS.join(', ')}`, config.methods);
  }
  const adam = config.adam;
  if (
    !adam ||
    !Array.isArray(adam.learningRates) ||
    !adam.learningRates.every(positive) ||
    !positiveInt(adam.iterations)
  ) {
    fail('adam', '{learningRates: positive numbers, iterations: a positive integer}', adam);
  }
  const reference = config.reference as unknown as Record<string, unknown> | undefined;
  if (
    !reference ||
    !['initial', 'iteration10', 'iteration30', 'iteration90', 'rounded'].every((k) => positive(reference[k]))
  ) {
    fail('reference', '{initial, iteration10, iteration30, iteration90, rounded}: positive numbers', reference);
  }
  return config;
}
