import { type Claim, claim, claimRow } from '@proj/repro';
import { type PaperClaimId, paperStatement } from './paper.js';
import type { EvaluationRecord, MethodResult } from './results.js';

const COMMAND = 'pnpm repro implicit-reparam-vae';
/** Chance level of the 1-NN digit accuracy (10 classes) and the torus claim's bound: twice chance. */
const TORUS_ACCURACY_AT_LEAST = 20;
/** "Competitive": the von Mises VAE's test log-likelihood at most this many nats below the Normal VAE's. */
const COMPETITIVE_NATS = 1;

const fixed = (v: number) => v.toFixed(2);
const first = (r: MethodResult) => r.records[0]!;
const last = (r: MethodResult) => r.records[r.records.length - 1]!;
const find = (results: readonly MethodResult[], latent: string, gradient: string) =>
  results.findIndex((r) => r.config.latent === latent && r.config.gradient === gradient);
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The run's claims: the paper's four (orderings only; the paper's numbers are not available, so no reference)
 * where the run has the methods they compare, then two sanity claims. `accuracy[i]` is the latent 1-NN digit
 * accuracy (fraction) of `results[i]`; `latentDim` the config's d. O(evaluations).
 */
export function vaeClaims(results: readonly MethodResult[], accuracy: readonly number[], latentDim: number): Claim[] {
  const out: Claim[] = [];
  const torus = find(results, 'vonMises', 'implicit');
  const [normal, implicit, score] = [
    find(results, 'normal', 'reparameterized'),
    torus,
    find(results, 'vonMises', 'scoreFunction'),
  ].map((i) => (i < 0 ? undefined : results[i]));
  if (normal && implicit) {
    const [vm, n] = [last(implicit), last(normal)];
    out.push(
      claim({
        id: 'von-mises-vs-normal',
        text:
          `von Mises latents (uniform prior on the torus) are competitive with Normal latents at d = ${latentDim}: ` +
          `test log p(x), von Mises (implicit) − Normal, ≥ −${COMPETITIVE_NATS} nat`,
        reference: null,
        ours: vm.testLogLikelihood - n.testLogLikelihood,
        unit: 'nats',
        test: { op: '>=', bound: -COMPETITIVE_NATS },
        detail: `log p(x) ${fixed(vm.testLogLikelihood)} vs ${fixed(n.testLogLikelihood)}; ELBO ${fixed(vm.testElbo)} vs ${fixed(n.testElbo)}`,
      }),
    );
  }
  const evaluations = results.filter((r) => r.config.latent === 'vonMises').flatMap((r) => r.records);
  if (evaluations.length > 0) {
    const ratios = evaluations.map((x) => varianceRatio(x));
    out.push(
      claim({
        id: 'implicit-variance',
        text:
          'the implicit gradient of the von Mises concentration has lower variance than the score function: ' +
          'median over evaluations of Var(score function) / Var(implicit) > 1 (same parameters, same batch)',
        reference: null,
        ours: median(ratios),
        unit: 'x',
        test: { op: '>', bound: 1 },
        detail: `lower at ${ratios.filter((r) => r > 1).length} of ${ratios.length} evaluations; ratios ${ratios.map((r) => r.toPrecision(3)).join(', ')}`,
      }),
    );
  }
  if (implicit && score) {
    out.push(
      claim({
        id: 'implicit-elbo',
        text: 'the von Mises VAE trained with implicit gradients reaches a higher test ELBO than with the score function',
        reference: null,
        ours: last(implicit).testElbo - last(score).testElbo,
        unit: 'nats',
        test: { op: '>', bound: 0 },
        detail: `test ELBO ${fixed(last(implicit).testElbo)} (implicit) vs ${fixed(last(score).testElbo)} (score function)`,
      }),
    );
  }
  if (torus >= 0) {
    out.push(
      claim({
        id: 'torus-classes',
        text:
          `digit classes form regions on the learned latent torus: leave-one-out 1-NN digit accuracy of the test ` +
          `posterior mean directions (implicit) ≥ ${TORUS_ACCURACY_AT_LEAST} % (twice chance)`,
        reference: null,
        ours: 100 * accuracy[torus]!,
        unit: '%',
        test: { op: '>=', bound: TORUS_ACCURACY_AT_LEAST },
        detail: results.map((r, i) => `${r.config.label} ${(100 * accuracy[i]!).toFixed(1)} %`).join(', '),
      }),
    );
  }
  if (results.length > 0) {
    const rises = results.map((r) => last(r).testElbo - first(r).testElbo);
    const margins = results.flatMap((r) => r.records.map(boundMargin));
    out.push(
      claim({
        id: 'sanity.trains',
        text: 'every VAE trains: the test ELBO after training exceeds the one at initialization (smallest rise)',
        reference: null,
        ours: Math.min(...rises),
        unit: 'nats',
        test: { op: '>', bound: 0 },
        detail: results
          .map((r) => `${r.config.label} ${fixed(first(r).testElbo)} → ${fixed(last(r).testElbo)}`)
          .join('; '),
      }),
      claim({
        id: 'sanity.is-bound',
        text:
          'the importance-sampled log-likelihood bounds the ELBO from above at every evaluation (smallest ' +
          '(log p(x) − ELBO) / |ELBO|, ≥ −0.1 % for float32 rounding)',
        reference: null,
        ours: Math.min(...margins),
        unit: '%',
        test: { op: '>=', bound: -0.1 },
        detail: `${margins.length} evaluations`,
      }),
    );
  }
  return out;
}

/** Var(score function) / Var(implicit) of the spread-bias gradient at one von Mises evaluation. */
function varianceRatio(x: EvaluationRecord): number {
  return x.gradientVariance.scoreFunction! / x.gradientVariance.implicit!;
}

/** (log p(x) − ELBO) / |ELBO| in percent: ≥ 0 up to rounding. */
function boundMargin(x: EvaluationRecord): number {
  return (100 * (x.testLogLikelihood - x.testElbo)) / Math.abs(x.testElbo);
}

/** The printed "claim | paper | ours | holds" table, one row per claim (the paper's words where it has a claim). */
export function claimTable(claims: readonly Claim[]) {
  return claims.map((c) =>
    claimRow(c, c.id.startsWith('sanity.') ? '–' : paperStatement(c.id as PaperClaimId), COMMAND),
  );
}
