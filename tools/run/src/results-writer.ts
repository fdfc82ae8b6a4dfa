import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertSeed, type BackendInfo, type Seed } from '@proj/core';
import { collectEnvironment } from './environment.js';

/** Version of the layout of `results.json`; bumped when its shape changes (2: `claims` and `benchmarks` replace `checks`). */
export const RESULTS_SCHEMA_VERSION = 2;

/** Where a run stands, as `status.json` says. */
export type RunState = 'running' | 'interrupted' | 'failed' | 'finished';

/**
 * `status.json` of a run folder: written when the folder is created, updated when the run finishes, fails or is
 * interrupted, and when it is resumed.
 */
export interface RunStatus {
  readonly state: RunState;
  readonly app: string;
  readonly seed: Seed;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** Units of work completed (lines of `units.jsonl`), earlier sessions of a resumed run included. */
  readonly completedUnits: number;
  /** Processes that worked on the run: 1, plus one per resume. */
  readonly sessions: number;
  /** Why the run stopped (`SIGINT`, `SIGTERM`, a stop request, or the error message). */
  readonly reason?: string;
}

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
  /**
   * The units of work completed so far, by id, with their records as read back from `units.jsonl` (those of
   * earlier sessions of a resumed run included), in order of completion.
   */
  readonly units: ReadonlyMap<string, unknown>;
  /**
   * Records a completed unit of work: appends `{unit, record, metricsBytes}` to `units.jsonl` (synchronously;
   * `metricsBytes` is the length of `metrics.jsonl` at that moment, where a resumed run cuts it). Returns the
   * record as it reads back from the file (JSON, with NaN and ±Infinity kept), so that a run uses the same values
   * whether or not it was resumed.
   *
   * @throws Error when a unit with that id was recorded before.
   */
  completeUnit<R>(id: string, record: R): R;
  /** The current `status.json`. */
  readonly status: RunStatus;
  /** Updates `status.json` to `state` (with the reason it stopped) and returns it. */
  setStatus(state: RunState, reason?: string): RunStatus;
}

/**
 * Creates the folder of a run and writes `config.json`, `env.json` and `status.json` (`running`) into it right
 * away.
 *
 * @throws Error naming the bad argument for an invalid app name or seed.
 */
export function createRunWriter(options: RunWriterOptions): RunWriter {
  const { app, seed, config } = options;
  if (!/^[\w-]+$/.test(app)) {
    throw new Error(`createRunWriter: argument 'app' must use letters, digits, '-' or '_', got '${app}'`);
  }
  assertSeed(seed, 'createRunWriter');
  const startedAt = options.startedAt ?? new Date();
  const dir = uniqueDir(resolve(options.root ?? 'results'), `${timestamp(startedAt)}-${app}-s${seed}`);
  mkdirSync(dir, { recursive: true });
  writeJsonFile(join(dir, 'config.json'), config);
  writeJsonFile(join(dir, 'env.json'), collectEnvironment(options.backend ?? null));
  writeFileSync(join(dir, 'metrics.jsonl'), '');
  writeFileSync(join(dir, 'units.jsonl'), '');
  const now = new Date().toISOString();
  return runWriter(dir, new Map(), {
    state: 'running',
    app,
    seed,
    startedAt: startedAt.toISOString(),
    updatedAt: now,
    completedUnits: 0,
    sessions: 1,
  });
}

/** What {@link readRunFolder} reads from a run folder. */
export interface RunFolder {
  readonly dir: string;
  readonly status: RunStatus;
  /** `config.json`. */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * Reads `status.json` and `config.json` of a run folder.
 *
 * @throws Error naming the folder when it is not a run folder (no status.json or config.json).
 */
export function readRunFolder(dir: string): RunFolder {
  const path = resolve(dir);
  for (const file of ['status.json', 'config.json']) {
    if (!existsSync(join(path, file))) {
      throw new Error(`readRunFolder: '${path}' is not a run folder: it has no ${file}`);
    }
  }
  const status = JSON.parse(readFileSync(join(path, 'status.json'), 'utf8')) as RunStatus;
  const config = JSON.parse(readFileSync(join(path, 'config.json'), 'utf8')) as Record<string, unknown>;
  return { dir: path, status, config };
}

/**
 * Opens the folder of an interrupted (or failed, or killed) run to continue it: reads the completed units from
 * `units.jsonl` (dropping a last line cut off mid-write), cuts `metrics.jsonl` back to where the last completed
 * unit left it (the lines of the unit that was cut short are written again), and sets `status.json` to
 * `running` with one session more. `config.json` and `env.json` stay as they were.
 *
 * @throws Error naming the folder when it is not a run folder.
 */
export function openRunWriter(dir: string): RunWriter {
  const folder = readRunFolder(dir);
  const unitsPath = join(folder.dir, 'units.jsonl');
  const units = new Map<string, unknown>();
  let metricsBytes = 0;
  const kept: string[] = [];
  if (existsSync(unitsPath)) {
    for (const line of readFileSync(unitsPath, 'utf8').split('\n')) {
      let entry: { unit: string; record: unknown; metricsBytes: number };
      try {
        entry = decodeRecord(line) as typeof entry;
      } catch {
        break;
      }
      if (typeof entry?.unit !== 'string' || typeof entry.metricsBytes !== 'number') break;
      units.set(entry.unit, entry.record);
      metricsBytes = entry.metricsBytes;
      kept.push(line);
    }
  }
  writeFileSync(unitsPath, kept.map((line) => `${line}\n`).join(''));
  const metricsPath = join(folder.dir, 'metrics.jsonl');
  if (!existsSync(metricsPath)) writeFileSync(metricsPath, '');
  truncateSync(metricsPath, Math.min(metricsBytes, statSync(metricsPath).size));
  const writer = runWriter(folder.dir, units, {
    ...folder.status,
    completedUnits: units.size,
    sessions: (folder.status.sessions ?? 1) + 1,
  });
  writer.setStatus('running');
  return writer;
}

function runWriter(dir: string, units: Map<string, unknown>, initial: RunStatus): RunWriter {
  const writeFile = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const writeJson = (name: string, data: unknown) => writeJsonFile(join(dir, name), data);
  const metricsPath = join(dir, 'metrics.jsonl');
  const unitsPath = join(dir, 'units.jsonl');
  let status = initial;
  const setStatus = (state: RunState, reason?: string): RunStatus => {
    const { reason: _previous, ...rest } = status;
    status = {
      ...rest,
      state,
      updatedAt: new Date().toISOString(),
      completedUnits: units.size,
      ...(reason === undefined ? {} : { reason }),
    };
    writeJson('status.json', status);
    return status;
  };
  writeJson('status.json', status);
  return {
    dir,
    appendMetrics(record) {
      appendFileSync(metricsPath, `${JSON.stringify(record)}\n`);
    },
    writeResults(results) {
      return writeJson('results.json', {
        schemaVersion: RESULTS_SCHEMA_VERSION,
        app: status.app,
        seed: status.seed,
        finishedAt: new Date().toISOString(),
        ...results,
      });
    },
    writeFile,
    writeJson,
    units,
    completeUnit<R>(id: string, record: R): R {
      if (units.has(id)) throw new Error(`completeUnit: unit '${id}' was completed before (unit ids must be unique)`);
      const line = encodeRecord({ unit: id, record, metricsBytes: statSync(metricsPath).size });
      appendFileSync(unitsPath, `${line}\n`);
      const { record: readBack } = decodeRecord(line) as { record: R };
      units.set(id, readBack);
      status = { ...status, completedUnits: units.size };
      return readBack;
    },
    get status() {
      return status;
    },
    setStatus,
  };
}

/** JSON with NaN and ±Infinity kept (as `{"$number": "NaN"}`), which plain JSON turns into null. */
export function encodeRecord(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v,
  );
}

/** Parses what {@link encodeRecord} wrote. */
export function decodeRecord(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$number' in v
      ? Number((v as { $number: string }).$number)
      : v,
  );
}

function writeJsonFile(path: string, data: unknown): string {
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
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
