import { lineChart, type VegaLiteSpec } from '@proj/run';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Grouped bars: a score (NRMSE or PFC) per dataset, one bar per method, with ± 1 sd over replicates as rules. */
export function scoreBars(
  title: string,
  yTitle: string,
  rows: readonly { readonly dataset: string; readonly method: string; readonly value: number; readonly sd: number }[],
): VegaLiteSpec {
  const values = rows.map((r) => ({ ...r, low: Math.max(0, r.value - r.sd), high: r.value + r.sd }));
  const x = { field: 'dataset', type: 'nominal', title: null, sort: null };
  return {
    $schema: SCHEMA,
    title,
    width: 460,
    height: 280,
    data: { values },
    encoding: { x, xOffset: { field: 'method', sort: null } },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y: { field: 'value', type: 'quantitative', title: yTitle, scale: { zero: true } },
          color: { field: 'method', type: 'nominal', sort: null },
          tooltip: [{ field: 'dataset' }, { field: 'method' }, { field: 'value' }, { field: 'sd' }],
        },
      },
      {
        // Only where there is a spread (one replicate: none).
        transform: [{ filter: 'datum.sd > 0' }],
        mark: { type: 'rule' },
        encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
      },
    ],
  };
}

/** VAEAC's per-column spread against its per-column NRMSE, one point per real column, coloured by table. */
export function spreadScatter(
  rows: readonly {
    readonly dataset: string;
    readonly column: string;
    readonly nrmse: number;
    readonly spread: number;
  }[],
): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title: "VAEAC: spread of the imputations vs the column's NRMSE",
    width: 420,
    height: 300,
    data: { values: rows },
    mark: { type: 'point', filled: true, size: 50 },
    encoding: {
      x: { field: 'nrmse', type: 'quantitative', title: 'NRMSE of the column', scale: { zero: false } },
      y: {
        field: 'spread',
        type: 'quantitative',
        title: 'mean std across imputations / column std',
        scale: { zero: true },
      },
      color: { field: 'dataset', type: 'nominal' },
      tooltip: [{ field: 'dataset' }, { field: 'column' }, { field: 'nrmse' }, { field: 'spread' }],
    },
  };
}

/** VAEAC's validation IWAE (mean log-likelihood of the held-out rows' masked features) per epoch, per table. */
export function trainingCurves(
  rows: readonly { readonly dataset: string; readonly epoch: number; readonly iwae: number }[],
) {
  return lineChart({
    rows,
    x: 'epoch',
    y: 'iwae',
    color: 'dataset',
    title: 'VAEAC training: validation IWAE (K samples), replicate 0',
    xTitle: 'epoch',
    yTitle: 'IWAE log-likelihood per row (nats)',
    zeroX: false,
    zeroY: false,
    width: 420,
    height: 280,
  });
}
