import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `repro` field of an app's package.json, the one place where an app's name and title are written: how
 * `pnpm repro` lists and starts it, and what the app prints.
 */
export interface AppManifest {
  /** Name given to `pnpm repro <name>`; also the results folder prefix. */
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

/** An app as `pnpm repro` lists it. */
export type AppEntry = AppManifest;

/**
 * Reads the `repro` field of `<dir>/package.json`; `undefined` when the package has none.
 *
 * @throws Error naming the field when one of name, title, paper, entry is not a string.
 */
export function readManifest(dir: string): AppManifest | undefined {
  const path = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { repro?: Record<string, unknown> };
  const repro = manifest.repro;
  if (repro === undefined) return undefined;
  for (const field of ['name', 'title', 'paper', 'entry'] as const) {
    if (typeof repro[field] !== 'string') throw new Error(`${path}: field repro.${field} must be a string`);
  }
  const { name, title, paper, entry } = repro as Record<'name' | 'title' | 'paper' | 'entry', string>;
  if (name === 'report' || name === 'list') {
    throw new Error(`${path}: repro.name '${name}' is taken by the command \`pnpm repro ${name}\``);
  }
  return { name, title, paper, entry, dir };
}

/**
 * The manifest of the app that `moduleUrl` (an app module's `import.meta.url`) belongs to: the `repro` field
 * of the nearest package.json above it.
 *
 * @throws Error when that package.json has no `repro` field.
 */
export function readAppManifest(moduleUrl: string | URL): AppManifest {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const manifest = readManifest(dir);
      if (manifest === undefined)
        throw new Error(`${join(dir, 'package.json')}: no repro field (name, title, paper, entry)`);
      return manifest;
    }
    if (dirname(dir) === dir) throw new Error(`readAppManifest: no package.json above ${start}`);
  }
}

/** Reads the apps under `appsDir` that declare a `repro` field, sorted by name. */
export function discoverApps(appsDir: string): AppManifest[] {
  if (!existsSync(appsDir)) return [];
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(appsDir, entry.name, 'package.json')))
    .flatMap((entry) => readManifest(join(appsDir, entry.name)) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name));
}
