import { parseArgs } from 'node:util';
import { assertSeed, type Seed } from '@proj/core';
import {
  createReporter,
  createRunWriter,
  formatTable,
  type Reporter,
  type ReporterMode,
  type Row,
  type RunWriter,
} from '@proj/core/run';
import { applyOverrides, type Config, listConfigs, loadConfig } from './config.js';

/** What an app receives to run one experiment. */
export interface AppContext {
  readonly seed: Seed;
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

/** A reproduction app, run by `pnpm repro <name>`. */
export interface AppDefinition<C> {
  /** Short name, also the results folder prefix. */
  readonly name: string;
  /** One line on what it reproduces. */
  readonly title: string;
  /** Folder of `<config>.json` files; `default` is used when none is given. */
  readonly configDir: string;
  /** Checks a parsed config and returns it typed; throws naming the bad field. */
  validate(config: Config): C;
  /** Runs the experiment. Must not print: progress goes to the reporter, files to the run writer. */
  run(config: C, context: AppContext): Promise<AppOutcome>;
}

const USAGE = `options:
  --config <name|path>   config name from configs/ (default: default) or a JSON file
  --set key.path=value   override one config value (repeatable; JSON values)
  --seed <int>           seed of every random draw (default 0)
  --out <dir>            parent folder of the results (default: results)
  --progress <mode>      auto | bar | lines | silent (default auto)
  --strict               exit with status 1 when a check fails
  --dry-run              print the resolved config and exit
  --help                 this text`;

/**
 * Runs an app from command-line arguments: resolves the config (file, then `--set` overrides), creates
 * the results folder `<out>/<time>-<app>-s<seed>/`, runs with progress on stderr, prints the results table
 * and the checks on stdout, and writes `results.json`. Returns the exit status.
 */
export async function runApp<C>(app: AppDefinition<C>, argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string', default: 'default' },
      set: { type: 'string', multiple: true, default: [] },
      seed: { type: 'string', default: '0' },
      out: { type: 'string', default: 'results' },
      progress: { type: 'string', default: 'auto' },
      strict: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(`${app.name}: ${app.title}\nconfigs: ${listConfigs(app.configDir).join(', ')}\n${USAGE}`);
    return 0;
  }
  const seed = assertSeed(Number(values.seed), app.name, '--seed');
  const loaded = loadConfig(app.configDir, values.config);
  const config = app.validate(applyOverrides(loaded.config, values.set));
  if (values['dry-run']) {
    console.log(JSON.stringify(config, null, 2));
    return 0;
  }
  const run = createRunWriter({
    app: app.name,
    seed,
    config: { configName: loaded.name, ...config },
    root: values.out,
  });
  const reporter = createReporter({ mode: values.progress as ReporterMode });
  console.log(`${app.name}: ${app.title}\nconfig ${loaded.name}, seed ${seed}, results in ${run.dir}\n`);
  const outcome = await app.run(config, { seed, reporter, run });
  console.log(formatTable(outcome.table));
  for (const check of outcome.checks) console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  run.writeResults({ configName: loaded.name, summary: outcome.summary, table: outcome.table, checks: outcome.checks });
  console.log(`\nresults: ${run.dir}`);
  return values.strict && outcome.checks.some((check) => !check.pass) ? 1 : 0;
}
