import * as tf from '@tensorflow/tfjs-core';
import * as fc from 'fast-check';

/**
 * One exported function (or class, or method) under test: how to call it, arguments that are valid, and what
 * it documents for inputs it accepts. The harness replaces one argument at a time by a bad value.
 */
export interface BadInputEntry {
  /** The export's name, for the coverage check (`lgamma`, `TensorTrain`, ...). */
  readonly export: string;
  /** What an error must name: the function as the user called it (`round`, `Normal.sample`, ...). */
  readonly name: string;
  /** Calls the function with `args` (one of them possibly bad). */
  readonly call: (args: unknown[]) => unknown;
  /** Valid arguments, made fresh for every sample (tensors among them are freed by the harness). */
  readonly valid: () => unknown[];
  /** Position of the options object, if any: unknown keys must be rejected. */
  readonly options?: number;
  /** Argument positions not to corrupt, each with the reason (e.g. a callback the user writes). */
  readonly keep?: Readonly<Record<number, string>>;
  /**
   * Whether a result returned for bad input is a documented one (default: anything but a string, a function or
   * a promise is; e.g. elementwise functions return NaN for NaN). Checked only when the call does not throw.
   */
  readonly returns?: (result: unknown, args: readonly unknown[]) => boolean;
}

/** A bad value: a label for reports and a maker (tensors are made inside the sample, after the count). */
interface BadValue {
  readonly label: string;
  /** Makes the bad value, given the valid value it replaces (options are corrupted one key at a time). */
  readonly make: (valid?: unknown) => unknown;
  /** Whether any return (even a documented one) is wrong: the call must throw. */
  readonly mustThrow?: boolean;
}

const disposed = (): tf.Tensor => {
  const t = tf.scalar(1);
  t.dispose();
  return t;
};

/** Values that are wrong for almost every argument: wrong types, non-finite, negative, huge, empty, ragged. */
const BAD_VALUES: readonly BadValue[] = [
  { label: 'undefined', make: () => undefined },
  { label: 'null', make: () => null },
  { label: 'true', make: () => true },
  { label: "'3'", make: () => '3' },
  { label: '{}', make: () => ({}) },
  { label: '[]', make: () => [] },
  { label: '[[1, 2], [3]] (ragged)', make: () => [[1, 2], [3]] },
  { label: "['a', 'b']", make: () => ['a', 'b'] },
  { label: 'NaN', make: () => Number.NaN },
  { label: 'Infinity', make: () => Number.POSITIVE_INFINITY },
  { label: '-Infinity', make: () => Number.NEGATIVE_INFINITY },
  { label: '-1', make: () => -1 },
  { label: '0', make: () => 0 },
  { label: '1.5', make: () => 1.5 },
  { label: '2^31', make: () => 2 ** 31 },
  { label: '[2^31, 2] (huge shape)', make: () => [2 ** 31, 2] },
  { label: '[1e9, 1e9] (huge shape)', make: () => [1e9, 1e9] },
  { label: '[2, -2] (negative size)', make: () => [2, -2] },
  { label: 'a function', make: () => () => 1 },
  { label: 'tensor NaN', make: () => tf.scalar(Number.NaN) },
  {
    label: 'tensor [NaN, Inf, -Inf]',
    make: () => tf.tensor1d([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]),
  },
  { label: 'empty tensor [0]', make: () => tf.zeros([0]) },
  { label: 'empty tensor [2, 0, 3]', make: () => tf.zeros([2, 0, 3]) },
  { label: 'rank-5 tensor', make: () => tf.ones([2, 1, 3, 1, 2]) },
  { label: 'int32 tensor', make: () => tf.tensor1d([1, 2], 'int32') },
  { label: 'bool tensor', make: () => tf.tensor1d([true, false], 'bool') },
  { label: 'string tensor', make: () => tf.tensor1d(['a'], 'string') },
  { label: 'disposed tensor', make: disposed },
];

/** Options objects that are wrong: unknown keys, and known keys with bad values. */
function badOptions(keys: readonly string[]): BadValue[] {
  const spread = (valid: unknown) => (valid !== null && typeof valid === 'object' ? valid : {});
  return [
    {
      label: "options with an unknown key 'notAnOption'",
      make: (valid) => ({ ...spread(valid), notAnOption: 1 }),
      mustThrow: true,
    },
    ...keys.flatMap((key) =>
      BAD_VALUES.filter((bad) => !bad.label.includes('tensor')).map((bad) => ({
        label: `options.${key} = ${bad.label}`,
        make: (valid: unknown) => ({ ...spread(valid), [key]: bad.make() }),
      })),
    ),
  ];
}

/** A failed sample, for the report. */
export interface Finding {
  readonly argument: number;
  readonly value: string;
  readonly problem: string;
}

const isDocumentedByDefault = (result: unknown) =>
  typeof result !== 'string' && typeof result !== 'function' && !(result instanceof Promise);

function describe(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message.split('\n')[0]}` : String(error);
}

/**
 * Calls `entry` once with `args[position]` replaced by `bad` and returns what went wrong, if anything: a throw
 * that is not an Error naming the function, a result outside what the entry documents, or a tensor left
 * behind (the result's tensors are freed before counting). Synchronous: an async entry's promise is a finding.
 */
export function checkSample(entry: BadInputEntry, position: number, bad: BadValue): Finding | undefined {
  const finding = (problem: string): Finding => ({ argument: position, value: bad.label, problem });
  // tidy frees the arguments and the bad value afterwards; the finding holds no tensor.
  return tf.tidy((() => {
    const args = entry.valid();
    args[position] = bad.make(args[position]);
    const before = tf.memory().numTensors;
    let result: unknown;
    try {
      result = entry.call(args);
    } catch (error) {
      if (!(error instanceof Error)) return finding(`threw a non-Error: ${String(error)}`);
      if (!error.message.includes(entry.name))
        return finding(`error does not name '${entry.name}': ${describe(error)}`);
      const leaked = tf.memory().numTensors - before;
      return leaked > 0 ? finding(`leaked ${leaked} tensor(s) on the error path`) : undefined;
    }
    const documented = entry.returns ?? isDocumentedByDefault;
    if (bad.mustThrow === true || !documented(result, args)) {
      tf.dispose([...tensorsIn(result)].filter((t) => !t.isDisposed));
      return finding(`returned ${describeResult(result)} instead of throwing`);
    }
    tf.dispose([...tensorsIn(result)].filter((t) => !t.isDisposed));
    const leaked = tf.memory().numTensors - before;
    return leaked > 0 ? finding(`leaked ${leaked} tensor(s) besides its result`) : undefined;
  }) as unknown as () => tf.TensorContainer) as unknown as Finding | undefined;
}

function describeResult(result: unknown): string {
  if (result instanceof tf.Tensor) return `a ${result.dtype} tensor [${result.shape.join(',')}]`;
  if (typeof result === 'string') return `the string '${result}'`;
  return typeof result;
}

/** Every tensor reachable from a result (arrays, plain objects, class instances such as TT objects). */
function tensorsIn(value: unknown, seen = new Set<unknown>()): Set<tf.Tensor> {
  const found = new Set<tf.Tensor>();
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof tf.Tensor) {
      found.add(v);
      return;
    }
    for (const item of Array.isArray(v) ? v : Object.values(v)) walk(item);
  };
  walk(value);
  return found;
}

/** Options of {@link findBadInputProblems}. */
export interface BadInputOptions {
  /** Samples per entry (fast-check runs); default 40. */
  readonly runs?: number;
  /** fast-check seed; default 1 (the same samples every run). */
  readonly seed?: number;
}

/**
 * Drives `entry` with bad values (fast-check: a seeded random argument position and bad value per run, plus
 * every bad option) and returns the findings, at most one per (argument, value). The valid arguments must
 * work: a throw on them is a finding too.
 */
export function findBadInputProblems(entry: BadInputEntry, options: BadInputOptions = {}): Finding[] {
  const { runs = 40, seed = 1 } = options;
  const findings = new Map<string, Finding>();
  const record = (f: Finding | undefined) => {
    if (f !== undefined) findings.set(`${f.argument}|${f.value}`, f);
  };
  // Every call to valid() runs inside a tidy: the arguments it makes are freed with the sample.
  const validProblem = tf.tidy((() => {
    try {
      tf.dispose([...tensorsIn(entry.call(entry.valid()))]);
      return undefined;
    } catch (error) {
      return `threw ${describe(error)}`;
    }
  }) as unknown as () => tf.TensorContainer) as unknown as string | undefined;
  if (validProblem !== undefined) return [{ argument: -1, value: 'the valid arguments', problem: validProblem }];
  const [arity, optionKeys] = tf.tidy((() => {
    const args = entry.valid();
    const options = entry.options === undefined ? undefined : args[entry.options];
    return [args.length, options !== null && typeof options === 'object' ? Object.keys(options) : []];
  }) as unknown as () => tf.TensorContainer) as unknown as [number, string[]];
  const positions = Array.from({ length: arity }, (_, i) => i).filter(
    (i) => entry.keep?.[i] === undefined && i !== entry.options,
  );
  if (positions.length > 0) {
    fc.assert(
      fc.property(fc.constantFrom(...positions), fc.constantFrom(...BAD_VALUES), (position, bad) => {
        record(checkSample(entry, position, bad));
      }),
      { numRuns: runs, seed },
    );
  }
  if (entry.options !== undefined) {
    for (const bad of badOptions(optionKeys)) record(checkSample(entry, entry.options, bad));
  }
  return [...findings.values()];
}

/**
 * The exported names of `module` that have no entry (functions and classes; constants are exempt) and are not
 * listed in `exempt` (name → reason).
 */
export function uncoveredExports(
  module: Readonly<Record<string, unknown>>,
  entries: readonly BadInputEntry[],
  exempt: Readonly<Record<string, string>> = {},
): string[] {
  const covered = new Set(entries.map((entry) => entry.export));
  return Object.entries(module)
    .filter(([name, value]) => typeof value === 'function' && !covered.has(name) && exempt[name] === undefined)
    .map(([name]) => name)
    .sort();
}

/** One line per finding, for test failure messages. */
export function formatFindings(entry: BadInputEntry, findings: readonly Finding[]): string {
  return findings.map((f) => `${entry.name} argument ${f.argument} = ${f.value}: ${f.problem}`).join('\n');
}
