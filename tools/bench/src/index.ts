export { gflops, type Measurement, type MeasureOptions, measure, median } from './measure.js';
export { runPythonReference } from './python-reference.js';
