/**
 * The T3F benchmark (Novikov et al., JMLR 2020, table of docs/benchmark in Bihaqo/t3f) on wasm, side by side
 * with a numpy float32 implementation of the same algorithms (bench/tt_numpy.py, OpenBLAS on one thread),
 * in one run. Objects as in the paper: TT-matrices 10^10 × 10^10 (d = 10, modes 10 × 10, TT-rank 10),
 * TT-vectors 10^10 × 1 of TT-rank 10 and 100, a dense 10×10×10×10 tensor for TT-SVD; float32 (the paper:
 * float64). Batches are smaller than the paper's 100 where memory requires (see T3F_PAPER_SIZES in bench/cases.ts). Each timed call reads
 * every output back and frees it. Times are per call (a whole batch for the batch rows). The cases: bench/cases.ts,
 * shared with apps/t3f-benchmark.
 *
 * Run: cd packages/tt && node --conditions=@proj/source --import tsx bench/tt.bench.ts
 */
import { type ComparisonRow, compareWithReference, formatTable, runPythonReference } from '@proj/bench';
import { initBackend } from '@proj/core';
import { prepareT3fCase, T3F_CASES, T3F_NUMPY_SCRIPT, T3F_PAPER_SIZES, t3fBatchSize } from './cases.js';

const numpy = runPythonReference(T3F_NUMPY_SCRIPT, [JSON.stringify(T3F_PAPER_SIZES)]);

await initBackend('wasm');
const rows: ComparisonRow[] = [];
for (const name of T3F_CASES) {
  // Each case builds its objects (the same seeds for every case), is timed, and frees them.
  const prepared = prepareT3fCase(name, T3F_PAPER_SIZES);
  const size = t3fBatchSize(name, T3F_PAPER_SIZES);
  rows.push(
    ...(await compareWithReference({ [name]: () => prepared.run() }, numpy, {
      sizes: size === undefined ? {} : { [name]: size },
      label: 'numpy',
    })),
  );
  prepared.dispose();
}
console.log(formatTable(rows, 3));
