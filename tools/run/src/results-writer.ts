import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertSeed, type BackendInfo, type Seed } from '@proj/core';
import { collectEnvironment } from './environment.js';

/** Version of the layout of `results.json`; bumped when its shape changes. */
export const RESULTS_SCHEMA_VERSION = 1;

/** Options of {@link createRunWriter}. */
export interface RunWriterOptions {
  /** The app's short name, e.g. `backend-bench` (letters, digits, `-`, `_`). */
  readonly app: string;
  /** The run's seed; part of the folder name. */
  readonly seed: Seed;
  /** The fully resolved configuration; written as `config.json` so that the run can be repeated from it. */
  readonly config: unknown;
  /** Parent folder; default `results` in the working directory. */
  readonly root?: string;
  /** The backend the run uses, recorded in `env.json`. */
  readonly backend?: BackendInfo;
  /** Start time; default now. */
  readonly startedAt?: Date;
}

/** Writes the files of one run, as it goes, so that nothing is lost when a run stops early. */
export interface RunWriter {
  /** The run's folder: `<root>/<yyyymmdd-hhmmss>-<app>-s<seed>`. */
  readonly dir: string;
  /** Appends one line to `metrics.jsonl` (synchronously). */
  appendMetrics(record: Readonly<Record<string, unknown>>): void;
  /** Writes `results.json`: `{schemaVersion, app, seed, finishedAt, ...results}`. */
  writeResults(results: Readonly<Record<string, unknown>>): string;
  /** Writes any other file into the run folder (text or JSON); returns its path. */
  writeFile(name: string, content: string | Uint8Array): string;
  /** Writes `name` as pretty JSON; returns its path. */
  writeJson(name: string, data: unknown): string;
}

/**
 * Creates the folder of a run and writes `config.json` and `env.json` into it right away.
 *
 * @throws Error naming the bad argument for an invalid app name or seed.
 */
export function createRunWriter(options: RunWriterOptions): RunWriter {
  const { app, seed, config } = options;
  if (!/^[\w-]+$/.test(app)) {
    throw new Error(`createRunWriter: argument 'app' must use letters, digits, '-' or '_', got '${app}'`);
  }
  assertSeed(seed, 'createRunWriter');
  const dir = uniqueDir(
    resolve(options.root ?? 'results'),
    `${timestamp(options.startedAt ?? new Date())}-${app}-s${seed}`,
  );
  mkdirSync(dir, { recursive: true });
  const writeFile = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const writeJson = (name: string, data: unknown) => writeFile(name, `${JSON.stringify(data, null, 2)}\n`);
  writeJson('config.json', config);
  writeJson('env.json', collectEnvironment(options.backend ?? null));
  const metricsPath = join(dir, 'metrics.jsonl');
  writeFileSync(metricsPath, '');
  return {
    dir,
    appendMetrics(record) {
      appendFileSync(metricsPath, `${JSON.stringify(record)}\n`);
    },
    writeResults(results) {
      return writeJson('results.json', {
        schemaVersion: RESULTS_SCHEMA_VERSION,
        app,
        seed,
        finishedAt: new Date().toISOString(),
        ...results,
      });
    },
    writeFile,
    writeJson,
  };
}

/** `20261127-103512` in UTC. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function uniqueDir(root: string, name: string): string {
  let candidate = join(root, name);
  for (let i = 2; existsSync(candidate); i++) candidate = join(root, `${name}-${i}`);
  return candidate;
}
