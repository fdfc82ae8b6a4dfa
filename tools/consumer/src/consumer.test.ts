import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractCodeBlock } from '@proj/doc-test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installConsumer,
  installedVersion,
  packPackages,
  ROOT,
  runNode,
  toCommonJs,
  toEsm,
  typecheck,
} from './consumer-project.js';

const PACKAGES = ['packages/core', 'packages/tt', 'packages/riemannian'];
const QUICKSTARTS = { core: 'packages/core/README.md', tt: 'packages/tt/README.md' } as const;

const scratch = mkdtempSync(join(tmpdir(), 'proj-consumer-'));
const project = join(scratch, 'app');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  const tarballs = packPackages(PACKAGES, join(scratch, 'tarballs'));
  // Only tfjs-core and one backend next to our packages: no tfjs-layers, no vitest.
  installConsumer(project, tarballs, [
    `@tensorflow/tfjs-core@${installedVersion('@tensorflow/tfjs-core')}`,
    `@tensorflow/tfjs-backend-wasm@${installedVersion('@tensorflow/tfjs-backend-wasm')}`,
  ]);
  for (const [name, readme] of Object.entries(QUICKSTARTS)) {
    const source = extractCodeBlock(readFileSync(join(ROOT, readme), 'utf8'), 'Quickstart');
    writeFileSync(join(project, `${name}.ts`), source);
    writeFileSync(join(project, `${name}.mjs`), toEsm(source));
    writeFileSync(join(project, `${name}.cjs`), toCommonJs(source));
  }
});

describe('a project outside the monorepo with packed tarballs, tfjs-core and the wasm backend only', () => {
  it('has neither tfjs-layers nor vitest installed (the wasm backend brings the cpu backend)', () => {
    for (const name of ['@tensorflow/tfjs-layers', 'vitest']) {
      expect(existsSync(join(project, 'node_modules', name)), name).toBe(false);
    }
  });

  it.each(Object.keys(QUICKSTARTS))(
    'runs the %s README quickstart as ESM and as CommonJS, with the same output',
    (name) => {
      const esm = runNode(project, `${name}.mjs`);
      expect(esm.stderr).not.toMatch(/Error/);
      expect(esm.status).toBe(0);
      const cjs = runNode(project, `${name}.cjs`);
      expect(cjs.stderr).not.toMatch(/Error/);
      expect(cjs.status).toBe(0);
      expect(esm.stdout.length).toBeGreaterThan(0);
      expect(cjs.stdout).toBe(esm.stdout);
    },
  );

  it.each(['node16', 'bundler'] as const)('type-checks both quickstarts with moduleResolution %s', (resolution) => {
    expect(typecheck(project, ['core.ts', 'tt.ts'], resolution)).toBe('');
  });

  it('mixes require and import of our packages: one TensorTrain class across them', () => {
    writeFileSync(
      join(project, 'mixed.cjs'),
      [
        "const { initBackend } = require('@proj/core');",
        "const { randomTensor, TensorTrain } = require('@proj/tt');",
        '(async () => {',
        "  await initBackend('wasm');",
        "  const { project } = await import('@proj/riemannian');",
        "  const { TensorTrain: Imported } = await import('@proj/tt');",
        '  const x = randomTensor([2, 3, 4], { seed: 1, ttRank: 2 });',
        '  const v = project(x, x);',
        '  console.log(Imported === TensorTrain, v.tt.ranks.join(","));',
        '})().catch((error) => {',
        '  console.error(error);',
        '  process.exitCode = 1;',
        '});',
      ].join('\n'),
    );
    const mixed = runNode(project, 'mixed.cjs');
    expect(mixed.stderr).not.toMatch(/Error/);
    // The tangent space at a rank-2 point of order 3 has ranks 2·2 inside.
    expect(mixed.stdout.trim()).toBe('true 1,4,4,1');
    expect(mixed.status).toBe(0);
  });
});
