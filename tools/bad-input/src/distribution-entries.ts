import type { BadInputEntry } from './bad-input.js';

/** A distribution family under the bad-input suite: its class and factory exports, valid parameters and points. */
export interface DistributionFamilyCase {
  /** The class's export name, also the family named in its errors (`Normal`). */
  readonly family: string;
  /** The factory's export name (`normal`). */
  readonly factory: string;
  /** Fresh valid parameters (a batch of 2 where the family allows). */
  readonly params: () => Record<string, unknown>;
  /** Fresh valid points of the support, for `logProb`, `prob` and `cdf`. */
  readonly x: () => unknown;
  /** Methods besides sample, logProb, prob and dispose: `cdf` gets x, `logSample` a shape and a seed, others none. */
  readonly methods: readonly string[];
}

type Build = (params: unknown, options?: unknown) => unknown;
type Methods = Record<string, (...args: unknown[]) => unknown>;

/**
 * The bad-input entries of one distribution family of the `Distribution` interface, with the exports of its
 * module (`exported`): the factory and the constructor (their option argument is checked for unknown keys),
 * `sample(shape, seed)`, `logProb(x)`, `prob(x)`, every method of `c.methods` and `dispose()`, each called
 * on a fresh valid distribution kept fixed (errors must name `Family.method`). O(methods).
 */
export function distributionEntries(exported: Record<string, unknown>, c: DistributionFamilyCase): BadInputEntry[] {
  const factory = exported[c.factory] as Build;
  const Class = exported[c.family] as new (params: unknown, options?: unknown) => unknown;
  const make = () => factory(c.params());
  const keep = { 0: 'the distribution whose method is under test' };
  const method = (name: string, args: () => unknown[]): BadInputEntry => ({
    export: c.family,
    name: `${c.family}.${name}`,
    call: ([d, ...rest]) => (d as Methods)[name]!(...rest),
    valid: () => [make(), ...args()],
    keep,
  });
  const argumentsOf = (name: string): unknown[] => (name === 'cdf' ? [c.x()] : name === 'logSample' ? [[2], 1] : []);
  return [
    // Constructor errors name the family (`Normal: parameter 'scale' is missing`), from the factory too.
    {
      export: c.factory,
      name: c.family,
      call: ([p, o]) => factory(p, o),
      valid: () => [c.params(), { validateArgs: true }],
      options: 1,
    },
    { export: c.family, name: c.family, call: ([p, o]) => new Class(p, o), valid: () => [c.params(), {}], options: 1 },
    method('sample', () => [[2], 1]),
    method('logProb', () => [c.x()]),
    method('prob', () => [c.x()]),
    ...c.methods.map((name) => method(name, () => argumentsOf(name))),
    method('dispose', () => []),
  ];
}
