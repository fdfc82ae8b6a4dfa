import { type Claim, claim } from '@proj/repro';

/** What a claim reads of one method's training run: its held-out perplexity per evaluation, its topic match. */
export interface MethodCurve {
  readonly label: string;
  readonly estimator: 'implicit' | 'scoreFunction';
  /** Evaluations in step order: the step and the held-out perplexity there. */
  readonly evaluations: readonly { readonly step: number; readonly perplexity: number }[];
  /** Mean cosine similarity of the true topics to their matched learned topics, at the end. */
  readonly matchedCosine: number;
}

const fixed = (v: number, digits = 1) => v.toFixed(digits);
const last = (m: MethodCurve) => m.evaluations[m.evaluations.length - 1]!;

/**
 * The claims of the paper's Sec. 6 (Figurnov et al. 2018) that a run checks. The paper states them as curves and
 * conclusions, with no number for our synthetic corpus, so every reference is null and each claim compares the
 * two estimators by one number:
 *
 * - `learns`: every method lowers its held-out perplexity (the worst ratio last / first evaluation < 1);
 * - `implicit-lower-perplexity`: implicit's final perplexity / the score function's < 1;
 * - `implicit-trains-faster`: the step at which implicit first reached the score function's final perplexity, as
 *   a fraction of the score function's steps, < 1 (NaN, never holding, when implicit never reached it);
 * - `implicit-better-topics`: implicit's mean matched cosine minus the score function's > 0.
 *
 * The comparisons need both estimators: with one of them missing from the config they are left out.
 */
export function ldaClaims(methods: readonly MethodCurve[]): Claim[] {
  const ratios = methods.map((m) => last(m).perplexity / m.evaluations[0]!.perplexity);
  const out = [
    claim({
      id: 'learns',
      text: 'every method lowers its held-out perplexity from its first evaluation',
      reference: null,
      ours: Math.max(...ratios),
      unit: 'x',
      test: { op: '<', bound: 1 },
      detail: methods
        .map((m) => `${m.label}: ${fixed(m.evaluations[0]!.perplexity)} → ${fixed(last(m).perplexity)}`)
        .join('; '),
    }),
  ];
  const implicit = methods.find((m) => m.estimator === 'implicit');
  const score = methods.find((m) => m.estimator === 'scoreFunction');
  if (implicit === undefined || score === undefined) return out;
  const target = last(score).perplexity;
  const reached = implicit.evaluations.find((e) => e.perplexity <= target)?.step;
  return [
    ...out,
    claim({
      id: 'implicit-lower-perplexity',
      text: 'implicit Dirichlet gradients reach a lower held-out perplexity than the score function (ratio < 1)',
      reference: null,
      ours: last(implicit).perplexity / target,
      unit: 'x',
      test: { op: '<', bound: 1 },
      detail: `final held-out perplexity: implicit ${fixed(last(implicit).perplexity)}, score function ${fixed(target)}`,
    }),
    claim({
      id: 'implicit-trains-faster',
      text: "implicit gradients reach the score function's final perplexity in fewer steps (fraction of its steps < 1)",
      reference: null,
      ours: reached === undefined ? Number.NaN : reached / last(score).step,
      unit: '',
      test: { op: '<', bound: 1 },
      detail:
        reached === undefined
          ? `implicit never reached the score function's final ${fixed(target)}`
          : `implicit reached ${fixed(target)} (score function, step ${last(score).step}) at step ${reached}`,
    }),
    claim({
      id: 'implicit-better-topics',
      text: 'implicit gradients recover the true topics better than the score function (mean matched cosine, difference > 0)',
      reference: null,
      ours: implicit.matchedCosine - score.matchedCosine,
      unit: '',
      test: { op: '>', bound: 0 },
      detail: `mean matched cosine: implicit ${fixed(implicit.matchedCosine, 3)}, score function ${fixed(score.matchedCosine, 3)}`,
    }),
  ];
}
