/** A Riemannian run: the optimizer and where its Riemannian gradient comes from. */
export interface MethodConfig {
  /** `gd`: gradient descent; `cg`: conjugate gradients (PR+). Both: Armijo backtracking from the exact step. */
  readonly optimizer: 'gd' | 'cg';
  /**
   * `autodiff`: `gradients(f)` with f the MSE through gatherND; `projectSum`: the closed form
   * P_X(2/|Ω|·Σ_p residual_p·e_{i_p}) as `projectSum` of rank-1 indicator TTs weighted by the residuals.
   * Neither forms a dense tensor.
   */
  readonly gradient: 'autodiff' | 'projectSum';
}

/** Configuration of the completion tutorial (configs/*.json). */
export interface CompletionConfig {
  /** tfjs backend: auto, wasm or cpu. */
  readonly backend: 'auto' | 'wasm' | 'cpu';
  /** Shape of the tensor; the tutorial: (3, 4, 4, 5, 7, 5), 8400 entries. */
  readonly shape: readonly number[];
  /** TT-rank of the ground truth (random_tensor, unit-variance entries); the tutorial: 5. */
  readonly trueRank: number;
  /** TT-rank of the estimate; the tutorial: 5. */
  readonly rank: number;
  /** Standard deviation of the Gaussian noise added to the truth; the tutorial: 0.01 (floor 1e-4). */
  readonly noise: number;
  /** Fraction of entries observed, drawn without replacement; the tutorial: 0.25 (a Bernoulli mask there). */
  readonly observedFraction: number;
  /** Iterations of every Riemannian run. */
  readonly iterations: number;
  readonly methods: readonly MethodConfig[];
  /** Adam on the cores (the tutorial's method): learning rate 0.01; test MSE every `evaluateEvery` steps. */
  readonly adam: { readonly learningRate: number; readonly iterations: number; readonly evaluateEvery: number };
  /** The tutorial notebook's numbers (its RNG and Bernoulli mask; only the scales transfer). */
  readonly reference: {
    readonly initialTrain: number;
    readonly initialTest: number;
    readonly finalTrain: number;
    readonly finalTest: number;
    readonly adamIterations: number;
  };
}

/** Checks a parsed config; throws naming the first bad field. */
export function validateConfig(raw: Record<string, unknown>): CompletionConfig {
  const config = raw as unknown as CompletionConfig;
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new Error(`tt-completion config: '${field}' must be ${expected}, got ${JSON.stringify(value)}`);
  };
  const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  const positive = (v: unknown) => typeof v === 'number' && v > 0 && Number.isFinite(v);
  if (!['auto', 'wasm', 'cpu'].includes(config.backend)) fail('backend', 'auto, wasm or cpu', config.backend);
  if (!Array.isArray(config.shape) || config.shape.length < 2 || !config.shape.every(positiveInt)) {
    fail('shape', 'a list of at least 2 positive integers', config.shape);
  }
  if (!positiveInt(config.trueRank)) fail('trueRank', 'a positive integer', config.trueRank);
  if (!positiveInt(config.rank)) fail('rank', 'a positive integer', config.rank);
  if (!(typeof config.noise === 'number' && config.noise >= 0)) fail('noise', 'a non-negative number', config.noise);
  if (!(positive(config.observedFraction) && config.observedFraction <= 1)) {
    fail('observedFraction', 'in (0, 1]', config.observedFraction);
  }
  if (!positiveInt(config.iterations)) fail('iterations', 'a positive integer', config.iterations);
  if (!Array.isArray(config.methods)) fail('methods', 'a list', config.methods);
  config.methods.forEach((method, i) => {
    if (!['gd', 'cg'].includes(method?.optimizer) || !['autodiff', 'projectSum'].includes(method?.gradient)) {
      fail(`methods[${i}]`, "{optimizer: 'gd' | 'cg', gradient: 'autodiff' | 'projectSum'}", method);
    }
  });
  const adam = config.adam;
  if (!adam || !positive(adam.learningRate) || !positiveInt(adam.iterations) || !positiveInt(adam.evaluateEvery)) {
    fail('adam', '{learningRate > 0, iterations and evaluateEvery positive integers}', adam);
  }
  const reference = config.reference as unknown as Record<string, unknown> | undefined;
  const keys = ['initialTrain', 'initialTest', 'finalTrain', 'finalTest', 'adamIterations'];
  if (!reference || !keys.every((k) => positive(reference[k])))
    fail('reference', `{${keys.join(', ')}}: positive numbers`, reference);
  return config;
}
