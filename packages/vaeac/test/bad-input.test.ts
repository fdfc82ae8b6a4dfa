/**
 * Bad input for @proj/vaeac. The synchronous exports run under the tools/bad-input harness (each argument and
 * option replaced by wrong types, non-finite numbers, negative, huge and empty sizes, disposed and wrongly typed
 * tensors, unknown keys: an Error naming the function, or a documented result, and no leaked tensor). `fit` and
 * `fitImages` are async (the harness is synchronous): their errors are checked as rejections, one by one, with the
 * cases of the issue (wrong column count or types, codes out of range, all-NaN columns, masks of the wrong shape).
 */
import { type BadInputEntry, findBadInputProblems, formatFindings, uncoveredExports } from '@proj/bad-input';
import { describeBackends } from '@proj/core/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as vaeac from '../src/index.js';

const TYPES: vaeac.ColumnType[] = ['real', { categories: 2 }];
const DATA = [
  [0.5, 1],
  [Number.NaN, 0],
  [1.5, Number.NaN],
  [-1, 1],
];
const MASK = DATA.map(() => [true, false]);
const TINY = { columnTypes: TYPES, epochs: 1, seed: 0, width: 4, depth: 1, latentDim: 2, batchSize: 4 };
const IMAGES = new Float32Array(2 * 4).fill(0.5);
const IMAGE_MASKS = Float32Array.from([1, 0, 0, 1, 0, 1, 1, 0]);

let model: vaeac.Vaeac | undefined;
let imageModel: vaeac.ImageVaeac | undefined;
const trained = () => model as vaeac.Vaeac;
const isArray = (result: unknown) => Array.isArray(result);

const ENTRIES: BadInputEntry[] = [
  {
    export: 'mcarMask',
    name: 'mcarMask',
    call: (a) => vaeac.mcarMask(...(a as [number, number, number, number, number[][]])),
    valid: () => [4, 2, 0.3, 1, DATA],
    returns: isArray,
  },
  {
    export: 'randomRectangleMask',
    name: 'randomRectangleMask',
    call: (a) => vaeac.randomRectangleMask(...(a as [number, number, number, number, object])),
    valid: () => [2, 3, 4, 1, { minArea: 0.3, maxArea: 0.9 }],
    options: 4,
  },
  {
    export: 'halfImageMask',
    name: 'halfImageMask',
    call: (a) => vaeac.halfImageMask(...(a as [number, number, number, number])),
    valid: () => [2, 3, 4, 1],
  },
  {
    export: 'randomPatternMask',
    name: 'randomPatternMask',
    call: (a) => vaeac.randomPatternMask(...(a as [number, number, number, number, object])),
    valid: () => [2, 3, 4, 1, { density: 0.3 }],
    options: 4,
  },
  {
    export: 'pixelMcarMask',
    name: 'pixelMcarMask',
    call: (a) => vaeac.pixelMcarMask(...(a as [number, number, number, number, number])),
    valid: () => [2, 3, 4, 0.5, 1],
  },
  {
    export: 'imageMaskMixture',
    name: 'imageMaskMixture',
    call: (a) => vaeac.imageMaskMixture(...(a as [number, number, number, number, object])),
    valid: () => [2, 3, 4, 1, { rectangle: 1, half: 1, pattern: 1, pixel: 1 }],
    options: 4,
  },
  {
    export: 'columnLayout',
    name: 'columnLayout',
    call: ([t]) => vaeac.columnLayout(t as never),
    valid: () => [TYPES],
  },
  {
    export: 'diagGaussianKl',
    name: 'diagGaussianKl',
    call: (a) => vaeac.diagGaussianKl(...(a as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor])),
    valid: () => [tf.zeros([2, 3]), tf.ones([2, 3]), tf.ones([2, 3]), tf.ones([2, 3])],
  },
  {
    export: 'priorRegularizer',
    name: 'priorRegularizer',
    call: (a) => vaeac.priorRegularizer(...(a as [tf.Tensor, tf.Tensor])),
    valid: () => [tf.zeros([2, 3]), tf.ones([2, 3])],
  },
  {
    export: 'iwaeBound',
    name: 'iwaeBound',
    call: ([w]) => vaeac.iwaeBound(w as tf.Tensor),
    valid: () => [tf.zeros([3, 2])],
  },
  {
    export: 'impute',
    name: 'impute',
    call: ([m, d, o]) => vaeac.impute(m as never, d as never, o as never),
    valid: () => [trained(), DATA, { numImputations: 2, seed: 1, batchSize: 2 }],
    options: 2,
    returns: isArray,
  },
  {
    export: 'sample',
    name: 'sample',
    call: ([m, d, b, o]) => vaeac.sample(m as never, d as never, b as never, o as never),
    valid: () => [trained(), DATA, MASK, { numSamples: 2, seed: 1, mode: 'sample' }],
    options: 3,
    returns: isArray,
  },
  {
    export: 'iwaeLogLikelihood',
    name: 'iwaeLogLikelihood',
    call: ([m, d, b, o]) => vaeac.iwaeLogLikelihood(m as never, d as never, b as never, o as never),
    valid: () => [trained(), DATA, MASK, { samples: 3, seed: 1 }],
    options: 3,
  },
  {
    export: 'vlbTerms',
    name: 'vlbTerms',
    call: ([m, d, b, o]) => vaeac.vlbTerms(m as never, d as never, b as never, o as never),
    valid: () => [trained(), DATA, MASK, { seed: 1 }],
    options: 3,
  },
  {
    export: 'saveVaeac',
    name: 'saveVaeac',
    call: ([m]) => vaeac.saveVaeac(m as never),
    valid: () => [trained()],
  },
  {
    export: 'loadVaeac',
    name: 'loadVaeac',
    call: ([a]) => vaeac.loadVaeac(a as never),
    valid: () => [vaeac.saveVaeac(trained())],
    // The model it returns holds variables: the harness frees tensors in results.
    returns: (result) => result instanceof vaeac.Vaeac,
  },
  {
    export: 'saveImageVaeac',
    name: 'saveImageVaeac',
    call: ([m]) => vaeac.saveImageVaeac(m as never),
    valid: () => [imageModel],
  },
  {
    export: 'loadImageVaeac',
    name: 'loadImageVaeac',
    call: ([a]) => vaeac.loadImageVaeac(a as never),
    valid: () => [vaeac.saveImageVaeac(imageModel as vaeac.ImageVaeac)],
    returns: (result) => result instanceof vaeac.ImageVaeac,
  },
  {
    export: 'inpaint',
    name: 'inpaint',
    call: ([m, x, b, o]) => vaeac.inpaint(m as never, x as never, b as never, o as never),
    valid: () => [imageModel, IMAGES, IMAGE_MASKS, { numSamples: 2, seed: 1 }],
    options: 3,
    returns: isArray,
  },
];

const EXEMPT = {
  Vaeac: 'a data holder made by fit and loadVaeac',
  ImageVaeac: 'a data holder made by fitImages',
  fit: 'async: its rejections are checked below',
  fitImages: 'async: its rejections are checked below',
};

describeBackends(
  '@proj/vaeac bad input',
  () => {
    beforeAll(async () => {
      model = (await vaeac.fit(DATA, TINY)).model;
      imageModel = (
        await vaeac.fitImages(IMAGES, { height: 2, width: 2, epochs: 1, seed: 0, hidden: 4, latentDim: 2, depth: 0 })
      ).model;
    });
    afterAll(() => {
      model?.dispose();
      imageModel?.dispose();
    });

    it('has an entry for every exported function', () => {
      expect(uncoveredExports(vaeac as unknown as Record<string, unknown>, ENTRIES, EXEMPT)).toEqual([]);
    });

    it.each(ENTRIES.map((e, i) => [`${e.name} (${i})`, e] as const))('%s', (_, e) => {
      expect(formatFindings(e, findBadInputProblems(e, { runs: 60 }))).toBe('');
    });

    it('fit rejects wrong column counts and types, codes out of range, all-NaN columns, bad options', async () => {
      const cases: [unknown, unknown, RegExp][] = [
        [[[1, 2, 3]], TINY, /fit: argument 'data\[0\]' must be a row of 2 numbers/],
        [[[1, 'a']], TINY, /fit: argument 'data\[0\]\[1\]' must be a finite number or NaN/],
        [[[1, Number.POSITIVE_INFINITY]], TINY, /fit: argument 'data\[0\]\[1\]'/],
        [[[1, 2]], TINY, /fit: argument 'data\[0\]\[1\]' is categorical with 2 categories: .* got 2/],
        [[[1, 0.5]], TINY, /integer code in \[0, 1\] or NaN, got 0.5/],
        [
          [
            [Number.NaN, 0],
            [Number.NaN, 1],
          ],
          TINY,
          /fit: argument 'data' has no observed entry in column 0/,
        ],
        [[], TINY, /fit: argument 'data' must be a non-empty array of rows/],
        [DATA, { ...TINY, columnTypes: ['real', 'text'] }, /fit: argument 'options.columnTypes\[1\]'/],
        [DATA, { ...TINY, columnTypes: ['real', { categories: 1 }] }, /options.columnTypes\[1\]/],
        [DATA, { ...TINY, epochs: 0 }, /fit: argument 'options.epochs'/],
        [DATA, { ...TINY, maskProbability: 2 }, /fit: argument 'options.maskProbability'/],
        [DATA, { ...TINY, validationFraction: 1 }, /fit: argument 'options.validationFraction'/],
        [DATA, { ...TINY, widht: 3 }, /fit: unknown option 'widht'/],
        [DATA, { ...TINY, onEpoch: 3 }, /fit: argument 'options.onEpoch'/],
        [DATA, undefined, /fit: argument 'options' must be an object/],
      ];
      const before = tf.memory().numTensors;
      for (const [data, options, message] of cases) {
        await expect(vaeac.fit(data as never, options as never)).rejects.toThrow(message);
      }
      // An error thrown by the callback frees everything fit made.
      const failing = {
        ...TINY,
        onEpoch: () => {
          throw new Error('stop');
        },
      };
      await expect(vaeac.fit(DATA, failing)).rejects.toThrow('stop');
      expect(tf.memory().numTensors).toBe(before);
    });

    it('impute, sample and iwaeLogLikelihood name bad tables and masks of the wrong shape', () => {
      expect(() => vaeac.impute(trained(), [[1, 2, 3]], { seed: 0 })).toThrow(
        /impute: argument 'data\[0\]' must be a row of 2/,
      );
      expect(() => vaeac.impute(trained(), [[1, 5]], { seed: 0 })).toThrow(/impute: .*categorical with 2 categories/);
      expect(() => vaeac.sample(trained(), DATA, [[true, false]], { seed: 0 })).toThrow(
        /sample: argument 'mask' must be a boolean mask of the data's shape 4×2/,
      );
      expect(() =>
        vaeac.iwaeLogLikelihood(trained(), DATA, DATA.map(() => [1, 0]) as never, { samples: 2, seed: 0 }),
      ).toThrow(/iwaeLogLikelihood: argument 'mask'/);
      const disposed = vaeac.loadVaeac(vaeac.saveVaeac(trained()));
      disposed.dispose();
      expect(() => vaeac.impute(disposed, DATA, { seed: 0 })).toThrow(/impute: argument 'model' is a disposed Vaeac/);
    });

    it('fitImages and inpaint reject images and masks of the wrong shape or values', async () => {
      const options = { height: 2, width: 2, epochs: 1, seed: 0, hidden: 4, latentDim: 2 };
      await expect(vaeac.fitImages(new Float32Array(7), options)).rejects.toThrow(/fitImages: argument 'images'/);
      await expect(vaeac.fitImages(new Float32Array(8).fill(2), options)).rejects.toThrow(/values in \[0, 1\]/);
      await expect(vaeac.fitImages(IMAGES, { ...options, maskGenerator: () => new Float32Array(3) })).rejects.toThrow(
        /fitImages: options.maskGenerator must return/,
      );
      expect(() => vaeac.inpaint(imageModel as never, IMAGES, new Float32Array(4), { numSamples: 1, seed: 0 })).toThrow(
        /inpaint: argument 'masks' must be a Float32Array of the images' length 8/,
      );
      expect(() => vaeac.inpaint(imageModel as never, IMAGES, IMAGES, { numSamples: 1, seed: 0 })).toThrow(
        /inpaint: argument 'masks' must hold 0 or 1/,
      );
    });
  },
  { backends: ['wasm'] },
);
