import type { CostName } from './costs.js';
import type { EstimatorVariant } from './exact-variance.js';

/** The estimators in the research notes' table: SF, SF with optimal baseline, pathwise, MVD coupled/uncoupled. */
export type TableColumn = 'SF' | 'SF*' | 'PW' | 'MVc' | 'MVu';

/**
 * Exact per-sample variances at μ = σ = 1, copied from the project research notes (2026,
 * mc-gradients-implicit-spec.md §2.1), which computed them with scipy quadrature in the setting of the survey's §3
 * (Mohamed et al., JMLR 2020). They are OUR exact numbers (claims: reference kind 'ours-exact'), not the survey's:
 * the survey shows these variances only as the curves of Figures 2 and 3 and prints none of them. Strings keep the
 * printed precision, which the comparison honours. Per cost and k: [∂μ, ∂σ] per column.
 */
const TABLE: Readonly<
  Record<CostName, Readonly<Record<string, Readonly<Record<TableColumn, readonly [string, string]>>>>>
> = {
  square: {
    '-3': { SF: ['495', '1546'], 'SF*': ['134', '664'], PW: ['4', '72'], MVc: ['17.49', '68'], MVu: ['10.02', '264'] },
    '-1': { SF: ['87', '346'], 'SF*': ['38', '184'], PW: ['4', '24'], MVc: ['4.372', '20'], MVu: ['3.459', '72'] },
    '0': { SF: ['30', '136'], 'SF*': ['14', '64'], PW: ['4', '12'], MVc: ['1.093', '8'], MVu: ['1.82', '24'] },
    '1': { SF: ['15', '74'], 'SF*': ['6', '24'], PW: ['4', '8'], MVc: ['0', '4'], MVu: ['1.273', '8'] },
    '3': { SF: ['87', '346'], 'SF*': ['38', '184'], PW: ['4', '24'], MVc: ['4.372', '20'], MVu: ['3.459', '72'] },
  },
  exp: {
    '0.1': {
      SF: ['.5635', '.9354'],
      'SF*': ['.04047', '.141'],
      PW: ['.01629', '.02777'],
      MVc: ['.002509', '.02197'],
      MVu: ['.005071', '.08731'],
    },
    '1': {
      SF: ['.1758', '.1767'],
      'SF*': ['.07222', '.1128'],
      PW: ['.2117', '.1757'],
      MVc: ['.01257', '.07066'],
      MVu: ['.01265', '.2769'],
    },
    '10': {
      SF: ['.07694', '.009035'],
      'SF*': ['.0602', '.008739'],
      PW: ['.9416', '.892'],
      MVc: ['.02066', '.1167'],
      MVu: ['.02066', '.1544'],
    },
  },
  cos: {
    '0.5': {
      SF: ['.4552', '.7987'],
      'SF*': ['.1179', '.4601'],
      PW: ['.03928', '.08751'],
      MVc: ['.008275', '.06527'],
      MVu: ['.01516', '.2267'],
    },
    '1': {
      SF: ['.324', '.8363'],
      'SF*': ['.324', '.7826'],
      PW: ['.2677', '.3081'],
      MVc: ['.028', '.2026'],
      MVu: ['.04042', '.9489'],
    },
    '2': {
      SF: ['.4411', '.928'],
      'SF*': ['.4125', '.9216'],
      PW: ['1.94', '1.943'],
      MVc: ['.2241', '.7274'],
      MVu: ['.133', '.9698'],
    },
    '5': { SF: ['.5', '1'], 'SF*': ['.5', '1'], PW: ['12.5', '12.5'], MVc: ['.2957', '1'], MVu: ['.1605', '1'] },
  },
};

/** Where the values of {@link scipyValue} come from, for claims and tables. */
export const SCIPY_SOURCE = 'scipy quadrature, project research notes §2.1';

/** The table column of an estimator variant. */
export function tableColumn(variant: EstimatorVariant): TableColumn {
  if (variant.estimator === 'scoreFunction') return variant.baseline === 'optimal' ? 'SF*' : 'SF';
  if (variant.estimator === 'pathwise') return 'PW';
  return variant.coupling === false ? 'MVu' : 'MVc';
}

/**
 * The printed scipy value for a cost, k (matched to a table key within 1e-9 relative, so that a grid's
 * 10.000000000000007 finds k = 10), variant and parameter (0: μ, 1: σ), or undefined when the table has none.
 */
export function scipyValue(cost: CostName, k: number, variant: EstimatorVariant, param: 0 | 1): string | undefined {
  const key = Object.keys(TABLE[cost]).find((t) => Math.abs(Number(t) - k) <= 1e-9 * Math.max(1, Math.abs(k)));
  return key === undefined ? undefined : TABLE[cost][key]![tableColumn(variant)][param];
}

/**
 * How far `value` is from the printed `text`, in half units of its last printed digit: at most 1 when `value`
 * rounds to `text` ("17.49": |value − 17.49| / 0.005).
 */
export function printedDeviation(value: number, text: string): number {
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return Math.abs(value - Number(text)) / (0.5 * 10 ** -decimals);
}
