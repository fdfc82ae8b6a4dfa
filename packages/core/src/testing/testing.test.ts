import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { describeBackends } from '../vitest/describe-backends.js';
import { checkGradients } from './check-gradients.js';
import { expectClose } from './expect-close.js';
import { expectMeanWithin } from './expect-mean-within.js';
import { expectNoLeaks } from './expect-no-leaks.js';
import { testBackends } from './test-backends.js';

// Pinned to cpu whatever PROJ_BACKEND says: these tests check the helpers' thresholds as stated (e.g. "passes
// within rtol, fails just outside it"), which hold at tolerance factor 1 (cpu); on tensorflow the helpers
// scale every tolerance by BACKEND_TOLERANCE_FACTOR (10), so those thresholds would move.
beforeAll(async () => {
  await initBackend('cpu');
});

describe('expectClose', () => {
  it('passes within tolerance and fails just outside it', () => {
    expectClose([1, 2, 3], [1, 2, 3 + 3e-5], { rtol: 1e-5, atol: 0 });
    expect(() => expectClose([1, 2, 3], [1, 2, 3 + 4e-5], { rtol: 1e-5, atol: 0 })).toThrow(
      /expectClose: 1 of 3 elements differ .* worst at \[2\]: actual 3 vs expected 3\.000040/,
    );
  });

  it('uses atol for values near zero', () => {
    expectClose([0.5e-6], [0], { rtol: 0, atol: 1e-6 });
    expect(() => expectClose([2e-6], [0], { rtol: 0, atol: 1e-6 })).toThrow(/1 of 1/);
  });

  it('reads tensors and reports multi-indices', () => {
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    expectClose(a, [
      [1, 2],
      [3, 4],
    ]);
    expect(() =>
      expectClose(a, [
        [1, 2],
        [3, 5],
      ]),
    ).toThrow(/worst at \[1,1\]/);
    a.dispose();
  });

  it('treats NaN as equal only to NaN and infinities only to themselves', () => {
    expectClose([Number.NaN, Number.POSITIVE_INFINITY], [Number.NaN, Number.POSITIVE_INFINITY]);
    expect(() => expectClose([Number.NaN], [0])).toThrow(/1 of 1/);
    expect(() => expectClose([1], [Number.NaN])).toThrow(/1 of 1/);
    expect(() => expectClose([Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY])).toThrow(/1 of 1/);
    expect(() => expectClose([Number.POSITIVE_INFINITY], [3.4e38])).toThrow(/1 of 1/);
  });

  it('checks shapes, but lets a number stand for every element', () => {
    expect(() => expectClose([[1, 2, 3]], [[1], [2], [3]])).toThrow(
      /shape mismatch: actual \[1,3\] vs expected \[3,1\]/,
    );
    expect(() => expectClose([1, 2], [1, 2, 3])).toThrow(/shape mismatch/);
    expectClose([2, 2, 2], 2);
    expect(() => expectClose([2, 2, 2.1], 2)).toThrow(/worst at \[2\]/);
  });

  it('rejects negative tolerances and ragged arrays', () => {
    expect(() => expectClose([1], [1], { rtol: -1 })).toThrow(/tolerances must be non-negative/);
    expect(() =>
      expectClose(
        [[1, 2], [3]],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toThrow(/ragged/);
  });
});

describe('expectNoLeaks', () => {
  it('passes for a tidy function and for one returning its result', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    await expectNoLeaks(() => tf.tidy(() => tf.sum(tf.mul(x, 2))));
    await expectNoLeaks(() => [tf.add(x, 1), { y: tf.sub(x, 1) }]);
    await expectNoLeaks(async () => x);
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });

  it('fails for a function that leaks intermediates', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    await expect(expectNoLeaks(() => tf.sum(tf.mul(x, 2)))).rejects.toThrow(/expectNoLeaks: 1 tensor\(s\) leaked/);
    const leaked = tf.memory().numTensors;
    x.dispose();
    expect(leaked).toBeGreaterThan(0);
  });

  it('fails for a function that disposes tensors it does not own', async () => {
    const x = tf.tensor1d([1]);
    await expect(expectNoLeaks(() => x.dispose())).rejects.toThrow(/1 tensor\(s\) disposed that existed before/);
  });
});

describe('checkGradients', () => {
  const x = () => tf.tensor1d([0.3, -1.2, 2.5]);

  it('accepts correct gradients of smooth functions of several inputs', () => {
    const a = x();
    const b = tf.tensor2d([0.5, 1, -2, 0.1, 0.7, 1.3], [3, 2]);
    const report = checkGradients((u, w) => tf.matMul(tf.reshape(tf.exp(u), [1, 3]), tf.tanh(w!)), [a, b]);
    expect(report.inputs.map((r) => r.checked)).toEqual([3, 6]);
    tf.dispose([a, b]);
  });

  it('rejects a custom gradient that is off by a factor of 1.1', () => {
    const wrongSquare = tf.customGrad((v) => ({
      value: tf.square(v as tf.Tensor),
      gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.mul(v as tf.Tensor, 2.2)),
    }));
    const a = x();
    expect(() => checkGradients((v) => wrongSquare(v) as tf.Tensor, [a])).toThrow(
      /checkGradients: 3 partial derivative\(s\) differ .*\n {2}input 0 at \[0\]: analytic -?[\d.]+, numeric/,
    );
    a.dispose();
  });

  it('rejects a gradient that is wrong in one coordinate only', () => {
    const masked = tf.customGrad((v) => ({
      value: tf.sin(v as tf.Tensor),
      gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.mul(tf.cos(v as tf.Tensor), tf.tensor1d([1, 1, 0]))),
    }));
    const a = x();
    expect(() => checkGradients((v) => masked(v) as tf.Tensor, [a])).toThrow(
      /1 partial derivative\(s\).*\n {2}input 0 at \[2\]/,
    );
    a.dispose();
  });

  it('checks a seeded subset of large inputs and leaks nothing', async () => {
    const a = tf.randomNormal([40, 10], 0, 1, 'float32', 3);
    await expectNoLeaks(() => {
      const report = checkGradients((v) => tf.sum(tf.square(v), 1), [a], { maxEntriesPerInput: 16, seed: 4 });
      expect(report.inputs[0]!.checked).toBe(16);
    });
    a.dispose();
  });

  it('rejects non-float inputs and bad options', () => {
    const i = tf.tensor1d([1, 2], 'int32');
    expect(() => checkGradients((v) => v, [i])).toThrow(/input 0 must be float32, got int32/);
    expect(() => checkGradients((v) => v, [x()], { seed: -1 })).toThrow(/argument 'options.seed'/);
    i.dispose();
  });
});

describe('expectMeanWithin', () => {
  it('accepts normal draws around the true mean and rejects a shifted mean', () => {
    const n = 20000;
    const samples = tf.randomNormal([n, 2], 0, 1, 'float32', 11);
    const shifted = tf.add(samples, tf.tensor1d([0, 0.05]));
    expectMeanWithin(samples, [0, 0], [1, 1]);
    // A shift of 0.05 is 7 standard errors (1/sqrt(20000) = 0.0071).
    expect(() => expectMeanWithin(shifted, 0, 1)).toThrow(
      /at \[1\] is \d\.\d+ standard errors from 0 \(allowed 5; n=20000/,
    );
    tf.dispose([samples, shifted]);
  });

  it('takes plain arrays and per-component sd', () => {
    expectMeanWithin([1, 3, 1, 3], 2, 1.0001);
    expect(() => expectMeanWithin([1, 3, 1, 3], 2.6, 1, 1)).toThrow(/1\.2/);
  });

  it('rejects bad arguments', () => {
    expect(() => expectMeanWithin([1], 0, 1)).toThrow(/at least 2 draws/);
    expect(() => expectMeanWithin([1, 2], 0, 0)).toThrow(/'sd' must be positive/);
    expect(() =>
      expectMeanWithin(
        [
          [1, 2],
          [3, 4],
        ],
        [0, 0, 0],
        1,
      ),
    ).toThrow(/'mean' must be a number or match the event shape \[2\]/);
  });
});

describe('the helpers themselves', () => {
  it('leave no tensors behind when reading tensors', async () => {
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    await expectNoLeaks(() => {
      expectClose(a, [
        [1, 2],
        [3, 4],
      ]);
      expectMeanWithin(a, [2, 3], [1.5, 1.5]);
    });
    a.dispose();
  });
});

describe('describeBackends', () => {
  const seen: string[] = [];
  describeBackends('registers one suite per backend', (backend) => {
    it('runs with that backend active', () => {
      seen.push(backend);
      expect(tf.getBackend()).toBe(backend);
    });
  });
  it('covered cpu and wasm, or the one backend PROJ_BACKEND names', () => {
    const fromEnv = process.env.PROJ_BACKEND?.trim();
    expect(seen).toEqual(fromEnv ? [fromEnv] : ['cpu', 'wasm']);
  });
});

describe('testBackends', () => {
  const saved = process.env.PROJ_BACKEND;
  afterEach(() => {
    if (saved === undefined) delete process.env.PROJ_BACKEND;
    else process.env.PROJ_BACKEND = saved;
  });

  it('gives the defaults when PROJ_BACKEND is unset or empty', () => {
    delete process.env.PROJ_BACKEND;
    expect(testBackends()).toEqual(['cpu', 'wasm']);
    expect(testBackends(['wasm'])).toEqual(['wasm']);
    process.env.PROJ_BACKEND = ' ';
    expect(testBackends(['cpu'])).toEqual(['cpu']);
  });

  it('gives the one backend PROJ_BACKEND names, whatever the defaults', () => {
    process.env.PROJ_BACKEND = 'webgpu';
    expect(testBackends()).toEqual(['webgpu']);
    expect(testBackends(['wasm'])).toEqual(['webgpu']);
    process.env.PROJ_BACKEND = ' cpu ';
    expect(testBackends(['wasm'])).toEqual(['cpu']);
  });

  it('rejects auto and unknown names, listing the valid ones', () => {
    process.env.PROJ_BACKEND = 'auto';
    expect(() => testBackends()).toThrow(
      "testBackends: PROJ_BACKEND must name one backend (tensorflow, webgpu, wasm or cpu) for a test run, got 'auto'",
    );
    process.env.PROJ_BACKEND = 'webgl';
    expect(() => testBackends(['cpu'])).toThrow(
      "testBackends: PROJ_BACKEND must name one backend (tensorflow, webgpu, wasm or cpu) for a test run, got 'webgl'",
    );
  });
});

describe('argument checks of the helpers (issue 10)', () => {
  it('expectClose rejects unknown options and tolerances that are not finite non-negative numbers', () => {
    // Before: {rtl: 1} was ignored and rtol '3' (a string) compared as 3.
    expect(() => expectClose([1], [1.5], { rtl: 1 } as never)).toThrow(
      "expectClose: unknown option 'rtl'; valid options: rtol, atol",
    );
    expect(() => expectClose([1], [1.5], { rtol: '3' } as never)).toThrow(
      "expectClose: tolerances must be non-negative finite numbers, got rtol=the string '3', atol=0.000001",
    );
    expect(() => expectClose([1], [1.5], { atol: Number.POSITIVE_INFINITY })).toThrow(
      /tolerances must be non-negative/,
    );
    expect(() => expectClose(tf.tensor1d(['a'], 'string') as never, ['a'] as never)).toThrow(
      "expectClose: argument 'actual' must be numeric, got dtype string",
    );
  });

  it('checkGradients checks f, inputs and every option', () => {
    const x = tf.tensor1d([1, 2]);
    const square = (v: tf.Tensor) => tf.square(v);
    expect(() => checkGradients('f' as never, [x])).toThrow(
      "checkGradients: argument 'f' must be a function, got the string 'f'",
    );
    expect(() => checkGradients((() => 1) as never, [x])).toThrow(
      "checkGradients: argument 'f' must return a tensor, got 1",
    );
    expect(() => checkGradients(square, x as never)).toThrow(
      "checkGradients: argument 'inputs' must be a non-empty array of float32 tensors, got a float32 tensor of shape [2]",
    );
    expect(() => checkGradients(square, [[1, 2]] as never)).toThrow(
      'checkGradients: input 0 must be a float32 tensor, got [1,2]',
    );
    expect(() => checkGradients(square, [x], { step: 1e-3 } as never)).toThrow(
      "checkGradients: unknown option 'step'; valid options: h, rtol, atol, maxEntriesPerInput, seed",
    );
    expect(() => checkGradients(square, [x], { maxEntriesPerInput: 0 })).toThrow(
      "checkGradients: option 'maxEntriesPerInput' must be an integer in [1, 9007199254740991], got 0",
    );
    expect(() => checkGradients(square, [x], { rtol: Number.NaN })).toThrow(
      "checkGradients: option 'rtol' must be a finite number ≥ 0, got NaN",
    );
    expect(() => checkGradients(square, [x], { h: Number.POSITIVE_INFINITY })).toThrow(
      "checkGradients: option 'h' must be positive",
    );
  });

  it('expectMeanWithin, expectNoLeaks and testBackends check their arguments', async () => {
    expect(() => expectMeanWithin([1, 2], 1.5, 1, '3' as never)).toThrow(
      "expectMeanWithin: argument 'k' must be a positive number, got the string '3'",
    );
    await expect(expectNoLeaks('f' as never)).rejects.toThrow(
      "expectNoLeaks: argument 'fn' must be a function, got the string 'f'",
    );
    expect(() => testBackends('cpu' as never)).toThrow(
      "testBackends: argument 'defaults' must be a non-empty array of backend names (tensorflow, webgpu, wasm, cpu), got the string 'cpu'",
    );
    expect(() => testBackends(['gpu' as never])).toThrow(
      "testBackends: argument 'defaults' must be a non-empty array of backend names",
    );
    expect(() => testBackends([])).toThrow("testBackends: argument 'defaults' must be a non-empty array");
    expect(() => describeBackends('suite', () => undefined, { backend: ['cpu'] } as never)).toThrow(
      "describeBackends: unknown option 'backend'; valid options: backends",
    );
  });
});
