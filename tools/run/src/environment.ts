import { execFileSync } from 'node:child_process';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import type { BackendInfo } from '@proj/core';

/** Where a run happened: enough to reproduce it or explain a timing. Written as `env.json`. */
export interface Environment {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  readonly cpu: string;
  readonly cpuCount: number;
  readonly memoryGiB: number;
  readonly backend: BackendInfo | null;
  readonly git: { readonly commit: string; readonly dirty: boolean } | null;
  readonly argv: readonly string[];
}

/** Collects the {@link Environment} of this process. The git fields are `null` outside a repository. */
export function collectEnvironment(backend: BackendInfo | null = null, cwd = process.cwd()): Environment {
  const processors = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    osRelease: release(),
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cpuCount: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    backend,
    git: gitState(cwd),
    argv: process.argv.slice(2),
  };
}

function gitState(cwd: string): Environment['git'] {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit: git('rev-parse', 'HEAD').trim(), dirty: git('status', '--porcelain').trim() !== '' };
  } catch {
    return null;
  }
}
