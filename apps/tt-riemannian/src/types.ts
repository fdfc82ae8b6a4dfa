/** F = ½‖X − A‖² at one iterate of one method. */
export interface CurvePoint {
  readonly method: string;
  readonly iteration: number;
  readonly value: number;
  readonly seconds: number;
}

/** One method's run: its curve, why it stopped, and its time per iteration. */
export interface MethodRun {
  readonly method: string;
  readonly curve: readonly CurvePoint[];
  readonly stop: string;
  readonly msPerIteration: number;
}
