export { type CompareOptions, type ComparisonRow, compareWithReference } from './compare-with-reference.js';
export { formatTable } from './format-table.js';
export { gflops, type Measurement, type MeasureOptions, measure, median } from './measure.js';
export { findTorchPython, runPythonReference, runTorchReference, TORCH_PYTHONS } from './python-reference.js';
