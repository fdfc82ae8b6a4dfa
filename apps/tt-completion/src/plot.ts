import { lineChart, type VegaLiteSpec } from '@proj/run';
import type { CompletionConfig } from './config.js';
import type { CurvePoint } from './types.js';

/**
 * Train or test MSE against the iteration (or the seconds), log-log, one line per method, with the noise level σ²
 * and the train floor σ²(1 − dim M_r/|Ω|) as horizontal lines. `backend` names where the seconds were measured.
 */
export function errorChart(
  points: readonly CurvePoint[],
  error: 'train' | 'test',
  config: CompletionConfig,
  floor: number,
  x: 'iteration' | 'seconds' = 'iteration',
  backend?: string,
): VegaLiteSpec {
  const rows = points
    .filter((p) => p[x] > 0 && p[error] !== undefined)
    .map((p) => ({ method: p.method, [x]: p[x], MSE: p[error]! }));
  const ends = [Math.min(...rows.map((r) => r[x] as number)), Math.max(...rows.map((r) => r[x] as number))];
  const level = (name: string, value: number) => ends.map((end) => ({ method: name, [x]: end, MSE: value }));
  const spec = lineChart({
    rows: [
      ...rows,
      ...level('noise level σ²', config.noise ** 2),
      ...(error === 'train' ? level('train floor σ²(1 − dim/|Ω|)', floor) : []),
    ],
    x,
    y: 'MSE',
    color: 'method',
    logX: true,
    logY: true,
    title: `Completion of a rank-${config.trueRank} TT, shape (${config.shape.join(',')}), ${config.observedFraction * 100}% observed: ${error} MSE`,
    xTitle:
      x === 'seconds'
        ? `seconds (${backend === undefined ? '' : `${backend}, `}test evaluations excluded for Adam)`
        : 'iteration',
    yTitle: error === 'train' ? 'MSE on the observed entries' : 'MSE against the clean tensor, all entries',
  });
  const encoding = spec.encoding as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return {
    ...spec,
    mark: { type: 'line', clip: true },
    encoding: { ...encoding, color: { ...encoding.color, legend: { labelLimit: 400 } } },
  };
}
