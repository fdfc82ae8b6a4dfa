import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyOverrides, listConfigs, loadConfig } from './config.js';
import { discoverApps } from './discover-apps.js';

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
});
