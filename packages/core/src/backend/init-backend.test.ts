import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { expectClose } from '../testing/expect-close.js';
import { DEFAULT_LOADERS } from './backend-loaders.js';
import { resolveBackendRequest } from './backend-name.js';
import { type BackendInfo, describeBackend, initBackend, initBackendWith } from './init-backend.js';
import { importOptional, isModuleNotFound } from './optional-import.js';

const savedEnv = process.env.PROJ_BACKEND;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.PROJ_BACKEND;
  else process.env.PROJ_BACKEND = savedEnv;
});

describe('initBackend', () => {
  it('sets up cpu with gradients registered', async () => {
    const info = await initBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info).toMatchObject({
      backend: 'cpu',
      requested: 'cpu',
      simd: false,
      threads: 1,
      tfjsVersion: tf.version_core,
    });
    const gradient = tf.grad((x: tf.Tensor) => tf.div(tf.square(x), 2))(tf.scalar(3));
    expectClose(gradient, 3);
  });

  it('sets up wasm with SIMD, one thread, the completed kernels, and lists what is still missing', async () => {
    const info = await initBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info).toMatchObject({
      backend: 'wasm',
      packageName: '@tensorflow/tfjs-backend-wasm',
      simd: true,
      threads: 1,
    });
    expect(info.completedKernels).toContain('Conv2DBackpropFilter');
    expect(info.missingKernels).toContain('Einsum');
    expect(info.missingKernels).not.toContain('Conv2DBackpropFilter');
    expect(info.missingKernels).not.toContain('UnsortedSegmentSum');
    expect(describeBackend(info)).toBe('wasm (tfjs 4.22.0, SIMD, 1 thread)');
  });

  it('auto picks wasm when tfjs-node is not installed, saying why tensorflow was skipped', async () => {
    const info = await initBackend('auto');
    expect(info.backend).toBe('wasm');
    expect(info.requested).toBe('auto');
    expect(info.skipped).toEqual([
      "backend 'tensorflow' is not installed: install @tensorflow/tfjs-node-gpu (CUDA) or @tensorflow/tfjs-node (CPU)",
    ]);
  });

  it('reads PROJ_BACKEND when no name is given, and an explicit name wins over it', async () => {
    process.env.PROJ_BACKEND = 'cpu';
    expect((await initBackend()).backend).toBe('cpu');
    expect((await initBackend('wasm')).backend).toBe('wasm');
  });

  it('rejects an unknown name, listing the valid ones and the source', async () => {
    await expect(initBackend('gpu' as never)).rejects.toThrow(
      "initBackend: unknown backend 'gpu'; valid names: auto, tensorflow, webgpu, wasm, cpu",
    );
    process.env.PROJ_BACKEND = 'webgl';
    await expect(initBackend()).rejects.toThrow("unknown backend 'webgl' (from PROJ_BACKEND); valid names:");
  });

  it('names the packages to install for a backend that is not installed', async () => {
    await expect(initBackend('tensorflow')).rejects.toThrow(
      "initBackend: backend 'tensorflow' is not installed: install @tensorflow/tfjs-node-gpu (CUDA) or @tensorflow/tfjs-node (CPU)",
    );
    // webgpu is a devDependency here (the PROJ_BACKEND=webgpu run), so its absence is simulated.
    const withoutWebgpu = { ...DEFAULT_LOADERS, webgpu: async () => undefined };
    await expect(initBackendWith('webgpu', withoutWebgpu)).rejects.toThrow(
      "initBackend: backend 'webgpu' is not installed: install @tensorflow/tfjs-backend-webgpu, and in Node also webgpu",
    );
  });
});

describe('initBackend called concurrently (issue 10)', () => {
  /** Records the order in which calls settle. */
  const recorder = () => {
    const settled: string[] = [];
    const track = (call: Promise<BackendInfo>) =>
      call.then((info) => {
        settled.push(info.backend);
        return info;
      });
    return { settled, track };
  };

  it('shares one initialisation between calls for the same backend and runs the others after it', async () => {
    // Before: the first call rejected "failed to initialise" with cause undefined (tfjs cancels an
    // initialisation that another overtakes), and a later call could report wasm while cpu was active.
    const { settled, track } = recorder();
    const [first, second, third] = await Promise.all([
      track(initBackend('wasm')),
      track(initBackend('wasm')),
      track(initBackend('cpu')),
    ]);
    expect(second).toBe(first);
    expect([first.backend, second.backend, third.backend]).toEqual(['wasm', 'wasm', 'cpu']);
    expect(settled).toEqual(['wasm', 'wasm', 'cpu']);
    expect(tf.getBackend()).toBe(settled.at(-1));
  });

  it('settles in call order, so the backend active afterwards is the one the last call reports', async () => {
    const { settled, track } = recorder();
    const infos = await Promise.all(
      ['cpu', 'wasm', 'cpu', 'cpu', 'wasm'].map((name) => track(initBackend(name as never))),
    );
    expect(infos.map((info) => info.backend)).toEqual(['cpu', 'wasm', 'cpu', 'cpu', 'wasm']);
    expect(infos[3]).toBe(infos[2]);
    expect(settled).toEqual(['cpu', 'wasm', 'cpu', 'cpu', 'wasm']);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('a failing call rejects with its own cause and does not block the calls after it', async () => {
    const calls = [initBackend('tensorflow'), initBackend('cpu')];
    await expect(calls[0]).rejects.toThrow("initBackend: backend 'tensorflow' is not installed");
    expect((await calls[1])!.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('the tfjs-backend-cpu notice (issue 10)', () => {
  const packageDir = fileURLToPath(new URL('../..', import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--conditions=@proj/source', '--import', 'tsx', 'test/scripts/cpu-notice.ts', ...args],
      {
        cwd: packageDir,
        encoding: 'utf8',
        // pnpm puts its hoisted store on NODE_PATH when it runs scripts; a consumer's process has no such path.
        env: { ...process.env, NODE_PATH: '' },
      },
    );
  const NOTICE = 'Hi, looks like you are running TensorFlow.js in Node.js';

  it('is printed when tfjs picks the cpu backend itself (so this check can fail)', () => {
    const raw = run('raw');
    expect(raw.status).toBe(0);
    expect(raw.stderr + raw.stdout).toContain(NOTICE);
  });

  it('does not reach users who choose the backend with initBackend, on cpu or after wasm', () => {
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').pop()).toBe(JSON.stringify({ backend: 'cpu' }));
    expect(result.stderr + result.stdout).not.toContain(NOTICE);
  });
});

describe('describeBackend', () => {
  it('rejects what initBackend does not return, naming the argument', () => {
    const info = { backend: 'cpu', tfjsVersion: '4.22.0', simd: false, threads: 1 } as BackendInfo;
    expect(describeBackend(info)).toBe('cpu (tfjs 4.22.0, no SIMD, 1 thread)');
    for (const bad of ['wasm', undefined, {}, { ...info, simd: 'yes' }, { ...info, threads: -1 }]) {
      expect(() => describeBackend(bad as never)).toThrow(
        "describeBackend: argument 'info' must be what initBackend returns (backend, tfjsVersion, simd, threads)",
      );
    }
  });
});

describe('resolveBackendRequest (the one backend knob)', () => {
  it('takes an explicit name, else PROJ_BACKEND (blank counts as unset), else auto', () => {
    expect(resolveBackendRequest(undefined, { env: {} })).toBe('auto');
    expect(resolveBackendRequest(undefined, { env: { PROJ_BACKEND: ' wasm ' } })).toBe('wasm');
    expect(resolveBackendRequest(undefined, { env: { PROJ_BACKEND: '  ' } })).toBe('auto');
    expect(resolveBackendRequest('cpu', { env: { PROJ_BACKEND: 'wasm' } })).toBe('cpu');
  });

  it('names the function, the rejected name and where it came from', () => {
    expect(() => resolveBackendRequest(undefined, { env: { PROJ_BACKEND: 'gpu' }, fn: 'toy' })).toThrow(
      "toy: unknown backend 'gpu' (from PROJ_BACKEND); valid names: auto, tensorflow, webgpu, wasm, cpu",
    );
    expect(() => resolveBackendRequest('gpu', { source: '--backend', fn: 'repro' })).toThrow(
      "repro: unknown backend 'gpu' (from --backend); valid names:",
    );
  });

  it('checks the types of its arguments and rejects unknown options', () => {
    expect(() => resolveBackendRequest(3 as never, { env: {} })).toThrow(
      'initBackend: the backend name must be a string, got 3; valid names: auto, tensorflow, webgpu, wasm, cpu',
    );
    expect(() => resolveBackendRequest(undefined, { env: { PROJ_BACKEND: 1 as never } })).toThrow(
      'initBackend: PROJ_BACKEND must be a string, got 1',
    );
    expect(() => resolveBackendRequest('cpu', { environment: {} } as never)).toThrow(
      "resolveBackendRequest: unknown option 'environment'; valid options: fn, source, env",
    );
    expect(() => resolveBackendRequest('cpu', { fn: '' })).toThrow(
      "resolveBackendRequest: option 'fn' must be a non-empty string, got the string ''",
    );
    expect(() => resolveBackendRequest('cpu', { env: 'PROJ_BACKEND=cpu' as never })).toThrow(
      "resolveBackendRequest: option 'env' must be an object",
    );
  });
});

describe('initBackendWith (selection logic)', () => {
  const notInstalled = async () => undefined;

  it('auto falls back to cpu when wasm is not installed either', async () => {
    const info = await initBackendWith('auto', { ...DEFAULT_LOADERS, tensorflow: notInstalled, wasm: notInstalled });
    expect(info.backend).toBe('cpu');
    expect(info.skipped).toHaveLength(2);
    expect(info.skipped[1]).toMatch(/backend 'wasm' is not installed: install @tensorflow\/tfjs-backend-wasm/);
  });

  it('auto skips a backend whose package is installed but broken; an explicit request throws with the cause', async () => {
    const broken = async () => {
      throw new Error('libtensorflow.so: cannot open shared object file');
    };
    const loaders = { ...DEFAULT_LOADERS, tensorflow: broken };
    const info = await initBackendWith('auto', loaders);
    expect(info.backend).toBe('wasm');
    expect(info.skipped[0]).toBe(
      "backend 'tensorflow' failed to load: libtensorflow.so: cannot open shared object file",
    );
    const error = await initBackendWith('tensorflow', loaders).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^initBackend: backend 'tensorflow' failed to load/);
    expect(((error as Error).cause as Error).message).toMatch(/libtensorflow/);
  });

  it('reports a backend whose module loads but which tfjs cannot initialise', async () => {
    // No tfjs backend named 'tensorflow' is registered here (webgpu may be, in the PROJ_BACKEND=webgpu run).
    const hollow = async () => ({
      packageName: 'fake-tfjs-node',
      describe: async () => ({ simd: null, threads: null }),
    });
    await expect(initBackendWith('tensorflow', { ...DEFAULT_LOADERS, tensorflow: hollow })).rejects.toThrow(
      /initBackend: backend 'tensorflow' failed to initialise/,
    );
  });

  it('throws listing every reason when nothing can be initialised', async () => {
    const none = { tensorflow: notInstalled, webgpu: notInstalled, wasm: notInstalled, cpu: notInstalled };
    await expect(initBackendWith('auto', none)).rejects.toThrow(
      /no backend could be initialised:\n {2}backend 'tensorflow' is not installed.*\n {2}backend 'wasm'.*\n {2}backend 'cpu'/,
    );
  });
});

describe('importOptional', () => {
  it('returns undefined for a package that is not installed', async () => {
    expect(await importOptional('@proj/this-package-does-not-exist')).toBeUndefined();
  });

  it('returns the module of an installed package', async () => {
    const module = await importOptional<{ version_core: string }>('@tensorflow/tfjs-core');
    expect(module?.version_core).toBe('4.22.0');
  });

  it('tells "not installed" from other failures', () => {
    const missing = Object.assign(new Error("Cannot find package 'webgpu' imported from x"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(isModuleNotFound(missing, 'webgpu')).toBe(true);
    expect(isModuleNotFound(missing, '@tensorflow/tfjs-node')).toBe(false);
    expect(isModuleNotFound(new Error('Segmentation fault in webgpu'), 'webgpu')).toBe(false);
  });
});
