import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `repro` field of an app's package.json: how `pnpm repro` lists and starts it. */
export interface AppEntry {
  /** Name given to `pnpm repro <name>`. */
  readonly name: string;
  /** One line on what it reproduces. */
  readonly title: string;
  /** The paper or note it reproduces. */
  readonly paper: string;
  /** Module exporting `main(argv): Promise<number>`, relative to the app folder. */
  readonly entry: string;
  /** Absolute path of the app folder. */
  readonly dir: string;
}

/** Reads the apps under `appsDir` that declare a `repro` field, sorted by name. */
export function discoverApps(appsDir: string): AppEntry[] {
  if (!existsSync(appsDir)) return [];
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(appsDir, entry.name, 'package.json')))
    .flatMap((entry) => {
      const dir = join(appsDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { repro?: Omit<AppEntry, 'dir'> };
      const repro = manifest.repro;
      if (repro === undefined) return [];
      for (const field of ['name', 'title', 'paper', 'entry'] as const) {
        if (typeof repro[field] !== 'string') {
          throw new Error(`${join(dir, 'package.json')}: field repro.${field} must be a string`);
        }
      }
      return [{ ...repro, dir }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
