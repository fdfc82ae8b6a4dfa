import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BadInputEntry, findBadInputProblems, formatFindings, uncoveredExports } from './bad-input.js';

/** A careful function: validates its tensor and its options, and tidies. */
function careful(x: unknown, options: unknown = {}): tf.Tensor {
  if (!(x instanceof tf.Tensor) || x.isDisposed || x.dtype !== 'float32' || x.rank !== 1 || x.size === 0) {
    throw new Error(`careful: argument 'x' must be a non-empty float32 vector`);
  }
  if (options === null || typeof options !== 'object' || Object.keys(options).some((k) => k !== 'scale')) {
    throw new Error(`careful: unknown option; valid options: scale`);
  }
  const scale = (options as { scale?: unknown }).scale ?? 1;
  if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new Error(`careful: option 'scale' must be finite`);
  return tf.tidy(() => tf.mul(tf.add(x, 0), scale));
}

const entry = (name: string, call: BadInputEntry['call']): BadInputEntry => ({
  export: name,
  name,
  call,
  valid: () => [tf.tensor1d([1, 2]), { scale: 2 }],
  options: 1,
});

// No dependency on @proj/core (whose tests use this harness): the cpu backend is set up directly.
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the bad-input harness', () => {
  it('finds nothing wrong with a careful function', () => {
    const found = findBadInputProblems(entry('careful', (args) => careful(args[0], args[1])));
    expect(
      formatFindings(
        entry('careful', () => 0),
        found,
      ),
    ).toBe('');
  });

  it('reports a function that returns nonsense for strings, ignores unknown options and leaks', () => {
    const sloppy = (x: unknown) => {
      if (typeof x === 'string') return x; // lgammaScalar('3') → '3'
      if (!(x instanceof tf.Tensor)) throw new TypeError('cannot read shape'); // names nothing
      tf.add(x, 1); // leaked intermediate
      return tf.mul(x, 2);
    };
    const problems = findBadInputProblems(
      entry('sloppy', (args) => sloppy(args[0])),
      { runs: 200 },
    ).map((f) => `${f.value}: ${f.problem}`);
    expect(problems).toContain("'3': returned the string '3' instead of throwing");
    expect(problems).toContain(
      "options with an unknown key 'notAnOption': returned a float32 tensor [2] instead of throwing",
    );
    expect(problems).toContain('rank-5 tensor: leaked 1 tensor(s) besides its result');
    expect(problems.some((p) => p.startsWith("null: error does not name 'sloppy': TypeError"))).toBe(true);
  });

  it('reports valid arguments that throw, and exports without an entry', () => {
    const broken = entry('broken', () => {
      throw new Error('broken: always');
    });
    expect(findBadInputProblems(broken)).toEqual([
      { argument: -1, value: 'the valid arguments', problem: 'threw Error: broken: always' },
    ]);
    const module = { careful, other: () => 1, CONSTANT: 3 };
    expect(uncoveredExports(module, [entry('careful', () => 0)], {})).toEqual(['other']);
    expect(uncoveredExports(module, [entry('careful', () => 0)], { other: 'async' })).toEqual([]);
  });
});
