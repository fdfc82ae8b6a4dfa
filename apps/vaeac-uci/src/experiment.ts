import { describeBackend, foldIn } from '@proj/core';
import type { AppContext, AppOutcome } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import { mcarMask } from '@proj/vaeac';
import { claimTable, uciClaims } from './claims.js';
import type { DatasetConfig, UciConfig } from './config.js';
import { applyMask } from './corrupt.js';
import { type Dataset, type DatasetName, loadDataset } from './datasets.js';
import { METHOD_LABELS, METHODS, type Method, runMethod } from './methods.js';
import { type Mask, nrmse, pfc, spread } from './metrics.js';
import { scoreBars, spreadScatter, trainingCurves } from './plot.js';
import { type Aggregate, aggregate, type UnitResult } from './results.js';
import type { Table } from './table.js';

/**
 * VAEAC's UCI imputation protocol (the paper's, transductive): per table and replicate, remove each entry with
 * probability `missingRate` (MCAR, seeded), impute the removed entries with mean imputation, the MICE-like
 * iterative ridge imputer, kNN and VAEAC (trained on the corrupted table itself), and score NRMSE (real columns),
 * PFC (categorical) and the spread of the imputations against the complete table; aggregate over replicates;
 * the table, the figures and the claims.
 */
export async function runUci(config: UciConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend, reporter, run } = context;
  const tables = new Map(config.datasets.map((d) => [d.name, loadDataset(d.name)] as const));
  const work = (d: DatasetConfig) => config.replicates * (METHODS.length - 1 + d.epochs);
  reporter.start(
    config.datasets.reduce((s, d) => s + work(d), 0),
    'vaeac-uci',
  );
  const results: UnitResult[] = [];
  let done = 0;
  // Units of work (resumable): one per (table, replicate, method). The mask depends on the seed, the table and the
  // replicate only; each method's randomness on its own unit id: never on state of an earlier unit.
  for (const d of config.datasets) {
    const data = tables.get(d.name)!;
    for (let r = 0; r < config.replicates; r++) {
      const mask = mcarMask(data.rows.length, data.types.length, d.missingRate, foldIn(seed, `${d.name}/r${r}`));
      for (const method of METHODS) {
        const start = done;
        results.push(
          await context.unit(`${d.name} r${r} ${method}`, () =>
            runUnit(config, d, data, r, mask, method, context, (epoch) => reporter.tick(start + epoch)),
          ),
        );
        done += method === 'vaeac' ? d.epochs : 1;
        reporter.tick(done);
      }
    }
  }
  reporter.done();

  const aggregates = aggregate(results);
  const table = aggregates.map(resultRow);
  run.writeFile('results.csv', toCsv(table));
  const columns = columnRows(aggregates, tables);
  run.writeFile('columns.csv', toCsv(columns));
  await writeFigures(run.dir, aggregates, results, tables);
  reporter.log(`\n${formatTable(table)}\n`);
  const stated = uciClaims(aggregates, results);
  return {
    table: claimTable(stated),
    summary: {
      backend: describeBackend(backend),
      protocol:
        'transductive (the paper): each table corrupted by MCAR removal, every method (VAEAC trained on the ' +
        'corrupted table) imputes the removed entries, scored against the complete table; NRMSE per real column ' +
        '= RMSE of the mean imputation / population std of the full column, averaged; PFC per categorical column ' +
        '= error rate of the majority vote',
      datasets: config.datasets.map((d) => ({
        name: d.name,
        rows: tables.get(d.name)!.rows.length,
        columns: tables.get(d.name)!.types.length,
        missingRate: d.missingRate,
        epochs: d.epochs,
      })),
      results: table,
      columns,
      units: results.map(({ validationCurve: _, ...r }) => r),
    },
    claims: stated.map((s) => s.claim),
  };
}

/** Runs one method on one corrupted table and scores it (a unit of work). */
async function runUnit(
  config: UciConfig,
  d: DatasetConfig,
  data: Dataset,
  replicate: number,
  mask: Mask,
  method: Method,
  context: AppContext,
  tick: (epoch: number) => void,
): Promise<UnitResult> {
  const corrupted = applyMask(data.rows, mask);
  const started = performance.now();
  const unitSeed = foldIn(context.seed, `${d.name}/r${replicate}/${method}`);
  const output = await runMethod(method, corrupted, data.types, d, config, unitSeed, (info) => {
    context.run.appendMetrics({ kind: 'epoch', dataset: d.name, replicate, method, ...info });
    tick(info.epoch);
  });
  const seconds = (performance.now() - started) / 1000;
  const { imputations } = output;
  const e = nrmse(data.rows, mask, imputations, data.types);
  const s = spread(data.rows, mask, imputations, data.types);
  const result: UnitResult = {
    dataset: d.name,
    replicate,
    method,
    missingRate: d.missingRate,
    removed: mask.reduce((n, row) => n + row.filter(Boolean).length, 0),
    nrmse: e.mean,
    nrmsePerColumn: e.perColumn,
    pfc: pfc(data.rows, mask, imputations, data.types).mean,
    spread: s.mean,
    spreadPerColumn: s.perColumn,
    disagreement: s.categorical,
    valid: imputations.every((t) => isValidImputation(data.rows, mask, t)),
    imputations: imputations.length,
    bestEpoch: output.training?.bestEpoch ?? null,
    bestValidationIwae: output.training?.bestValidationIwae ?? null,
    validationCurve: output.curve,
    seconds,
  };
  const { validationCurve: _, ...metrics } = result;
  context.run.appendMetrics({ kind: 'result', ...metrics });
  return result;
}

/** Every removed entry finite, every observed entry equal to the truth. */
function isValidImputation(truth: Table, mask: Mask, completed: Table): boolean {
  return truth.every((row, i) =>
    row.every((v, j) => (mask[i]![j] ? Number.isFinite(completed[i]![j]!) : completed[i]![j] === v)),
  );
}

/** A row of results.csv and of the printed table: method | dataset | NRMSE (mean ± sd over replicates) | …. */
function resultRow(a: Aggregate) {
  return {
    method: METHOD_LABELS[a.method],
    dataset: a.dataset,
    'missing rate': a.missingRate,
    replicates: a.replicates,
    NRMSE: a.nrmse,
    'NRMSE sd': a.nrmseSd,
    PFC: a.pfc,
    'PFC sd': a.pfcSd,
    spread: a.spread,
    'seconds per run': a.seconds,
  };
}

/** Per real column: every method's NRMSE and VAEAC's spread (columns.csv). */
function columnRows(aggregates: readonly Aggregate[], tables: ReadonlyMap<DatasetName, Dataset>) {
  return [...tables.values()].flatMap((data) =>
    data.columns.flatMap((column, j) => {
      if (data.types[j] !== 'real') return [];
      const of = (m: Method) => aggregates.find((a) => a.dataset === data.name && a.method === m);
      const row: Record<string, string | number | null> = { dataset: data.name, column };
      for (const m of METHODS) row[`NRMSE ${METHOD_LABELS[m]}`] = of(m)?.nrmsePerColumn[j] ?? null;
      row['VAEAC spread'] = of('vaeac')?.spreadPerColumn[j] ?? null;
      return [row];
    }),
  );
}

async function writeFigures(
  dir: string,
  aggregates: readonly Aggregate[],
  results: readonly UnitResult[],
  tables: ReadonlyMap<DatasetName, Dataset>,
): Promise<void> {
  const bars = (key: 'nrmse' | 'pfc', sdKey: 'nrmseSd' | 'pfcSd') =>
    aggregates.flatMap((a) =>
      a[key] === null
        ? []
        : [{ dataset: a.dataset, method: METHOD_LABELS[a.method], value: a[key]!, sd: a[sdKey] ?? 0 }],
    );
  await writePlot(
    dir,
    'nrmse',
    scoreBars('NRMSE of the removed real entries (lower is better)', 'NRMSE', bars('nrmse', 'nrmseSd')),
  );
  const pfcRows = bars('pfc', 'pfcSd');
  if (pfcRows.length > 0) {
    await writePlot(dir, 'pfc', scoreBars('PFC of the removed categorical entries (lower is better)', 'PFC', pfcRows));
  }
  const scatter = aggregates
    .filter((a) => a.method === 'vaeac')
    .flatMap((a) =>
      a.nrmsePerColumn.flatMap((e, j) => {
        const s = a.spreadPerColumn[j];
        return e === null || s === null || s === undefined
          ? []
          : [{ dataset: a.dataset, column: tables.get(a.dataset)!.columns[j]!, nrmse: e, spread: s }];
      }),
    );
  await writePlot(dir, 'spread-vs-nrmse', spreadScatter(scatter));
  const curves = results
    .filter((r) => r.method === 'vaeac' && r.replicate === 0)
    .flatMap((r) => r.validationCurve.map((p) => ({ dataset: r.dataset, epoch: p.epoch, iwae: p.iwae })));
  if (curves.length > 0) await writePlot(dir, 'vaeac-training', trainingCurves(curves));
}
