import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { applyOverrides, listConfigs, loadConfig } from './config.js';
import { discoverApps, readAppManifest } from './discover-apps.js';
import { nonNegativeNumber, parseConfig, positiveInt, positiveNumber } from './schema.js';

const scratch = mkdtempSync(join(tmpdir(), 'repro-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('configs', () => {
  const configDir = join(scratch, 'configs');
  mkdirSync(configDir);
  writeFileSync(join(configDir, 'default.json'), JSON.stringify({ steps: 10, timing: { runs: 3 }, name: 'a' }));
  writeFileSync(join(configDir, 'smoke.json'), JSON.stringify({ steps: 1, timing: { runs: 1 }, name: 'b' }));

  it('lists and loads configs by name or path', () => {
    expect(listConfigs(configDir)).toEqual(['default', 'smoke']);
    expect(loadConfig(configDir, 'smoke')).toEqual({
      name: 'smoke',
      config: { steps: 1, timing: { runs: 1 }, name: 'b' },
    });
    expect(loadConfig(configDir, join(configDir, 'default.json')).config.steps).toBe(10);
    expect(() => loadConfig(configDir, 'fast')).toThrow("unknown config 'fast': use one of default, smoke");
  });

  it('applies --set overrides as JSON values on a copy, rejecting unknown keys', () => {
    const base = { steps: 10, timing: { runs: 3 }, name: 'a' };
    expect(applyOverrides(base, ['timing.runs=7', 'name=b', 'steps=[1,2]'])).toEqual({
      steps: [1, 2],
      timing: { runs: 7 },
      name: 'b',
    });
    expect(base.timing.runs).toBe(3);
    expect(() => applyOverrides(base, ['timing.rnus=7'])).toThrow("unknown key 'timing.rnus'");
    expect(() => applyOverrides(base, ['steps'])).toThrow('--set expects key=value');
  });
});

describe('discoverApps', () => {
  it('finds apps with a repro field and checks it', () => {
    const apps = join(scratch, 'apps');
    mkdirSync(join(apps, 'b-app'), { recursive: true });
    mkdirSync(join(apps, 'a-app'), { recursive: true });
    mkdirSync(join(apps, 'not-an-app'), { recursive: true });
    const repro = { name: 'a', title: 'A', paper: 'P', entry: './src/main.ts' };
    writeFileSync(join(apps, 'a-app', 'package.json'), JSON.stringify({ repro }));
    writeFileSync(join(apps, 'b-app', 'package.json'), JSON.stringify({ repro: { ...repro, name: 'b' } }));
    writeFileSync(join(apps, 'not-an-app', 'package.json'), JSON.stringify({ name: 'x' }));
    expect(discoverApps(apps).map((app) => app.name)).toEqual(['a', 'b']);
    writeFileSync(join(apps, 'b-app', 'package.json'), JSON.stringify({ repro: { name: 'b' } }));
    expect(() => discoverApps(apps)).toThrow(/field repro.title must be a string/);
  });

  it('lists the apps of this repository', () => {
    const apps = discoverApps(join(import.meta.dirname, '../../../apps'));
    expect(apps.map((app) => app.name)).toContain('backend-bench');
  });

  it("reads an app's manifest from the nearest package.json above a module", () => {
    const dir = join(scratch, 'apps', 'a-app');
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ repro: { name: 'a', title: 'A', paper: 'P', entry: 'e' } }),
    );
    expect(readAppManifest(pathToFileURL(join(dir, 'src', 'deep', 'main.ts')))).toEqual({
      name: 'a',
      title: 'A',
      paper: 'P',
      entry: 'e',
      dir,
    });
    expect(() => readAppManifest(pathToFileURL(join(scratch, 'apps', 'not-an-app', 'main.ts')))).toThrow(
      /no repro field/,
    );
  });
});

describe('parseConfig', () => {
  const schema = z.strictObject({
    steps: positiveInt(),
    rate: positiveNumber(),
    noise: nonNegativeNumber(),
    method: z.enum(['gd', 'cg']),
    timing: z.strictObject({ runs: z.int().min(2), sizes: z.array(positiveInt()).min(1) }),
    shape: z.array(z.int()).length(2),
    label: z.string().optional(),
  });
  const good = { steps: 3, rate: 0.1, noise: 0, method: 'gd', timing: { runs: 3, sizes: [1] }, shape: [1, 2] };

  it('returns the config typed when it is valid', () => {
    expect(parseConfig('toy', schema, good)).toEqual(good);
  });

  it('names every bad field by its dotted path (as --set takes it), what was expected and what it got', () => {
    const bad = (patch: Record<string, unknown>) => () => parseConfig('toy', schema, { ...good, ...patch });
    expect(bad({ steps: 0 })).toThrow("toy config: 'steps' must be a positive integer, got 0");
    expect(bad({ steps: 1.5 })).toThrow("toy config: 'steps' must be a positive integer, got 1.5");
    expect(bad({ rate: '1' })).toThrow(`toy config: 'rate' must be a positive number, got "1"`);
    expect(bad({ noise: -1 })).toThrow("toy config: 'noise' must be a non-negative number, got -1");
    expect(bad({ method: 'newton' })).toThrow(`toy config: 'method' must be one of "gd", "cg", got "newton"`);
    expect(bad({ timing: { runs: 1, sizes: [1] } })).toThrow("toy config: 'timing.runs' must be ≥ 2, got 1");
    expect(bad({ timing: { runs: 2, sizes: [1, -4] } })).toThrow(
      "toy config: 'timing.sizes.1' must be a positive integer, got -4",
    );
    expect(bad({ timing: { runs: 2, sizes: [] } })).toThrow(
      "toy config: 'timing.sizes' must have at least 1 item, got []",
    );
    expect(bad({ shape: [1] })).toThrow("toy config: 'shape' must have exactly 2 items, got [1]");
    expect(bad({ label: 3 })).toThrow("toy config: 'label' must be a string, got 3");
    expect(bad({ steps: undefined })).toThrow("toy config: 'steps' must be a positive integer, got nothing");
  });

  it('rejects unknown keys, at any depth, one line each', () => {
    expect(() => parseConfig('toy', schema, { ...good, timing: { ...good.timing, rnus: 3 }, stpes: 1 })).toThrow(
      [
        "toy config: 'timing.rnus' is not a config field (unknown fields are errors), got 3",
        "toy config: 'stpes' is not a config field (unknown fields are errors), got 1",
      ].join('\n'),
    );
    expect(() => parseConfig('toy', schema, { ...good, backend: 'wasm' })).toThrow(
      'toy config: \'backend\' is not a config field (unknown fields are errors; pick the backend with --backend or PROJ_BACKEND), got "wasm"',
    );
  });
});
