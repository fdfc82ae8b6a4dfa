import type { AdaptiveMethod } from '@proj/adaptive-compute';
import type { SactConfig } from './config.js';

/** One trained network: its halting rule and its speed preference. */
export interface Variant {
  /** Unit id and label: `plain`, `ACT τ=0.01`, `SACT τ=0.01`, `PACT π=0.05`. */
  readonly id: string;
  readonly method: AdaptiveMethod;
  /** The name in tables and figures: plain, ACT, SACT, PACT. */
  readonly name: 'plain' | 'ACT' | 'SACT' | 'PACT';
  /**
   * The ponder-cost weight τ (ACT, SACT); for PACT the penalty per unit of its prior, −ln(1 − π); 0 for the
   * plain network.
   */
  readonly tau: number;
  /** PACT's prior halting probability π; null otherwise. */
  readonly prior: number | null;
}

/** The variants of a config, in run order: plain, ACT by τ, SACT by τ, PACT by π. */
export function variantsOf(config: SactConfig): Variant[] {
  const { act, sact, pact } = config.variants;
  return [
    { id: 'plain', method: 'vanilla', name: 'plain', tau: 0, prior: null },
    ...act.taus.map((tau): Variant => ({ id: `ACT τ=${tau}`, method: 'act', name: 'ACT', tau, prior: null })),
    ...sact.taus.map((tau): Variant => ({ id: `SACT τ=${tau}`, method: 'sact', name: 'SACT', tau, prior: null })),
    ...pact.priors.map(
      (prior): Variant => ({ id: `PACT π=${prior}`, method: 'pact', name: 'PACT', tau: -Math.log1p(-prior), prior }),
    ),
  ];
}
