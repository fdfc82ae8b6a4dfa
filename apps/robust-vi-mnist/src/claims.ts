import { IMAGE_SIZE } from '@proj/mnist';
import { type Claim, claim, claimRow } from '@proj/repro';
import { noiseFraction } from './config.js';
import { type PaperClaimId, paperClaim } from './paper.js';
import type { ModelResult, RatioOutcome } from './results.js';

const COMMAND = 'pnpm repro robust-vi-mnist';
/** log p(x) of any binary digit under a decoder that outputs 1/2 everywhere: −784 log 2. */
const UNIFORM_DECODER = -IMAGE_SIZE * Math.log(2);

/** Fixed-point text of a number; an en dash for none. */
const fixed = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '–' : v.toFixed(digits));
const labels = (outcomes: readonly RatioOutcome[]) => outcomes.map((o) => o.ratio.label).join(', ');
const percent = (v: number) => `${fixed(100 * v, 1)} %`;

/**
 * The paper's claims (src/paper.ts) about the run's ratios, with the research notes' thresholds, each where the
 * run has the ratios it needs (the paper's numbers are only in a figure: no reference). O(ratios).
 */
export function paperClaims(outcomes: readonly RatioOutcome[]): Claim[] {
  const byNoise = [...outcomes].sort((a, b) => noiseFraction(a.ratio) - noiseFraction(b.ratio));
  const noisy = byNoise.filter((o) => o.ratio.noise > 0);
  const mostlyNoise = byNoise.filter((o) => noiseFraction(o.ratio) >= 0.5);
  const clean = byNoise.find((o) => o.ratio.noise === 0);
  const out: Claim[] = [];
  const gaps = (os: readonly RatioOutcome[]) =>
    os
      .map(
        (o) =>
          `${o.ratio.label}: ${fixed(o.gap)} (robust ${fixed(o.robust.testLogLikelihood)} vs VAE ${fixed(o.vae.testLogLikelihood)}, log α = ${o.robust.logAlpha})`,
      )
      .join('; ');
  if (mostlyNoise.length > 0) {
    out.push(
      claim({
        id: 'noisy-gap',
        text: `the robust VAE beats the VAE on clean-test log p(x) by ≥ 2 nats at every ratio with half or more noise objects (${labels(mostlyNoise)}; smallest gap)`,
        reference: null,
        ours: Math.min(...mostlyNoise.map((o) => o.gap)),
        unit: 'nats',
        test: { op: '>=', bound: 2 },
        detail: gaps(mostlyNoise),
      }),
    );
  }
  if (byNoise.length >= 2) {
    const steps = byNoise.slice(1).map((o, i) => o.gap - byNoise[i]!.gap);
    out.push(
      claim({
        id: 'gap-grows',
        text: `the gap (robust − VAE) does not decrease as the noise fraction grows over ${labels(byNoise)} (smallest change between neighbouring fractions ≥ 0)`,
        reference: null,
        ours: Math.min(...steps),
        unit: 'nats',
        test: { op: '>=', bound: 0 },
        detail: `gap by noise fraction: ${byNoise.map((o) => `${fixed(noiseFraction(o.ratio))} → ${fixed(o.gap)}`).join(', ')}`,
      }),
    );
  }
  if (clean !== undefined) {
    out.push(
      claim({
        id: 'clean-gap',
        text: `on clean data (${clean.ratio.label}) the robust VAE's clean-test log p(x) is within 1 nat of the VAE's`,
        reference: null,
        ours: clean.gap,
        unit: 'nats',
        test: { op: 'within', target: 0, tolerance: 1 },
        detail: gaps([clean]),
      }),
    );
  }
  if (noisy.length > 0) {
    const weights = noisy.map((o) => o.robust.weights!);
    const detail = noisy
      .map(
        (o) =>
          `${o.ratio.label}: clean ${fixed(o.robust.weights!.clean, 3)}, noise ${fixed(o.robust.weights!.noise, 3)}, AUC ${fixed(o.robust.weights!.auc, 4)}`,
      )
      .join('; ');
    out.push(
      claim({
        id: 'weights-clean',
        text: `the chosen robust VAE keeps the clean training objects: mean weight sigmoid(log w − log α) ≥ 0.9 at every noisy ratio (${labels(noisy)}; smallest)`,
        reference: null,
        ours: Math.min(...weights.map((w) => w.clean)),
        test: { op: '>=', bound: 0.9 },
        detail,
      }),
      claim({
        id: 'weights-noise',
        text: `the chosen robust VAE ignores the noise objects: mean weight ≤ 0.1 at every noisy ratio (${labels(noisy)}; largest)`,
        reference: null,
        ours: Math.max(...weights.map((w) => w.noise!)),
        test: { op: '<=', bound: 0.1 },
        detail,
      }),
      claim({
        id: 'weight-auc',
        text: `the learned weight separates clean from noise training objects: AUC ≥ 0.99 at every noisy ratio (${labels(noisy)}; smallest)`,
        reference: null,
        ours: Math.min(...weights.map((w) => w.auc!)),
        test: { op: '>=', bound: 0.99 },
        detail,
      }),
    );
  }
  const samples = `noise-like prior samples, VAE / robust VAE: ${byNoise.map((o) => `${o.ratio.label} ${percent(o.vae.noiseLikeSamples)} / ${percent(o.robust.noiseLikeSamples)}`).join('; ')}`;
  if (byNoise.length > 0) {
    out.push(
      claim({
        id: 'samples-robust',
        text: `every chosen robust VAE draws digits: ≤ 5 % of its prior samples noise-like (${labels(byNoise)}; largest)`,
        reference: null,
        ours: 100 * Math.max(...byNoise.map((o) => o.robust.noiseLikeSamples)),
        unit: '%',
        test: { op: '<=', bound: 5 },
        detail: samples,
      }),
    );
  }
  const noisiest = noisy[noisy.length - 1];
  if (noisiest !== undefined) {
    out.push(
      claim({
        id: 'samples-vae',
        text: `the VAE trained with the most noise (${noisiest.ratio.label}) draws speckle noise: > 5 % of its prior samples noise-like`,
        reference: null,
        ours: 100 * noisiest.vae.noiseLikeSamples,
        unit: '%',
        test: { op: '>', bound: 5 },
        detail: samples,
      }),
    );
  }
  return out;
}

/** Sanity claims: every model learned, and the importance-sampled log-likelihood bounds the ELBO. */
export function sanityClaims(results: readonly ModelResult[]): Claim[] {
  const lowest = Math.min(...results.map((r) => r.testElbo));
  const margins = results.map((r) => (100 * (r.testLogLikelihood - r.testElbo)) / Math.abs(r.testElbo));
  return [
    claim({
      id: 'sanity.learns',
      text: `every model learns: its clean-test ELBO is above ${fixed(UNIFORM_DECODER)} nats, a decoder of 1/2 everywhere (lowest)`,
      reference: null,
      ours: lowest,
      unit: 'nats',
      test: { op: '>', bound: UNIFORM_DECODER },
      detail: `${results.length} models`,
    }),
    claim({
      id: 'sanity.is-bound',
      text: 'the importance-sampled test log-likelihood bounds the test ELBO from above for every model (smallest (log p(x) − ELBO) / |ELBO|, ≥ −0.1 % for float32 rounding)',
      reference: null,
      ours: Math.min(...margins),
      unit: '%',
      test: { op: '>=', bound: -0.1 },
      detail: `${results.length} models`,
    }),
  ];
}

/** The printed "claim | paper | ours | holds" table, one row per claim. */
export function claimTable(claims: readonly Claim[]) {
  return claims.map((c) =>
    claimRow(c, c.id.startsWith('sanity.') ? '–' : paperClaim(c.id as PaperClaimId).paper, COMMAND),
  );
}
