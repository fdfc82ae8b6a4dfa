import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareResume, loadConfig, runSmoke, type SmokeRun, validateConfig } from '@proj/repro';
import { assertFiguresNotEmpty } from '@proj/run';
import { type ImageVaeacArtifacts, inpaint, loadImageVaeac } from '@proj/vaeac';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { InpaintingConfig } from '../src/config.js';
import { app } from '../src/main.js';
import { bottomHalfMask } from '../src/masks.js';
import { MODEL_FILE } from '../src/mnist.js';

const scratch = mkdtempSync(join(tmpdir(), 'vaeac-inpainting-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The uninterrupted smoke run, shared by the tests. */
let smoke: Promise<SmokeRun<InpaintingConfig>> | undefined;
const smokeRun = () => (smoke ??= runSmoke(app, scratch));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const metricsOf = (dir: string) =>
  read(dir, 'metrics.jsonl')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('vaeac-inpainting', () => {
  it('runs the smoke config: PSNR per mask, the toy, the claims and non-empty figures and grids', async () => {
    const { outcome, dir, leakedTensors } = await smokeRun();
    expect(leakedTensors).toBe(0);
    // Every claim applies to the smoke config (its toy conditions are ±2); a 2-epoch model need not meet them.
    const ids = outcome.claims.map((c) => c.id);
    expect(ids).toEqual([
      'psnr-gain.rectangle',
      'psnr-gain.half',
      'psnr-gain.pixel',
      'diverse-completions',
      'toy-both-modes',
      'toy-between',
      'sanity.observed-kept',
      'sanity.loss-falls',
    ]);
    // Sanity: every completion keeps the observed pixels, the training loss falls.
    const claim = (id: string) => outcome.claims.find((c) => c.id === id)!;
    for (const id of ['sanity.observed-kept', 'sanity.loss-falls']) {
      expect(claim(id).holds, `${id}: ${claim(id).detail}`).toBe(true);
    }
    // results.json carries the claims for the report; the printed table has one row per claim with its verdict.
    const written = JSON.parse(read(dir, 'results.json')).claims as Array<{ id: string; holds: boolean }>;
    expect(written.map((c) => [c.id, c.holds])).toEqual(outcome.claims.map((c) => [c.id, c.holds]));
    expect(outcome.table.map((row) => [row.claim, row.holds])).toEqual(
      outcome.claims.map((c) => [c.text, c.holds ? 'holds' : 'fails']),
    );

    const psnr = outcome.summary.psnr as Array<Record<string, number | string>>;
    expect(psnr.map((r) => r.mask)).toEqual(['rectangle', 'half', 'pixel']);
    for (const r of psnr) {
      for (const key of ['VAEAC, one completion (dB)', 'VAEAC, mean of 3 (dB)', 'mean fill (dB)']) {
        expect(r[key]).toBeGreaterThan(0);
        expect(r[key]).toBeLessThan(100);
      }
      expect(r['spread of the completions']).toBeGreaterThanOrEqual(0);
    }
    // 50 % pixel MCAR masks about half the pixels; a half image exactly half.
    expect(psnr[1]!['masked pixels']).toBe(0.5);
    expect(psnr[2]!['masked pixels']).toBeGreaterThan(0.45);
    expect(psnr[2]!['masked pixels']).toBeLessThan(0.55);
    const toy = outcome.summary.toy as Array<Record<string, number>>;
    expect(toy.map((r) => r.x1)).toEqual([-2, 2]);
    for (const r of toy) expect(r['near +x1']! + r['near −x1']! + r.between!).toBeCloseTo(1, 12);

    expect(assertFiguresNotEmpty(dir)).toEqual([
      'completions-bottom-half.png',
      'completions-masks.png',
      'mnist-training.svg',
      'psnr.svg',
      'toy.svg',
    ]);
    const metrics = metricsOf(dir);
    expect(metrics.map((m) => [m.kind, m.epoch ?? m.mask ?? m.condition ?? null])).toEqual([
      ['epoch', 1],
      ['epoch', 2],
      ['evaluation', 'rectangle'],
      ['evaluation', 'half'],
      ['evaluation', 'pixel'],
      ['toy epoch', 1],
      ['toy epoch', 2],
      ['toy shares', -2],
      ['toy shares', 2],
    ]);
    expect(JSON.parse(read(dir, 'status.json'))).toMatchObject({ state: 'finished', completedUnits: 2 });
  });

  it('saves the trained MNIST model to the run folder, loadable by loadImageVaeac', async () => {
    const { dir } = await smokeRun();
    const artifacts = JSON.parse(read(dir, MODEL_FILE)) as ImageVaeacArtifacts;
    // The smoke config's MLP: latent 4, width 32, 1 block, Bernoulli pixels.
    expect(artifacts).toMatchObject({ format: 'proj-image-vaeac', height: 28, width: 28, network: 'mlp' });
    expect(artifacts.likelihood).toBe('bernoulli');
    expect(artifacts.config).toMatchObject({ width: 32, depth: 1, latentDim: 4 });
    const before = tf.memory().numTensors;
    const model = loadImageVaeac(artifacts);
    const [completion] = inpaint(model, new Float32Array(784), bottomHalfMask(1), { numSamples: 1, seed: 1 });
    model.dispose();
    expect(completion!.length).toBe(784);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('appends metrics as it goes; an interrupted run resumes to the results of an uninterrupted one', async () => {
    const full = await smokeRun();
    const { actual, expected } = await compareResume(app, scratch, full, { afterUnits: 1, metricsBefore: 5 });
    expect(actual).toEqual(expected);
  });

  it('rejects bad configs, naming the field', () => {
    const config = loadConfig(app.configDir, 'smoke').config as InpaintingConfig;
    const mnist = config.mnist;
    expect(() => validateConfig(app, { ...config, mnist: { ...mnist, data: { train: 9000, test: 10 } } })).toThrow(
      "vaeac-inpainting config: 'mnist.data.train' must be an integer in [1, 8000]",
    );
    expect(() =>
      validateConfig(app, {
        ...config,
        mnist: { ...mnist, training: { ...mnist.training, masks: { rectangle: 0, half: 0, pattern: 0, pixel: 0 } } },
      }),
    ).toThrow("'mnist.training.masks' must be weights with a positive sum");
    expect(() => validateConfig(app, { ...config, toy: { ...config.toy, conditions: [3.5] } })).toThrow(
      "'toy.conditions.0' must be in [−3, 3]",
    );
    expect(() =>
      validateConfig(app, { ...config, mnist: { ...mnist, model: { ...mnist.model, network: 'resnet' } } }),
    ).toThrow("'mnist.model.network' must be 'mlp' or 'conv'");
  });

  it('has the web config: the conv model the web inpainting page ships', () => {
    const web = validateConfig(app, loadConfig(app.configDir, 'web').config) as InpaintingConfig;
    expect(web.mnist.model).toMatchObject({ network: 'conv', hidden: 8, latentDim: 16, likelihood: 'bernoulli' });
  });
});
