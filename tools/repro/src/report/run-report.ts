import { spawn } from 'node:child_process';
import {
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeRecord, type Environment } from '@proj/run';
import type { AppManifest } from '../discover-apps.js';
import type { RunResults } from './aggregate.js';
import { createReportProgress, type ReportProgress, type RunLabel } from './progress.js';
import { sourceFolders, sourceKey, workspacePackages } from './source-key.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = join(HERE, 'child.ts');

/** How one seed of an app ended in the report. */
export type SeedState = 'finished' | 'failed' | 'interrupted' | 'not-run';

/** One seed of an app in the report: its run folder and log (relative to the report folder). */
export interface SeedRun {
  readonly seed: number;
  readonly state: SeedState;
  readonly dir: string | null;
  readonly log: string;
  readonly ms: number;
  /** Why it did not finish: the run's reason, or the exit status. */
  readonly reason?: string;
}

/** What the report knows of an app: written as `runs/<app>/<config>.json`, reused while its key holds. */
export interface AppRecord {
  readonly app: string;
  readonly title: string;
  readonly paper: string;
  readonly config: string;
  readonly seeds: readonly number[];
  /** Hash of the app's sources, its workspace dependencies, the config file, the seeds and the backend. */
  readonly key: string;
  readonly runs: readonly SeedRun[];
}

/** An app as the report shows it: its record, whether it was reused, and the results of its finished seeds. */
export interface AppReport extends AppRecord {
  readonly reused: boolean;
  readonly results: readonly RunResults[];
  readonly environment: Environment | null;
  /** Figures of its first finished seed, relative to the report folder. */
  readonly figures: readonly string[];
}

/** Options of {@link runReport}. */
export interface RunReportOptions {
  readonly apps: readonly AppManifest[];
  readonly config: string;
  readonly seeds: readonly number[];
  /** `--backend` passed to every run; undefined: the runs read PROJ_BACKEND, else auto. */
  readonly backend?: string;
  readonly jobs: number;
  readonly fresh: boolean;
  /** The report folder, e.g. `results/report`. */
  readonly out: string;
  /** The workspace root: the package folders are found under its packages/, tools/ and apps/. */
  readonly root: string;
  readonly progress: 'auto' | 'bar' | 'lines' | 'silent';
  /** Aborted on Ctrl-C: no new run starts; the running ones stop at their next unit (they get the signal too). */
  readonly signal?: AbortSignal;
}

/**
 * Runs the report's apps: each seed of each app in a process of its own (`jobs` at a time; a failing or
 * interrupted run never stops the others), reusing an app's earlier runs when its key is unchanged and all its
 * seeds finished (unless `fresh`). Returns every app's report, in the order of `apps`.
 */
export async function runReport(options: RunReportOptions): Promise<AppReport[]> {
  const packages = workspacePackages(['packages', 'tools', 'apps'].map((dir) => join(options.root, dir)));
  const plans = options.apps.map((app) => {
    const configFile = join(app.dir, 'configs', `${options.config}.json`);
    // The report's own code (this folder) renders what runs computed; changing it reruns nothing.
    const key = sourceKey(
      sourceFolders(app.dir, packages),
      options.root,
      {
        app: app.name,
        config: options.config,
        configText: existsSync(configFile) ? readFileSync(configFile, 'utf8') : null,
        seeds: options.seeds,
        backend: options.backend ?? process.env.PROJ_BACKEND ?? 'auto',
      },
      [HERE],
    );
    const recordPath = join(options.out, 'runs', app.name, `${options.config}.json`);
    const previous = existsSync(recordPath) ? (JSON.parse(readFileSync(recordPath, 'utf8')) as AppRecord) : undefined;
    const reusable = !options.fresh && previous?.key === key && previous.runs.every((run) => run.state === 'finished');
    return { app, key, recordPath, previous, reused: reusable };
  });
  const labels = plans.flatMap((plan, appIndex) =>
    plan.reused
      ? []
      : options.seeds.map(
          (seed, seedIndex): RunLabel => ({
            app: plan.app.name,
            appIndex,
            appCount: plans.length,
            seed,
            seedIndex,
            seedCount: options.seeds.length,
          }),
        ),
  );
  const progress = createReportProgress({
    mode: options.progress,
    planned: labels,
    jobs: options.jobs,
    expectedMs: (run) => plans[run.appIndex]?.previous?.runs.find((r) => r.seed === run.seed)?.ms,
  });
  for (const plan of plans.filter((p) => p.reused)) {
    progress.log(`[report] ${plan.app.name}: code and config unchanged since its last run, reused (--fresh reruns it)`);
  }
  const outcomes = new Map<string, SeedRun>();
  const queue = [...labels];
  const worker = async () => {
    for (let run = queue.shift(); run !== undefined; run = queue.shift()) {
      const app = plans[run.appIndex]!.app;
      if (options.signal?.aborted) {
        outcomes.set(`${app.name}#${run.seed}`, notRun(options, app, run.seed));
        continue;
      }
      outcomes.set(`${app.name}#${run.seed}`, await runSeed(options, app, run, progress));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  progress.done();
  return plans.map((plan) => {
    const record: AppRecord = plan.reused
      ? plan.previous!
      : {
          app: plan.app.name,
          title: plan.app.title,
          paper: plan.app.paper,
          config: options.config,
          seeds: options.seeds,
          key: plan.key,
          runs: options.seeds.map((seed) => outcomes.get(`${plan.app.name}#${seed}`)!),
        };
    if (!plan.reused) {
      mkdirSync(dirname(plan.recordPath), { recursive: true });
      writeFileSync(plan.recordPath, `${JSON.stringify(record, null, 2)}\n`);
    }
    return readAppReport(options.out, record, plan.reused);
  });
}

/** Where one seed's files go: `runs/<app>/<config>-s<seed>/` (the run folder inside) and `.log` beside it. */
function seedPaths(options: RunReportOptions, app: string, seed: number) {
  const base = join(options.out, 'runs', app, `${options.config}-s${seed}`);
  return { folder: base, log: `${base}.log` };
}

function notRun(options: RunReportOptions, app: AppManifest, seed: number): SeedRun {
  const { log } = seedPaths(options, app.name, seed);
  return {
    seed,
    state: 'not-run',
    dir: null,
    log: relative(options.out, log),
    ms: 0,
    reason: 'the report was stopped',
  };
}

/** Runs one seed of an app in a child process, its output in the log and its progress lines on the display. */
async function runSeed(
  options: RunReportOptions,
  app: AppManifest,
  label: RunLabel,
  progress: ReportProgress,
): Promise<SeedRun> {
  const { folder, log } = seedPaths(options, app.name, label.seed);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const args = [
    '--conditions=@proj/source',
    '--import',
    'tsx',
    CHILD,
    join(app.dir, app.entry),
    '--config',
    options.config,
    '--seed',
    String(label.seed),
    '--out',
    folder,
    '--progress',
    'lines',
    ...(options.backend === undefined ? [] : ['--backend', options.backend]),
  ];
  progress.started(label);
  const start = performance.now();
  const logStream = createWriteStream(log);
  logStream.write(`$ ${['node', ...args].join(' ')}\n`);
  const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: options.root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(logStream, { end: false });
    let partial = '';
    child.stderr.on('data', (chunk: Buffer) => {
      logStream.write(chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (/^\[[^\]]+\] /.test(line)) progress.line(label, line);
    });
    child.on('error', (error) => {
      logStream.write(`\nreport: could not start the run: ${error.message}\n`);
      resolve({ code: null, signal: null });
    });
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  await new Promise((resolve) => logStream.end(resolve));
  const ms = performance.now() - start;
  const [dir] = readdirSync(folder);
  const status =
    dir === undefined || !existsSync(join(folder, dir, 'status.json'))
      ? undefined
      : (JSON.parse(readFileSync(join(folder, dir, 'status.json'), 'utf8')) as { state: string; reason?: string });
  const state: SeedState =
    status?.state === 'finished' && exit.code === 0
      ? 'finished'
      : status?.state === 'interrupted'
        ? 'interrupted'
        : 'failed';
  const how = exit.signal === null ? `exit status ${exit.code}` : `killed by ${exit.signal}`;
  progress.ended(label, state === 'finished' ? state : `${state} (${how}; log: ${log})`, ms);
  return {
    seed: label.seed,
    state,
    dir: dir === undefined ? null : relative(options.out, join(folder, dir)),
    log: relative(options.out, log),
    ms,
    ...(state === 'finished' ? {} : { reason: status?.reason ?? how }),
  };
}

/** Reads the results and environment of an app's finished seeds, and copies the first one's figures. */
function readAppReport(out: string, record: AppRecord, reused: boolean): AppReport {
  const finished = record.runs.filter((run) => run.state === 'finished' && run.dir !== null);
  const results = finished.map((run) => {
    const data = decodeRecord(readFileSync(join(out, run.dir!, 'results.json'), 'utf8')) as Partial<RunResults>;
    return { seed: run.seed, claims: data.claims ?? [], benchmarks: data.benchmarks ?? [] };
  });
  const first = finished[0];
  const environment =
    first === undefined ? null : (JSON.parse(readFileSync(join(out, first.dir!, 'env.json'), 'utf8')) as Environment);
  const figureDir = join(out, 'figures', record.app);
  rmSync(figureDir, { recursive: true, force: true });
  const figures: string[] = [];
  if (first !== undefined) {
    mkdirSync(figureDir, { recursive: true });
    for (const file of readdirSync(join(out, first.dir!)).sort()) {
      if (!/\.(svg|png)$/.test(file)) continue;
      copyFileSync(join(out, first.dir!, file), join(figureDir, file));
      figures.push(relative(out, join(figureDir, file)));
    }
  }
  return { ...record, reused, results, environment, figures };
}
