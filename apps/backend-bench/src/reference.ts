import type { BackendName } from '@proj/core';

/**
 * Medians with readback, in ms, from the project measurement notes (2026) on tfjs 4.22 in Node 20 on a 2-core
 * machine; copied with their setting into `reference.md` of this app.
 */
export const REFERENCE_MS: Readonly<Record<string, Partial<Record<BackendName, string>>>> = {
  'matMul 256²': { cpu: '61.8', wasm: '2.05' },
  'matMul 1024²': { cpu: '4991', wasm: '117' },
  'conv2d [32,28,28,16]×[3,3,16,32]': { cpu: '633', wasm: '15.0' },
  'CNN train step (batch 64)': { wasm: 'throws (no Conv2DBackpropFilter)' },
};
