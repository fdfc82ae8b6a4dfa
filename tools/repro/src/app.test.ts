import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeBackend } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { defineApp, runApp } from './app.js';
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
      checks: [{ name: 'doubled', pass: config.target * 2 === 6, detail: `${config.target * 2}` }],
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
  it('runs with overrides, prints the table and checks, writes results', async () => {
    const { status, printed, dir, read } = await runToy(['--seed', '5']);
    expect(status).toBe(0);
    expect(printed).toContain('toy: a toy app');
    expect(printed).toContain('| metric | ours |');
    expect(printed).toContain('PASS  doubled: 6');
    expect(dir).toMatch(/^\d{8}-\d{6}-toy-s5$/);
    expect(read('results.json')).toMatchObject({ app: 'toy', seed: 5, configName: 'default', summary: { seed: 5 } });
    expect(read('config.json')).toEqual({ configName: 'default', target: 3 });
  });

  it('exits 1 under --strict when a check fails, 0 without it', async () => {
    expect((await runToy(['--set', 'target=4'])).status).toBe(0);
    expect((await runToy(['--set', 'target=4', '--strict'])).status).toBe(1);
  });

  it('prints the resolved config on --dry-run and validates it with the schema', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runApp(app, ['--dry-run', '--set', 'target=9'])).toBe(0);
    expect(JSON.parse(String(log.mock.calls[0]![0]))).toEqual({ target: 9 });
    await expect(runApp(app, ['--dry-run', '--set', 'target="x"'])).rejects.toThrow(
      `toy config: 'target' must be a positive integer, got "x"`,
    );
    await expect(runApp(app, ['--seed=-1'])).rejects.toThrow("toy: argument '--seed' must be an integer");
    await expect(runApp(app, ['--bogus'])).rejects.toThrow(/Unknown option '--bogus'/);
    await expect(runApp(app, ['--backend', 'gpu'])).rejects.toThrow(
      "toy: unknown backend 'gpu' (from --backend); valid names: auto, tensorflow, webgpu, wasm, cpu",
    );
  });

  it('lists every option under --help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runApp(app, ['--help'])).toBe(0);
    const help = String(log.mock.calls[0]![0]);
    for (const option of ['--config', '--set', '--seed', '--backend', '--out', '--progress', '--strict', '--dry-run']) {
      expect(help).toContain(option);
    }
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
