import type { Check } from '@proj/repro';
import type { MnistResult } from './mnist.js';
import { PAPER, type PaperClaim, type Threshold } from './paper.js';
import type { ToyResult } from './toy-unit.js';

const COMMAND = 'pnpm repro vaeac-inpainting';
const fixed = (v: number, digits = 2) => v.toFixed(digits);

/** Whether our numbers meet the claim's threshold and what they are. */
function assess(claim: PaperClaim, mnist: MnistResult, toy: ToyResult): { pass: boolean; ours: string } {
  const t = claim.threshold;
  switch (t.kind) {
    case 'psnrAboveMeanFill':
      return {
        pass: mnist.scores.every((s) => s.vaeacSample - s.meanFill >= t.db),
        ours: mnist.scores
          .map(
            (s) =>
              `${s.mask}: ${fixed(s.vaeacSample)} dB (mean of the completions ${fixed(s.vaeacMean)}) vs mean fill ${fixed(s.meanFill)} dB`,
          )
          .join('; '),
      };
    case 'spreadAtLeast':
      return {
        pass: mnist.grid.spread >= t.atLeast,
        ours:
          `std across completions over the masked half of ${mnist.grid.rows} test ${mnist.grid.digit}s: ` +
          `${fixed(mnist.grid.spread, 3)} (completions-bottom-half.png)`,
      };
    case 'bimodal': {
      const checked = toy.shares.filter((s) => Math.abs(s.condition) >= t.minCondition);
      return {
        pass:
          checked.length > 0 &&
          checked.every((s) => s.upper >= t.modeAtLeast && s.lower >= t.modeAtLeast && s.between <= t.betweenAtMost),
        ours: toy.shares
          .map(
            (s, i) =>
              `x1 = ${s.condition}: ${fixed(100 * s.upper, 0)} % near +, ${fixed(100 * s.lower, 0)} % near −, ` +
              `${fixed(100 * s.between, 0)} % between (regression: ${fixed(toy.regression[i]!)})`,
          )
          .join('; '),
      };
    }
  }
}

/** The paper's claims (src/paper.ts) next to ours. */
export function claims(mnist: MnistResult, toy: ToyResult) {
  return PAPER.map((claim) => ({
    claim: claim.claim,
    paper: claim.paper,
    ours: assess(claim, mnist, toy).ours,
    command: COMMAND,
  }));
}

function thresholdText(t: Threshold): string {
  switch (t.kind) {
    case 'psnrAboveMeanFill':
      return `single-completion PSNR ≥ mean fill + ${t.db} dB on every mask`;
    case 'spreadAtLeast':
      return `std across completions over the masked pixels ≥ ${t.atLeast}`;
    case 'bimodal':
      return `at |x1| ≥ ${t.minCondition}: each mode ≥ ${100 * t.modeAtLeast} % of the samples, ≤ ${100 * t.betweenAtMost} % between`;
  }
}

/** The claims as checks (they may fail: reported, not hidden). */
export function claimChecks(mnist: MnistResult, toy: ToyResult): Check[] {
  return PAPER.map((claim) => {
    const { pass, ours } = assess(claim, mnist, toy);
    return {
      name: `claim ${claim.id} (threshold of ${claim.provenance.threshold}): ${thresholdText(claim.threshold)}`,
      pass,
      detail: ours,
    };
  });
}

/** Sanity: observed pixels kept, the model learned something (loss fell). */
export function sanityChecks(mnist: MnistResult): Check[] {
  const first = mnist.epochs[0]?.trainLoss ?? Number.NaN;
  const last = mnist.epochs.at(-1)?.trainLoss ?? Number.NaN;
  return [
    {
      name: 'every completion keeps every observed pixel exactly',
      pass: mnist.observedKept,
      detail: mnist.observedKept ? 'yes' : 'an observed pixel changed',
    },
    {
      name: 'the image VAEAC trains: the last epoch’s loss is below the first’s',
      pass: last < first,
      detail: `${fixed(first)} → ${fixed(last)}`,
    },
  ];
}
