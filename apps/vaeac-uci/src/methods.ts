import { foldIn, type Seed } from '@proj/core';
import { fit as fitVaeac, impute } from '@proj/vaeac';
import { iterativeRidgeImpute } from './baselines/iterative-ridge-impute.js';
import { knnImpute } from './baselines/knn-impute.js';
import { meanImpute } from './baselines/mean-impute.js';
import type { DatasetConfig, UciConfig } from './config.js';
import type { ColumnType, Table } from './table.js';

/** The imputation methods compared, in table order. */
export const METHODS = ['mean', 'iterative-ridge', 'knn', 'vaeac'] as const;
export type Method = (typeof METHODS)[number];

/** How a method is named in tables and figures. */
export const METHOD_LABELS: Readonly<Record<Method, string>> = {
  mean: 'mean imputation',
  'iterative-ridge': 'MICE-like (iterative ridge)',
  knn: 'kNN',
  vaeac: 'VAEAC',
};

/** One VAEAC epoch, as `@proj/vaeac`'s `fit` reports it. */
export interface EpochInfo {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationIwae: number | null;
  readonly seconds: number;
}

/** What a method returns: its completed tables (one for a single-imputation baseline, K for VAEAC). */
export interface MethodOutput {
  readonly imputations: readonly Table[];
  /** VAEAC only: the epoch whose weights were kept (best validation IWAE) and that IWAE. */
  readonly training: { readonly bestEpoch: number | null; readonly bestValidationIwae: number | null } | null;
  /** VAEAC only: the validation IWAE at each validated epoch. */
  readonly curve: readonly { readonly epoch: number; readonly iwae: number }[];
}

/**
 * Imputes the NaN entries of `corrupted` with `method`. VAEAC is trained on the corrupted table itself
 * (transductive, as the paper's protocol) and imputes with `config.vaeac.imputations` draws of z from its prior
 * network, each decoded by the generative distribution's mode.
 */
export async function runMethod(
  method: Method,
  corrupted: Table,
  types: readonly ColumnType[],
  dataset: DatasetConfig,
  config: UciConfig,
  seed: Seed,
  onEpoch: (info: EpochInfo) => void,
): Promise<MethodOutput> {
  switch (method) {
    case 'mean':
      return { imputations: [meanImpute(corrupted, types)], training: null, curve: [] };
    case 'iterative-ridge':
      return {
        imputations: [iterativeRidgeImpute(corrupted, types, config.baselines.iterativeRidge)],
        training: null,
        curve: [],
      };
    case 'knn':
      return { imputations: [knnImpute(corrupted, types, config.baselines.knn.k)], training: null, curve: [] };
    case 'vaeac':
      return runVaeac(corrupted, types, dataset, config, seed, onEpoch);
  }
}

async function runVaeac(
  corrupted: Table,
  types: readonly ColumnType[],
  dataset: DatasetConfig,
  config: UciConfig,
  seed: Seed,
  onEpoch: (info: EpochInfo) => void,
): Promise<MethodOutput> {
  const { imputations, ...options } = config.vaeac;
  const { model, history } = await fitVaeac(corrupted, {
    ...options,
    columnTypes: types,
    epochs: dataset.epochs,
    seed: foldIn(seed, 'fit'),
    onEpoch,
  });
  try {
    const completed = impute(model, corrupted, { numImputations: imputations, seed: foldIn(seed, 'impute') });
    const validated = history.filter((h) => h.validationIwae !== null);
    const best = validated.reduce<(typeof validated)[number] | null>(
      (b, h) => (b === null || h.validationIwae! > b.validationIwae! ? h : b),
      null,
    );
    return {
      imputations: completed,
      training: { bestEpoch: best?.epoch ?? null, bestValidationIwae: best?.validationIwae ?? null },
      curve: validated.map((h) => ({ epoch: h.epoch, iwae: h.validationIwae! })),
    };
  } finally {
    model.dispose();
  }
}
