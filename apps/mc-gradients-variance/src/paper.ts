import type { CostName } from './costs.js';
import type { EstimatorVariant } from './exact-variance.js';

/** The survey's estimators in the research notes' table: SF, SF with optimal baseline, pathwise, MVD coupled/uncoupled. */
export type PaperColumn = 'SF' | 'SF*' | 'PW' | 'MVc' | 'MVu';

/**
 * Exact per-sample variances at μ = σ = 1, copied from the project research notes (2026), which computed them
 * with scipy quadrature in the setting of the survey's §3 (Mohamed et al., JMLR 2020; the survey shows them only
 * as the curves of Figures 2 and 3). Strings keep the printed precision, which the comparison honours. Per cost
 * and k: [∂μ, ∂σ] per column.
 */
const TABLE: Readonly<
  Record<CostName, Readonly<Record<string, Readonly<Record<PaperColumn, readonly [string, string]>>>>>
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

/** The table column of an estimator variant. */
export function paperColumn(variant: EstimatorVariant): PaperColumn {
  if (variant.estimator === 'scoreFunction') return variant.baseline === 'optimal' ? 'SF*' : 'SF';
  if (variant.estimator === 'pathwise') return 'PW';
  return variant.coupling === false ? 'MVu' : 'MVc';
}

/** The printed value for a cost, k, variant and parameter (0: μ, 1: σ), or undefined when the table has none. */
export function paperValue(cost: CostName, k: number, variant: EstimatorVariant, param: 0 | 1): string | undefined {
  return TABLE[cost][String(k)]?.[paperColumn(variant)][param];
}

/** Whether `value` rounds to the printed `text`: within half a unit of its last printed digit. */
export function matchesPrinted(value: number, text: string): boolean {
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return Math.abs(value - Number(text)) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}
