import { lineChart, type VegaLiteSpec } from '@proj/run';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Grouped bars: masked-region PSNR per evaluation mask, one bar per method. */
export function psnrBars(
  rows: readonly { readonly mask: string; readonly method: string; readonly psnr: number }[],
): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title: 'MNIST test digits: PSNR of the masked region (higher is better)',
    width: 420,
    height: 280,
    data: { values: rows },
    mark: 'bar',
    encoding: {
      x: { field: 'mask', type: 'nominal', title: 'evaluation mask', sort: null },
      xOffset: { field: 'method', sort: null },
      y: { field: 'psnr', type: 'quantitative', title: 'PSNR (dB)', scale: { zero: true } },
      color: { field: 'method', type: 'nominal', sort: null },
      tooltip: [{ field: 'mask' }, { field: 'method' }, { field: 'psnr' }],
    },
  };
}

/** The toy: training points, VAEAC's samples of x2 at each conditioning x1, and the regression line's value there. */
export function toyFigure(
  rows: readonly { readonly x1: number; readonly x2: number; readonly kind: string }[],
): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title: 'Bimodal toy: x2 | x1 sampled by VAEAC vs the regression to the mean',
    width: 420,
    height: 320,
    data: { values: rows },
    mark: { type: 'point', filled: true, size: 14, opacity: 0.5 },
    encoding: {
      x: { field: 'x1', type: 'quantitative', title: 'x1 (observed)', scale: { domain: [-1.1, 1.1] } },
      y: { field: 'x2', type: 'quantitative', title: 'x2', scale: { zero: false } },
      color: { field: 'kind', type: 'nominal', title: null, sort: null },
      shape: { field: 'kind', type: 'nominal', title: null, sort: null },
    },
  };
}

/** Training loss per epoch of the image VAEAC. */
export function trainingCurve(rows: readonly { readonly epoch: number; readonly loss: number }[]): VegaLiteSpec {
  return lineChart({
    rows,
    x: 'epoch',
    y: 'loss',
    title: 'Image VAEAC training: −VLB per digit',
    xTitle: 'epoch',
    yTitle: 'training loss',
    zeroX: false,
    zeroY: false,
    width: 420,
    height: 260,
  });
}
