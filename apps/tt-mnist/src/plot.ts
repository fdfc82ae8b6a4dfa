import { lineChart, type VegaLiteSpec } from '@proj/run';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One compressed network at one stage, as plotted. */
export type CompressionRow = {
  readonly rank: number;
  /** Dense hidden-layer parameters / TT hidden-layer parameters (weights and bias). */
  readonly compression: number;
  readonly stage: string;
  readonly accuracy: number;
};

/** One evaluation during training, as plotted. */
export type CurveRow = { readonly network: string; readonly epoch: number; readonly accuracy: number };

/**
 * Test accuracy against the compression ratio of the hidden layer (log x axis), one line per stage (right after
 * TT-SVD, after fine-tuning), each point labelled with its TT rank, and the dense network's accuracy as a dashed
 * rule.
 */
export function compressionFigure(rows: readonly CompressionRow[], denseAccuracy: number): VegaLiteSpec {
  const ratios = rows.map((r) => r.compression);
  const x = {
    field: 'compression',
    type: 'quantitative',
    title: 'compression of the hidden layer (dense parameters / TT parameters)',
    scale: { type: 'log', nice: false, domain: [Math.min(...ratios) / 1.5, Math.max(...ratios) * 1.5] },
  };
  const y = { field: 'accuracy', type: 'quantitative', title: 'test accuracy (%)', scale: { domain: [0, 100] } };
  return {
    $schema: SCHEMA,
    title: {
      text: 'Dense 784→625 layer compressed by TT-SVD: accuracy before and after fine-tuning',
      subtitle: `dashed: the dense network, ${denseAccuracy.toFixed(2)} %`,
    },
    width: 460,
    height: 300,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: { x, y, color: { field: 'stage', type: 'nominal', title: 'stage', legend: { labelLimit: 300 } } },
      },
      {
        transform: [{ calculate: "'r=' + datum.rank", as: 'label' }],
        mark: { type: 'text', dy: -9, fontSize: 10 },
        encoding: { x, y, text: { field: 'label', type: 'nominal' } },
      },
      {
        data: { values: [{ accuracy: denseAccuracy }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: 'gray' },
        encoding: { y },
      },
    ],
  };
}

/** Test accuracy against the epoch, one line per network (the TT and the dense network trained from scratch). */
export function trainingFigure(rows: readonly CurveRow[]): VegaLiteSpec {
  return lineChart({
    rows,
    x: 'epoch',
    y: 'accuracy',
    color: 'network',
    title: 'Test accuracy while training: TT hidden layer vs dense hidden layer',
    yTitle: 'test accuracy (%)',
    zeroY: false,
    width: 420,
    height: 280,
  });
}
