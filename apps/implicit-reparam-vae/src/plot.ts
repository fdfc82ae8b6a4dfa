import { lineChart, type VegaLiteSpec } from '@proj/run';

/** One test digit's posterior location in 2-D and its label. */
export type LatentPoint = { readonly z1: number; readonly z2: number; readonly digit: string };

/** One evaluation of one method, as plotted. */
export type CurveRow = { readonly method: string; readonly epoch: number; readonly value: number };

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * The latent space of one VAE: test digits' posterior locations, coloured by label (category10). On the torus
 * both axes are fixed to [−π, π) (the paper's torus figure, unrolled); Normal latents get data-fitted axes.
 */
export function latentFigure(title: string, points: readonly LatentPoint[], torus: boolean): VegaLiteSpec {
  const axis = (field: 'z1' | 'z2') => ({
    field,
    type: 'quantitative',
    title: torus ? `${field === 'z1' ? 'θ₁' : 'θ₂'} (posterior mean direction)` : `${field} (posterior mean)`,
    scale: torus ? { domain: [-Math.PI, Math.PI], nice: false } : { zero: false },
  });
  return {
    $schema: SCHEMA,
    title,
    width: 360,
    height: 360,
    data: { values: points },
    mark: { type: 'circle', size: 12, opacity: 0.7 },
    encoding: {
      x: axis('z1'),
      y: axis('z2'),
      color: { field: 'digit', type: 'nominal', title: 'digit', scale: { scheme: 'category10' }, sort: 'ascending' },
    },
  };
}

/** Curves of one metric against the epoch, one line per method (log y axis for variances). */
export function curveFigure(title: string, yTitle: string, rows: readonly CurveRow[], logY = false): VegaLiteSpec {
  return lineChart({
    rows,
    x: 'epoch',
    y: 'value',
    color: 'method',
    title,
    yTitle,
    logY,
    zeroY: false,
    width: 420,
    height: 280,
  });
}
