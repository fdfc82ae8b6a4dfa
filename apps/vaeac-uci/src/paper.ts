import type { DatasetName } from './datasets.js';
import type { Method } from './methods.js';

/**
 * Where a claim comes from: the paper's text (abstract, §5.1, as the project's research notes record it), the
 * research notes' CPU-scale plan (/work/shared/research/papers-spec.md §1.7 "counts as reproducing"), which
 * sets the thresholds, or the notes' recollection of the paper's table (§1.5, marked approximate there).
 */
export type Provenance = 'paper' | 'research notes §1.7' | 'research notes §1.5 (recalled, approximate)';

/** What a claim asks of our numbers. */
export type Threshold =
  /** VAEAC's mean NRMSE ≤ the limit on each listed dataset. */
  | { readonly kind: 'nrmseAtMost'; readonly limits: Readonly<Partial<Record<DatasetName, number>>> }
  /**
   * VAEAC's mean NRMSE ≤ our `baseline`'s + `margin` on each listed dataset (margin 0: strictly below).
   * `calibrated`: the baseline's NRMSE the notes measured when they set the threshold.
   */
  | {
      readonly kind: 'nearBaseline';
      readonly baseline: Method;
      readonly margin: number;
      readonly strict: boolean;
      readonly calibrated: Readonly<Partial<Record<DatasetName, number>>>;
    }
  /** VAEAC's mean PFC ≤ `limit` on `dataset` (`majority`: the PFC of always guessing the majority class). */
  | { readonly kind: 'pfcAtMost'; readonly dataset: DatasetName; readonly limit: number; readonly majority: number }
  /** Spread > 0 on every dataset, and positively rank-correlated with the column's NRMSE on every dataset. */
  | { readonly kind: 'diversity' }
  /** No threshold: the paper's (recalled) numbers are shown next to ours only. */
  | { readonly kind: 'none' };

/** A number of the paper's UCI table as the notes recall it. */
export interface PaperNumber {
  readonly dataset: string;
  readonly method: string;
  readonly nrmse: number | readonly [number, number];
  /** true: recalled, not verified against the paper; do not use as a threshold. */
  readonly approximate: true;
}

/** A claim of the VAEAC paper about missing-feature imputation, machine-readable. */
export interface PaperClaim {
  readonly id: 'beatsMean' | 'nearMice' | 'beatsMiceBreast' | 'irisPfc' | 'diversity' | 'paperNumbers';
  readonly claim: string;
  readonly paper: string;
  readonly provenance: { readonly statement: Provenance; readonly threshold: Provenance | null };
  readonly threshold: Threshold;
  /** The paper's numbers for this claim where the notes recall them (approximate), else null. */
  readonly numbers: readonly PaperNumber[] | null;
  /** A stretch goal of the notes: reported, not expected. */
  readonly stretch?: true;
}

/**
 * Ivanov, Figurnov, Vetrov, "Variational Autoencoder with Arbitrary Conditioning" (ICLR 2019, arXiv 1806.02382),
 * missing-feature imputation on UCI tables at 50 % MCAR, as the research notes §1.3, §1.5 and §1.7 record it.
 */
export const PAPER: readonly PaperClaim[] = [
  {
    id: 'beatsMean',
    claim: 'VAEAC NRMSE at 50 % MCAR (transductive) on wine and breast cancer, vs mean imputation (NRMSE ≈ 1)',
    paper: 'VAEAC imputes far better than trivial imputation (its table: NRMSE about 0.5-0.9)',
    provenance: { statement: 'paper', threshold: 'research notes §1.7' },
    threshold: { kind: 'nrmseAtMost', limits: { wine: 0.93, breast: 0.62 } },
    numbers: null,
  },
  {
    id: 'nearMice',
    claim: 'VAEAC NRMSE vs the MICE-like baseline on wine and breast cancer',
    paper: 'competitive with or better than MICE and MissForest',
    provenance: { statement: 'paper', threshold: 'research notes §1.7' },
    threshold: {
      kind: 'nearBaseline',
      baseline: 'iterative-ridge',
      margin: 0.05,
      strict: false,
      calibrated: { wine: 0.88, breast: 0.53 },
    },
    numbers: null,
  },
  {
    id: 'beatsMiceBreast',
    claim: 'VAEAC NRMSE below the MICE-like baseline on breast cancer (stretch goal)',
    paper: 'on par with MissForest and better than MICE on most of its tables (bigger ones than ours)',
    provenance: { statement: 'research notes §1.5 (recalled, approximate)', threshold: 'research notes §1.7' },
    threshold: {
      kind: 'nearBaseline',
      baseline: 'iterative-ridge',
      margin: 0,
      strict: true,
      calibrated: { breast: 0.53 },
    },
    numbers: null,
    stretch: true,
  },
  {
    id: 'irisPfc',
    claim: 'iris with the species as a 3-class categorical column: PFC of the imputed species',
    paper: 'one model imputes mixed real and categorical features (PFC on categorical ones)',
    provenance: { statement: 'paper', threshold: 'research notes §1.7' },
    threshold: { kind: 'pfcAtMost', dataset: 'iris', limit: 0.15, majority: 2 / 3 },
    numbers: null,
  },
  {
    id: 'diversity',
    claim: 'multiple imputations: spread across the imputations, larger where the column is less predictable',
    paper: 'VAEAC gives diverse multiple imputations',
    provenance: { statement: 'paper', threshold: 'research notes §1.7' },
    threshold: { kind: 'diversity' },
    numbers: null,
  },
  {
    id: 'paperNumbers',
    claim: "the magnitudes of the paper's UCI table (Boston, Breast, Concrete, CTG, Mushroom, White wine, Yeast)",
    paper: 'NRMSE about 0.5-0.9; Breast about 0.47 for the best methods (recalled, approximate)',
    provenance: { statement: 'research notes §1.5 (recalled, approximate)', threshold: null },
    threshold: { kind: 'none' },
    numbers: [
      { dataset: 'Breast', method: 'best methods (VAEAC, MissForest)', nrmse: 0.47, approximate: true },
      { dataset: 'all tables', method: 'VAEAC', nrmse: [0.5, 0.9], approximate: true },
    ],
  },
];

/** The claim with `id`. */
export function paperClaim(id: PaperClaim['id']): PaperClaim {
  return PAPER.find((c) => c.id === id)!;
}
