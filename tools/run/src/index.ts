export { formatTable } from '@proj/bench';
export type { Metrics, ProgressReporter } from '@proj/core';
export { type Row, toCsv } from './csv.js';
export { collectEnvironment, type Environment } from './environment.js';
export {
  encodePng,
  type HeatmapOptions,
  heatmap,
  type Image,
  type ImageGridOptions,
  imageGrid,
  viridis,
  writePng,
} from './image.js';
export { type LineChartOptions, lineChart, type PlotFiles, renderSvg, type VegaLiteSpec, writePlot } from './plot.js';
export {
  createReporter,
  formatMetrics,
  type Reporter,
  type ReporterMode,
  type ReporterOptions,
  resolveMode,
  silentReporter,
} from './reporter.js';
export { createRunWriter, RESULTS_SCHEMA_VERSION, type RunWriter, type RunWriterOptions } from './results-writer.js';
