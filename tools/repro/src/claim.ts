/**
 * Where the number a claim is compared with comes from. `paper`: the paper, its code or its tutorial states it
 * (`source` says where: "Table 1", "tutorial, cell 14"). `ours-exact`: we computed it exactly (quadrature, a
 * closed form, a dense computation), so it is not the paper's; `source` names how.
 */
export interface Reference {
  readonly kind: 'paper' | 'ours-exact';
  readonly value: number;
  readonly source: string;
}

/**
 * How a claim's measured value `ours` is tested: against a bound (`ours >= bound`), or within `tolerance` of a
 * target (absolute, or relative to |target| when `relative`).
 */
export type ClaimTest =
  | { readonly op: '>' | '>=' | '<' | '<='; readonly bound: number }
  | { readonly op: 'within'; readonly target: number; readonly tolerance: number; readonly relative?: boolean };

/** What an app states to make a claim; {@link claim} adds whether it holds. */
export interface ClaimSpec {
  /** Stable id, unique in the app, the same across seeds and configs: lower-case words joined by `-` or `.`. */
  readonly id: string;
  /** The claim, one sentence, e.g. "SACT at τ = 0.01 saves at least 30 % of the FLOPs of the plain ResNet". */
  readonly text: string;
  /** The number the paper states for this claim, or one we computed exactly; `null` when there is none. */
  readonly reference: Reference | null;
  /** The value this run measured, which `test` reads. NaN or ±Infinity never holds (results.json writes it as null). */
  readonly ours: number;
  /** Unit of `ours` and of the reference, for display: `%`, `x`, `ms`, `nats`; empty for none. */
  readonly unit?: string;
  readonly test: ClaimTest;
  /** The numbers behind `ours`, for people (never parsed). */
  readonly detail?: string;
}

/** A claim of an app as `results.json` holds it: {@link ClaimSpec} and whether it held in this run. */
export interface Claim extends ClaimSpec {
  readonly holds: boolean;
}

const ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/**
 * Makes a claim: checks that its test can fail and evaluates it on `ours`. A measured value that is NaN or
 * ±Infinity never holds (a run that did not measure cannot confirm anything).
 *
 * @throws Error naming the claim when its id is malformed, its text empty, or its test cannot fail (a bound,
 *   target or tolerance that is not a finite number, a negative tolerance), or when `reference.value` is not finite.
 */
export function claim(spec: ClaimSpec): Claim {
  const where = `claim '${spec.id}'`;
  if (!ID.test(spec.id)) {
    throw new Error(`claim: argument 'id' must be lower-case words joined by '-' or '.', got '${spec.id}'`);
  }
  if (spec.text.trim() === '') throw new Error(`${where}: 'text' must not be empty`);
  const { test } = spec;
  const numbers: Readonly<Record<string, number>> =
    test.op === 'within' ? { target: test.target, tolerance: test.tolerance } : { bound: test.bound };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isFinite(value)) {
      throw new Error(`${where}: test '${name}' must be a finite number (a test that cannot fail), got ${value}`);
    }
  }
  if (test.op === 'within' && test.tolerance < 0) {
    throw new Error(`${where}: test 'tolerance' must be >= 0, got ${test.tolerance}`);
  }
  if (spec.reference !== null && !Number.isFinite(spec.reference.value)) {
    throw new Error(`${where}: 'reference.value' must be a finite number, got ${spec.reference.value}`);
  }
  return { ...spec, holds: holds(spec.ours, test) };
}

/** Whether `ours` passes `test`; false for a non-finite `ours`. */
export function holds(ours: number, test: ClaimTest): boolean {
  if (!Number.isFinite(ours)) return false;
  switch (test.op) {
    case '>':
      return ours > test.bound;
    case '>=':
      return ours >= test.bound;
    case '<':
      return ours < test.bound;
    case '<=':
      return ours <= test.bound;
    case 'within': {
      const scale = test.relative ? Math.abs(test.target) : 1;
      return Math.abs(ours - test.target) <= test.tolerance * scale;
    }
  }
}

/** A number for tables: 4 significant digits, integers as they are, `–` for NaN, `∞` for Infinity. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** `value` with its unit: `37.5 %`, `1.2 x`, `3 nats`, `4` (no unit). */
export function withUnit(value: number, unit = ''): string {
  return unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** A claim's test as text, e.g. `ours ≥ 1.5 x` or `ours within 10 % of 0.25`. */
export function formatTest(test: ClaimTest, unit = ''): string {
  const ops = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' } as const;
  if (test.op !== 'within') return `ours ${ops[test.op]} ${withUnit(test.bound, unit)}`;
  const tolerance = test.relative ? withUnit(100 * test.tolerance, '%') : withUnit(test.tolerance, unit);
  return `ours within ${tolerance} of ${withUnit(test.target, unit)}`;
}

/** One line per claim, as `pnpm repro <app>` prints them: `HOLDS  id: text — ours 1.23 x (paper 1.5 x, Table 2; test ours ≥ 1 x)`. */
export function formatClaim(c: Claim): string {
  const reference =
    c.reference === null ? '' : `${c.reference.kind} ${withUnit(c.reference.value, c.unit)}, ${c.reference.source}; `;
  const detail = c.detail === undefined ? '' : `\n       ${c.detail}`;
  return `${c.holds ? 'HOLDS' : 'FAILS'}  ${c.id}: ${c.text} — ours ${withUnit(c.ours, c.unit)} (${reference}test ${formatTest(c.test, c.unit)})${detail}`;
}

/**
 * The row an app prints for a claim in its results table: the claim's text, what the paper says (`paper`), ours as
 * `value unit (detail)`, `holds` or `fails`, and the command that reproduces it.
 */
export function claimRow(c: Claim, paper: string, command: string) {
  return {
    claim: c.text,
    paper,
    ours: `${withUnit(c.ours, c.unit)}${c.detail === undefined ? '' : ` (${c.detail})`}`,
    holds: c.holds ? 'holds' : 'fails',
    command,
  };
}
