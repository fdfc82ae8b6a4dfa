import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertFigureNotEmpty,
  assertFiguresNotEmpty,
  assertImageNotBlank,
  parseSvg,
  pathVertices,
} from './figure-check.js';
import { writePng } from './image.js';
import { lineChart, writePlot } from './plot.js';

const scratch = mkdtempSync(join(tmpdir(), 'figure-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const rows = [1, 2, 3].flatMap((step) => [
  { step, loss: 10 / step, method: 'adam' },
  { step, loss: 20 / step, method: 'sgd' },
]);

/** The backend-bench chart as it was: bars on a log scale, which start at log 0 = −∞ and have zero height. */
const logBars = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 200,
  height: 100,
  data: {
    values: [
      { op: 'a', backend: 'cpu', ms: 30 },
      { op: 'a', backend: 'wasm', ms: 0.5 },
    ],
  },
  mark: 'bar',
  encoding: {
    x: { field: 'op', type: 'nominal' },
    xOffset: { field: 'backend' },
    y: { field: 'ms', type: 'quantitative', scale: { type: 'log' } },
  },
};

describe('parseSvg', () => {
  it('reads elements, attributes and text, skipping comments and declarations', () => {
    const svg = parseSvg(
      '<?xml version="1.0"?><!-- c --><svg width="2"><g class=\'a b\'><text x="1">hi</text><path d="M0,0"/></g></svg>',
    );
    expect(svg.name).toBe('svg');
    expect(svg.attributes.width).toBe('2');
    const [group] = svg.children;
    expect(group!.attributes.class).toBe('a b');
    expect(group!.children.map((c) => c.name)).toEqual(['text', 'path']);
    expect(group!.children[0]!.text).toBe('hi');
    expect(() => parseSvg('<svg><g></svg>')).toThrow(/does not match/);
    expect(() => parseSvg('<svg>')).toThrow(/never closed/);
  });

  it('finds the vertices of paths with absolute and relative commands and arcs', () => {
    expect(pathVertices('M1,2h3v4h-3Z')).toEqual([
      [1, 2],
      [4, 2],
      [4, 6],
      [1, 6],
    ]);
    expect(pathVertices('M0,0L10,5l1,1', [100, 200])).toEqual([
      [100, 200],
      [110, 205],
      [111, 206],
    ]);
    // vega's circle symbol: two half arcs of radius 2; the radius counts.
    const circle = pathVertices('M2,0A2,2,0,1,1,-2,0A2,2,0,1,1,2,0');
    expect(Math.max(...circle.map((p) => p[1])) - Math.min(...circle.map((p) => p[1]))).toBe(4);
  });
});

describe('assertFigureNotEmpty', () => {
  it('passes a line chart with points and counts its marks', async () => {
    const files = await writePlot(
      scratch,
      'lines',
      lineChart({ rows, x: 'step', y: 'loss', color: 'method', logY: true }),
    );
    const marks = assertFigureNotEmpty(files.svg, { insideFrame: true });
    // One line and one layer of points per method; 2 lines + 6 points.
    expect(marks.items).toBe(8);
  });

  it('fails bars on a log scale that start at zero: zero height', async () => {
    const files = await writePlot(scratch, 'log-bars', logBars);
    expect(() => assertFigureNotEmpty(files.svg)).toThrow(/log-bars\.svg: a rect mark item .* has zero extent/);
    const fixed = { ...logBars, encoding: { ...logBars.encoding, y2: { datum: 0.1 } } };
    const good = await writePlot(scratch, 'log-bars-fixed', {
      ...fixed,
      encoding: { ...fixed.encoding, y: { ...logBars.encoding.y, scale: { type: 'log', domain: [0.1, 100] } } },
    });
    expect(assertFigureNotEmpty(good.svg, { insideFrame: true }).items).toBe(2);
  });

  it('fails a figure with no data (axes only) and one with NaN in it', async () => {
    // Without rows the axes span Infinity..−Infinity; with fixed domains, the marks are there but hold nothing.
    const empty = await writePlot(scratch, 'empty', lineChart({ rows: [], x: 'step', y: 'loss' }));
    expect(() => assertFigureNotEmpty(empty.svg)).toThrow(/holds NaN or Infinity/);
    const spec = lineChart({ rows: [], x: 'step', y: 'loss' });
    const encoding = spec.encoding as Record<string, Record<string, unknown>>;
    const axesOnly = await writePlot(scratch, 'axes-only', {
      ...spec,
      encoding: { x: { ...encoding.x, scale: { domain: [0, 1] } }, y: { ...encoding.y, scale: { domain: [0, 1] } } },
    });
    expect(() => assertFigureNotEmpty(axesOnly.svg)).toThrow(/2 data marks, all without items/);
    const svg = readFileSync((await writePlot(scratch, 'nan', lineChart({ rows, x: 'step', y: 'loss' }))).svg, 'utf8');
    writeFileSync(join(scratch, 'nan.svg'), svg.replace(/d="M[^"]*"/, 'd="M0,NaNL1,2"'));
    expect(() => assertFigureNotEmpty(join(scratch, 'nan.svg'))).toThrow(/holds NaN or Infinity/);
  });

  it('with insideFrame, fails a figure whose data leaves the axis domain (clipped)', async () => {
    const spec = lineChart({ rows, x: 'step', y: 'loss', color: 'method' });
    const encoding = spec.encoding as Record<string, Record<string, unknown>>;
    const cut = await writePlot(scratch, 'cut', {
      ...spec,
      mark: { type: 'line', clip: true },
      encoding: { ...encoding, y: { ...encoding.y, scale: { domain: [0, 12] } } },
    });
    expect(assertFigureNotEmpty(cut.svg).items).toBe(2);
    expect(() => assertFigureNotEmpty(cut.svg, { insideFrame: true })).toThrow(/outside its plot frame/);
  });
});

describe('assertImageNotBlank and assertFiguresNotEmpty', () => {
  it('fails a blank PNG, passes one with content, and checks every figure of a folder', async () => {
    const dir = mkdtempSync(join(scratch, 'figures-'));
    await writePng(join(dir, 'blank.png'), { width: 3, height: 2, channels: 1, data: new Uint8Array(6).fill(255) });
    expect(() => assertImageNotBlank(join(dir, 'blank.png'))).toThrow(/blank\.png: every pixel has the same value/);
    expect(() => assertFiguresNotEmpty(dir)).toThrow(/blank/);
    await writePng(join(dir, 'blank.png'), {
      width: 3,
      height: 2,
      channels: 1,
      data: Uint8Array.of(255, 0, 255, 255, 255, 255),
    });
    await writePlot(dir, 'lines', lineChart({ rows, x: 'step', y: 'loss' }));
    expect(assertFiguresNotEmpty(dir)).toEqual(['blank.png', 'lines.svg']);
  });
});
