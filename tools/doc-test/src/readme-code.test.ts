import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCodeBlock, runReadmeCode } from './readme-code.js';

const scratch = mkdtempSync(join(tmpdir(), 'doc-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const README = [
  '# pkg',
  '',
  '## Install',
  '```sh',
  'npm i pkg',
  '```',
  '',
  '## Quickstart',
  'Text.',
  '```ts',
  'export const answer = 6 * 7;',
  '```',
  '',
  '## API',
  '```ts',
  'nope',
  '```',
].join('\n');

describe('extractCodeBlock', () => {
  it('returns the first ts block of the section only', () => {
    expect(extractCodeBlock(README, 'Quickstart')).toBe('export const answer = 6 * 7;\n');
  });

  it('fails loudly when the section or block is missing', () => {
    expect(() => extractCodeBlock(README, 'Usage')).toThrow(/no heading 'Usage'/);
    expect(() => extractCodeBlock(README, 'Install')).toThrow(/no ```ts block under 'Install'/);
  });
});

describe('runReadmeCode', () => {
  it('executes the block as a module and cleans up', async () => {
    const path = join(scratch, 'README.md');
    writeFileSync(path, README);
    const module = (await runReadmeCode(path)) as { answer: number };
    expect(module.answer).toBe(42);
    expect(readdirSync(scratch)).toEqual(['README.md']);
  });

  it('propagates errors thrown by the quickstart', async () => {
    const path = join(scratch, 'README.md');
    writeFileSync(path, '## Quickstart\n```ts\nthrow new Error("stale README");\n```\n');
    await expect(runReadmeCode(path)).rejects.toThrow('stale README');
  });
});
