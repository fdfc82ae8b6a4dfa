import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  BACKEND_ENV_VAR,
  BACKEND_REQUESTS,
  type BackendInfo,
  type BackendRequest,
  describeBackend,
  initBackend,
  MAX_SEED,
  resolveBackendRequest,
  type Seed,
} from '@proj/core';
import {
  createReporter,
  createRunWriter,
  formatTable,
  openRunWriter,
  type Reporter,
  type ReporterMode,
  type Row,
  type RunWriter,
  readRunFolder,
} from '@proj/run';
import { type Claim, formatClaim } from './claim.js';
import { applyOverrides, listConfigs, loadConfig } from './config.js';
import { type AppManifest, readAppManifest } from './discover-apps.js';
import { type ConfigSchema, parseConfig } from './schema.js';

/** What an app receives to run one experiment. */
export interface AppContext {
  readonly seed: Seed;
  /** The backend the run uses, set up by the runner (`--backend`, else `PROJ_BACKEND`, else `auto`). */
  readonly backend: BackendInfo;
  readonly reporter: Reporter;
  /**
   * The run's results folder, with config.json, env.json and status.json already written. Metrics are appended
   * as the run goes, from inside units (a resumed run cuts `metrics.jsonl` back to its last completed unit).
   */
  readonly run: RunWriter;
  /** Aborted when the run is asked to stop: SIGINT or SIGTERM (under `runApp`), or a test's stop request. */
  readonly signal: AbortSignal;
  /**
   * Runs one unit of work (a method, a learning rate, a grid point) and records its result in the run folder;
   * in a resumed run, returns the recorded result of a unit completed before without running it again. Before
   * the work starts it yields to the event loop (so that Ctrl-C is seen) and throws {@link RunInterrupted} when
   * the run was asked to stop. The result must be JSON (NaN and ±Infinity are kept); the unit gets back the
   * result as read from the file, in a fresh run as in a resumed one.
   *
   * For a resumed run to end with the same results as an uninterrupted one, a unit must depend only on the
   * config, the run seed and its own id: it draws its randomness from seeds derived from those
   * (`foldIn(seed, id)`, `splitSeed`), never from state that earlier units changed, and it appends its metrics
   * itself, inside `work`.
   *
   * @param id unique in the run, stable across runs of the same config (e.g. `adam lr=0.1`).
   */
  unit<R>(id: string, work: () => R | Promise<R>): Promise<R>;
  /**
   * For long units: yields to the event loop at most every 50 ms and throws {@link RunInterrupted} when the run
   * was asked to stop (the unit is then run again from its start on resume).
   */
  checkpoint(): Promise<void>;
}

/** Thrown inside an app when its run was asked to stop; the runner marks the run `interrupted`. */
export class RunInterrupted extends Error {
  constructor(readonly reason: string) {
    super(`run interrupted (${reason})`);
    this.name = 'RunInterrupted';
  }
}

/**
 * A timing of ours next to a reference implementation on the same workload, for the report's benchmark section
 * (e.g. the wasm CNN training step vs PyTorch on CPU). Times are medians in milliseconds, measured in one run.
 */
export interface BenchmarkRatio {
  /** Stable id, unique in the app. */
  readonly id: string;
  /** What was timed, e.g. `matMul 512×512`. */
  readonly workload: string;
  readonly ours: { readonly label: string; readonly ms: number };
  readonly reference: { readonly label: string; readonly ms: number };
}

/**
 * What an app returns: the table it prints, a summary for results.json, its claims (made with {@link claim}:
 * the report reads them, never the table's prose) and, for benchmark apps, its timings next to references.
 */
export interface AppOutcome {
  readonly table: readonly Row[];
  readonly summary: Readonly<Record<string, unknown>>;
  readonly claims: readonly Claim[];
  readonly benchmarks?: readonly BenchmarkRatio[];
}

/** What an app writes to become a `pnpm repro` app; its name and title come from its package.json. */
export interface AppSpec<C> {
  /** The config's zod schema (strict objects): the runner validates every config with it. */
  readonly schema: ConfigSchema<C>;
  /** Folder of `<config>.json` files; default `configs/` in the app folder. `default` is used when none is given. */
  readonly configDir?: string;
  /**
   * Why `--resume` is refused for this app, when it is (e.g. timings from two processes are not comparable);
   * leave out for an app that can continue an interrupted run from its completed units.
   */
  readonly notResumable?: string;
  /**
   * Runs the experiment. Must not print: progress goes to the reporter, files to the run writer. Splits its work
   * into `context.unit`s so that an interrupted run can be resumed.
   */
  run(config: C, context: AppContext): Promise<AppOutcome>;
}

/** A reproduction app, run by `pnpm repro <name>`: its manifest (package.json `repro` field) and its spec. */
export interface AppDefinition<C> extends AppSpec<C> {
  readonly manifest: AppManifest;
  readonly configDir: string;
}

/**
 * Defines an app from the module that calls it (`import.meta.url`): the name, title and paper come from the
 * `repro` field of the app's package.json, so that they are written in one place.
 *
 * @example
 * export const app = defineApp(import.meta.url, { schema: configSchema, run: runExperiment });
 * export const main = (argv: readonly string[]) => runApp(app, argv);
 */
export function defineApp<C>(moduleUrl: string | URL, spec: AppSpec<C>): AppDefinition<C> {
  const manifest = readAppManifest(moduleUrl);
  return { ...spec, manifest, configDir: spec.configDir ?? join(manifest.dir, 'configs') };
}

/**
 * Validates a parsed config with the app's schema and returns it typed.
 *
 * @throws Error with one line per problem: `<app> config: '<dotted.path>' <what was expected>, got <value>`.
 */
export function validateConfig<C>(app: AppDefinition<C>, config: unknown): C {
  return parseConfig(app.manifest.name, app.schema, config);
}

/** The options of every app, as `node:util` parseArgs takes them (no defaults: the runner applies them). */
export const RUN_OPTION_SPEC = {
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  seed: { type: 'string' },
  backend: { type: 'string' },
  out: { type: 'string' },
  progress: { type: 'string', default: 'auto' },
  resume: { type: 'string' },
  strict: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The options of every app, as `--help` prints them. */
export const RUN_OPTIONS = `options:
  --config <name|path>   config name from the app's configs/ (default: default) or a path to a JSON file
  --set key.path=value   override one config value, parsed as JSON when it can be (repeatable)
  --seed <int>           seed of every random draw, an integer in [0, ${MAX_SEED}] (default 0)
  --backend <name>       ${BACKEND_REQUESTS.join(' | ')} (default: the ${BACKEND_ENV_VAR} environment variable, else auto)
  --out <dir>            parent folder of the results (default: results)
  --progress <mode>      auto | bar | lines | silent (default auto; bar falls back to lines when stderr is not a terminal)
  --resume <dir>         continue an interrupted run in its results folder, from its last completed unit of work,
                         with the config and seed it was started with
  --strict               exit with status 1 when a claim does not hold
  --dry-run              print the resolved config and exit
  --verbose              print the stack trace of an error (default: its message)
  --help                 this text

Each run folder holds status.json: running, interrupted (Ctrl-C, SIGTERM), failed or finished. Ctrl-C stops a
run at its next unit of work (again to stop at once); --resume continues it.`;

const PROGRESS_MODES: readonly string[] = ['auto', 'bar', 'lines', 'silent'];

/** Exit status of an interrupted run: 128 + the signal number, as a shell reports it (130 for a stop request). */
const INTERRUPTED_STATUS: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/** What {@link startRun} and {@link resumeRun} set up. */
export interface StartedRun {
  readonly backend: BackendInfo;
  readonly run: RunWriter;
}

/**
 * Sets up the backend and creates the results folder, with `config.json`, `env.json` (which records the
 * backend actually set up) and `status.json`. Shared by {@link runApp} and `runSmoke`.
 */
export async function startRun<C>(
  app: AppDefinition<C>,
  options: { configName: string; config: C; seed: Seed; backend: BackendRequest; root: string },
): Promise<StartedRun> {
  const backend = await initBackend(options.backend);
  const run = createRunWriter({
    app: app.manifest.name,
    seed: options.seed,
    config: { configName: options.configName, ...options.config },
    root: options.root,
    backend,
  });
  return { backend, run };
}

/** What {@link resumeRun} reads back from a run folder and sets up. */
export interface ResumedRun<C> extends StartedRun {
  readonly configName: string;
  readonly config: C;
  readonly seed: Seed;
}

/**
 * Reopens the results folder of an interrupted run of `app` to continue it: its config (checked with the app's
 * schema again) and seed come from the folder, the backend from `backend` (`--backend`, else `PROJ_BACKEND`, else
 * `auto`). Shared by {@link runApp} (`--resume`) and `resumeSmoke`.
 *
 * @throws Error when the app cannot resume, the folder is not a run of this app, or the run has finished.
 */
export async function resumeRun<C>(
  app: AppDefinition<C>,
  dir: string,
  backend: BackendRequest,
): Promise<ResumedRun<C>> {
  const resumable = readResumable(app, dir);
  const info = await initBackend(backend);
  return { ...resumable, backend: info, run: openRunWriter(resumable.dir) };
}

/**
 * The folder, config and seed of an interrupted run of `app`, checked: the app can resume, the folder holds a run
 * of it that has not finished, and its config passes the app's schema.
 */
function readResumable<C>(app: AppDefinition<C>, dir: string) {
  const { name } = app.manifest;
  if (app.notResumable !== undefined) throw new Error(`${name}: --resume is not supported: ${app.notResumable}`);
  const folder = readRunFolder(dir);
  if (folder.status.app !== name) {
    throw new Error(`${name}: '${folder.dir}' holds a run of ${folder.status.app}, not of ${name}`);
  }
  if (folder.status.state === 'finished') {
    throw new Error(`${name}: the run in '${folder.dir}' has finished; there is nothing to resume`);
  }
  const { configName, ...raw } = folder.config;
  return {
    dir: folder.dir,
    configName: String(configName),
    config: validateConfig(app, raw),
    seed: folder.status.seed,
  };
}

/** Options of {@link executeRun}. */
export interface ExecuteOptions {
  readonly reporter: Reporter;
  /** Stop on SIGINT and SIGTERM (handlers installed for the run and removed afterwards); `runApp` sets it. */
  readonly handleSignals?: boolean;
  /** Ask the run to stop once this many units have completed in this session (tests of resumption). */
  readonly stopAfterUnits?: number;
}

/** How {@link executeRun} ended: the outcome, or where the run stopped. */
export type Execution =
  | { readonly state: 'finished'; readonly outcome: AppOutcome }
  | { readonly state: 'interrupted'; readonly reason: string };

/**
 * Runs an app in a folder set up by {@link startRun} or {@link resumeRun}: gives it the units and the stop
 * signal, writes `results.json` at the end, and keeps `status.json` up to date (`finished`, `interrupted` when
 * the app stopped at a stop request, `failed` with the message when it threw).
 *
 * @throws what the app threw, after marking the run failed.
 */
export async function executeRun<C>(
  app: AppDefinition<C>,
  config: C,
  started: StartedRun & { readonly seed: Seed; readonly configName: string },
  options: ExecuteOptions,
): Promise<Execution> {
  const { run, backend, seed } = started;
  const { reporter } = options;
  const controller = new AbortController();
  const seen = new Set<string>();
  let completed = 0;
  let lastYield = performance.now();
  const checkpoint = async (force = false) => {
    if (force || performance.now() - lastYield >= 50) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if (controller.signal.aborted) throw new RunInterrupted(String(controller.signal.reason));
  };
  const unit = async <R>(id: string, work: () => R | Promise<R>): Promise<R> => {
    if (seen.has(id)) throw new Error(`${app.manifest.name}: unit '${id}' ran twice (unit ids must be unique)`);
    seen.add(id);
    if (run.units.has(id)) return run.units.get(id) as R;
    await checkpoint(true);
    const record = run.completeUnit(id, await work());
    completed++;
    if (options.stopAfterUnits !== undefined && completed >= options.stopAfterUnits) {
      controller.abort(`stop requested after ${completed} units`);
    }
    return record;
  };
  if (options.stopAfterUnits === 0) controller.abort('stop requested after 0 units');
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      reporter.done();
      run.setStatus('interrupted', `${signal} (twice: stopped at once)`);
      process.stderr.write(`\n${app.manifest.name}: ${signal} again: stopped at once; results so far in ${run.dir}\n`);
      process.exit(INTERRUPTED_STATUS[signal] ?? 130);
    }
    controller.abort(signal);
    reporter.log(
      `${signal}: stopping at the next unit of work (${signal === 'SIGINT' ? 'Ctrl-C' : signal} again to stop at once)`,
    );
  };
  if (options.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    const outcome = await app.run(config, {
      seed,
      backend,
      reporter,
      run,
      signal: controller.signal,
      unit,
      checkpoint: () => checkpoint(),
    });
    assertUniqueIds(app.manifest.name, outcome);
    run.writeResults({
      configName: started.configName,
      summary: outcome.summary,
      table: outcome.table,
      claims: outcome.claims,
      ...(outcome.benchmarks === undefined ? {} : { benchmarks: outcome.benchmarks }),
    });
    run.setStatus('finished');
    return { state: 'finished', outcome };
  } catch (error) {
    reporter.done();
    if (error instanceof RunInterrupted) {
      run.setStatus('interrupted', error.reason);
      return { state: 'interrupted', reason: error.reason };
    }
    run.setStatus('failed', error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    if (options.handleSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

/** Claims and benchmarks are looked up by id across seeds: an app must not state one twice. */
function assertUniqueIds(app: string, outcome: AppOutcome): void {
  for (const [what, ids] of [
    ['claim', outcome.claims.map((c) => c.id)],
    ['benchmark', (outcome.benchmarks ?? []).map((b) => b.id)],
  ] as const) {
    const twice = ids.find((id, k) => ids.indexOf(id) !== k);
    if (twice !== undefined) throw new Error(`${app}: ${what} id '${twice}' is stated twice (ids must be unique)`);
  }
}

/**
 * Reads `--seed`: a decimal integer in [0, 2^32 − 1].
 *
 * @throws Error quoting the text given when it is not one.
 */
export function parseSeed(text: string, app: string): Seed {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(value) && value <= MAX_SEED)) {
    throw new Error(`${app}: argument '--seed' must be an integer in [0, ${MAX_SEED}], got '${text}'`);
  }
  return value;
}

/**
 * Runs an app from command-line arguments: resolves the config (file, then `--set` overrides, then the app's
 * schema), sets up the backend (`--backend`, else `PROJ_BACKEND`, else `auto`), creates the results folder
 * `<out>/<time>-<app>-s<seed>/` (or reopens the one given to `--resume`), runs with progress on stderr and
 * SIGINT/SIGTERM handled (the run stops at its next unit and is marked interrupted), prints the results table and
 * the claims on stdout, and writes `results.json`. Returns the exit status: 0, 1 under `--strict` when a claim
 * does not hold, 130 or 143 when interrupted.
 */
export async function runApp<C>(app: AppDefinition<C>, argv: readonly string[]): Promise<number> {
  const { name, title } = app.manifest;
  const { values } = parseArgs({ args: [...argv], options: RUN_OPTION_SPEC, strict: true });
  if (values.help) {
    console.log(
      `${name}: ${title}\n\nusage: pnpm repro ${name} [options]\nconfigs: ${listConfigs(app.configDir).join(', ')}\n${RUN_OPTIONS}`,
    );
    return 0;
  }
  const backendRequest = resolveBackendRequest(values.backend, { fn: name, source: '--backend' });
  if (!PROGRESS_MODES.includes(values.progress)) {
    throw new Error(
      `${name}: argument '--progress' must be one of ${PROGRESS_MODES.join(', ')}, got '${values.progress}'`,
    );
  }
  let prepared: { configName: string; config: C; seed: Seed; resume?: string };
  if (values.resume !== undefined) {
    const clashing = (['config', 'set', 'seed', 'out'] as const).filter((key) => values[key] !== undefined);
    if (clashing.length > 0) {
      throw new Error(
        `${name}: --resume continues a run with the config, seed and folder it was started with; leave out ${clashing.map((key) => `--${key}`).join(', ')}`,
      );
    }
    const resumable = readResumable(app, values.resume);
    prepared = { ...resumable, resume: resumable.dir };
  } else {
    const loaded = loadConfig(app.configDir, values.config ?? 'default');
    prepared = {
      configName: loaded.name,
      config: validateConfig(app, applyOverrides(loaded.config, values.set ?? [])),
      seed: parseSeed(values.seed ?? '0', name),
    };
  }
  if (values['dry-run']) {
    console.log(JSON.stringify(prepared.config, null, 2));
    return 0;
  }
  const started =
    prepared.resume === undefined
      ? {
          ...(await startRun(app, {
            configName: prepared.configName,
            config: prepared.config,
            seed: prepared.seed,
            backend: backendRequest,
            root: values.out ?? 'results',
          })),
          configName: prepared.configName,
          seed: prepared.seed,
        }
      : await resumeRun(app, prepared.resume, backendRequest);
  const { run, backend, seed, configName } = started;
  const reporter = createReporter({ mode: values.progress as ReporterMode });
  const units = (n: number) => `${n} completed unit${n === 1 ? '' : 's'}`;
  const resumed = prepared.resume === undefined ? '' : `, resuming after ${units(run.units.size)}`;
  console.log(
    `${name}: ${title}\nconfig ${configName}, seed ${seed}, backend ${describeBackend(backend)}${resumed}, results in ${run.dir}\n`,
  );
  const execution = await executeRun(app, prepared.config, started, {
    reporter,
    handleSignals: true,
  });
  if (execution.state === 'interrupted') {
    const how =
      app.notResumable === undefined
        ? `; continue with: pnpm repro ${name} --resume ${run.dir}`
        : ` (${name} cannot be resumed: ${app.notResumable})`;
    console.error(
      `\n${name}: interrupted (${execution.reason}) after ${units(run.units.size)}; results so far in ${run.dir}${how}`,
    );
    return INTERRUPTED_STATUS[execution.reason] ?? 130;
  }
  const { outcome } = execution;
  console.log(formatTable(outcome.table));
  if (outcome.claims.length > 0) console.log('');
  for (const c of outcome.claims) console.log(formatClaim(c));
  console.log(`\nresults: ${run.dir}`);
  return values.strict && outcome.claims.some((c) => !c.holds) ? 1 : 0;
}
