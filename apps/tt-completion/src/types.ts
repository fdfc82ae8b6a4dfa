/** Train and test MSE of one method at one iterate (test only where evaluated). */
export interface CurvePoint {
  readonly method: string;
  readonly iteration: number;
  readonly train: number;
  readonly test: number | undefined;
  readonly seconds: number;
}

/** One method's run: its curve, why it stopped, and its time per iteration. */
export interface MethodRun {
  readonly method: string;
  readonly curve: readonly CurvePoint[];
  readonly stop: string;
  readonly msPerIteration: number;
}
