import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKEND_REQUESTS, MAX_SEED } from '@proj/core';
import { collectEnvironment, encodeRecord } from '@proj/run';
import { type AppManifest, discoverApps } from '../discover-apps.js';
import { summarizeBenchmarks, summarizeClaims } from './aggregate.js';
import { renderHtml, renderMarkdown } from './render.js';
import { runReport } from './run-report.js';

const CONFIGS = ['smoke', 'quick', 'default'] as const;
const PROGRESS = ['auto', 'bar', 'lines', 'silent'] as const;

/** `pnpm repro report --help`. */
export const REPORT_USAGE = `usage: pnpm repro report [options]

Runs every app's config over several seeds (each run in a process of its own; a failing app never stops the
others), then writes <out>/REPORT.md and a self-contained <out>/report.html: per paper the table
"claim | paper | ours | holds? | full scale", the figures, the environment and the benchmark ratios.
An app whose code and config did not change since its last report is reused (--fresh reruns it).

options:
  --config <name>     smoke | quick | default (default quick)
  --seeds <list>      seeds, comma-separated (default 0,1,2; 0 for smoke)
  --only <app,...>    only these apps (repeatable)
  --backend <name>    ${BACKEND_REQUESTS.join(' | ')}, passed to every run (default: PROJ_BACKEND, else auto)
  --jobs <n>          runs in parallel processes (default: half the cores, at least 1)
  --fresh             rerun every app, even unchanged ones
  --out <dir>         report folder (default results/report)
  --apps-dir <dir>    folder of apps (default apps/; repeatable)
  --progress <mode>   auto | bar | lines | silent (default auto)
  --help              this text

Exit status: 0 when every run finished (whether or not its claims hold), 1 when one failed, 130 when stopped.`;

/** Options of {@link reportCli}: where the workspace is. */
export interface ReportCliContext {
  /** Workspace root (packages/, tools/, apps/ under it). */
  readonly root: string;
}

/**
 * `pnpm repro report [options]`: runs the apps ({@link runReport}), writes REPORT.md, report.html and
 * report.json (every claim and benchmark over seeds, machine-readable) into the report folder, and prints where.
 * Ctrl-C stops the report at the runs in progress (they stop at their next unit) and still writes it.
 *
 * @throws Error naming the option for a bad option value or an unknown app.
 */
export async function reportCli(argv: readonly string[], context: ReportCliContext): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      config: { type: 'string', default: 'quick' },
      seeds: { type: 'string' },
      only: { type: 'string', multiple: true },
      backend: { type: 'string' },
      jobs: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      out: { type: 'string', default: join(context.root, 'results', 'report') },
      'apps-dir': { type: 'string', multiple: true },
      progress: { type: 'string', default: 'auto' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(REPORT_USAGE);
    return 0;
  }
  const config = oneOf('--config', values.config, CONFIGS);
  const progress = oneOf('--progress', values.progress, PROGRESS);
  if (values.backend !== undefined) oneOf('--backend', values.backend, BACKEND_REQUESTS);
  const seeds = parseSeeds(values.seeds ?? (config === 'smoke' ? '0' : '0,1,2'));
  const jobs = values.jobs === undefined ? Math.max(1, Math.floor(availableParallelism() / 2)) : parseJobs(values.jobs);
  const apps = selectApps(
    (values['apps-dir'] ?? [join(context.root, 'apps')]).flatMap((dir) => discoverApps(resolve(dir))),
    (values.only ?? []).flatMap((list) => list.split(',')).filter((name) => name !== ''),
  );
  const out = resolve(values.out);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    console.error('report: stopping: the running apps stop at their next unit of work; the report is still written');
  };
  process.on('SIGINT', onSignal);
  const startedAt = new Date();
  const start = performance.now();
  try {
    const reports = await runReport({
      apps,
      config,
      seeds,
      ...(values.backend === undefined ? {} : { backend: values.backend }),
      jobs,
      fresh: values.fresh,
      out,
      root: context.root,
      progress,
      signal: controller.signal,
    });
    const meta = {
      command: ['pnpm repro report', ...argv].join(' '),
      config,
      seeds,
      startedAt,
      ms: performance.now() - start,
      environment: collectEnvironment(null, context.root),
    };
    mkdirSync(out, { recursive: true });
    const markdown = renderMarkdown(out, reports, meta);
    writeFileSync(join(out, 'REPORT.md'), markdown);
    writeFileSync(join(out, 'report.html'), renderHtml(out, markdown));
    writeFileSync(
      join(out, 'report.json'),
      `${encodeRecord({
        ...meta,
        apps: reports.map((app) => ({
          app: app.app,
          title: app.title,
          config: app.config,
          seeds: app.seeds,
          reused: app.reused,
          runs: app.runs,
          figures: app.figures,
          claims: summarizeClaims(app.results),
          benchmarks: summarizeBenchmarks(app.results),
        })),
      })}\n`,
    );
    console.log(`report: ${join(out, 'REPORT.md')} and ${join(out, 'report.html')}`);
    if (controller.signal.aborted) return 130;
    return reports.every((app) => app.runs.every((run) => run.state === 'finished')) ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`pnpm repro report: argument '${option}' must be one of ${allowed.join(', ')}, got '${value}'`);
  }
  return value as T;
}

/** `--seeds 0,1,2`: distinct integers in [0, 2^32 − 1]. */
export function parseSeeds(text: string): number[] {
  const seeds = text.split(',').map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : Number.NaN));
  if (seeds.some((seed) => !(Number.isSafeInteger(seed) && seed <= MAX_SEED)) || new Set(seeds).size !== seeds.length) {
    throw new Error(
      `pnpm repro report: argument '--seeds' must be distinct integers in [0, ${MAX_SEED}] separated by commas, got '${text}'`,
    );
  }
  return seeds;
}

function parseJobs(text: string): number {
  const jobs = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(jobs) && jobs >= 1)) {
    throw new Error(`pnpm repro report: argument '--jobs' must be a positive integer, got '${text}'`);
  }
  return jobs;
}

/** The apps to run: all, or those `only` names (in the order found), each name known and apps unique. */
export function selectApps(apps: readonly AppManifest[], only: readonly string[]): AppManifest[] {
  const names = apps.map((app) => app.name);
  const twice = names.find((name, k) => names.indexOf(name) !== k);
  if (twice !== undefined) throw new Error(`pnpm repro report: two apps are named '${twice}'`);
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `pnpm repro report: argument '--only' names unknown app${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `'${n}'`).join(', ')}; available: ${names.join(', ')}`,
    );
  }
  if (apps.length === 0) throw new Error('pnpm repro report: no apps found');
  return only.length === 0 ? [...apps] : apps.filter((app) => only.includes(app.name));
}
