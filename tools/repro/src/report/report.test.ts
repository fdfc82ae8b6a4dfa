import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertFigureNotEmpty, assertImageNotBlank, decodeRecord } from '@proj/run';
import { afterAll, describe, expect, it } from 'vitest';
import { claim } from '../claim.js';
import { discoverApps } from '../discover-apps.js';
import { spread, summarizeBenchmarks, summarizeClaims } from './aggregate.js';
import { formatHolds, formatSpread } from './render.js';
import { parseSeeds, selectApps } from './report-cli.js';
import { sourceFolders, sourceKey, workspacePackages } from './source-key.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const FIXTURES = resolve(ROOT, 'tools/repro/test-fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'repro-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const made = (id: string, ours: number, bound = 1) =>
  claim({ id, text: `${id} text`, reference: null, ours, unit: 'x', test: { op: '<', bound } });

describe('claims and benchmarks over seeds', () => {
  it('gives mean ± sample sd of the finite values', () => {
    expect(spread([1, 2, 3])).toEqual({ mean: 2, sd: 1, n: 3 });
    expect(spread([4])).toEqual({ mean: 4, sd: 0, n: 1 });
    expect(spread([Number.NaN, 2, 4])).toEqual({ mean: 3, sd: Math.SQRT2, n: 2 });
    expect(spread([])).toMatchObject({ n: 0 });
  });

  it('groups claims by id across seeds and counts the seeds where each holds', () => {
    const summaries = summarizeClaims([
      { seed: 0, claims: [made('a', 0.5), made('b', 2)], benchmarks: [] },
      { seed: 1, claims: [made('a', 1.5), made('b', 3)], benchmarks: [] },
      { seed: 2, claims: [made('a', 0.7)], benchmarks: [] },
    ]);
    expect(summaries.map((s) => [s.id, s.holdsIn, s.seeds.length])).toEqual([
      ['a', 2, 3],
      ['b', 0, 2],
    ]);
    expect(summaries[0]!.ours.mean).toBeCloseTo(0.9, 12);
    expect(formatHolds(summaries[0]!)).toBe('partly (2/3)');
    expect(formatHolds(summaries[1]!)).toBe('no (0/2)');
    expect(formatSpread(summaries[1]!.ours, 'x')).toBe('2.5 ± 0.71 x');
    expect(formatSpread({ mean: 1, sd: 2.5e-5, n: 3 })).toBe('1 ± 2.5e-5');
    expect(formatHolds(summarizeClaims([{ seed: 0, claims: [made('c', 0)], benchmarks: [] }])[0]!)).toBe('yes (1/1)');
  });

  it('takes the ratio of the medians seed by seed', () => {
    const bench = (ours: number, reference: number) => ({
      id: 'mm',
      workload: 'matMul',
      ours: { label: 'wasm', ms: ours },
      reference: { label: 'numpy', ms: reference },
    });
    const [summary] = summarizeBenchmarks([
      { seed: 0, claims: [], benchmarks: [bench(2, 1)] },
      { seed: 1, claims: [], benchmarks: [bench(6, 2)] },
    ]);
    expect(summary!.ratio).toEqual({ mean: 2.5, sd: Math.SQRT1_2, n: 2 });
    expect(summary!.ours.ms.mean).toBe(4);
  });
});

describe('report options', () => {
  it('reads seeds and refuses bad ones', () => {
    expect(parseSeeds('0,1,2')).toEqual([0, 1, 2]);
    expect(() => parseSeeds('0,0')).toThrow("argument '--seeds' must be distinct integers");
    expect(() => parseSeeds('a')).toThrow("got 'a'");
  });

  it('selects apps by name and names the unknown ones', () => {
    const apps = discoverApps(join(ROOT, 'apps'));
    expect(selectApps(apps, ['tt-riemannian']).map((a) => a.name)).toEqual(['tt-riemannian']);
    expect(() => selectApps(apps, ['nope'])).toThrow("argument '--only' names unknown app 'nope'; available: ");
    expect(() => selectApps([...apps, apps[0]!], [])).toThrow(`two apps are named '${apps[0]!.name}'`);
  });

  it('keys an app on its sources and its workspace dependencies, not on tests or docs', () => {
    const packages = workspacePackages([join(ROOT, 'packages'), join(ROOT, 'tools'), join(ROOT, 'apps')]);
    const folders = sourceFolders(join(ROOT, 'apps/tt-riemannian'), packages);
    expect(folders).toContain(join(ROOT, 'packages/core'));
    expect(folders).toContain(join(ROOT, 'packages/riemannian'));
    expect(folders).not.toContain(join(ROOT, 'packages/vaeac'));
    const dir = mkdtempSync(join(scratch, 'key-'));
    writeFileSync(join(dir, 'a.ts'), 'one');
    writeFileSync(join(dir, 'README.md'), 'docs');
    const key = sourceKey([dir], dir, { seeds: [0] });
    writeFileSync(join(dir, 'README.md'), 'other docs');
    writeFileSync(join(dir, 'a.test.ts'), 'a test');
    expect(sourceKey([dir], dir, { seeds: [0] })).toBe(key);
    expect(sourceKey([dir], dir, { seeds: [1] })).not.toBe(key);
    writeFileSync(join(dir, 'a.ts'), 'two');
    expect(sourceKey([dir], dir, { seeds: [0] })).not.toBe(key);
    mkdirSync(join(dir, 'report'));
    const withReport = sourceKey([dir], dir, { seeds: [0] }, [join(dir, 'report')]);
    writeFileSync(join(dir, 'report', 'render.ts'), 'rendering');
    expect(sourceKey([dir], dir, { seeds: [0] }, [join(dir, 'report')])).toBe(withReport);
  });
});

/** `pnpm repro report <args>` as the root package.json runs it; resolves with the exit status and output. */
async function report(args: readonly string[]) {
  const run = promisify(execFile);
  const argv = ['--conditions=@proj/source', '--import', 'tsx', 'tools/repro/src/main.ts', 'report', ...args];
  try {
    const { stdout, stderr } = await run(process.execPath, argv, { cwd: ROOT, maxBuffer: 64 << 20 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

interface ReportJson {
  apps: {
    app: string;
    reused: boolean;
    runs: { state: string; log: string; reason?: string }[];
    figures: string[];
    claims: { id: string; seeds: unknown[] }[];
  }[];
}

describe('pnpm repro report --config smoke', () => {
  const out = join(scratch, 'report');
  const apps = discoverApps(join(ROOT, 'apps')).map((app) => app.name);

  it('runs every app, reports the injected failing app with its log, and embeds non-empty figures', async () => {
    const args = ['--config', 'smoke', '--apps-dir', 'apps', '--apps-dir', FIXTURES, '--out', out];
    const { status, stderr } = await report([...args, '--jobs', '2', '--progress', 'lines']);
    expect(status, stderr).toBe(1);
    expect(stderr).toMatch(/\[report\] app \d+\/16 failing-fixture seed 0 \(1\/1\): failed \(exit status 1/);
    const json = decodeRecord(readFileSync(join(out, 'report.json'), 'utf8')) as ReportJson;
    expect(json.apps.map((a) => a.app).sort()).toEqual([...apps, 'failing-fixture'].sort());
    const markdown = readFileSync(join(out, 'REPORT.md'), 'utf8');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const app of json.apps.filter((a) => a.app !== 'failing-fixture')) {
      expect(
        app.runs.map((r) => r.state),
        `${app.app}: ${app.runs[0]?.reason}`,
      ).toEqual(['finished']);
      expect(app.claims.length, `${app.app} states no claim in its smoke config`).toBeGreaterThan(0);
      expect(markdown).toContain(`## ${app.app}\n`);
      for (const c of app.claims) expect(markdown).toContain(`\`${c.id}\``);
      expect(app.figures.length, `${app.app} has no figure`).toBeGreaterThan(0);
      for (const figure of app.figures) {
        const path = join(out, figure);
        if (figure.endsWith('.svg')) assertFigureNotEmpty(path);
        else assertImageNotBlank(path);
        const type = figure.endsWith('.svg') ? 'image/svg+xml' : 'image/png';
        expect(html).toContain(`src="data:${type};base64,${readFileSync(path).toString('base64')}"`);
      }
    }
    expect(html).not.toMatch(/<img[^>]+src="(?!data:)/);
    const failing = json.apps.find((a) => a.app === 'failing-fixture')!;
    expect(failing.runs[0]).toMatchObject({ state: 'failed', reason: expect.stringContaining('injected failure') });
    expect(existsSync(join(out, failing.runs[0]!.log))).toBe(true);
    expect(markdown).toContain('injected failure: this fixture app fails on purpose');
    expect(markdown).toMatch(/\| \[failing-fixture\]\(#failing-fixture\) \| [^|]+ \| failed \|/);
  }, 900_000);

  it('reuses an unchanged app on the next report and reruns it under --fresh', async () => {
    const args = [
      '--config',
      'smoke',
      '--apps-dir',
      'apps',
      '--apps-dir',
      FIXTURES,
      '--out',
      out,
      '--progress',
      'lines',
    ];
    const again = await report([...args, '--only', 'tt-riemannian,failing-fixture']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('[report] tt-riemannian: code and config unchanged since its last run, reused');
    const reused = (decodeRecord(readFileSync(join(out, 'report.json'), 'utf8')) as ReportJson).apps;
    expect(reused.map((a) => [a.app, a.reused])).toEqual([
      ['tt-riemannian', true],
      ['failing-fixture', false],
    ]);
    expect(readFileSync(join(out, 'REPORT.md'), 'utf8')).toContain('reused from an earlier report');
    const fresh = await report([...args, '--only', 'tt-riemannian', '--fresh']);
    expect(fresh.status).toBe(0);
    expect((decodeRecord(readFileSync(join(out, 'report.json'), 'utf8')) as ReportJson).apps[0]!.reused).toBe(false);
  }, 300_000);

  it('refuses bad options with one line naming the option', async () => {
    const bad = await report(['--config', 'huge']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      "pnpm repro report: argument '--config' must be one of smoke, quick, default, got 'huge'",
    );
    expect((await report(['--only', 'nope'])).stderr).toContain("argument '--only' names unknown app 'nope'");
    expect((await report(['--jobs', '0'])).stderr).toContain("argument '--jobs' must be a positive integer, got '0'");
  }, 60_000);
});
