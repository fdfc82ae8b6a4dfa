import { describeBackend } from '@proj/core';
import { mnistSplit, takeDigits } from '@proj/mnist';
import type { AppContext, AppOutcome } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import { trainBase } from './base.js';
import { claimTable, paperClaims, sanityClaims } from './claims.js';
import type { PerforatedConfig } from './config.js';
import { disposeDigits, sliceDigits, toDigits } from './data.js';
import { fineTuneUnit, greedyUnit } from './greedy.js';
import { applies } from './masks.js';
import { type SeriesRow, seriesFigure } from './plot.js';
import type { BaseResult, FineTuneResult, GreedyResult, Outcome, SweepPoint, SweepResult } from './results.js';
import { type ExperimentData, sweepLayer } from './sweep.js';

const fixed = (v: number, digits = 2) => v.toFixed(digits);

/**
 * PerforatedCNNs on MNIST: per network of the config, the base network trained; per swept conv layer and mask
 * strategy the single-layer curve (test-error increase, theoretical and measured speedups, fine-tuned points);
 * the greedy whole-network selection and its fine-tuning; the tables, the figures and the claims.
 * Units of work (resumable): `train <net>`, `<net> <layer> <strategy>`, `<net> greedy`, `<net> greedy fine-tune`;
 * each draws only from seeds of the run seed and its own id, and reads the base weights from the run folder.
 */
export async function runPerforated(config: PerforatedConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend, reporter, run } = context;
  const split = mnistSplit();
  const train = toDigits(takeDigits(split.train, config.data.train));
  const test = toDigits(takeDigits(split.test, config.data.test));
  const data: ExperimentData = {
    train,
    test,
    impact: sliceDigits(train, 0, config.impact.images),
    validation: sliceDigits(train, 0, config.greedy.validation),
    timed: sliceDigits(test, 0, config.timing.batch),
  };
  const bases: BaseResult[] = [];
  const sweeps: SweepResult[] = [];
  const greedy: GreedyResult[] = [];
  const fineTuned: FineTuneResult[] = [];
  const plan = config.networks.map((n) => ({
    network: n,
    curves: n.sweep.layers.flatMap((layer) => {
      const conv = n.convs.find((c) => c.name === layer)!;
      return config.strategies.filter((s) => applies(s, conv)).map((strategy) => ({ layer, strategy }));
    }),
  }));
  const total = plan.reduce((sum, p) => sum + 1 + p.curves.length + (p.network.greedy ? 2 : 0), 0);
  let done = 0;
  const tick = (metrics: Record<string, number>) => reporter.tick(++done, metrics);
  try {
    reporter.start(total, 'perforated-mnist');
    for (const { network, curves } of plan) {
      const base = await context.unit(`train ${network.name}`, () => trainBase(config, network, data, seed, context));
      bases.push(base);
      tick({ testError: base.testError });
      for (const { layer, strategy } of curves) {
        const sweep = await context.unit(`${network.name} ${layer} ${strategy}`, () =>
          sweepLayer(config, network, base, layer, strategy, data, seed, context),
        );
        sweeps.push(sweep);
        tick({ maxErrorIncrease: Math.max(...sweep.points.map((p) => p.errorIncrease)) });
      }
      if (network.greedy) {
        const g = await context.unit(`${network.name} greedy`, () =>
          greedyUnit(config, network, base, data, seed, context),
        );
        greedy.push(g);
        tick({ steps: g.steps.length });
        const f = await context.unit(`${network.name} greedy fine-tune`, () =>
          fineTuneUnit(config, network, base, g, data, seed, context),
        );
        fineTuned.push(f);
        tick({ increaseAfter: f.increaseAfter });
      }
    }
    reporter.done();
  } finally {
    for (const d of [data.impact, data.validation, data.timed, train, test]) disposeDigits(d);
  }

  const outcome: Outcome = { bases, sweeps, greedy, fineTuned };
  await writeFigures(run.dir, outcome);
  const allPoints = sweeps.flatMap((s) => s.points);
  const curveTable = curveRows(config, sweeps);
  run.writeFile('curves.csv', toCsv(allPoints.map(pointRow)));
  run.writeFile('curve-table.csv', toCsv(curveTable));
  run.writeFile('greedy.csv', toCsv(greedy.flatMap(greedyRows)));
  run.writeFile('greedy-fine-tuned.csv', toCsv(fineTuned.map(fineTuneRow)));
  run.writeFile('networks.csv', toCsv(bases.map(baseRow)));
  reporter.log(`\n${formatTable(curveTable)}\n`);
  if (fineTuned.length > 0) reporter.log(`\n${formatTable(fineTuned.map(fineTuneRow))}\n`);
  const claims = [...paperClaims(outcome), ...sanityClaims(outcome)];
  return {
    table: claimTable(claims),
    summary: {
      backend: describeBackend(backend),
      dataset:
        `@proj/mnist fixed split: ${train.n} training digits (the first ${data.impact.n} for the impacts, the ` +
        `first ${data.validation.n} the greedy search's validation loss) and ${test.n} test digits (the first ` +
        `${data.timed.n} timed)`,
      networks: bases.map(baseRow),
      curves: curveTable,
      greedy: greedy.flatMap(greedyRows),
      greedyFineTuned: fineTuned.map(fineTuneRow),
    },
    claims,
  };
}

/** A row of networks.csv. */
function baseRow(b: BaseResult) {
  return {
    network: b.network,
    parameters: b.parameters,
    'MFLOPs per image': b.flops / 1e6,
    'conv MFLOPs per image': b.convFlops / 1e6,
    'test error %': 100 * b.testError,
    'test loss': b.testLoss,
    'control test error % (curve fine-tuning)': b.fineTuneControlError === null ? null : 100 * b.fineTuneControlError,
    'control test error % (greedy fine-tuning)': b.greedyControlError === null ? null : 100 * b.greedyControlError,
    'ms per step': b.msPerStep,
  };
}

/** A row of curves.csv: one point of a single-layer curve. */
function pointRow(p: SweepPoint) {
  return {
    network: p.network,
    layer: p.layer,
    strategy: p.strategy,
    keep: p.keepFraction,
    'realized keep': p.realizedKeep,
    'theoretical speedup': p.theoreticalSpeedup,
    'theoretical network speedup': p.theoreticalNetworkSpeedup,
    'measured speedup': p.measuredSpeedup,
    'measured network speedup': p.measuredNetworkSpeedup,
    'layer ms': p.layerMs,
    'dense layer ms': p.layerBaselineMs,
    'test error %': 100 * p.testError,
    'error increase': p.errorIncrease,
    'fine-tuned error increase': p.fineTunedIncrease,
  };
}

/**
 * The curve table: per (network, layer, strategy) the error increase (points) at each keep fraction, `a → b` where
 * fine-tuned; per (network, layer) a row of the measured layer speedups (mean over the strategies' first masks).
 */
function curveRows(config: PerforatedConfig, sweeps: readonly SweepResult[]) {
  const rows: Record<string, string>[] = [];
  for (const network of config.networks) {
    const keeps = network.sweep.keepFractions;
    const column = (k: number) => `keep ${fixed(k, 3)} (${fixed(1 / k, 2)}×)`;
    for (const layer of network.sweep.layers) {
      const curves = sweeps.filter((s) => s.network === network.name && s.layer === layer);
      for (const s of curves) {
        const row: Record<string, string> = { network: network.name, layer, row: `${s.strategy}: error increase` };
        for (const p of s.points) {
          row[column(p.keepFraction)] =
            p.fineTunedIncrease === null
              ? fixed(p.errorIncrease)
              : `${fixed(p.errorIncrease)} → ${fixed(p.fineTunedIncrease)}`;
        }
        rows.push(row);
      }
      if (curves.length === 0) continue;
      const speed: Record<string, string> = { network: network.name, layer, row: 'measured layer speedup' };
      const whole: Record<string, string> = { network: network.name, layer, row: 'measured network speedup' };
      for (const k of keeps) {
        const at = curves.flatMap((s) => s.points.filter((p) => p.keepFraction === k));
        speed[column(k)] = `${fixed(mean(at.map((p) => p.measuredSpeedup)))}×`;
        whole[column(k)] = `${fixed(mean(at.map((p) => p.measuredNetworkSpeedup)))}×`;
      }
      rows.push(speed, whole);
    }
  }
  return rows;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Rows of greedy.csv: every committed step. */
function greedyRows(g: GreedyResult) {
  const start = g.steps[0]!.validationError;
  return g.steps.map((s, i) => ({
    network: g.network,
    step: s.step,
    changed: s.changed ?? '–',
    keep: Object.entries(s.keepFractions)
      .map(([l, k]) => `${l} ${fixed(k, 3)}`)
      .join(', '),
    'validation error %': 100 * s.validationError,
    'validation error increase': 100 * (s.validationError - start),
    'search speedup': s.searchSpeedup,
    'theoretical network speedup': s.theoreticalNetworkSpeedup,
    'theoretical conv speedup': s.theoreticalConvSpeedup,
    'measured network speedup': s.measuredNetworkSpeedup,
    'measured conv speedup': s.measuredConvSpeedup,
    chosen: i === g.chosen ? 'yes' : '',
  }));
}

/** A row of greedy-fine-tuned.csv. */
function fineTuneRow(f: FineTuneResult) {
  return {
    network: f.network,
    keep: Object.entries(f.keepFractions)
      .map(([l, k]) => `${l} ${fixed(k, 3)}`)
      .join(', '),
    'base test error %': 100 * f.baseTestError,
    'test error % before fine-tuning': 100 * f.testErrorBefore,
    'control test error %': 100 * f.controlTestError,
    'test error % after': 100 * f.testErrorAfter,
    'theoretical conv speedup': f.theoreticalConvSpeedup,
    'measured conv speedup': f.measuredConvSpeedup,
    'theoretical network speedup': f.theoreticalNetworkSpeedup,
    'measured network speedup': f.measuredNetworkSpeedup,
  };
}

async function writeFigures(dir: string, outcome: Outcome): Promise<void> {
  const pairs = [...new Set(outcome.sweeps.map((s) => `${s.network} ${s.layer}`))];
  for (const pair of pairs) {
    const [network, layer] = pair.split(' ') as [string, string];
    const curves = outcome.sweeps.filter((s) => s.network === network && s.layer === layer);
    await writePlot(
      dir,
      `error-${network}-${layer}`,
      seriesFigure(
        `${network} ${layer} perforated alone: test-error increase vs theoretical speedup`,
        'theoretical layer speedup (1 / keep fraction)',
        'test-error increase (points)',
        // Every curve starts at the unperforated layer: speedup 1, no increase.
        curves.flatMap((s) => {
          const tuned = s.points.filter((p) => p.fineTunedIncrease !== null);
          return [
            { series: s.strategy, x: 1, y: 0 },
            ...s.points.map((p): SeriesRow => ({ series: s.strategy, x: p.theoreticalSpeedup, y: p.errorIncrease })),
            ...(tuned.length === 0 ? [] : [{ series: `${s.strategy}, fine-tuned`, x: 1, y: 0 }]),
            ...tuned.map(
              (p): SeriesRow => ({
                series: `${s.strategy}, fine-tuned`,
                x: p.theoreticalSpeedup,
                y: p.fineTunedIncrease!,
              }),
            ),
          ];
        }),
      ),
    );
  }
  for (const network of [...new Set(outcome.sweeps.map((s) => s.network))]) {
    const sweeps = outcome.sweeps.filter((s) => s.network === network);
    // Every line starts at the unperforated layer (speedup 1).
    const rows: SeriesRow[] = [];
    const keeps = [...new Set(sweeps.flatMap((s) => s.points.map((p) => p.keepFraction)))].sort((a, b) => b - a);
    for (const layer of [...new Set(sweeps.map((s) => s.layer))]) {
      const at = sweeps.filter((s) => s.layer === layer).flatMap((s) => s.points);
      rows.push({ series: `${layer}: layer`, x: 1, y: 1 }, { series: `${layer}: whole network`, x: 1, y: 1 });
      for (const keep of keeps) {
        const ps = at.filter((p) => p.keepFraction === keep);
        if (ps.length === 0) continue;
        rows.push(
          { series: `${layer}: layer`, x: 1 / keep, y: mean(ps.map((p) => p.measuredSpeedup)) },
          { series: `${layer}: whole network`, x: 1 / keep, y: mean(ps.map((p) => p.measuredNetworkSpeedup)) },
        );
      }
    }
    for (const x of [1, ...keeps.map((k) => 1 / k)]) rows.push({ series: 'theoretical layer speedup', x, y: x });
    await writePlot(
      dir,
      `speedup-${network}`,
      seriesFigure(
        `${network}: measured vs theoretical speedup (one layer perforated)`,
        'theoretical layer speedup (1 / keep fraction)',
        'measured speedup (wall time)',
        rows,
      ),
    );
  }
  for (const g of outcome.greedy) {
    const start = g.steps[0]!.validationError;
    await writePlot(
      dir,
      `greedy-${g.network}`,
      seriesFigure(
        `${g.network}: greedy whole-network perforation, validation error vs speedup`,
        'speedup',
        'validation-error increase (points)',
        g.steps.flatMap((s): SeriesRow[] => {
          const y = 100 * (s.validationError - start);
          return [
            { series: 'theoretical (network)', x: s.theoreticalNetworkSpeedup, y },
            { series: 'theoretical (conv layers)', x: s.theoreticalConvSpeedup, y },
            { series: 'measured (network)', x: s.measuredNetworkSpeedup, y },
            { series: 'measured (conv layers)', x: s.measuredConvSpeedup, y },
          ];
        }),
      ),
    );
  }
}
