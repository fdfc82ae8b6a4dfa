import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable } from '@proj/run';
import { RUN_OPTIONS } from './app.js';
import { discoverApps } from './discover-apps.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(argv: readonly string[]): Promise<number> {
  const apps = discoverApps(join(root, 'apps'));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'list') {
    console.log("usage: pnpm repro <app> [options]   (pnpm repro <app> --help also lists the app's configs)\n");
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
  return module.main(rest);
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
