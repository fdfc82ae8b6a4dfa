import * as tf from '@tensorflow/tfjs-core';

/**
 * What the primitives of `@proj/core/ops` need to know about the active backend to pick a strategy: the only
 * place of the ops layer that reads which backend runs. Every number comes from `bench/ops.bench.ts`
 * (`pnpm --filter @proj/core bench:ops`), measured on the project's 2-core machine (one wasm thread, XNNPACK +
 * SIMD); backends without measurements get the neutral profile (plain tfjs kernels, no cost model).
 */
export interface BackendProfile {
  /**
   * Batched products (a different right operand per batch element) run as one grouped (depthwise)
   * convolution above this many multiply-adds; `Infinity`: always `tf.matMul`. tfjs-backend-wasm computes a
   * batched matMul with a scalar triple loop (about 1.5 GFLOP/s); XNNPACK's depthwise convolution is 1.5-3x
   * faster from about 10^5 multiply-adds on.
   */
  readonly groupedProductWork: number;
  /**
   * Whether 2-D products take their gradients as products of explicitly transposed operands: wasm's matMul
   * with transpose flags leaves XNNPACK for a scalar loop about 10x slower, while a transpose is one pass.
   */
  readonly explicitTransposeGradients: boolean;
  /**
   * Most axes a transpose should move in one kernel: wasm's transpose of 6 or more axes runs a generic loop
   * about 20x slower than two 4-axis passes; WebGPU shaders handle at most 6 axes.
   */
  readonly maxTransposeRank: number;
  /** ns per element of a transpose pass that keeps the innermost block innermost (contiguous copies). */
  readonly transposeNsContiguous: number;
  /** ns per element of a transpose pass that moves the innermost block. */
  readonly transposeNsStrided: number;
  /**
   * ns per element to pack the right operand of a 2-D product or the filter of a grouped product (XNNPACK
   * packs weights once per tensor data and caches them: free for a persistent operand after its first use).
   */
  readonly packNsPerElement: number;
  /** Throughput of the grouped product in ns per flop, given its number of output columns. */
  groupedNsPerFlop(columns: number): number;
  /**
   * A convolution at some output positions computes the whole map and gathers when at least this fraction of
   * the positions is asked for; below, it gathers the patches and multiplies (cost ∝ positions).
   */
  readonly denseConvFraction: number;
  /**
   * Cost of gathering one value, in multiply-adds of the one-hot selection it competes with (see
   * `gatherMatMul`): selecting among S slices by a one-hot product wins while S·(1 + r′/10) < this·r′.
   */
  readonly gatherCostInMultiplyAdds: number;
  /**
   * Tall QRs (m ≥ 2n, `@proj/core/linalg`) run as CholeskyQR2 on backend products from `minWork` m·n²
   * multiply-adds per matrix on (`Infinity`: always Householder QR on the host), a batch matrix by matrix
   * with 2-D products when `perMatrix`. linalg.bench (wasm, 2-core machine): 1000×100 9.9 vs 27.7 ms, 400×40
   * 1.0 vs 2.9 ms, 1000×10 0.34 vs 0.54 ms, 200×20 0.45 vs 0.34 ms; 10 × 1000×100 matrix by matrix 110 ms,
   * as batched products (grouped convolutions) 155 ms.
   */
  readonly choleskyQr: { readonly minWork: number; readonly perMatrix: boolean };
}

/**
 * tfjs-backend-wasm 4.22 in Node (one thread, XNNPACK + SIMD), from bench:ops on the 2-core machine: the
 * grouped product 1.2-4x faster than the batched matMul from 1.6·10^5 multiply-adds (slower below 10^5 and
 * for one output column); a 6-axis transpose 105 ns per element against 3.1 for `permute`'s 4-axis passes;
 * the gradient of a 256² product 7.6x faster with explicit transposes; packing fresh weights 5 ns per element.
 */
const WASM: BackendProfile = {
  groupedProductWork: 2 ** 17,
  explicitTransposeGradients: true,
  maxTransposeRank: 4,
  transposeNsContiguous: 0.5,
  transposeNsStrided: 2,
  packNsPerElement: 3,
  // About 12 GFLOP/s with 25 or more output columns, 1 GFLOP/s with 1.
  groupedNsPerFlop: (columns) => 1 / Math.min(12, 0.8 + 0.45 * columns),
  // The patches are one gather of whole pixel rows (the batch folded into the index: about 0.5 ns per value,
  // against 27 when wasm gathered along axis 1 and the crossover sat at 6%). bench:ops (2026-12): 3×3 16→32 on
  // [16, 28, 28] patches 3.5 vs dense + gather 5.0 ms at 50%, 5.2 vs 5.0 at 75%; 3×3 64→64 on [4, 56, 56]
  // 21.3 vs 36.9 ms at 50%, 31.7 vs 36.9 at 75%, 37.7 vs 36.8 at 90%: the crossover is near 70-85%.
  denseConvFraction: 0.7,
  // Gathering costs about 57 ns per value with the multiply (bench:ops, P 10⁴, r = r′ = 10): one-hot wins at
  // S = 10 (4.2 vs 58 ms) and S = 100 (23 vs 57 ms), the gather at S = 1000 (197 vs 57 ms).
  gatherCostInMultiplyAdds: 27,
  choleskyQr: { minWork: 1e5, perMatrix: true },
};

/**
 * Plain tfjs kernels: batched matMul, tfjs's own gradients, one transpose of any rank the backend takes. On cpu
 * (bench:ops) the grouped product is 2-20x slower than the batched matMul, a 6-axis transpose costs what two
 * 4-axis passes cost, and explicit-transpose gradients gain nothing.
 */
const NEUTRAL: BackendProfile = {
  groupedProductWork: Number.POSITIVE_INFINITY,
  explicitTransposeGradients: false,
  maxTransposeRank: Number.POSITIVE_INFINITY,
  transposeNsContiguous: 1,
  transposeNsStrided: 1,
  packNsPerElement: 0,
  groupedNsPerFlop: () => 0,
  // cpu (bench:ops, 2026-12): 3×3 16→32 on [16, 28, 28] patches 189 vs dense + gather 241 ms at 50%, 276 vs
  // 252 at 75%; 3×3 64→64 on [4, 56, 56] 1760 vs 2060 ms at 75%, 2180 vs 2000 at 90%.
  denseConvFraction: 0.8,
  // cpu (bench:ops, P 10⁴, r = r′ = 10): one-hot 209 vs gather 233 ms at S = 10, 2020 vs 239 ms at S = 100.
  gatherCostInMultiplyAdds: 2,
  // cpu: CholeskyQR2 on its products loses (1000×100 181 vs 54.5 ms, 400×40 10 vs 2 ms, 1000×10 3.5 vs 0.6 ms).
  choleskyQr: { minWork: Number.POSITIVE_INFINITY, perMatrix: false },
};

const PROFILES: Readonly<Record<string, BackendProfile>> = {
  wasm: WASM,
  webgpu: { ...NEUTRAL, maxTransposeRank: 6 },
};

/** The profile of the active tfjs backend. O(1). */
export function backendProfile(): BackendProfile {
  return PROFILES[tf.getBackend()] ?? NEUTRAL;
}
