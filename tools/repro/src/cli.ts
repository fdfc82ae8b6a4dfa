import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable } from '@proj/run';
import { RUN_OPTIONS } from './app.js';
import { discoverApps } from './discover-apps.js';
import { reportCli } from './report/report-cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const APPS_DIR = join(ROOT, 'apps');

/**
 * `pnpm repro [<app> [options]]`: lists the apps (no app, `--help`, `list`), runs one through its module's
 * `main(argv)`, or `pnpm repro report [options]` runs them all and writes the reproduction report. Never throws: an error is printed on stderr, as its message, with its stack trace and causes
 * under `--verbose`, and gives exit status 1. Returns the exit status.
 */
export async function cli(argv: readonly string[], appsDir = APPS_DIR): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const [name, ...rest] = argv;
    if (name === 'report') return await reportCli(rest, { root: ROOT });
    const apps = discoverApps(appsDir);
    if (name === undefined || name === '--help' || name === '-h' || name === 'list') {
      console.log(
        "usage: pnpm repro <app> [options]   (pnpm repro <app> --help also lists the app's configs)\n" +
          '       pnpm repro report [options]  (every app over seeds 0, 1, 2, then results/report/REPORT.md; --help)\n',
      );
      console.log('Reproduction apps:\n');
      console.log(
        formatTable(
          apps.map((app) => ({
            app: app.name,
            reproduces: app.title,
            source: app.paper,
            command: `pnpm repro ${app.name}`,
          })),
        ),
      );
      console.log(`\n${RUN_OPTIONS}`);
      return 0;
    }
    const app = apps.find((candidate) => candidate.name === name);
    if (app === undefined) {
      console.error(`pnpm repro: unknown app '${name}'; available: ${apps.map((a) => a.name).join(', ')}`);
      return 2;
    }
    const module = (await import(pathToFileURL(join(app.dir, app.entry)).href)) as {
      main?: (argv: readonly string[]) => Promise<number>;
    };
    if (typeof module.main !== 'function') throw new Error(`${app.entry} of ${app.name} must export main(argv)`);
    return await module.main(rest);
  } catch (error) {
    console.error(formatError(error, verbose));
    return 1;
  }
}

/**
 * An error as the command line prints it: its message (and the messages of its causes), or under `verbose` its
 * stack trace and those of its causes.
 */
export function formatError(error: unknown, verbose: boolean): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const text =
      current instanceof Error ? (verbose ? (current.stack ?? current.message) : current.message) : String(current);
    lines.push(depth === 0 ? text : `caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  if (!verbose) lines.push('(--verbose prints the stack trace)');
  return lines.join('\n');
}
