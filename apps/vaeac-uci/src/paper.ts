import type { DatasetName } from './datasets.js';

/**
 * The thresholds the claims test: the research notes' CPU-scale "counts as reproducing" (papers-spec.md §1.7),
 * not numbers of the paper. The paper's own UCI table (Boston, Breast, Concrete, CTG, Mushroom, White wine,
 * Yeast; NRMSE about 0.5-0.9, Breast about 0.47 for the best methods) is recalled by the notes as approximate and
 * unverified (§1.5), so no claim carries a `paper` reference.
 */
export const THRESHOLDS = {
  /** VAEAC's NRMSE at most this on the table, "below mean imputation (≈ 1) by a clear margin". */
  nrmseAtMost: { wine: 0.93, breast: 0.62 } as Readonly<Partial<Record<DatasetName, number>>>,
  /** VAEAC's NRMSE at most the MICE-like baseline's plus this, on wine and breast. */
  miceMargin: 0.05,
  /** The tables of the "near MICE" claim, with the MICE-like NRMSE the notes measured when they set the margin. */
  miceCalibrated: { wine: 0.88, breast: 0.53 } as Readonly<Partial<Record<DatasetName, number>>>,
  /** The stretch goal: VAEAC strictly below the MICE-like baseline on this table. */
  beatsMiceOn: 'breast' as DatasetName,
  /** iris's species imputed by VAEAC: PFC at most this (always guessing the majority class: 2/3). */
  irisPfc: 0.15,
} as const;

/**
 * What the paper says for each claim, as prose for the printed table: Ivanov, Figurnov, Vetrov, "Variational
 * Autoencoder with Arbitrary Conditioning" (ICLR 2019, arXiv 1806.02382), missing-feature imputation on UCI tables
 * at 50 % MCAR, as the research notes §1.3, §1.5 and §1.7 record it.
 */
export const PAPER_SAYS = {
  beatsMean: 'VAEAC imputes far better than trivial imputation (its table: NRMSE about 0.5-0.9, recalled)',
  nearMice: 'competitive with or better than MICE and MissForest',
  beatsMice: 'on par with MissForest and better than MICE on most of its tables (bigger ones than ours; recalled)',
  irisPfc: 'one model imputes mixed real and categorical features (PFC on categorical ones)',
  diversity: 'VAEAC gives diverse multiple imputations',
} as const;
