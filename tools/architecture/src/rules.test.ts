import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  backendReads,
  layerImports,
  moduleSideEffects,
  outsideReferences,
  repoFiles,
  type SourceFile,
  type Violation,
} from './rules.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const files = repoFiles(root);
const report = (violations: readonly Violation[]) => violations.map((v) => `${v.path}:${v.line} ${v.message}`);

const manifest = (folder: string, dependencies: Record<string, string>): SourceFile => ({
  path: `packages/${folder}/package.json`,
  text: JSON.stringify({ name: `@proj/${folder}`, dependencies }),
});

describe('the layer rules hold in the repo', () => {
  it('scans the packages', () => {
    expect(files.filter((f) => /^packages\/[^/]+\/src\/.*\.ts$/.test(f.path)).length).toBeGreaterThan(200);
  });

  it('only the engine layer of @proj/core reads the backend', () => {
    expect(report(backendReads(files))).toEqual([]);
  });

  it('published packages import only layers below them', () => {
    expect(report(layerImports(files))).toEqual([]);
  });

  it('published code has no module-level side effects', () => {
    expect(report(moduleSideEffects(files))).toEqual([]);
  });

  it('nothing refers to files outside the repo', () => {
    expect(report(outsideReferences(files))).toEqual([]);
  });
});

describe('each rule finds a planted violation', () => {
  it('backendReads: getBackend or a backend literal in a math package, not in the engine', () => {
    const planted: SourceFile[] = [
      { path: 'packages/tt/src/ops/fast.ts', text: "const fast = tf.getBackend() === 'wasm';" },
      {
        path: 'packages/tt/src/ops/fast.test.ts',
        text: "describeBackends('x', f, { backends: ['wasm'] }); tf.getBackend();",
      },
      { path: 'packages/core/src/ops/profile.ts', text: "if (tf.getBackend() === 'wasm') {}" },
    ];
    expect(report(backendReads(planted))).toEqual([
      'packages/tt/src/ops/fast.ts:1 reads the backend (getBackend): move the fast path into core/src/ops',
      "packages/tt/src/ops/fast.ts:1 names the backend 'wasm' outside the engine layer",
    ]);
  });

  it('layerImports: tools, tfjs-layers, backends, undeclared packages and vitest outside @proj/core/vitest', () => {
    const planted: SourceFile[] = [
      manifest('tt', { '@proj/core': 'workspace:^' }),
      {
        path: 'packages/tt/src/a.ts',
        text: [
          "import { x } from '@proj/core/ops';",
          "import type { R } from '@proj/run';",
          "import '@tensorflow/tfjs-layers';",
          "import { y } from '@proj/riemannian';",
          "import { it } from 'vitest';",
          "export { z } from './z.js';",
        ].join('\n'),
      },
    ];
    expect(report(layerImports(planted))).toEqual([
      "packages/tt/src/a.ts:2 imports '@proj/run' (not a layer below)",
      "packages/tt/src/a.ts:3 imports '@tensorflow/tfjs-layers' (not a layer below)",
      "packages/tt/src/a.ts:4 imports '@proj/riemannian' (not a layer below)",
      "packages/tt/src/a.ts:5 imports 'vitest' (not a layer below)",
    ]);
  });

  it('layerImports: tfjs-layers only in src/layers of a package that declares it an optional peer', () => {
    const optionalPeer = {
      path: 'packages/tt/package.json',
      text: JSON.stringify({
        name: '@proj/tt',
        dependencies: {},
        peerDependenciesMeta: { '@tensorflow/tfjs-layers': { optional: true } },
      }),
    };
    const layers = "import * as tfl from '@tensorflow/tfjs-layers';";
    const planted: SourceFile[] = [
      optionalPeer,
      { path: 'packages/tt/src/layers/tt-dense.ts', text: layers },
      { path: 'packages/tt/src/ops/dense.ts', text: layers },
      manifest('riemannian', {}),
      { path: 'packages/riemannian/src/layers/x.ts', text: layers },
    ];
    expect(report(layerImports(planted))).toEqual([
      "packages/tt/src/ops/dense.ts:1 imports '@tensorflow/tfjs-layers' (not a layer below)",
      "packages/riemannian/src/layers/x.ts:1 imports '@tensorflow/tfjs-layers' (not a layer below)",
    ]);
  });

  it('moduleSideEffects: top-level calls and loops, not declarations', () => {
    const planted: SourceFile[] = [
      {
        path: 'packages/core/src/kl.ts',
        text: [
          "import { a } from './a.js';",
          'const table = new Map([[1, 2]]);',
          'export function register() {}',
          'register();',
          'for (const x of [1]) register();',
        ].join('\n'),
      },
    ];
    expect(report(moduleSideEffects(planted))).toEqual([
      'packages/core/src/kl.ts:4 runs at import time: register();',
      'packages/core/src/kl.ts:5 runs at import time: for (const x of [1]) register();',
    ]);
  });

  it('outsideReferences: a path into the folder beside the repo', () => {
    const planted: SourceFile[] = [
      { path: 'apps/x/README.md', text: ['see', `${'..'}/shared/research/notes.md`].join('\n') },
    ];
    expect(report(outsideReferences(planted))).toEqual(['apps/x/README.md:2 refers to a file outside the repo']);
  });
});
