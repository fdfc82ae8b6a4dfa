import { type Claim, claim, claimRow, type Reference } from '@proj/repro';
import type { Strategy } from './config.js';
import { type PaperClaimId, paperClaim } from './paper.js';
import type { Outcome, SweepPoint } from './results.js';

const COMMAND = 'pnpm repro perforated-mnist';
/** The network and layer the notes' claims name (research notes §3.5). */
const NETWORK = 'lenet';
const LAYER = 'conv2';
/** The notes' ranking of the masks by error increase at equal theoretical speedup, best first. */
const RANKING: readonly Strategy[] = ['impact', 'pooling', 'grid', 'uniform'];

const fixed = (v: number, digits = 2) => v.toFixed(digits);
/** A change with its sign: +0.40, −1.20. */
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const points = (outcome: Outcome) => outcome.sweeps.flatMap((s) => s.points);
const keepText = (keep: Readonly<Record<string, number>>) =>
  Object.entries(keep)
    .map(([layer, k]) => `${layer} ${fixed(k, 3)}`)
    .join(', ');

/** Mean error increase (points) per strategy over the (network, layer) curves that have every strategy of `order`. */
export function rankingMeans(outcome: Outcome, order: readonly string[]): { means: number[]; curves: number } {
  const curves = new Map<string, SweepPoint[][]>();
  for (const sweep of outcome.sweeps) {
    const key = `${sweep.network} ${sweep.layer}`;
    curves.set(key, [...(curves.get(key) ?? []), [...sweep.points]]);
  }
  const complete = [...curves.values()].filter((cs) => order.every((s) => cs.some((c) => c[0]?.strategy === s)));
  const means = order.map((s) =>
    mean(
      complete.flatMap((cs) => cs.filter((c) => c[0]?.strategy === s).flatMap((c) => c.map((p) => p.errorIncrease))),
    ),
  );
  return { means, curves: complete.length };
}

/** The paper's reference number for a claim: the first of its numbers the paper states (not recalled), if any. */
function reference(id: PaperClaimId): Reference | null {
  const stated = paperClaim(id).numbers?.find((n) => n.provenance === 'paper');
  if (stated === undefined) return null;
  const value = typeof stated.value === 'number' ? stated.value : stated.value[0];
  const range = typeof stated.value === 'number' ? '' : ` (lower end of ${stated.value.join('-')}${stated.unit})`;
  return { kind: 'paper', value, source: `${stated.source}${range}` };
}

/**
 * The paper's claims (src/paper.ts) with the research notes' thresholds, each where the run has what it needs
 * (the `lenet` network, its `conv2` curves, fine-tuned points, a greedy point). O(points).
 */
export function paperClaims(outcome: Outcome): Claim[] {
  const out: Claim[] = [];
  const base = outcome.bases.find((b) => b.network === NETWORK);
  if (base !== undefined) {
    const epochs = base.epochs.length;
    out.push(
      claim({
        id: 'base-accuracy',
        text: `the base ${NETWORK} network (${epochs} epoch${epochs === 1 ? '' : 's'} of Adam) reaches a test accuracy ≥ 98.5 %`,
        reference: null,
        ours: 100 - 100 * base.testError,
        unit: '%',
        test: { op: '>=', bound: 98.5 },
        detail: `test error ${fixed(100 * base.testError)} %`,
      }),
    );
  }
  const { means, curves } = rankingMeans(outcome, RANKING);
  if (curves > 0) {
    const excess = means.slice(0, -1).map((m, i) => m - means[i + 1]!);
    const iterative = points(outcome).filter((p) => p.strategy === 'iterativeImpact');
    out.push(
      claim({
        id: 'ranking',
        text:
          `at equal theoretical speedup the masks rank ${RANKING.join(' ≤ ')} by mean error increase (largest ` +
          `excess of a mask's mean over the next one's, ≤ 0 points)`,
        reference: null,
        ours: Math.max(...excess),
        unit: 'points',
        test: { op: '<=', bound: 0 },
        detail:
          `mean error increase ${RANKING.map((s, i) => `${s} ${fixed(means[i]!)}`).join(', ')} points over ${curves} ` +
          `layers followed by pooling × the keep fractions` +
          (iterative.length > 0 ? `; iterative impact ${fixed(mean(iterative.map((p) => p.errorIncrease)))}` : ''),
      }),
    );
  }
  const atTwo = points(outcome).find(
    (p) => p.network === NETWORK && p.layer === LAYER && p.strategy === 'impact' && p.keepFraction === 0.5,
  );
  if (atTwo !== undefined) {
    out.push(
      claim({
        id: 'impact-at-2x',
        text: `${NETWORK} ${LAYER} perforated alone at keep 1/2 (2× theoretical) with the impact mask raises the test error by ≤ 1 point before fine-tuning`,
        reference: null,
        ours: atTwo.errorIncrease,
        unit: 'points',
        test: { op: '<=', bound: 1 },
        detail: `test error ${fixed(100 * atTwo.testError)} %, theoretical ${fixed(atTwo.theoreticalSpeedup)}×, measured ${fixed(atTwo.measuredSpeedup)}×`,
      }),
    );
  }
  const tuned = outcome.fineTuned.find((r) => r.network === NETWORK);
  if (tuned !== undefined) {
    const detail =
      `keep ${keepText(tuned.keepFractions) || 'none (no step qualified)'}: conv layers measured ${fixed(tuned.measuredConvSpeedup)}× ` +
      `(theoretical ${fixed(tuned.theoreticalConvSpeedup)}×), network measured ${fixed(tuned.measuredNetworkSpeedup)}× ` +
      `(theoretical ${fixed(tuned.theoreticalNetworkSpeedup)}×); test error ${signed(tuned.increaseBefore)} points before, ` +
      `${signed(tuned.increaseAfter)} after fine-tuning (against the unperforated network trained on as long)`;
    out.push(
      claim({
        id: 'greedy-speedup',
        text: `the greedy whole-network perforation of ${NETWORK} speeds its conv layers up ≥ 1.5× in measured time`,
        reference: reference('greedy-speedup'),
        ours: tuned.measuredConvSpeedup,
        unit: 'x',
        test: { op: '>=', bound: 1.5 },
        detail,
      }),
      claim({
        id: 'greedy-error',
        text: `the greedy point of ${NETWORK}, fine-tuned, has a test error ≤ 1 point above the unperforated network trained on as long`,
        reference: null,
        ours: tuned.increaseAfter,
        unit: 'points',
        test: { op: '<=', bound: 1 },
        detail,
      }),
    );
  }
  const all = points(outcome);
  if (all.length > 0) {
    const below = all.filter((p) => p.measuredSpeedup < p.theoreticalSpeedup).length;
    const measured = all.map((p) => p.measuredSpeedup);
    const gap = (p: SweepPoint) => p.theoreticalSpeedup - p.measuredSpeedup;
    const multi = outcome.sweeps.filter((s) => s.points.length >= 2);
    const growing = multi.filter((s) => {
      const sorted = [...s.points].sort((a, b) => a.realizedKeep - b.realizedKeep);
      return gap(sorted[0]!) > gap(sorted[sorted.length - 1]!);
    }).length;
    out.push(
      claim({
        id: 'measured-below-theoretical',
        text: 'a perforated layer’s measured speedup is below its theoretical one at every point of the curves (share of points)',
        reference: null,
        ours: (100 * below) / all.length,
        unit: '%',
        test: { op: '>=', bound: 100 },
        detail: `below at ${below} of ${all.length} points (measured layer speedups ${fixed(Math.min(...measured))}-${fixed(Math.max(...measured))}×)`,
      }),
    );
    if (multi.length > 0) {
      out.push(
        claim({
          id: 'measured-gap-grows',
          text: 'the gap theoretical − measured layer speedup is larger at the smallest keep fraction than at the largest on every curve (share of curves)',
          reference: null,
          ours: (100 * growing) / multi.length,
          unit: '%',
          test: { op: '>=', bound: 100 },
          detail: `on ${growing} of ${multi.length} curves with two or more keep fractions`,
        }),
      );
    }
  }
  const fineTuned = all.filter((p) => p.fineTunedIncrease !== null);
  if (fineTuned.length > 0) {
    const before = mean(fineTuned.map((p) => p.errorIncrease));
    const after = mean(fineTuned.map((p) => p.fineTunedIncrease!));
    out.push(
      claim({
        id: 'fine-tuning',
        text: 'fine-tuning through the perforated layer cuts the mean error increase of the fine-tuned points to ≤ half (after / before)',
        reference: null,
        // No increase before fine-tuning: nothing to recover, the claim cannot be confirmed (NaN never holds).
        ours: before > 0 ? after / before : Number.NaN,
        unit: 'x',
        test: { op: '<=', bound: 0.5 },
        detail:
          `mean error increase ${fixed(before)} points before, ${fixed(after)} after fine-tuning (against the ` +
          `unperforated network trained on as long; ${fineTuned.length} points)`,
      }),
    );
  }
  return out;
}

/** Sanity claims: every network learned and every timing is a positive finite ratio. */
export function sanityClaims(outcome: Outcome): Claim[] {
  const measured = [
    ...points(outcome).flatMap((p) => [p.measuredSpeedup, p.measuredNetworkSpeedup]),
    ...outcome.greedy.flatMap((g) => g.steps.flatMap((s) => [s.measuredConvSpeedup, s.measuredNetworkSpeedup])),
  ];
  const out: Claim[] = [];
  if (outcome.bases.length > 0) {
    out.push(
      claim({
        id: 'sanity.learns',
        text: 'every base network learns: test error below 50 % (largest)',
        reference: null,
        ours: Math.max(...outcome.bases.map((b) => 100 * b.testError)),
        unit: '%',
        test: { op: '<', bound: 50 },
        detail: outcome.bases.map((b) => `${b.network} ${fixed(100 * b.testError)} %`).join(', '),
      }),
    );
  }
  if (measured.length > 0) {
    out.push(
      claim({
        id: 'sanity.timings',
        text: 'every measured speedup is a positive finite ratio (smallest; NaN or ∞ fails)',
        reference: null,
        ours: measured.every(Number.isFinite) ? Math.min(...measured) : Number.NaN,
        unit: 'x',
        test: { op: '>', bound: 0 },
        detail: `${measured.length} measured speedups`,
      }),
    );
  }
  return out;
}

/** The printed "claim | paper | ours | holds" table, one row per claim. */
export function claimTable(claims: readonly Claim[]) {
  return claims.map((c) =>
    claimRow(c, c.id.startsWith('sanity.') ? '–' : paperClaim(c.id as PaperClaimId).paper, COMMAND),
  );
}
