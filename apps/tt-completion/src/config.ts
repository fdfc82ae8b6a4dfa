import { nonNegativeNumber, positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

const inUnitInterval = { error: 'must be in (0, 1]' };

/** A Riemannian run: the optimizer and where its Riemannian gradient comes from. */
const methodSchema = z.strictObject({
  /** `gd`: gradient descent; `cg`: conjugate gradients (PR+). Both: Armijo backtracking from the exact step. */
  optimizer: z.enum(['gd', 'cg']),
  /**
   * `autodiff`: `gradients(f)` with f the MSE through gatherND; `projectSum`: the closed form
   * P_X(2/|Ω|·Σ_p residual_p·e_{i_p}) as `projectSum` of rank-1 indicator TTs weighted by the residuals.
   * Neither forms a dense tensor.
   */
  gradient: z.enum(['autodiff', 'projectSum']),
});

/** Schema of the completion tutorial's configs (configs/*.json). */
export const completionConfigSchema = z.strictObject({
  /** Shape of the tensor; the tutorial: (3, 4, 4, 5, 7, 5), 8400 entries. */
  shape: z.array(positiveInt()).min(2),
  /** TT-rank of the ground truth (random_tensor, unit-variance entries); the tutorial: 5. */
  trueRank: positiveInt(),
  /** TT-rank of the estimate; the tutorial: 5. */
  rank: positiveInt(),
  /** Standard deviation of the Gaussian noise added to the truth; the tutorial: 0.01 (floor 1e-4). */
  noise: nonNegativeNumber(),
  /** Fraction of entries observed, drawn without replacement; the tutorial: 0.25 (a Bernoulli mask there). */
  observedFraction: z.number(inUnitInterval).positive(inUnitInterval).max(1, inUnitInterval),
  /** Iterations of every Riemannian run. */
  iterations: positiveInt(),
  methods: z.array(methodSchema),
  /** Adam on the cores (the tutorial's method): learning rate 0.01; test MSE every `evaluateEvery` steps. */
  adam: z.strictObject({ learningRate: positiveNumber(), iterations: positiveInt(), evaluateEvery: positiveInt() }),
  /** The tutorial notebook's numbers (its RNG and Bernoulli mask; only the scales transfer). */
  reference: z.strictObject({
    initialTrain: positiveNumber(),
    initialTest: positiveNumber(),
    finalTrain: positiveNumber(),
    finalTest: positiveNumber(),
    adamIterations: positiveNumber(),
  }),
});

/** Configuration of the completion tutorial. */
export type CompletionConfig = z.infer<typeof completionConfigSchema>;

/** A Riemannian run of the config. */
export type MethodConfig = z.infer<typeof methodSchema>;
