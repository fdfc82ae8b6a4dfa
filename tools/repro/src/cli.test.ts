import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { RUN_OPTION_SPEC } from './app.js';
import { cli, formatError } from './cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'repro-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** An apps folder with one app whose main throws a config error, as a bad `--set` does. */
const apps = join(scratch, 'apps');
mkdirSync(join(apps, 'broken'), { recursive: true });
writeFileSync(
  join(apps, 'broken', 'package.json'),
  JSON.stringify({ repro: { name: 'broken', title: 'B', paper: 'P', entry: './main.mjs' } }),
);
writeFileSync(
  join(apps, 'broken', 'main.mjs'),
  `export async function main(argv) { throw new Error("broken config: 'rank' must be a positive integer, got 0", { cause: new Error('the cause') }); }\n`,
);

/** Runs cli() and returns its status and what it printed on stdout and stderr. */
async function run(argv: readonly string[]) {
  const out = vi.spyOn(console, 'log').mockImplementation(() => {});
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  out.mockClear();
  err.mockClear();
  const status = await cli(argv, apps);
  const text = (spy: typeof out) => spy.mock.calls.map((call) => String(call[0])).join('\n');
  return { status, stdout: text(out), stderr: text(err) };
}

describe('pnpm repro', () => {
  it('prints the message of an error, without its stack trace; --verbose prints the stack', async () => {
    const plain = await run(['broken', '--set', 'rank=0']);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toBe(
      "broken config: 'rank' must be a positive integer, got 0\ncaused by: the cause\n(--verbose prints the stack trace)",
    );
    const verbose = await run(['broken', '--verbose']);
    expect(verbose.status).toBe(1);
    // error.stack of the error and its cause (vitest keeps no frames of this module: the real entry's test below
    // checks the frames).
    expect(verbose.stderr).toMatch(/^Error: broken config: 'rank' must be .*\n(.|\n)*caused by: Error: the cause/);
    expect(verbose.stderr).not.toContain('--verbose prints');
  });

  it('lists the apps and every option at the top level', async () => {
    const { status, stdout } = await run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('| broken | B ');
    for (const option of Object.keys(RUN_OPTION_SPEC)) expect(stdout).toContain(`--${option} `);
  });

  it('names an unknown app and the available ones', async () => {
    const { status, stderr } = await run(['nope']);
    expect(status).toBe(2);
    expect(stderr).toBe("pnpm repro: unknown app 'nope'; available: broken");
  });

  it('formats errors: the message and causes, or the stack traces under verbose', () => {
    expect(formatError('plain', false)).toBe('plain\n(--verbose prints the stack trace)');
    const error = new Error('m', { cause: 'why' });
    error.stack = 'Error: m\n    at f (x.ts:1:1)';
    expect(formatError(error, false)).toBe('m\ncaused by: why\n(--verbose prints the stack trace)');
    expect(formatError(error, true)).toBe('Error: m\n    at f (x.ts:1:1)\ncaused by: why');
  });

  it('pnpm repro <app> with a bad config: the message only, the stack with --verbose (the real entry)', async () => {
    const root = join(import.meta.dirname, '../../..');
    const repro = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['--conditions=@proj/source', '--import', 'tsx', 'tools/repro/src/main.ts', 'tt-riemannian', ...args],
        { cwd: root, encoding: 'utf8' },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
    const [plain, verbose] = await Promise.all([
      repro('--set', 'rank=0'),
      repro('--set', 'rank=0', '--verbose', '--dry-run'),
    ]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe(
      "tt-riemannian config: 'rank' must be a positive integer, got 0\n(--verbose prints the stack trace)\n",
    );
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/^Error: tt-riemannian config: 'rank' must be a positive integer, got 0\n\s+at /);
  }, 60_000);
});
