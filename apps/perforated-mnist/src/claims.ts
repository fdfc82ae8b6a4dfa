import type { Check } from '@proj/repro';
import { type PaperClaim, paperClaim } from './paper.js';
import type { Outcome, SweepPoint } from './results.js';

const COMMAND = 'pnpm repro perforated-mnist';

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

/** Whether our numbers meet `claim`'s threshold, and what they are; undefined when the run lacks what it needs. */
function assess(claim: PaperClaim, outcome: Outcome): { pass: boolean; ours: string } | undefined {
  const t = claim.threshold;
  switch (t.kind) {
    case 'baseError': {
      const base = outcome.bases.find((b) => b.network === t.network);
      if (base === undefined) return undefined;
      return {
        pass: base.testError <= t.atMost,
        ours: `${t.network}: test error ${fixed(100 * base.testError)} % (accuracy ${fixed(100 - 100 * base.testError)} %)`,
      };
    }
    case 'ranking': {
      const { means, curves } = rankingMeans(outcome, t.order);
      if (curves === 0) return undefined;
      const pass = means.every((m, i) => i === 0 || means[i - 1]! <= m);
      const iterative = points(outcome).filter((p) => p.strategy === 'iterativeImpact');
      const extra =
        iterative.length > 0 ? `; iterative impact ${fixed(mean(iterative.map((p) => p.errorIncrease)))}` : '';
      return {
        pass,
        ours:
          `mean error increase ${t.order.map((s, i) => `${s} ${fixed(means[i]!)}`).join(', ')} points ` +
          `(${curves} layers followed by pooling × the keep fractions)${extra}`,
      };
    }
    case 'errorAt': {
      const p = points(outcome).find(
        (q) => q.network === t.network && q.layer === t.layer && q.strategy === t.strategy && q.keepFraction === t.keep,
      );
      if (p === undefined) return undefined;
      return {
        pass: p.errorIncrease <= t.atMost,
        ours: `${fixed(p.errorIncrease)} points (test error ${fixed(100 * p.testError)} %, theoretical ${fixed(p.theoreticalSpeedup)}×, measured ${fixed(p.measuredSpeedup)}×)`,
      };
    }
    case 'greedy': {
      const f = outcome.fineTuned.find((r) => r.network === t.network);
      if (f === undefined) return undefined;
      return {
        pass: f.measuredConvSpeedup >= t.speedupAtLeast && f.increaseAfter <= t.increaseAtMost,
        ours:
          `keep ${keepText(f.keepFractions) || 'none (no step qualified)'}: conv layers measured ${fixed(f.measuredConvSpeedup)}× ` +
          `(theoretical ${fixed(f.theoreticalConvSpeedup)}×), network measured ${fixed(f.measuredNetworkSpeedup)}× ` +
          `(theoretical ${fixed(f.theoreticalNetworkSpeedup)}×); test error ${signed(f.increaseBefore)} points before, ` +
          `${signed(f.increaseAfter)} after fine-tuning (against the unperforated network trained on as long)`,
      };
    }
    case 'measuredBelowTheoretical': {
      const all = points(outcome);
      if (all.length === 0) return undefined;
      const below = all.filter((p) => p.measuredSpeedup < p.theoreticalSpeedup).length;
      const gap = (p: SweepPoint) => p.theoreticalSpeedup - p.measuredSpeedup;
      const growing = outcome.sweeps.filter((s) => {
        const sorted = [...s.points].sort((a, b) => a.realizedKeep - b.realizedKeep);
        return sorted.length < 2 || gap(sorted[0]!) > gap(sorted[sorted.length - 1]!);
      }).length;
      const measured = all.map((p) => p.measuredSpeedup);
      return {
        pass: below === all.length && growing === outcome.sweeps.length,
        ours:
          `measured below theoretical at ${below} of ${all.length} points (measured layer speedups ` +
          `${fixed(Math.min(...measured))}-${fixed(Math.max(...measured))}×); the gap grows towards small keep ` +
          `fractions on ${growing} of ${outcome.sweeps.length} curves`,
      };
    }
    case 'fineTuning': {
      const tuned = points(outcome).filter((p) => p.fineTunedIncrease !== null);
      if (tuned.length === 0) return undefined;
      const before = mean(tuned.map((p) => p.errorIncrease));
      const after = mean(tuned.map((p) => p.fineTunedIncrease!));
      return {
        pass: after <= t.fraction * Math.max(before, 0),
        ours:
          `mean error increase ${fixed(before)} points before, ${fixed(after)} after fine-tuning (against the ` +
          `unperforated network trained on as long; ${tuned.length} points)`,
      };
    }
  }
}

const PAPER_IDS: readonly PaperClaim['id'][] = [
  'baseAccuracy',
  'ranking',
  'impactAt2x',
  'greedy',
  'measuredBelowTheoretical',
  'fineTuning',
];

/** The paper's claims (src/paper.ts) next to ours: the "paper | ours | command" table. */
export function claims(outcome: Outcome) {
  return PAPER_IDS.flatMap((id) => {
    const claim = paperClaim(id);
    const result = assess(claim, outcome);
    return result === undefined
      ? []
      : [{ claim: claim.claim, paper: claim.paper, ours: result.ours, command: COMMAND }];
  });
}

/** A readable statement of a claim's threshold. */
function thresholdText(claim: PaperClaim): string {
  const t = claim.threshold;
  switch (t.kind) {
    case 'baseError':
      return `${t.network} test error ≤ ${100 * t.atMost} %`;
    case 'ranking':
      return `mean error increase ${t.order.join(' ≤ ')}`;
    case 'errorAt':
      return `${t.network} ${t.layer}, ${t.strategy} mask at keep ${t.keep}: error increase ≤ ${t.atMost} point`;
    case 'greedy':
      return `${t.network} greedy point after fine-tuning: measured conv speedup ≥ ${t.speedupAtLeast}× at ≤ ${t.increaseAtMost} point error increase`;
    case 'measuredBelowTheoretical':
      return 'measured < theoretical layer speedup everywhere, the gap larger at the smallest keep fraction';
    case 'fineTuning':
      return `fine-tuning cuts the mean error increase to ≤ ${t.fraction} of it`;
  }
}

/** The paper's claims as checks, with the research notes' thresholds (they may fail: reported, not hidden). */
export function claimChecks(outcome: Outcome): Check[] {
  return PAPER_IDS.flatMap((id) => {
    const claim = paperClaim(id);
    const result = assess(claim, outcome);
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

/** Checks that every network learned and every timing is a positive finite ratio. */
export function sanityChecks(outcome: Outcome): Check[] {
  const measured = [
    ...points(outcome).flatMap((p) => [p.measuredSpeedup, p.measuredNetworkSpeedup]),
    ...outcome.greedy.flatMap((g) => g.steps.flatMap((s) => [s.measuredConvSpeedup, s.measuredNetworkSpeedup])),
  ];
  return [
    {
      name: 'every base network learns: test error below 50 %',
      pass: outcome.bases.every((b) => b.testError < 0.5),
      detail: outcome.bases.map((b) => `${b.network} ${fixed(100 * b.testError)} %`).join(', '),
    },
    {
      name: 'every measured speedup is a positive finite ratio',
      pass: measured.every((s) => Number.isFinite(s) && s > 0),
      detail: `${measured.length} measured speedups`,
    },
  ];
}
