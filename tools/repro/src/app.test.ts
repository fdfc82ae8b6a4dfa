import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeBackend, foldIn } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { defineApp, RUN_OPTION_SPEC, runApp } from './app.js';
import { claim } from './claim.js';
import { positiveInt } from './schema.js';

const scratch = mkdtempSync(join(tmpdir(), 'run-app-'));
mkdirSync(join(scratch, 'configs'));
writeFileSync(join(scratch, 'configs', 'default.json'), JSON.stringify({ target: 3 }));
writeFileSync(
  join(scratch, 'package.json'),
  JSON.stringify({ repro: { name: 'toy', title: 'a toy app', paper: 'none', entry: './src/main.ts' } }),
);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** A toy app whose module would live at <scratch>/src/main.ts: it doubles `target`. */
const app = defineApp(pathToFileURL(join(scratch, 'src', 'main.ts')), {
  schema: z.strictObject({ target: positiveInt() }),
  run: async (config, { seed, backend, run }) => {
    run.appendMetrics({ step: 1 });
    return {
      table: [{ metric: 'value', ours: config.target * 2 }],
      summary: { seed, backend: backend.backend, active: tf.getBackend() },
      claims: [
        claim({
          id: 'doubled',
          text: 'twice the target is 6',
          reference: null,
          ours: config.target * 2,
          test: { op: 'within', target: 6, tolerance: 0 },
        }),
      ],
      ...(config.target === 5
        ? {
            claims: [...Array(2)].map(() =>
              claim({ id: 'twice', text: 't', reference: null, ours: 1, test: { op: '>', bound: 0 } }),
            ),
          }
        : {}),
    };
  },
});

/** Runs the toy app quietly into a fresh folder; returns its status, what it printed and its results folder. */
async function runToy(args: readonly string[]) {
  const out = mkdtempSync(join(scratch, 'out-'));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const status = await runApp(app, [...args, '--out', out, '--progress', 'silent']);
  const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
  log.mockRestore();
  const [dir] = readdirSync(out);
  const read = (file: string) => JSON.parse(readFileSync(join(out, dir!, file), 'utf8'));
  return { status, printed, dir: dir!, read };
}

describe('defineApp', () => {
  it('takes the name and title from the package.json and the configs from its folder', () => {
    expect(app.manifest).toMatchObject({ name: 'toy', title: 'a toy app', paper: 'none', dir: scratch });
    expect(app.configDir).toBe(join(scratch, 'configs'));
  });
});

describe('runApp', () => {
  it('runs with overrides, prints the table and claims, writes results', async () => {
    const { status, printed, dir, read } = await runToy(['--seed', '5']);
    expect(status).toBe(0);
    expect(printed).toContain('toy: a toy app');
    expect(printed).toContain('| metric | ours |');
    expect(printed).toContain('HOLDS  doubled: twice the target is 6 — ours 6 (test ours within 0 of 6)');
    expect(dir).toMatch(/^\d{8}-\d{6}-toy-s5$/);
    expect(read('results.json')).toMatchObject({
      app: 'toy',
      seed: 5,
      configName: 'default',
      summary: { seed: 5 },
      claims: [{ id: 'doubled', ours: 6, holds: true, reference: null, test: { op: 'within', target: 6 } }],
    });
    expect(read('config.json')).toEqual({ configName: 'default', target: 3 });
  });

  it('exits 1 under --strict when a claim does not hold, 0 without it', async () => {
    const failing = await runToy(['--set', 'target=4']);
    expect(failing.status).toBe(0);
    expect(failing.printed).toContain('FAILS  doubled');
    expect(failing.read('results.json').claims[0]).toMatchObject({ ours: 8, holds: false });
    expect((await runToy(['--set', 'target=4', '--strict'])).status).toBe(1);
  });

  it('fails a run whose claim ids repeat', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await expect(
      runApp(app, ['--set', 'target=5', '--progress', 'silent', '--out', mkdtempSync(join(scratch, 'out-'))]),
    ).rejects.toThrow("toy: claim id 'twice' is stated twice (ids must be unique)");
  });

  it('prints the resolved config on --dry-run and validates it with the schema', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runApp(app, ['--dry-run', '--set', 'target=9'])).toBe(0);
    expect(JSON.parse(String(log.mock.calls[0]![0]))).toEqual({ target: 9 });
    await expect(runApp(app, ['--dry-run', '--set', 'target="x"'])).rejects.toThrow(
      `toy config: 'target' must be a positive integer, got "x"`,
    );
    await expect(runApp(app, ['--seed=-1'])).rejects.toThrow("toy: argument '--seed' must be an integer");
    await expect(runApp(app, ['--seed', 'abc'])).rejects.toThrow(
      "toy: argument '--seed' must be an integer in [0, 4294967295], got 'abc'",
    );
    await expect(runApp(app, ['--seed', '1.5'])).rejects.toThrow("got '1.5'");
    await expect(runApp(app, ['--progress', 'weird'])).rejects.toThrow(
      "toy: argument '--progress' must be one of auto, bar, lines, silent, got 'weird'",
    );
    await expect(runApp(app, ['--config', 'missing.json'])).rejects.toThrow(
      `config file '${join(process.cwd(), 'missing.json')}' does not exist (--config missing.json)`,
    );
    await expect(runApp(app, ['--config', 'nosuch'])).rejects.toThrow(
      "unknown config 'nosuch': use one of default or a path to a JSON file",
    );
    await expect(runApp(app, ['--bogus'])).rejects.toThrow(/Unknown option '--bogus'/);
    await expect(runApp(app, ['--backend', 'gpu'])).rejects.toThrow(
      "toy: unknown backend 'gpu' (from --backend); valid names: auto, tensorflow, webgpu, wasm, cpu",
    );
  });

  it('lists every option under --help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runApp(app, ['--help'])).toBe(0);
    const help = String(log.mock.calls[0]![0]);
    for (const option of Object.keys(RUN_OPTION_SPEC)) expect(help).toContain(`--${option} `);
    for (const option of ['--resume <dir>', '--verbose', '--set', '--out', '--dry-run']) expect(help).toContain(option);
    expect(help).toContain('status.json');
    expect(help).toContain('PROJ_BACKEND');
  });
});

describe('the backend knob', () => {
  it('--backend cpu runs on cpu and records it in env.json and the header', async () => {
    const { printed, read } = await runToy(['--backend', 'cpu']);
    expect(read('env.json').backend).toMatchObject({ backend: 'cpu', requested: 'cpu' });
    expect(read('results.json').summary).toMatchObject({ backend: 'cpu', active: 'cpu' });
    expect(printed).toContain(`seed 0, backend ${describeBackend(read('env.json').backend)}, results in`);
  });

  it('PROJ_BACKEND=cpu runs on cpu', async () => {
    vi.stubEnv('PROJ_BACKEND', 'cpu');
    const { read } = await runToy([]);
    expect(read('env.json').backend).toMatchObject({ backend: 'cpu', requested: 'cpu' });
    expect(read('results.json').summary).toMatchObject({ backend: 'cpu', active: 'cpu' });
  });

  it('the flag wins over PROJ_BACKEND, which wins over auto', async () => {
    vi.stubEnv('PROJ_BACKEND', 'wasm');
    const flagged = await runToy(['--backend', 'cpu']);
    expect(flagged.read('env.json').backend).toMatchObject({ backend: 'cpu', requested: 'cpu' });
    const fromEnv = await runToy([]);
    expect(fromEnv.read('env.json').backend).toMatchObject({ backend: 'wasm', requested: 'wasm' });
    vi.stubEnv('PROJ_BACKEND', '');
    expect((await runToy([])).read('env.json').backend.requested).toBe('auto');
  });
});

/** A toy app of `target` units; unit i records foldIn(seed, i) and one metrics line, and can raise signals. */
const worked: number[] = [];
let signalsAt: Readonly<Record<number, number>> = {};
const unitApp = defineApp(pathToFileURL(join(scratch, 'src', 'main.ts')), {
  schema: z.strictObject({ target: positiveInt() }),
  run: async (config, { seed, run, unit }) => {
    const values: number[] = [];
    for (let i = 0; i < config.target; i++) {
      values.push(
        await unit(`unit ${i}`, () => {
          worked.push(i);
          run.appendMetrics({ unit: i });
          for (let k = 0; k < (signalsAt[i] ?? 0); k++) process.emit('SIGINT', 'SIGINT');
          return foldIn(seed, i);
        }),
      );
    }
    return { table: [{ metric: 'units', ours: values.length }], summary: { values }, claims: [] };
  },
});

/** Runs `app` with the SIGINT listeners of the test runner set aside, so that only the runner's handler runs. */
async function withOwnSigint<T>(work: () => Promise<T>): Promise<{ result: T; leftListeners: number }> {
  const others = process.listeners('SIGINT');
  process.removeAllListeners('SIGINT');
  try {
    const result = await work();
    return { result, leftListeners: process.listenerCount('SIGINT') + process.listenerCount('SIGTERM') };
  } finally {
    for (const listener of others) process.on('SIGINT', listener);
  }
}

describe('interrupting and resuming', () => {
  const quiet = () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    return vi.spyOn(console, 'error').mockImplementation(() => {});
  };
  const status = (dir: string) => JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8'));
  const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  const metrics = (dir: string) => readFileSync(join(dir, 'metrics.jsonl'), 'utf8');

  it('SIGINT stops the run after its unit, marks it interrupted, and --resume finishes it as if never stopped', async () => {
    const errors = quiet();
    const sigterm = process.listenerCount('SIGTERM');
    const outFull = mkdtempSync(join(scratch, 'full-'));
    worked.length = 0;
    signalsAt = {};
    expect(await runApp(unitApp, ['--set', 'target=4', '--seed', '9', '--out', outFull, '--progress', 'silent'])).toBe(
      0,
    );
    const full = join(outFull, readdirSync(outFull)[0]!);
    expect(status(full)).toMatchObject({ state: 'finished', completedUnits: 4, sessions: 1 });

    const out = mkdtempSync(join(scratch, 'stopped-'));
    worked.length = 0;
    signalsAt = { 1: 1 };
    const stopped = await withOwnSigint(() =>
      runApp(unitApp, ['--set', 'target=4', '--seed', '9', '--out', out, '--progress', 'silent']),
    );
    expect(stopped.result).toBe(130);
    expect(stopped.leftListeners).toBe(sigterm);
    const dir = join(out, readdirSync(out)[0]!);
    expect(worked).toEqual([0, 1]);
    expect(status(dir)).toMatchObject({ state: 'interrupted', reason: 'SIGINT', completedUnits: 2 });
    expect(metrics(dir)).toBe('{"unit":0}\n{"unit":1}\n');
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
    expect(String(errors.mock.calls.at(-1)![0])).toContain(`continue with: pnpm repro toy --resume ${dir}`);

    worked.length = 0;
    signalsAt = {};
    expect(await runApp(unitApp, ['--resume', dir, '--progress', 'silent'])).toBe(0);
    expect(worked).toEqual([2, 3]);
    expect(status(dir)).toMatchObject({ state: 'finished', completedUnits: 4, sessions: 2 });
    expect(metrics(dir)).toBe(metrics(full));
    const { finishedAt: _a, ...resumed } = results(dir);
    const { finishedAt: _b, ...uninterrupted } = results(full);
    expect(resumed).toEqual(uninterrupted);
    expect(resumed.summary.values).toEqual([0, 1, 2, 3].map((i) => foldIn(9, i)));
  });

  it('a second SIGINT stops at once', async () => {
    quiet();
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const out = mkdtempSync(join(scratch, 'twice-'));
    signalsAt = { 0: 2 };
    const { result } = await withOwnSigint(() =>
      runApp(unitApp, ['--set', 'target=3', '--out', out, '--progress', 'silent']),
    );
    signalsAt = {};
    expect(exit).toHaveBeenCalledWith(130);
    expect(result).toBe(130);
    expect(status(join(out, readdirSync(out)[0]!)).reason).toMatch(/^SIGINT/);
  });

  it('refuses to resume what it cannot', async () => {
    quiet();
    const out = mkdtempSync(join(scratch, 'refuse-'));
    expect(await runApp(unitApp, ['--set', 'target=2', '--out', out, '--progress', 'silent'])).toBe(0);
    const finished = join(out, readdirSync(out)[0]!);
    await expect(runApp(unitApp, ['--resume', finished])).rejects.toThrow(
      `toy: the run in '${finished}' has finished; there is nothing to resume`,
    );
    await expect(runApp(unitApp, ['--resume', finished, '--seed', '1', '--set', 'target=3'])).rejects.toThrow(
      'toy: --resume continues a run with the config, seed and folder it was started with; leave out --set, --seed',
    );
    await expect(runApp(unitApp, ['--resume', scratch])).rejects.toThrow(
      `readRunFolder: '${scratch}' is not a run folder: it has no status.json`,
    );
    writeFileSync(
      join(finished, 'status.json'),
      JSON.stringify({ ...status(finished), app: 'other', state: 'interrupted' }),
    );
    await expect(runApp(unitApp, ['--resume', finished])).rejects.toThrow(`holds a run of other, not of toy`);
    const timing = { ...unitApp, notResumable: 'timings of two processes are not comparable' };
    await expect(runApp(timing, ['--resume', finished])).rejects.toThrow(
      'toy: --resume is not supported: timings of two processes are not comparable',
    );
  });

  it('marks a run that throws as failed, with the message', async () => {
    quiet();
    const out = mkdtempSync(join(scratch, 'failed-'));
    const failing = defineApp(pathToFileURL(join(scratch, 'src', 'main.ts')), {
      schema: z.strictObject({ target: positiveInt() }),
      run: async (_config, { unit }) => {
        await unit('first', () => 1);
        throw new Error('toy: diverged');
      },
    });
    await expect(runApp(failing, ['--out', out, '--progress', 'silent'])).rejects.toThrow('toy: diverged');
    expect(status(join(out, readdirSync(out)[0]!))).toMatchObject({
      state: 'failed',
      reason: 'toy: diverged',
      completedUnits: 1,
    });
  });
});
