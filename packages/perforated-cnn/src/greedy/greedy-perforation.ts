import { assertInteger, assertObject, shown } from '../internal/validate.js';

/**
 * The candidate keep fractions of every layer in the paper's greedy search, in the order they are tried:
 * [1, 1/1.5, 1/2, 1/3, …, 1/20] (21 values).
 */
export const DEFAULT_KEEP_FRACTIONS: readonly number[] = Object.freeze([
  1,
  1 / 1.5,
  ...Array.from({ length: 19 }, (_, i) => 1 / (i + 2)),
]);

/** One committed step of {@link greedyPerforation} (the first is the unperforated start). */
export interface GreedyStep {
  /** Keep fraction of every layer after this step. */
  readonly keepFractions: Readonly<Record<string, number>>;
  /** The layer advanced by one rate at this step; null for the start. */
  readonly changed: string | null;
  /** evaluate()'s loss at this setting. */
  readonly loss: number;
  /** evaluate()'s time at this setting. */
  readonly time: number;
  /** time₀ / time: the empirical speedup over the unperforated net. */
  readonly speedup: number;
}

/** Options of {@link greedyPerforation}. */
export interface GreedyOptions {
  /** Names of the layers to perforate (distinct, at least one). */
  readonly layers: readonly string[];
  /** Candidate keep fractions, strictly decreasing from 1, each in (0, 1]; {@link DEFAULT_KEEP_FRACTIONS} by default. */
  readonly keepFractions?: readonly number[];
  /** At most this many committed steps after the start (50 by default, as in the paper's scripts). */
  readonly maxSteps?: number;
  /**
   * Loss (e.g. validation loss) and MEASURED time (e.g. median wall time of the whole net) at a setting of every
   * layer's keep fraction. Called once for the start and once per candidate per step.
   */
  readonly evaluate: (keep: Readonly<Record<string, number>>) => { loss: number; time: number };
}

const OPTION_KEYS = ['layers', 'keepFractions', 'maxSteps', 'evaluate'];

/**
 * Greedy whole-network perforation (paper §3.3): start with every layer at keep fraction 1 and evaluate
 * (L₀, T₀). At each step, for every layer not yet at its last rate, advance that layer by one rate and evaluate
 * (L′, T′); cost = (L′ − L₀) / (T₀ − T′), or +∞ when T′ ≥ T₀ (not faster than the unperforated net). Commit the
 * single change of lowest cost (the first layer on a tie) and record it. Stops after `maxSteps` steps, when
 * every layer is at its last rate, or when no candidate is faster (every cost +∞). The recorded steps trace the
 * speedup / loss profile; pick one and fine-tune.
 *
 * Cost: 1 + Σ_steps (#layers not at their last rate) calls of `evaluate`; O(#layers) bookkeeping per call.
 *
 * @returns the start (changed: null) followed by one entry per committed step.
 * @throws Error naming `greedyPerforation` and the option for invalid options, and for an `evaluate` that does
 *   not return finite numbers { loss, time } with time > 0.
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016, §3.3 (code: net_greedy_perforation.m).
 * @example
 * const steps = greedyPerforation({ layers: ['conv1', 'conv2'], maxSteps: 10, evaluate: (keep) => measure(keep) });
 */
export function greedyPerforation(options: GreedyOptions): GreedyStep[] {
  const { layers, rates, maxSteps, evaluate } = validateOptions(options);
  const setting = (index: readonly number[]) =>
    Object.freeze(Object.fromEntries(layers.map((l, i) => [l, rates[index[i]!]!])));
  const run = (index: readonly number[]) => checkResult(evaluate(setting(index)));
  let index = layers.map(() => 0);
  const start = run(index);
  const steps: GreedyStep[] = [
    { keepFractions: setting(index), changed: null, loss: start.loss, time: start.time, speedup: 1 },
  ];
  for (let step = 0; step < maxSteps; step++) {
    let best: { layer: number; index: number[]; loss: number; time: number; cost: number } | undefined;
    layers.forEach((_, layer) => {
      if (index[layer] === rates.length - 1) return;
      const candidate = index.map((r, i) => (i === layer ? r + 1 : r));
      const { loss, time } = run(candidate);
      const cost = time < start.time ? (loss - start.loss) / (start.time - time) : Number.POSITIVE_INFINITY;
      if (cost < (best?.cost ?? Number.POSITIVE_INFINITY)) best = { layer, index: candidate, loss, time, cost };
    });
    if (best === undefined) break;
    index = best.index;
    steps.push({
      keepFractions: setting(index),
      changed: layers[best.layer]!,
      loss: best.loss,
      time: best.time,
      speedup: start.time / best.time,
    });
  }
  return steps;
}

function validateOptions(options: unknown): {
  layers: readonly string[];
  rates: readonly number[];
  maxSteps: number;
  evaluate: GreedyOptions['evaluate'];
} {
  const fn = 'greedyPerforation';
  const o = assertObject(options, fn, 'options');
  const unknown = Object.keys(o).find((key) => !OPTION_KEYS.includes(key));
  if (unknown !== undefined) {
    throw new Error(`${fn}: unknown option '${unknown}'; valid options: ${OPTION_KEYS.join(', ')}`);
  }
  const layers = o.layers;
  if (
    !Array.isArray(layers) ||
    layers.length === 0 ||
    !layers.every((l) => typeof l === 'string' && l !== '') ||
    new Set(layers).size !== layers.length
  ) {
    throw new Error(
      `${fn}: argument 'options.layers' must be an array of distinct non-empty names, got ${shown(layers)}`,
    );
  }
  const rates = o.keepFractions ?? DEFAULT_KEEP_FRACTIONS;
  const ratesOk =
    Array.isArray(rates) &&
    rates.length >= 1 &&
    rates[0] === 1 &&
    rates.every((r, i) => typeof r === 'number' && Number.isFinite(r) && r > 0 && (i === 0 || r < rates[i - 1]));
  if (!ratesOk) {
    throw new Error(
      `${fn}: argument 'options.keepFractions' must be numbers in (0, 1] decreasing strictly from 1, got ${shown(rates)}`,
    );
  }
  const maxSteps = o.maxSteps === undefined ? 50 : assertInteger(o.maxSteps, fn, 'options.maxSteps', 0, 2 ** 20);
  if (typeof o.evaluate !== 'function') {
    throw new Error(`${fn}: argument 'options.evaluate' must be a function, got ${shown(o.evaluate)}`);
  }
  return { layers, rates, maxSteps, evaluate: o.evaluate as GreedyOptions['evaluate'] };
}

function checkResult(result: unknown): { loss: number; time: number } {
  const ok =
    result !== null &&
    typeof result === 'object' &&
    typeof (result as { loss?: unknown }).loss === 'number' &&
    Number.isFinite((result as { loss: number }).loss) &&
    typeof (result as { time?: unknown }).time === 'number' &&
    Number.isFinite((result as { time: number }).time) &&
    (result as { time: number }).time > 0;
  if (!ok) {
    throw new Error(
      `greedyPerforation: argument 'options.evaluate' must return finite { loss, time } with time > 0, got ${shown(result)}`,
    );
  }
  return result as { loss: number; time: number };
}
