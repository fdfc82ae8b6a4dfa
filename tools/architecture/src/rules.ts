import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** A source file: its path relative to the repo root and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** A broken rule at a line of a file. */
export interface Violation {
  readonly path: string;
  readonly line: number;
  readonly message: string;
}

/** Tracked and new (not ignored) files of the repo at `root`, with their text. */
export function repoFiles(root: string): SourceFile[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return [...new Set(listed.split('\n').filter((path) => path !== ''))]
    .filter((path) => !/\.(png|tgz|wasm)$/.test(path))
    .flatMap((path) => {
      try {
        return [{ path, text: readFileSync(join(root, path), 'utf8') }];
      } catch {
        return []; // deleted in the working tree
      }
    });
}

/** The engine layer: the only code that may know which backend runs. */
const ENGINE = [/^packages\/core\/src\/backend\//, /^packages\/core\/src\/ops\//];
const LIBRARY_SOURCE = /^packages\/[^/]+\/src\/.*\.ts$/;
const isTest = (path: string) => /\.test\.ts$/.test(path);
const isGenerated = (path: string) => /\.generated\./.test(path);
const BACKEND_NAMES = ['tensorflow', 'webgpu', 'wasm', 'cpu'];
const BACKEND_LITERAL = new RegExp(`(['"\`])(${BACKEND_NAMES.join('|')})\\1`);

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * Math packages never read the backend: in `packages/*\/src` outside the engine layer, no `getBackend` and no
 * backend name as a string literal. Test files are free (they name the backends a suite runs on by default,
 * and check them).
 */
export function backendReads(files: readonly SourceFile[]): Violation[] {
  return files
    .filter(({ path }) => LIBRARY_SOURCE.test(path) && !isTest(path) && !ENGINE.some((engine) => engine.test(path)))
    .flatMap(({ path, text }) =>
      text.split('\n').flatMap((line, i) => {
        const found: Violation[] = [];
        if (/\bgetBackend\b/.test(line)) {
          found.push({
            path,
            line: i + 1,
            message: 'reads the backend (getBackend): move the fast path into core/src/ops',
          });
        }
        const name = BACKEND_LITERAL.exec(line);
        if (name !== null) {
          found.push({ path, line: i + 1, message: `names the backend '${name[2]}' outside the engine layer` });
        }
        return found;
      }),
    );
}

/** What a published package may import besides relative paths: tfjs-core and its `@proj/*` dependencies. */
function allowedImports(manifest: { dependencies?: Record<string, string> }): (spec: string) => boolean {
  const workspace = Object.keys(manifest.dependencies ?? {}).filter((dep) => dep.startsWith('@proj/'));
  return (spec) =>
    spec === '@tensorflow/tfjs-core' || workspace.some((dep) => spec === dep || spec.startsWith(`${dep}/`));
}

/** The optional peer that only a package's `src/layers/` subpath may import. */
const LAYERS_PEER = '@tensorflow/tfjs-layers';

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** tfjs-layers is allowed only under `packages/<name>/src/layers/` of a package that declares it an optional peer. */
function layersAllowed(path: string, manifest: Manifest): boolean {
  return (
    /^packages\/[^/]+\/src\/layers\//.test(path) && manifest.peerDependenciesMeta?.[LAYERS_PEER]?.optional === true
  );
}

/**
 * Published packages import downward only: `@tensorflow/tfjs-core`, and the `@proj/*` packages in their
 * `dependencies`; never apps, tools, tfjs-layers or a backend package (backends are optional peers that
 * core loads on request). The one exception: `src/layers/` of a package with tfjs-layers as an optional peer
 * (a subpath such as `@proj/tt/layers`) may import tfjs-layers. `vitest` only in `@proj/core/vitest`; test
 * files are free.
 */
export function layerImports(files: readonly SourceFile[]): Violation[] {
  const manifests = new Map(
    files
      .filter(({ path }) => /^packages\/[^/]+\/package\.json$/.test(path))
      .map(({ path, text }) => [path.split('/')[1]!, JSON.parse(text) as Manifest]),
  );
  return files
    .filter(({ path }) => LIBRARY_SOURCE.test(path) && !isTest(path) && !isGenerated(path))
    .flatMap(({ path, text }) => {
      const folder = path.split('/')[1]!;
      const manifest = manifests.get(folder);
      if (manifest === undefined) return [];
      const allowed = allowedImports(manifest);
      const vitestAllowed = path.startsWith('packages/core/src/vitest/');
      const found: Violation[] = [];
      for (const match of text.matchAll(/^(?:import|export)\s(?:[^;]*?from\s+)?'([^']+)'/gm)) {
        const spec = match[1]!;
        const ok =
          spec.startsWith('.') ||
          allowed(spec) ||
          (spec === 'vitest' && vitestAllowed) ||
          (spec === LAYERS_PEER && layersAllowed(path, manifest));
        if (!ok)
          found.push({ path, line: lineOf(text, match.index), message: `imports '${spec}' (not a layer below)` });
      }
      return found;
    });
}

/**
 * No module-level side effects in published code: top-level statements may declare and export, not run
 * (no calls, assignments, loops or conditionals at import time; registration is a call the user makes).
 */
export function moduleSideEffects(files: readonly SourceFile[]): Violation[] {
  const declarative = new Set([
    ts.SyntaxKind.ImportDeclaration,
    ts.SyntaxKind.ExportDeclaration,
    ts.SyntaxKind.ExportAssignment,
    ts.SyntaxKind.FunctionDeclaration,
    ts.SyntaxKind.ClassDeclaration,
    ts.SyntaxKind.InterfaceDeclaration,
    ts.SyntaxKind.TypeAliasDeclaration,
    ts.SyntaxKind.EnumDeclaration,
    ts.SyntaxKind.VariableStatement,
    ts.SyntaxKind.ModuleDeclaration,
    ts.SyntaxKind.EmptyStatement,
  ]);
  return files
    .filter(({ path }) => LIBRARY_SOURCE.test(path) && !isTest(path) && !path.endsWith('.d.ts'))
    .flatMap(({ path, text }) => {
      const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
      return source.statements
        .filter((statement) => !declarative.has(statement.kind))
        .map((statement) => ({
          path,
          line: source.getLineAndCharacterOfPosition(statement.getStart()).line + 1,
          message: `runs at import time: ${statement.getText().split('\n')[0]!.slice(0, 60)}`,
        }));
    });
}

/** The read-only folder beside the repo that users do not have (spelled in two parts so this file passes). */
const OUTSIDE = new RegExp(['\\.\\.', '\\/shared\\/'].join(''));

/** No tracked file points into the shared folder beside the repo: copy what the repo needs into it. */
export function outsideReferences(files: readonly SourceFile[]): Violation[] {
  return files.flatMap(({ path, text }) =>
    text
      .split('\n')
      .flatMap((line, i) =>
        OUTSIDE.test(line) ? [{ path, line: i + 1, message: 'refers to a file outside the repo' }] : [],
      ),
  );
}
