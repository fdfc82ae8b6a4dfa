import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleTfjsGradients, GENERATED_PATH } from '../../scripts/bundle-tfjs-gradients.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

describe('registerAllGradients', () => {
  it('registers every gradient of tfjs-core in a process with neither tfjs-layers nor a bundler', () => {
    const output = execFileSync(
      process.execPath,
      ['--conditions=@proj/source', '--import', 'tsx', 'test/scripts/gradients-without-layers.ts'],
      // pnpm puts its hoisted store on NODE_PATH when it runs scripts; a consumer's process has no such path.
      {
        cwd: packageDir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, NODE_PATH: '' },
      },
    );
    const result = JSON.parse(output.trim().split('\n').pop()!) as Record<string, unknown>;
    // d(x²/2)/dx at 3 is 3; d Σ conv(ones, f)/d f at each tap counts the input pixels it touches with 'same'
    // padding on 4×4: corners 9, edges 12, centre 16.
    expect(result).toEqual({
      layersResolvable: false,
      before: false,
      added: expect.any(Number),
      again: 0,
      dx: 3,
      dFilter: [9, 12, 9, 12, 16, 12, 9, 12, 9],
    });
    expect(result.added as number).toBeGreaterThan(100);
  });

  it('loads a bundle that matches a fresh one from the installed tfjs-core (re-run the script after upgrading)', async () => {
    const committed = readFileSync(new URL(`../../${GENERATED_PATH}`, import.meta.url), 'utf8');
    expect(committed === (await bundleTfjsGradients())).toBe(true);
  });
});
