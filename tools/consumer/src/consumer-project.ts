import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The monorepo root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A user's process: no pnpm store on NODE_PATH, no source condition, no test runner flags. */
function consumerEnv(): NodeJS.ProcessEnv {
  const { NODE_PATH: _path, NODE_OPTIONS: _options, VITEST: _vitest, ...env } = process.env;
  return env;
}

/** Runs a command, throwing with its output when it fails. */
function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, [...args], { cwd, encoding: 'utf8', env: consumerEnv(), stdio: 'pipe' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}

/**
 * The pnpm of the repo's `packageManager` field: `pnpm` when it is on PATH, else through npx (CI runs
 * `npx -y pnpm@… test`, which does not put pnpm on the PATH of the scripts it runs).
 */
function pnpm(): [string, string[]] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string };
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return onPath.status === 0 && onPath.stdout.trim() === manifest.packageManager.split('@')[1]
    ? ['pnpm', []]
    : ['npx', ['-y', manifest.packageManager]];
}

/**
 * Builds the workspace packages (turbo, cached) and packs each with `pnpm pack` (which turns `workspace:`
 * ranges into versions, as publishing does). Returns the tarball paths, in the order of `dirs`.
 */
export function packPackages(dirs: readonly string[], destination: string): string[] {
  mkdirSync(destination, { recursive: true });
  const filters = dirs.map((dir) => `--filter=./${dir}`);
  run(join(ROOT, 'node_modules/.bin/turbo'), ['run', 'build', ...filters, '--output-logs=errors-only'], ROOT);
  const [command, prefix] = pnpm();
  return dirs.map((dir) => {
    const before = new Set(readdirSync(destination));
    run(command, [...prefix, 'pack', '--pack-destination', destination], join(ROOT, dir));
    const created = readdirSync(destination).filter((file) => file.endsWith('.tgz') && !before.has(file));
    if (created.length !== 1)
      throw new Error(`packPackages: expected one tarball from ${dir}, got ${created.join(', ')}`);
    return join(destination, created[0]!);
  });
}

/**
 * Creates an ESM project (`"type": "module"`) in `dir` and installs the tarballs plus `dependencies` (names
 * with versions, from the npm registry) with npm, as a user would.
 */
export function installConsumer(dir: string, tarballs: readonly string[], dependencies: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'proj-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, ...dependencies], dir);
}

/** The outcome of running a script in the consumer project. */
export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <file>` in the consumer project. */
export function runNode(dir: string, file: string): ScriptRun {
  const result = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', env: consumerEnv() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** TypeScript source as an ES module (types erased, top-level await kept). */
export function toEsm(source: string): string {
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

/**
 * TypeScript source as a CommonJS script: its imports become `require` calls and the rest of its top level
 * runs in an async function (CommonJS has no top-level await); a rejection exits with status 1.
 */
export function toCommonJs(source: string): string {
  const file = ts.createSourceFile('quickstart.ts', source, ts.ScriptTarget.ES2022, true);
  const imports = file.statements.filter(ts.isImportDeclaration).map((s) => s.getFullText());
  const body = file.statements.filter((s) => !ts.isImportDeclaration(s)).map((s) => s.getFullText());
  const wrapped = [
    ...imports,
    '\n(async () => {',
    ...body,
    '\n})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n',
  ].join('');
  return ts.transpileModule(wrapped, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

/**
 * Type-checks `files` of the consumer project with `tsc -p` (the repo's TypeScript) under one module
 * resolution, through a tsconfig written into the project as a user would; returns tsc's output (empty when
 * it passes).
 */
export function typecheck(dir: string, files: readonly string[], resolution: 'node16' | 'bundler'): string {
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      lib: ['es2023', 'dom'],
      ...(resolution === 'node16'
        ? { module: 'node16', moduleResolution: 'node16' }
        : { module: 'esnext', moduleResolution: 'bundler' }),
    },
    files,
  };
  const path = join(dir, `tsconfig.${resolution}.json`);
  writeFileSync(path, JSON.stringify(config, null, 2));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path], { cwd: dir, encoding: 'utf8', env: consumerEnv() });
  return `${result.stdout}${result.stderr}`.trim();
}

/** The version of a package installed in the monorepo (to install the same one in the consumer). */
export function installedVersion(name: string, from = join(ROOT, 'packages/core')): string {
  const require = createRequire(join(from, 'package.json'));
  return (require(`${name}/package.json`) as { version: string }).version;
}
