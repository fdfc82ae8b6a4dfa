import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Folders that hold no source of a run: installs, builds, outputs and tests. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo', 'results', 'coverage', 'test', 'docs', 'bench']);

/** Files of a package that change what a run computes: everything but docs and tests. */
const isSource = (name: string) => !name.endsWith('.md') && !/\.test\.[cm]?[jt]sx?$/.test(name);

/**
 * The workspace packages by name (`@proj/core` → its folder), read from the package.json of every folder under
 * `roots` (e.g. `packages/`, `tools/`, `apps/`).
 */
export function workspacePackages(roots: readonly string[]): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      const file = join(root, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const { name } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (name !== undefined) found.set(name, join(root, entry.name));
    }
  }
  return found;
}

/**
 * `dir` and the folders of the workspace packages it depends on, transitively (dependencies of every kind whose
 * name `packages` knows), sorted.
 */
export function sourceFolders(dir: string, packages: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>();
  const visit = (folder: string) => {
    if (seen.has(folder)) return;
    seen.add(folder);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const name of Object.keys((manifest[field] ?? {}) as Record<string, string>)) {
        const target = packages.get(name);
        if (target !== undefined) visit(target);
      }
    }
  };
  visit(dir);
  return [...seen].sort();
}

/**
 * A SHA-256 over the source files of `folders` (paths relative to `base` and contents; node_modules, builds,
 * results, tests, benches, Markdown and the folders in `exclude` left out) and `extra` (the config, seeds,
 * backend): equal keys mean a run would compute the same thing again. Cost: one read of every source file.
 */
export function sourceKey(
  folders: readonly string[],
  base: string,
  extra: unknown,
  exclude: readonly string[] = [],
): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(extra));
  const walk = (folder: string) => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.') && !exclude.includes(path)) walk(path);
      } else if (entry.isFile() && isSource(entry.name)) {
        hash.update(`\0${relative(base, path)}\0`);
        hash.update(readFileSync(path));
      }
    }
  };
  for (const folder of folders) walk(folder);
  return hash.digest('hex');
}
