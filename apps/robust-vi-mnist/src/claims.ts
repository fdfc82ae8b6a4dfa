import { IMAGE_SIZE } from '@proj/mnist';
import type { Check } from '@proj/repro';
import { noiseFraction } from './config.js';
import { type PaperClaim, paperClaim } from './paper.js';
import type { ModelResult, RatioOutcome } from './results.js';

const COMMAND = 'pnpm repro robust-vi-mnist';
/** log p(x) of any binary digit under a decoder that outputs 1/2 everywhere: −784 log 2. */
const UNIFORM_DECODER = -IMAGE_SIZE * Math.log(2);

/** Fixed-point text of a number; an en dash for none. */
const fixed = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '–' : v.toFixed(digits));

const at = (outcomes: readonly RatioOutcome[], labels: readonly string[]) =>
  labels.flatMap((label) => outcomes.filter((o) => o.ratio.label === label));
const noisy = (outcomes: readonly RatioOutcome[]) => outcomes.filter((o) => o.ratio.noise > 0);
const gaps = (outcomes: readonly RatioOutcome[]) =>
  outcomes.map((o) => `${o.ratio.label}: ${fixed(o.gap)} (log α = ${o.robust.logAlpha})`).join('; ');

/** Whether our numbers meet `claim`'s threshold, and what they are; undefined when the run lacks its ratios. */
function assess(claim: PaperClaim, outcomes: readonly RatioOutcome[]): { pass: boolean; ours: string } | undefined {
  const t = claim.threshold;
  switch (t.kind) {
    case 'gapAtLeast':
    case 'gapWithin': {
      const found = at(outcomes, t.ratios);
      if (found.length === 0) return undefined;
      const pass = found.every((o) => (t.kind === 'gapAtLeast' ? o.gap >= t.nats : Math.abs(o.gap) <= t.nats));
      const robustVsVae = found
        .map((o) => `${fixed(o.robust.testLogLikelihood)} vs ${fixed(o.vae.testLogLikelihood)}`)
        .join('; ');
      return { pass, ours: `gap ${gaps(found)} nats (robust vs VAE: ${robustVsVae})` };
    }
    case 'gapGrows': {
      const sorted = [...outcomes].sort((a, b) => noiseFraction(a.ratio) - noiseFraction(b.ratio));
      if (sorted.length < 2) return undefined;
      const pass = sorted.every((o, i) => i === 0 || o.gap >= sorted[i - 1]!.gap);
      return {
        pass,
        ours: `gap by noise fraction: ${sorted.map((o) => `${fixed(noiseFraction(o.ratio))} → ${fixed(o.gap)}`).join(', ')}`,
      };
    }
    case 'weights': {
      const found = noisy(outcomes);
      if (found.length === 0) return undefined;
      const pass = found.every(
        (o) => o.robust.weights!.clean >= t.cleanAtLeast && o.robust.weights!.noise! <= t.noiseAtMost,
      );
      const ours = found
        .map(
          (o) =>
            `${o.ratio.label}: clean ${fixed(o.robust.weights!.clean, 3)}, noise ${fixed(o.robust.weights!.noise, 3)}`,
        )
        .join('; ');
      return { pass, ours };
    }
    case 'weightAuc': {
      const found = noisy(outcomes);
      if (found.length === 0) return undefined;
      return {
        pass: found.every((o) => o.robust.weights!.auc! >= t.atLeast),
        ours: found.map((o) => `${o.ratio.label}: AUC ${fixed(o.robust.weights!.auc, 4)}`).join('; '),
      };
    }
    case 'samples': {
      const found = at(outcomes, [t.ratio]);
      if (found.length === 0) return undefined;
      const pass =
        outcomes.every((o) => o.robust.noiseLikeSamples <= t.robustAtMost) &&
        found[0]!.vae.noiseLikeSamples > t.vaeAbove;
      const ours =
        `noise-like prior samples, VAE / robust VAE: ` +
        outcomes
          .map(
            (o) =>
              `${o.ratio.label} ${fixed(100 * o.vae.noiseLikeSamples, 1)} % / ${fixed(100 * o.robust.noiseLikeSamples, 1)} %`,
          )
          .join('; ') +
        ' (prior-samples-*.png)';
      return { pass, ours };
    }
  }
}

/** The paper's claims (src/paper.ts) next to ours. */
export function claims(outcomes: readonly RatioOutcome[]) {
  return PAPER_IDS.flatMap((id) => {
    const claim = paperClaim(id);
    const result = assess(claim, outcomes);
    return result === undefined
      ? []
      : [{ claim: claim.claim, paper: claim.paper, ours: result.ours, command: COMMAND }];
  });
}

const PAPER_IDS: readonly PaperClaim['id'][] = ['noisyGap', 'gapGrows', 'cleanGap', 'weights', 'weightAuc', 'samples'];

/** A readable statement of a claim's threshold. */
function thresholdText(claim: PaperClaim): string {
  const t = claim.threshold;
  switch (t.kind) {
    case 'gapAtLeast':
      return `robust − VAE ≥ ${t.nats} nats at ${t.ratios.join(' and ')}`;
    case 'gapWithin':
      return `|robust − VAE| ≤ ${t.nats} nat at ${t.ratios.join(', ')}`;
    case 'gapGrows':
      return 'the gap does not decrease with the noise fraction';
    case 'weights':
      return `robust VAE's mean weight ≥ ${t.cleanAtLeast} on clean and ≤ ${t.noiseAtMost} on noise objects`;
    case 'weightAuc':
      return `AUC of the weight, clean vs noise, ≥ ${t.atLeast}`;
    case 'samples':
      return `noise-like prior samples ≤ ${100 * t.robustAtMost} % for every robust VAE and > ${100 * t.vaeAbove} % for the VAE at ${t.ratio}`;
  }
}

/** The paper's claims as checks, with the research notes' thresholds (they may fail: reported, not hidden). */
export function claimChecks(outcomes: readonly RatioOutcome[]): Check[] {
  return PAPER_IDS.flatMap((id) => {
    const claim = paperClaim(id);
    const result = assess(claim, outcomes);
    return result === undefined
      ? []
      : [
          {
            name: `claim ${claim.id} (threshold of ${claim.provenance.threshold}): ${thresholdText(claim)}`,
            pass: result.pass,
            detail: result.ours,
          },
        ];
  });
}

/** Checks that every model trained and evaluated sanely. */
export function sanityChecks(results: readonly ModelResult[]): Check[] {
  return [
    {
      name: `every model learns: clean-test ELBO above ${fixed(UNIFORM_DECODER)} nats (a decoder of 1/2 everywhere)`,
      pass: results.every((r) => r.testElbo > UNIFORM_DECODER),
      detail: `lowest ${fixed(Math.min(...results.map((r) => r.testElbo)))}`,
    },
    {
      name: 'the importance-sampled test log-likelihood bounds the test ELBO from above for every model',
      pass: results.every((r) => r.testLogLikelihood >= r.testElbo - 1e-3 * Math.abs(r.testElbo)),
      detail: `smallest log p(x) − ELBO ${fixed(Math.min(...results.map((r) => r.testLogLikelihood - r.testElbo)))} nats`,
    },
  ];
}
