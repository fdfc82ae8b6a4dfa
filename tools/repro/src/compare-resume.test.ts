import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { foldIn } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { type AppContext, defineApp } from './app.js';
import { compareResume } from './compare-resume.js';
import { runSmoke } from './run-smoke.js';
import { positiveInt } from './schema.js';

const scratch = mkdtempSync(join(tmpdir(), 'compare-resume-'));
mkdirSync(join(scratch, 'configs'));
writeFileSync(join(scratch, 'configs', 'smoke.json'), JSON.stringify({ units: 4 }));
writeFileSync(
  join(scratch, 'package.json'),
  JSON.stringify({ repro: { name: 'toy', title: 'a toy app', paper: 'none', entry: './src/main.ts' } }),
);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeEach(() => {
  vi.stubEnv('PROJ_BACKEND', 'cpu');
  return () => vi.unstubAllEnvs();
});

/**
 * A toy app of `units` units, each appending one metrics line; `value(seed, i, worked)` is unit i's result
 * given how many units this session ran before it, `keep` how many tensors it leaves alive.
 */
function toyApp(value: (seed: number, i: number, worked: number) => number, keep = 0) {
  return defineApp(pathToFileURL(join(scratch, 'src', 'main.ts')), {
    schema: z.strictObject({ units: positiveInt() }),
    run: async (config, { seed, run, unit }: AppContext) => {
      let worked = 0;
      const values: number[] = [];
      for (let i = 0; i < config.units; i++) {
        values.push(
          await unit(`unit ${i}`, () => {
            const v = value(seed, i, worked++);
            run.appendMetrics({ unit: i, value: v, 'ms per unit': Math.random() });
            for (let k = 0; k < keep; k++) tf.zeros([1]);
            return v;
          }),
        );
      }
      return {
        table: [{ metric: 'sum', ours: `${values.reduce((a, b) => a + b, 0)} (${Math.random()} ms)` }],
        summary: { values },
        claims: [],
      };
    },
  });
}

/** Units that depend only on the seed and their id: resumable. */
const resumable = toyApp((seed, i) => foldIn(seed, i));
/** Units that depend on how many units ran before them in the session: a resumed run differs. */
const carriesState = toyApp((_seed, i, worked) => 10 * i + worked);

describe('compareResume', () => {
  it('finds an app whose resumed run ends as an uninterrupted one equal, with what the test needs', async () => {
    const full = await runSmoke(resumable, scratch);
    const { actual, expected, stopped, stoppedMetrics, resumed } = await compareResume(resumable, scratch, full, {
      afterUnits: 2,
      metricsBefore: 2,
    });
    expect(actual).toEqual(expected);
    expect(expected).toMatchObject({
      interrupted: { leakedTensors: 0, state: 'interrupted', completedUnits: 2 },
      metricsWhenInterrupted: [
        { unit: 0, value: foldIn(0, 0) },
        { unit: 1, value: foldIn(0, 1) },
      ],
      resumed: { dir: stopped.dir, leakedTensors: 0, state: 'finished', sessions: 2 },
      results: { summary: { values: [0, 1, 2, 3].map((i) => foldIn(0, i)) } },
    });
    expect(expected.metrics).toHaveLength(4);
    expect(stoppedMetrics).toEqual(expected.metricsWhenInterrupted);
    expect(resumed.dir).toBe(stopped.dir);
    expect(resumed.outcome.summary).toEqual({ values: [0, 1, 2, 3].map((i) => foldIn(0, i)) });
  });

  it('leaves the metrics at the interruption uncompared without metricsBefore', async () => {
    const full = await runSmoke(resumable, scratch);
    const { actual, expected, stoppedMetrics } = await compareResume(resumable, scratch, full, { afterUnits: 3 });
    expect(actual).toEqual(expected);
    expect('metricsWhenInterrupted' in actual || 'metricsWhenInterrupted' in expected).toBe(false);
    expect(stoppedMetrics).toHaveLength(3);
  });

  it('shows a resumed run that differs, a wrong metrics prefix and leaked tensors as differences', async () => {
    const full = await runSmoke(carriesState, scratch);
    const differs = await compareResume(carriesState, scratch, full, { afterUnits: 2, metricsBefore: 3 });
    expect(differs.actual).not.toEqual(differs.expected);
    // Units 2 and 3 ran first in the resumed session: 20 + 0 and 30 + 1 instead of 22 and 33.
    expect(differs.actual.results).toMatchObject({ summary: { values: [0, 11, 20, 31] } });
    expect(differs.expected.results).toMatchObject({ summary: { values: [0, 11, 22, 33] } });
    expect(differs.actual.metricsWhenInterrupted).toHaveLength(2);
    expect(differs.expected.metricsWhenInterrupted).toHaveLength(3);

    const leaks = toyApp((seed, i) => foldIn(seed, i), 1);
    const leaked = await compareResume(leaks, scratch, await runSmoke(leaks, scratch), { afterUnits: 1 });
    expect(leaked.actual.interrupted.leakedTensors).toBe(1);
    expect(leaked.actual.resumed.leakedTensors).toBe(3);
    expect(leaked.actual).not.toEqual(leaked.expected);
  });

  it('compares what the normalizers keep and blanks the result patterns', async () => {
    const full = await runSmoke(carriesState, scratch);
    const sum = /^\d+ /;
    const { actual, expected } = await compareResume(carriesState, scratch, full, {
      afterUnits: 2,
      metricsBefore: 2,
      resultPatterns: [sum],
      normalizeResults: (results) => ({ ...(results as object), summary: 'dropped' }),
      normalizeMetrics: (lines) => lines.map((line) => ({ ...(line as object), value: 'dropped' })),
    });
    expect(actual).toEqual(expected);
    expect(expected.results).toMatchObject({ table: [{ metric: 'sum', ours: '‹time›(‹time›)' }] });
  });
});
