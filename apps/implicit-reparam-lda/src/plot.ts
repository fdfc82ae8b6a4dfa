import { lineChart, type Row, type VegaLiteSpec } from '@proj/run';

/**
 * Held-out perplexity against the training step, one line per method, log y; a dashed rule at the oracle
 * perplexity (true topics, true θ).
 */
export function perplexityChart(rows: readonly Row[], oracle: number): VegaLiteSpec {
  const base = lineChart({
    rows,
    x: 'step',
    y: 'perplexity',
    color: 'method',
    title: 'Amortized LDA on a synthetic corpus: held-out perplexity during training (dashed: oracle, true β and θ)',
    yTitle: 'held-out perplexity (ELBO bound)',
    logY: true,
  });
  const { $schema, title, width, height, mark, encoding } = base;
  const enc = encoding as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return {
    $schema,
    title,
    width,
    height,
    data: { values: rows },
    layer: [
      {
        mark,
        encoding: { ...enc, color: { ...enc.color, legend: { labelLimit: 400 } } },
      },
      {
        mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
        encoding: { y: { datum: oracle, type: 'quantitative' } },
      },
    ],
  };
}

/** One bar: a true topic, a method, and the cosine similarity of the learned topic matched to it. */
export type MatchRow = { readonly topic: number; readonly method: string; readonly cosine: number };

/** Matched cosine similarity per true topic, grouped bars per method, y in [0, 1]. */
export function matchChart(rows: readonly MatchRow[]): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Recovered topics: cosine similarity of each true topic to its matched learned topic (greedy matching)',
    width: 480,
    height: 260,
    data: { values: rows },
    mark: 'bar',
    encoding: {
      x: { field: 'topic', type: 'ordinal', title: 'true topic' },
      xOffset: { field: 'method', type: 'nominal' },
      y: { field: 'cosine', type: 'quantitative', title: 'matched cosine similarity', scale: { domain: [0, 1] } },
      color: { field: 'method', type: 'nominal', legend: { labelLimit: 400 } },
    },
  };
}
