import { lineChart, type VegaLiteSpec } from '@proj/run';
import type { TutorialConfig } from './config.js';
import type { CurvePoint } from './types.js';

/** Curves without point marks (up to a thousand points each), the legend wide enough for the labels. */
function curves(spec: VegaLiteSpec): VegaLiteSpec {
  const encoding = spec.encoding as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return {
    ...spec,
    mark: { type: 'line', clip: true },
    encoding: { ...encoding, color: { ...encoding.color, legend: { labelLimit: 400 } } },
  };
}

/**
 * F = ½‖X − A‖² against the iteration (log scale from 1), every method, with the TT-SVD rounding round(A, r) as
 * a horizontal line; the gap chart shows the last digits.
 */
export function lossChart(points: readonly CurvePoint[], rounded: number, config: TutorialConfig): VegaLiteSpec {
  const last = Math.max(...points.map((p) => p.iteration));
  const rows = [
    ...points.filter((p) => p.iteration >= 1).map((p) => ({ method: p.method, iteration: p.iteration, F: p.value })),
    { method: `round(A, ${config.rank}) (TT-SVD)`, iteration: 1, F: rounded },
    { method: `round(A, ${config.rank}) (TT-SVD)`, iteration: last, F: rounded },
  ];
  const values = rows.map((r) => r.F);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const spec = lineChart({
    rows,
    x: 'iteration',
    y: 'F',
    color: 'method',
    logX: true,
    title: `Rank-${config.rank} approximation of a rank-${config.targetRank} TT, shape (${config.shape.join(',')}): F = ½‖X − A‖²`,
    yTitle: 'F',
  });
  const encoding = spec.encoding as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return curves({
    ...spec,
    encoding: { ...encoding, y: { ...encoding.y, scale: { domain: [low * 0.98, high] } } },
  });
}

/** F − F_best on a log scale: how fast each method converges (points at the best value itself left out). */
export function gapChart(points: readonly CurvePoint[], best: number): VegaLiteSpec {
  const rows = points
    .filter((p) => p.iteration >= 1 && p.value - best > 0)
    .map((p) => ({ method: p.method, iteration: p.iteration, gap: p.value - best }));
  return curves(
    lineChart({
      rows,
      x: 'iteration',
      y: 'gap',
      color: 'method',
      logX: true,
      logY: true,
      title: 'Convergence: F − min F over all runs',
      yTitle: 'F − F_best',
    }),
  );
}
