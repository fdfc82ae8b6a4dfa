import { describeBackend } from '@proj/core';
import type { AppContext, AppOutcome } from '@proj/repro';
import { writePlot } from '@proj/run';
import { accuracyClaims, type MethodRow, SHORT_LABEL, TITLE } from './claims.js';
import type { AccuracyConfig } from './config.js';
import { methodsFor } from './methods.js';
import { PAPER, PUBLISHED } from './paper.js';
import { type ErrorRow, errorFigure } from './plot.js';
import {
  type DistributionName,
  gridOf,
  loadReference,
  PARAMETER,
  type ReferencePoint,
  selectGrid,
} from './reference.js';
import { relativeErrors } from './statistics.js';

const COMMAND = 'pnpm repro implicit-reparam-accuracy';
const DISTRIBUTIONS: readonly DistributionName[] = ['gamma', 'beta', 'vonMises'];

/** The gradients of every method at the points of one parameter value (a unit's result). */
interface GridResult {
  readonly theta: number;
  readonly reference: number[];
  /** Per method (methodsFor order): dz/dθ at each point. */
  readonly gradients: number[][];
}

/** A row of the printed table: `reference` is the paper's conclusion or a published figure, with its source. */
type ClaimRow = { claim: string; reference: string; ours: string; command: string };

/** Per method: the time per sample in milliseconds (a unit's result). */
interface Timing {
  readonly perSampleMs: number[];
}

/**
 * For Gamma, Beta and von Mises: the gradient dz/dθ of each method (implicit reparameterization in tfjs and in
 * float64, finite differences of a float64 numerical inverse CDF, PyTorch's piecewise approximation) at the reference fixture's points of the configured parameter
 * values, their relative errors against the mpmath reference, and the time per sample of each method; then the
 * error-vs-parameter figures, the table and the claims.
 */
export async function runAccuracy(config: AccuracyConfig, context: AppContext): Promise<AppOutcome> {
  const { backend: backendInfo, reporter, run } = context;
  const backend = describeBackend(backendInfo);
  const started = performance.now();
  const reference = loadReference();
  const grids = Object.fromEntries(
    DISTRIBUTIONS.map((name) => [name, selectGrid(name, gridOf(reference[name]), config[name])]),
  ) as Record<DistributionName, number[]>;
  const total = DISTRIBUTIONS.reduce((n, name) => n + grids[name].length + 1, 0);
  reporter.start(total, 'gradients');
  const results = {} as Record<DistributionName, { grid: GridResult[]; timing: Timing }>;
  let done = 0;
  // Units of work (resumable): one per (distribution, parameter value), all methods, and one timing per
  // distribution. Everything is deterministic (fixed points, no randomness); the seed is unused.
  for (const name of DISTRIBUTIONS) {
    const grid: GridResult[] = [];
    for (const theta of grids[name]) {
      const points = reference[name].filter((p) => p.theta === theta);
      const result = await context.unit(`${name} ${PARAMETER[name]}=${theta}`, () => {
        const gradients = methodsFor(name).map((m) =>
          Array.from(m.compute(name, points, config.finiteDifference.relativeStep)),
        );
        const ref = points.map((p) => p.reference);
        run.appendMetrics({
          distribution: name,
          parameter: theta,
          points: points.length,
          ...Object.fromEntries(
            methodsFor(name).flatMap((m, j) => {
              const e = relativeErrors(gradients[j]!, ref);
              return [
                [`${m.short} max relative error`, e.max],
                [`${m.short} median relative error`, e.median],
              ];
            }),
          ),
        });
        return { theta, reference: ref, gradients } satisfies GridResult;
      });
      grid.push(result);
      reporter.tick(++done, { [PARAMETER[name]]: theta });
    }
    const selected = reference[name].filter((p) => grids[name].includes(p.theta));
    const timing = await context.unit(`${name} timing`, () => {
      const perSampleMs = timeMethods(name, selected, config);
      run.appendMetrics({
        distribution: name,
        ...Object.fromEntries(methodsFor(name).map((m, j) => [`${m.short}PerSampleMs`, perSampleMs[j]])),
      });
      return { perSampleMs } satisfies Timing;
    });
    results[name] = { grid, timing };
    reporter.tick(
      ++done,
      Object.fromEntries(methodsFor(name).map((m, j) => [`${m.short} µs/sample`, timing.perSampleMs[j]! * 1000])),
    );
  }
  reporter.done();

  const methodRows = DISTRIBUTIONS.flatMap((name) =>
    methodsFor(name).map((m, j): MethodRow & { method: string; points: number } => {
      const { grid, timing } = results[name];
      const errors = relativeErrors(
        grid.flatMap((g) => g.gradients[j]!),
        grid.flatMap((g) => g.reference),
      );
      return {
        distribution: name,
        method: m.label,
        short: m.short,
        points: grid.reduce((n, g) => n + g.reference.length, 0),
        maxRelativeError: errors.max,
        medianRelativeError: errors.median,
        meanRelativeError: errors.mean,
        perSampleMs: timing.perSampleMs[j]!,
      };
    }),
  );

  for (const name of DISTRIBUTIONS) {
    const rows: ErrorRow[] = gridOf(results[name].grid.map((g) => ({ theta: g.theta }) as ReferencePoint)).flatMap(
      (theta) =>
        methodsFor(name).map((m, j) => {
          const at = results[name].grid.filter((g) => g.theta === theta);
          const e = relativeErrors(
            at.flatMap((g) => g.gradients[j]!),
            at.flatMap((g) => g.reference),
          );
          return { parameter: theta, method: m.label, maxRelativeError: e.max, medianRelativeError: e.median };
        }),
    );
    await writePlot(
      run.dir,
      `error-${name}`,
      errorFigure(`Relative error of dz/d${PARAMETER[name]}, ${TITLE[name]}`, PARAMETER[name], rows),
    );
  }

  const rowsOf = (name: DistributionName) => methodRows.filter((r) => r.distribution === name);
  const table: ClaimRow[] = DISTRIBUTIONS.flatMap((name): ClaimRow[] => [
    {
      claim: `${TITLE[name]}: median (max) relative error of dz/d${PARAMETER[name]}`,
      reference: PAPER.implicitMoreAccurate,
      ours: `${rowsOf(name)
        .map((r) => `${SHORT_LABEL[r.short]} ${sci(r.medianRelativeError)} (${sci(r.maxRelativeError)})`)
        .join(', ')}, ${rowsOf(name)[0]!.points} points`,
      command: COMMAND,
    },
    {
      claim: `${TITLE[name]}: time per sample`,
      reference: PAPER.implicitFaster,
      ours: rowsOf(name)
        .map((r) => `${SHORT_LABEL[r.short]}${r.short === 'implicit' ? ' (tfjs)' : ''} ${micro(r.perSampleMs)}`)
        .join(', '),
      command: COMMAND,
    },
  ]);
  const piecewise = (name: DistributionName) => rowsOf(name).find((r) => r.short === 'piecewise')!;
  table.push({
    claim: 'PyTorch piecewise approximation (Gamma.rsample): worst relative error of dz/dα, Gamma (Beta)',
    reference: `${sci(PUBLISHED.pytorchWorstRelativeError.gamma)} (${sci(PUBLISHED.pytorchWorstRelativeError.beta)}), ${PUBLISHED.pytorchWorstRelativeError.source}`,
    ours: `${sci(piecewise('gamma').maxRelativeError)} (${sci(piecewise('beta').maxRelativeError)}) on our points, median ${sci(piecewise('gamma').medianRelativeError)} (${sci(piecewise('beta').medianRelativeError)})`,
    command: COMMAND,
  });
  const inRange = (theta: number) => theta >= 0.01 && theta <= 1000;
  const gammaMeanAbs = [0, 1].map((j) => meanAbsError(results.gamma.grid, j, inRange));
  table.push({
    claim: 'Gamma, α ∈ [1e-2, 1e3]: mean absolute error of the implicit dz/dα',
    reference: `${sci(PUBLISHED.eigenGammaMeanAbsError.float32)} (float32), ${sci(PUBLISHED.eigenGammaMeanAbsError.float64)} (float64), ${PUBLISHED.eigenGammaMeanAbsError.source}`,
    ours: Number.isNaN(gammaMeanAbs[0]!)
      ? 'no α in range'
      : `${sci(gammaMeanAbs[0]!)} (float32, tfjs), ${sci(gammaMeanAbs[1]!)} (float64)`,
    command: COMMAND,
  });

  return {
    table,
    summary: {
      backend,
      seconds: (performance.now() - started) / 1000,
      finiteDifferenceRelativeStep: config.finiteDifference.relativeStep,
      methods: methodRows,
      paper: PAPER,
      published: PUBLISHED,
    },
    claims: accuracyClaims(methodRows),
  };
}

/**
 * Per method: median over `repeats` of the wall time of one call on `samples` points (cycled), per sample, after
 * one untimed call (JIT warm-up).
 */
function timeMethods(name: DistributionName, points: readonly ReferencePoint[], config: AccuracyConfig): number[] {
  const batch = Array.from({ length: config.timing.samples }, (_, i) => points[i % points.length]!);
  return methodsFor(name).map((m) => {
    m.compute(name, batch, config.finiteDifference.relativeStep); // warm-up (JIT), not timed
    const times = Array.from({ length: config.timing.repeats }, () => {
      const t0 = performance.now();
      m.compute(name, batch, config.finiteDifference.relativeStep);
      return performance.now() - t0;
    }).sort((a, b) => a - b);
    return times[times.length >> 1]! / batch.length;
  });
}

function meanAbsError(grid: readonly GridResult[], method: number, keep: (theta: number) => boolean): number {
  const errors = grid
    .filter((g) => keep(g.theta))
    .flatMap((g) => g.reference.map((ref, i) => Math.abs(g.gradients[method]![i]! - ref)));
  return errors.length === 0 ? Number.NaN : errors.reduce((s, e) => s + e, 0) / errors.length;
}

const sci = (value: number): string => (Number.isNaN(value) ? 'NaN' : value === 0 ? '0' : value.toExponential(1));
const micro = (ms: number): string => `${Number((ms * 1000).toPrecision(3))} µs`;
