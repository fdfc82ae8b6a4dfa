import { type Claim, type ClaimSpec, claim, claimRow } from '@proj/repro';
import type { MnistResult } from './mnist.js';
import { PAPER_SAYS, THRESHOLDS } from './paper.js';
import type { ToyResult } from './toy-unit.js';

const COMMAND = 'pnpm repro vaeac-inpainting';
const T = THRESHOLDS;
const fixed = (v: number, digits = 2) => v.toFixed(digits);

/** A claim and what the paper says about it (prose for the printed table). */
export interface StatedClaim {
  readonly claim: Claim;
  readonly paper: string;
}

/**
 * The paper's inpainting and toy claims with this app's thresholds (src/paper.ts), and sanity claims on the
 * completions and the training. Toy claims are left out when no condition has |x1| ≥ `toyMinCondition`.
 */
export function inpaintingClaims(mnist: MnistResult, toy: ToyResult): StatedClaim[] {
  const out: StatedClaim[] = [];
  const add = (paper: string, spec: ClaimSpec) => out.push({ claim: claim(spec), paper });
  for (const s of mnist.scores) {
    add(PAPER_SAYS.psnr, {
      id: `psnr-gain.${s.mask}`,
      text: `on ${s.mask} masks, a single VAEAC completion's masked-region PSNR beats filling with the mean training digit (ours: the difference)`,
      reference: null,
      ours: s.vaeacSample - s.meanFill,
      unit: 'dB',
      test: { op: '>', bound: T.psnrGainDb },
      detail:
        `one completion ${fixed(s.vaeacSample)} dB, mean of the completions ${fixed(s.vaeacMean)} dB, mean fill ` +
        `${fixed(s.meanFill)} dB (${fixed(100 * s.maskedFraction, 0)} % of the pixels masked)`,
    });
  }
  add(PAPER_SAYS.diverse, {
    id: 'diverse-completions',
    text: `completions of a digit with its bottom half masked differ: std across completions over the masked pixels ≥ ${T.spreadAtLeast}`,
    reference: null,
    ours: mnist.grid.spread,
    test: { op: '>=', bound: T.spreadAtLeast },
    detail: `over the masked halves of ${mnist.grid.rows} test ${mnist.grid.digit}s (completions-bottom-half.png)`,
  });
  const tested = toy.shares.filter((s) => Math.abs(s.condition) >= T.toyMinCondition);
  if (tested.length > 0) {
    const at = tested.map((s) => s.condition).join(', ');
    const detail = toy.shares
      .map(
        (s, i) =>
          `x1 = ${s.condition}: ${fixed(100 * s.upper, 0)} % near +, ${fixed(100 * s.lower, 0)} % near −, ` +
          `${fixed(100 * s.between, 0)} % between (regression ${fixed(toy.regression[i]!)})`,
      )
      .join('; ');
    add(PAPER_SAYS.toy, {
      id: 'toy-both-modes',
      text: `bimodal toy (x2 = ±x1 + noise): at x1 = ${at} each mode gets ≥ ${100 * T.toyModeAtLeast} % of VAEAC's samples of x2 | x1 (ours: the smallest share)`,
      reference: null,
      ours: 100 * Math.min(...tested.map((s) => Math.min(s.upper, s.lower))),
      unit: '%',
      test: { op: '>=', bound: 100 * T.toyModeAtLeast },
      detail,
    });
    add(PAPER_SAYS.toy, {
      id: 'toy-between',
      text: `bimodal toy: at x1 = ${at} at most ${100 * T.toyBetweenAtMost} % of the samples fall between the modes, where a regression puts them (ours: the largest share)`,
      reference: null,
      ours: 100 * Math.max(...tested.map((s) => s.between)),
      unit: '%',
      test: { op: '<=', bound: 100 * T.toyBetweenAtMost },
      detail,
    });
  }
  out.push(...sanityClaims(mnist).map((c) => ({ claim: c, paper: 'sanity (no paper number)' })));
  return out;
}

/** Sanity: observed pixels kept, the model learned something (loss fell). */
function sanityClaims(mnist: MnistResult): Claim[] {
  const first = mnist.epochs[0]?.trainLoss ?? Number.NaN;
  const last = mnist.epochs.at(-1)?.trainLoss ?? Number.NaN;
  return [
    claim({
      id: 'sanity.observed-kept',
      text: 'every completion keeps every observed pixel exactly (ours: 1 when one changed, else 0)',
      reference: null,
      ours: mnist.observedKept ? 0 : 1,
      test: { op: '<=', bound: 0 },
    }),
    claim({
      id: 'sanity.loss-falls',
      text: 'the image VAEAC trains: its last epoch’s training loss is below its first’s (ours: last − first)',
      reference: null,
      ours: last - first,
      test: { op: '<', bound: 0 },
      detail: `${fixed(first)} → ${fixed(last)}`,
    }),
  ];
}

/** The printed table: one row per claim, agreeing with the claims (the same numbers and verdicts). */
export function claimTable(stated: readonly StatedClaim[]) {
  return stated.map(({ claim: c, paper }) => claimRow(c, paper, COMMAND));
}
