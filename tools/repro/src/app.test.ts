import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type AppDefinition, runApp } from './app.js';

const scratch = mkdtempSync(join(tmpdir(), 'run-app-'));
const configDir = join(scratch, 'configs');
mkdirSync(configDir);
writeFileSync(join(configDir, 'default.json'), JSON.stringify({ target: 3 }));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const app: AppDefinition<{ target: number }> = {
  name: 'toy',
  title: 'a toy app',
  configDir,
  validate: (config) => {
    if (typeof config.target !== 'number') throw new Error("toy config: 'target' must be a number");
    return config as { target: number };
  },
  run: async (config, { seed, run }) => {
    run.appendMetrics({ step: 1 });
    return {
      table: [{ metric: 'value', ours: config.target * 2 }],
      summary: { seed },
      checks: [{ name: 'doubled', pass: config.target * 2 === 6, detail: `${config.target * 2}` }],
    };
  },
};

describe('runApp', () => {
  it('runs with overrides, prints the table and checks, writes results', async () => {
    const out = join(scratch, 'out1');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const status = await runApp(app, ['--seed', '5', '--out', out, '--progress', 'silent']);
    expect(status).toBe(0);
    const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
    expect(printed).toContain('| metric | ours |');
    expect(printed).toContain('PASS  doubled: 6');
    const [dir] = readdirSync(out);
    expect(dir).toMatch(/^\d{8}-\d{6}-toy-s5$/);
    const results = JSON.parse(readFileSync(join(out, dir!, 'results.json'), 'utf8'));
    expect(results).toMatchObject({ app: 'toy', seed: 5, configName: 'default', summary: { seed: 5 } });
    expect(JSON.parse(readFileSync(join(out, dir!, 'config.json'), 'utf8'))).toEqual({
      configName: 'default',
      target: 3,
    });
  });

  it('exits 1 under --strict when a check fails, 0 without it', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const args = ['--set', 'target=4', '--out', join(scratch, 'out2'), '--progress', 'silent'];
    expect(await runApp(app, args)).toBe(0);
    expect(await runApp(app, [...args, '--strict'])).toBe(1);
  });

  it('prints the resolved config on --dry-run and validates it', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runApp(app, ['--dry-run', '--set', 'target=9'])).toBe(0);
    expect(JSON.parse(String(log.mock.calls[0]![0]))).toEqual({ target: 9 });
    await expect(runApp(app, ['--dry-run', '--set', 'target="x"'])).rejects.toThrow("'target' must be a number");
    await expect(runApp(app, ['--seed=-1'])).rejects.toThrow("toy: argument '--seed' must be an integer");
    await expect(runApp(app, ['--bogus'])).rejects.toThrow(/Unknown option '--bogus'/);
  });
});
