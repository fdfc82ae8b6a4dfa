import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { initBackend } from '@proj/core';
import { expectNoLeaks } from '@proj/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';
import { heatmap, imageGrid, viridis, writePng } from './image.js';
import { lineChart, writePlot } from './plot.js';
import { createReporter, formatMetrics, resolveMode } from './reporter.js';
import { createRunWriter, openRunWriter, readRunFolder } from './results-writer.js';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

let scratch: string;
beforeAll(async () => {
  await initBackend('cpu');
  scratch = mkdtempSync(join(tmpdir(), 'proj-run-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('createReporter', () => {
  it('auto mode: silent in tests, lines under CI or without a TTY, a bar on a terminal', () => {
    expect(resolveMode('auto', { isTTY: true }, { VITEST: 'true' })).toBe('silent');
    expect(resolveMode('auto', { isTTY: true }, { NODE_ENV: 'test' })).toBe('silent');
    expect(resolveMode('auto', { isTTY: true }, { CI: 'true' })).toBe('lines');
    expect(resolveMode('auto', { isTTY: false }, {})).toBe('lines');
    expect(resolveMode('auto', { isTTY: true }, { CI: 'false' })).toBe('bar');
    expect(resolveMode('auto', { isTTY: true }, {})).toBe('bar');
    expect(resolveMode('lines', { isTTY: true }, { VITEST: 'true' })).toBe('lines');
  });

  it('lines mode prints at most one line per interval, always the last step, with metrics and ETA', () => {
    const stream = new Capture();
    let clock = 0;
    const reporter = createReporter({ mode: 'lines', stream, intervalMs: 1000, now: () => clock });
    reporter.start(10, 'train');
    for (let step = 1; step <= 10; step++) {
      clock += 300;
      reporter.tick(step, { loss: 1 / step, step });
    }
    reporter.log('checkpoint saved');
    reporter.done();
    expect(stream.text.split('\n')).toEqual([
      '[train] started: 10 steps',
      '[train] 4/10 (40%) 1.2s elapsed, ETA 1.8s | loss=0.25 step=4',
      '[train] 8/10 (80%) 2.4s elapsed, ETA 0.6s | loss=0.125 step=8',
      '[train] 10/10 (100%) 3.0s elapsed, ETA 0.0s | loss=0.1 step=10',
      'checkpoint saved',
      '[train] done: 10 steps in 3.0s',
      '',
    ]);
  });

  it('bar mode draws a bar with the label, count and metrics on a TTY stream', () => {
    const stream = new Capture(true);
    const reporter = createReporter({ mode: 'bar', stream });
    reporter.start(4, 'fit');
    reporter.tick(4, { loss: 0.5 });
    reporter.done();
    expect(stream.text).toMatch(/fit \[█+\] 100% \| 4\/4 .*loss=0\.5/);
  });

  it('bar mode into a pipe (not a TTY) says so and prints progress lines, every placeholder filled', () => {
    const stream = new Capture(false);
    let clock = 0;
    const reporter = createReporter({ mode: 'bar', stream, intervalMs: 1000, now: () => clock });
    reporter.start(10, 'fit');
    clock = 3000;
    reporter.tick(3, { loss: 0.5 });
    reporter.done();
    reporter.start(2, 'eval');
    reporter.tick(2);
    reporter.done();
    expect(stream.text.split('\n')).toEqual([
      'progress: a bar needs a terminal and this output is not one; printing progress lines instead',
      '[fit] started: 10 steps',
      '[fit] 3/10 (30%) 3.0s elapsed, ETA 7.0s | loss=0.5',
      '[fit] done: stopped at step 3 of 10 in 3.0s',
      '[eval] started: 2 steps',
      '[eval] 2/2 (100%) 0.0s elapsed, ETA 0.0s',
      '[eval] done: 2 steps in 0.0s',
      '',
    ]);
    expect(stream.text).not.toMatch(/\{\w+\}|NaN|Infinity/);
  });

  it('bar mode on a TTY draws one bar per phase, with the label and the count', () => {
    const stream = new Capture(true);
    const reporter = createReporter({ mode: 'bar', stream });
    for (const label of ['first', 'second']) {
      reporter.start(2, label);
      reporter.tick(2, { loss: 1 });
      reporter.done();
    }
    expect(stream.text).toMatch(/first \[█+\] 100% \| 2\/2/);
    expect(stream.text).toMatch(/second \[█+\] 100% \| 2\/2/);
    expect(stream.text).not.toMatch(/\{\w+\}/);
  });

  it('silent mode writes nothing', () => {
    const stream = new Capture(true);
    const reporter = createReporter({ mode: 'silent', stream });
    reporter.start(3);
    reporter.tick(1, { a: 1 });
    reporter.log('x');
    reporter.done();
    expect(stream.text).toBe('');
  });

  it('formats metrics with four significant digits', () => {
    expect(formatMetrics({ loss: 0.123456, acc: 1, big: 12345.678 })).toBe('loss=0.1235 acc=1 big=12350');
  });
});

describe('createRunWriter', () => {
  it('writes config and env at once, appends metrics, then results', () => {
    const run = createRunWriter({
      app: 'demo-app',
      seed: 7,
      config: { steps: 3 },
      root: scratch,
      startedAt: new Date('2026-11-27T10:35:12Z'),
    });
    expect(run.dir).toBe(join(scratch, '20261127-103512-demo-app-s7'));
    expect(JSON.parse(readFileSync(join(run.dir, 'config.json'), 'utf8'))).toEqual({ steps: 3 });
    const env = JSON.parse(readFileSync(join(run.dir, 'env.json'), 'utf8'));
    expect(env.node).toBe(process.version);
    expect(env.cpuCount).toBeGreaterThan(0);
    run.appendMetrics({ step: 1, loss: 0.5 });
    run.appendMetrics({ step: 2, loss: 0.25 });
    const lines = readFileSync(join(run.dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { step: 1, loss: 0.5 },
      { step: 2, loss: 0.25 },
    ]);
    run.writeResults({ finalLoss: 0.25 });
    expect(JSON.parse(readFileSync(join(run.dir, 'results.json'), 'utf8'))).toMatchObject({
      schemaVersion: 2,
      app: 'demo-app',
      seed: 7,
      finalLoss: 0.25,
    });
  });

  it('writes status.json at once and keeps it up to date', () => {
    const run = createRunWriter({ app: 'status', seed: 3, config: {}, root: scratch });
    const status = () => JSON.parse(readFileSync(join(run.dir, 'status.json'), 'utf8'));
    expect(status()).toMatchObject({ state: 'running', app: 'status', seed: 3, completedUnits: 0, sessions: 1 });
    run.completeUnit('a', { x: 1 });
    run.setStatus('interrupted', 'SIGINT');
    expect(status()).toMatchObject({ state: 'interrupted', reason: 'SIGINT', completedUnits: 1 });
    run.setStatus('failed', 'boom');
    expect(status()).toMatchObject({ state: 'failed', reason: 'boom' });
    expect(run.setStatus('finished')).not.toHaveProperty('reason');
  });

  it('records units with their results (NaN and Infinity kept) and reopens an interrupted run where it stopped', () => {
    const run = createRunWriter({ app: 'units', seed: 1, config: { n: 2 }, root: scratch });
    run.appendMetrics({ unit: 'a', step: 1 });
    expect(
      run.completeUnit('a', { value: Number.NaN, big: [Infinity, -Infinity], text: 'x', gone: undefined }),
    ).toEqual({
      value: Number.NaN,
      big: [Infinity, -Infinity],
      text: 'x',
    });
    expect(() => run.completeUnit('a', {})).toThrow("completeUnit: unit 'a' was completed before");
    run.appendMetrics({ unit: 'b', step: 1 });
    run.completeUnit('b', 2);
    // Unit c was cut short: its metrics line stays until the run is resumed, and its units line is half written.
    run.appendMetrics({ unit: 'c', step: 1 });
    appendFileSync(join(run.dir, 'units.jsonl'), '{"unit":"c","rec');
    run.setStatus('interrupted', 'SIGINT');
    expect(readRunFolder(run.dir)).toMatchObject({ status: { state: 'interrupted' }, config: { n: 2 } });

    const resumed = openRunWriter(run.dir);
    expect([...resumed.units.entries()]).toEqual([
      ['a', { value: Number.NaN, big: [Infinity, -Infinity], text: 'x' }],
      ['b', 2],
    ]);
    expect(resumed.status).toMatchObject({ state: 'running', completedUnits: 2, sessions: 2, seed: 1 });
    expect(resumed.status).not.toHaveProperty('reason');
    const metrics = () => readFileSync(join(run.dir, 'metrics.jsonl'), 'utf8');
    expect(metrics()).toBe('{"unit":"a","step":1}\n{"unit":"b","step":1}\n');
    resumed.appendMetrics({ unit: 'c', step: 1 });
    resumed.completeUnit('c', 3);
    expect(readFileSync(join(run.dir, 'units.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(openRunWriter(run.dir).units.get('c')).toBe(3);
    expect(() => readRunFolder(scratch)).toThrow(/is not a run folder: it has no status.json/);
  });

  it('never overwrites an earlier run started in the same second', () => {
    const options = { app: 'same', seed: 1, config: {}, root: scratch, startedAt: new Date('2026-01-01T00:00:00Z') };
    const first = createRunWriter(options);
    const second = createRunWriter(options);
    expect(second.dir).toBe(`${first.dir}-2`);
  });

  it('rejects bad names and seeds', () => {
    expect(() => createRunWriter({ app: '../x', seed: 1, config: {}, root: scratch })).toThrow(/argument 'app'/);
    expect(() => createRunWriter({ app: 'x', seed: -1, config: {}, root: scratch })).toThrow(
      /createRunWriter: argument 'seed'/,
    );
  });
});

describe('plots and CSV', () => {
  it('writes CSV with quoting and the union of columns', () => {
    expect(
      toCsv([
        { a: 1, b: 'x,y' },
        { a: 2, c: 'say "hi"' },
      ]),
    ).toBe('a,b,c\n1,"x,y",\n2,,"say ""hi"""\n');
  });

  it('renders a Vega-Lite line chart to SVG with its spec and CSV', async () => {
    const rows = [1, 2, 3].flatMap((step) => [
      { step, loss: 1 / step, method: 'adam' },
      { step, loss: 2 / step, method: 'sgd' },
    ]);
    const files = await writePlot(
      scratch,
      'loss',
      lineChart({ rows, x: 'step', y: 'loss', color: 'method', logY: true }),
    );
    const svg = readFileSync(files.svg, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
    expect(svg).toContain('method');
    expect(readFileSync(files.csv, 'utf8').split('\n')[0]).toBe('step,loss,method');
    expect(JSON.parse(readFileSync(files.spec, 'utf8')).encoding.y.scale).toEqual({ type: 'log' });
  });

  it('lineChart fits an axis to the data with zeroX / zeroY false; a log axis stays log', () => {
    const rows = [{ step: 1, loss: -120, method: 'a' }];
    const spec = lineChart({ rows, x: 'step', y: 'loss', color: 'method', zeroY: false }) as {
      encoding: Record<string, { scale?: unknown }>;
    };
    expect(spec.encoding.y!.scale).toEqual({ zero: false });
    expect(spec.encoding.x!.scale).toBeUndefined();
    const log = lineChart({ rows, x: 'step', y: 'loss', logY: true, zeroY: false }) as typeof spec;
    expect(log.encoding.y!.scale).toEqual({ type: 'log' });
  });

  it('refuses a spec without inline rows', async () => {
    await expect(writePlot(scratch, 'bad', { mark: 'line' })).rejects.toThrow(/data\.values/);
  });
});

describe('images', () => {
  it('tiles images into a grid PNG that decodes back to the same pixels', async () => {
    const images = tf.tensor3d([0, 1, 0.5, 0.25, 1, 1, 0, 0], [2, 2, 2]);
    const grid = imageGrid(images, { columns: 2, padding: 1 });
    expect([grid.width, grid.height, grid.channels]).toEqual([7, 4, 1]);
    const path = join(scratch, 'grid.png');
    await writePng(path, grid);
    const decoded = decode(readFileSync(path));
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([7, 4, 1]);
    const row1 = Array.from(decoded.data.slice(7, 14));
    expect(row1).toEqual([255, 0, 255, 255, 255, 255, 255]);
    expect(Array.from(decoded.data.slice(14, 21))).toEqual([255, 128, 64, 255, 0, 0, 255]);
    images.dispose();
  });

  it('draws heat maps with viridis ends and white NaN cells', () => {
    const image = heatmap(
      [
        [0, 1],
        [Number.NaN, 0.5],
      ],
      { cellSize: 2 },
    );
    expect([image.width, image.height, image.channels]).toEqual([4, 4, 3]);
    expect(Array.from(image.data.slice(0, 3))).toEqual([68, 1, 84]);
    expect(Array.from(image.data.slice(6, 9))).toEqual([253, 231, 37]);
    expect(Array.from(image.data.slice(24, 27))).toEqual([255, 255, 255]);
    expect(viridis(0.5)).toEqual([33, 145, 140]);
  });

  it('reads tensors without leaking', async () => {
    const images = tf.zeros([4, 3, 3, 3]);
    const matrix = tf.eye(3) as tf.Tensor2D;
    await expectNoLeaks(() => {
      imageGrid(images);
      heatmap(matrix);
    });
    tf.dispose([images, matrix]);
  });

  it('rejects bad shapes', () => {
    const bad = tf.zeros([2, 2]);
    expect(() => imageGrid(bad)).toThrow(/imageGrid: argument 'images' must have shape/);
    expect(() => heatmap([[1, 2], [3]])).toThrow(/rectangular/);
    bad.dispose();
    expect(existsSync(scratch)).toBe(true);
  });
});
