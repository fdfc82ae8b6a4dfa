export { formatTable } from '@proj/bench';
export type { Metrics, ProgressReporter } from '@proj/core';
export { type Row, toCsv } from './csv.js';
export { collectEnvironment, type Environment } from './environment.js';
export {
  assertFigureNotEmpty,
  assertFiguresNotEmpty,
  assertImageNotBlank,
  type FigureCheckOptions,
  type FigureMarks,
  parseSvg,
  pathVertices,
  type SvgElement,
} from './figure-check.js';
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
export {
  createRunWriter,
  decodeRecord,
  encodeRecord,
  openRunWriter,
  RESULTS_SCHEMA_VERSION,
  type RunFolder,
  type RunState,
  type RunStatus,
  type RunWriter,
  type RunWriterOptions,
  readRunFolder,
} from './results-writer.js';
