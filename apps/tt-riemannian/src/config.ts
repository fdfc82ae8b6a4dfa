import { positiveInt, positiveNumber } from '@proj/repro';
import * as z from 'zod';

/** The Riemannian methods of the run: T3F's tutorial loop, and the package's two optimizers. */
export const METHODS = ['tutorial', 'gd', 'cg'] as const;
export type Method = (typeof METHODS)[number];

/** Schema of the Riemannian tutorial's configs (configs/*.json). */
export const tutorialConfigSchema = z.strictObject({
  /** Mode sizes of A and X; the tutorial: (2,)*10. */
  shape: z.array(positiveInt()).min(2),
  /** TT-rank of the target A (random_tensor, unit-variance entries); the tutorial: 16. */
  targetRank: positiveInt(),
  /** TT-rank r of the approximation X (and of the random start X₀); the tutorial: 2. */
  rank: positiveInt(),
  /** Iterations of every Riemannian method; the tutorial: 100. */
  iterations: positiveInt(),
  /** Step of the tutorial's loop X ← round(X − step·P_X(X − A), r); the tutorial: 1. */
  tutorialStep: positiveNumber(),
  /**
   * Riemannian methods: `tutorial` (T3F's fixed-step loop), `gd` (gradient descent with Armijo backtracking,
   * gradient by Riemannian autodiff), `cg` (conjugate gradients, PR+, exact initial step of the quadratic).
   */
  methods: z.array(z.enum(METHODS)),
  /** Adam on the cores of X: one run per learning rate, `iterations` steps each. */
  adam: z.strictObject({ learningRates: z.array(positiveNumber()), iterations: positiveInt() }),
  /** The tutorial notebook's printed values of F = ½‖X − A‖² (its RNG; only their relations transfer). */
  reference: z.strictObject({
    initial: positiveNumber(),
    iteration10: positiveNumber(),
    iteration30: positiveNumber(),
    iteration90: positiveNumber(),
    rounded: positiveNumber(),
  }),
});

/** Configuration of the Riemannian tutorial. */
export type TutorialConfig = z.infer<typeof tutorialConfigSchema>;
