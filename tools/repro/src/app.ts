import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  assertSeed,
  BACKEND_ENV_VAR,
  BACKEND_REQUESTS,
  type BackendInfo,
  type BackendRequest,
  describeBackend,
  initBackend,
  resolveBackendRequest,
  type Seed,
} from '@proj/core';
import {
  createReporter,
  createRunWriter,
  formatTable,
  type Reporter,
  type ReporterMode,
  type Row,
  type RunWriter,
} from '@proj/run';
import { applyOverrides, listConfigs, loadConfig } from './config.js';
import { type AppManifest, readAppManifest } from './discover-apps.js';
import { type ConfigSchema, parseConfig } from './schema.js';

/** What an app receives to run one experiment. */
export interface AppContext {
  readonly seed: Seed;
  /** The backend the run uses, set up by the runner (`--backend`, else `PROJ_BACKEND`, else `auto`). */
  readonly backend: BackendInfo;
  readonly reporter: Reporter;
  /** The run's results folder, with config.json and env.json already written. */
  readonly run: RunWriter;
}

/** A check of a claim (e.g. "wasm trains at least 15x faster than cpu"). */
export interface Check {
  readonly name: string;
  readonly pass: boolean;
  readonly detail: string;
}

/** What an app returns: the table it prints, a summary for results.json, and its checks. */
export interface AppOutcome {
  readonly table: readonly Row[];
  readonly summary: Readonly<Record<string, unknown>>;
  readonly checks: readonly Check[];
}

/** What an app writes to become a `pnpm repro` app; its name and title come from its package.json. */
export interface AppSpec<C> {
  /** The config's zod schema (strict objects): the runner validates every config with it. */
  readonly schema: ConfigSchema<C>;
  /** Folder of `<config>.json` files; default `configs/` in the app folder. `default` is used when none is given. */
  readonly configDir?: string;
  /** Runs the experiment. Must not print: progress goes to the reporter, files to the run writer. */
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

/** The options of every app, as `--help` prints them. */
export const RUN_OPTIONS = `options:
  --config <name|path>   config name from the app's configs/ (default: default) or a path to a JSON file
  --set key.path=value   override one config value, parsed as JSON when it can be (repeatable)
  --seed <int>           seed of every random draw (default 0)
  --backend <name>       ${BACKEND_REQUESTS.join(' | ')} (default: the ${BACKEND_ENV_VAR} environment variable, else auto)
  --out <dir>            parent folder of the results (default: results)
  --progress <mode>      auto | bar | lines | silent (default auto)
  --strict               exit with status 1 when a check fails
  --dry-run              print the resolved config and exit
  --help                 this text`;

const PROGRESS_MODES: readonly string[] = ['auto', 'bar', 'lines', 'silent'];

/** What {@link startRun} sets up. */
export interface StartedRun {
  readonly backend: BackendInfo;
  readonly run: RunWriter;
}

/**
 * Sets up the backend and creates the results folder, with `config.json` and `env.json` (which records the
 * backend actually set up). Shared by {@link runApp} and `runSmoke`.
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

/**
 * Runs an app from command-line arguments: resolves the config (file, then `--set` overrides, then the app's
 * schema), sets up the backend (`--backend`, else `PROJ_BACKEND`, else `auto`), creates the results folder
 * `<out>/<time>-<app>-s<seed>/`, runs with progress on stderr, prints the results table and the checks on stdout,
 * and writes `results.json`. Returns the exit status.
 */
export async function runApp<C>(app: AppDefinition<C>, argv: readonly string[]): Promise<number> {
  const { name, title } = app.manifest;
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string', default: 'default' },
      set: { type: 'string', multiple: true, default: [] },
      seed: { type: 'string', default: '0' },
      backend: { type: 'string' },
      out: { type: 'string', default: 'results' },
      progress: { type: 'string', default: 'auto' },
      strict: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      `${name}: ${title}\n\nusage: pnpm repro ${name} [options]\nconfigs: ${listConfigs(app.configDir).join(', ')}\n${RUN_OPTIONS}`,
    );
    return 0;
  }
  const seed = assertSeed(Number(values.seed), name, '--seed');
  const backendRequest = resolveBackendRequest(values.backend, { fn: name, source: '--backend' });
  if (!PROGRESS_MODES.includes(values.progress)) {
    throw new Error(
      `${name}: argument '--progress' must be one of ${PROGRESS_MODES.join(', ')}, got '${values.progress}'`,
    );
  }
  const loaded = loadConfig(app.configDir, values.config);
  const config = validateConfig(app, applyOverrides(loaded.config, values.set));
  if (values['dry-run']) {
    console.log(JSON.stringify(config, null, 2));
    return 0;
  }
  const { backend, run } = await startRun(app, {
    configName: loaded.name,
    config,
    seed,
    backend: backendRequest,
    root: values.out,
  });
  const reporter = createReporter({ mode: values.progress as ReporterMode });
  console.log(
    `${name}: ${title}\nconfig ${loaded.name}, seed ${seed}, backend ${describeBackend(backend)}, results in ${run.dir}\n`,
  );
  const outcome = await app.run(config, { seed, backend, reporter, run });
  console.log(formatTable(outcome.table));
  for (const check of outcome.checks) console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  run.writeResults({ configName: loaded.name, summary: outcome.summary, table: outcome.table, checks: outcome.checks });
  console.log(`\nresults: ${run.dir}`);
  return values.strict && outcome.checks.some((check) => !check.pass) ? 1 : 0;
}
