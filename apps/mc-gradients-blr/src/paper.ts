/**
 * What the survey (Mohamed, Rosca, Figurnov, Mnih, JMLR 2020, case study on Bayesian logistic regression, and
 * its code deepmind/mc_gradients) states about the case study, by claim id. The statements are qualitative: the
 * survey prints no number for them (project research notes §2.3), so no claim of this app has a 'paper'
 * reference value; the statements fill the "paper" column of the printed table.
 */
export const SURVEY: Readonly<Record<string, string>> = {
  'score-function.variance-above-pathwise': 'score function: orders of magnitude higher gradient variance',
  'score-function.elbo-below-pathwise': 'score function: slower ELBO progress',
  'score-function.delta-lowers-variance': 'the delta-method control variate closes much of the gap',
  'pathwise-and-measure-valued.lowest-variance': 'pathwise and coupled measure-valued: the lowest variance',
  'measure-valued.elbo-near-pathwise': 'pathwise and coupled measure-valued: similar ELBO',
  'measure-valued.cost-evaluations': 'measure-valued: 2 cost evaluations per parameter (weak derivative)',
};
