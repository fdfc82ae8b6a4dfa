export { gflops, type Measurement, type MeasureOptions, measure, median } from './measure.js';
